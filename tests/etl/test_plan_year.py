"""The steering group's year: approval locks a plan year's evaluations against every write.

A file load (``--replace`` too), an edit made on the page and a load that runs at the
same time as the approval are all refused with ``period-locked``; an admin's reopening
(with a reason) lets them through again; every step is kept in the history.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import plan_year
from etl import schema as s
from etl.database import make_engine, serialise_writers
from etl.evaluation_edit import CONFLICT_RULE, EvaluationEdit, save_evaluation
from etl.load import load_files
from tests.conftest import table_snapshot

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
DRIVER = Path(__file__).with_name("load_driver.py")
PLAN = "celadna-kp1"
HEADER = "Plán;Kód;Rok;Stav;Plnění procent;Skutečné náklady;Komentář;Veřejné\n"


def _evaluations(folder: Path, *rows: str, name: str = "plneni_opatreni.csv") -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def _loaded(engine: sa.Engine) -> None:
    assert load_files(engine, [GOOD]).ok  # celadna-kp1, measure 1.1 evaluated for 2020


def _evaluation(engine: sa.Engine, year: int = 2020) -> sa.RowMapping:
    e = s.measure_evaluation
    with engine.connect() as conn:
        return conn.execute(sa.select(e).where(e.c.year == year)).mappings().one()


def test_py001_an_approved_year_rejects_a_load_naming_plan_year_user_and_time(
        engine: sa.Engine, tmp_path: Path) -> None:
    _loaded(engine)
    state = plan_year.approve(engine, PLAN, 2020, "jana")
    assert state.approved and state.last.user == "jana"
    before = table_snapshot(engine)
    # a row of the approved year rejects the whole load, the draft year's row included
    path = _evaluations(tmp_path, f"{PLAN};1.1;2020;splněno;100 %;;Hotovo;ano",
                        f"{PLAN};1.1;2021;nezahájeno;;;;ano")
    result = load_files(engine, [path])
    assert not result.ok
    locked = [p for p in result.errors if p.rule == plan_year.LOCKED_RULE]
    assert len(locked) == 1 and locked[0].row == 2 and locked[0].column == "rok"
    when = plan_year.local_time(state.last.at)
    for text in (locked[0].message_cs, locked[0].message_en):
        assert PLAN in text and "2020" in text and "jana" in text and when in text
    assert table_snapshot(engine) == before


def test_py002_replace_is_rejected_when_it_would_touch_an_approved_year(
        engine: sa.Engine, tmp_path: Path) -> None:
    _loaded(engine)
    plan_year.approve(engine, PLAN, 2020, "jana")
    before = table_snapshot(engine)
    # the plan and its measure without the 2020 evaluation: a replace would delete it
    folder = tmp_path / "without"
    folder.mkdir()
    for name in ("komunitni_plany.csv", "opatreni.csv", "cilove_skupiny.csv", "projekty.csv"):
        (folder / name).write_bytes((GOOD / name).read_bytes())
    result = load_files(engine, [folder], replace=True)
    assert [p.rule for p in result.errors] == [plan_year.LOCKED_RULE]
    assert "--replace" in result.errors[0].message_en and "jana" in result.errors[0].message_cs
    # the same evaluation again with --replace: a row of the year, rejected as well
    same = _evaluations(tmp_path, f"{PLAN};1.1;2020;částečně splněno;70 %;65 432,10 Kč;"
                                  f"Služba rozšířena o víkendy;ano")
    result = load_files(engine, [GOOD / "komunitni_plany.csv", GOOD / "opatreni.csv", same],
                        replace=True)
    assert plan_year.LOCKED_RULE in {p.rule for p in result.errors}
    assert table_snapshot(engine) == before
    # an unlocked replace of the same plan still works
    plan_year.reopen(engine, PLAN, 2020, "admin", "oprava nákladů")
    assert load_files(engine, [folder], replace=True).ok


def test_py003_reopen_needs_a_reason_and_lets_loads_through_with_the_history_kept(
        engine: sa.Engine, tmp_path: Path) -> None:
    _loaded(engine)
    with pytest.raises(plan_year.PlanYearError):
        plan_year.reopen(engine, PLAN, 2020, "admin", "důvod")  # not approved: nothing to reopen
    plan_year.approve(engine, PLAN, 2020, "jana")
    with pytest.raises(plan_year.PlanYearError):
        plan_year.approve(engine, PLAN, 2020, "petr")  # approved already
    with pytest.raises(plan_year.PlanYearError):
        plan_year.reopen(engine, PLAN, 2020, "admin", "   ")
    with pytest.raises(plan_year.PlanYearError):
        plan_year.approve(engine, PLAN, 2019, "jana")  # no evaluation of 2019
    with pytest.raises(plan_year.PlanYearError):
        plan_year.approve(engine, "neni-takovy", 2020, "jana")
    state = plan_year.reopen(engine, PLAN, 2020, "admin", "chybí náklady")
    assert not state.approved
    path = _evaluations(tmp_path, f"{PLAN};1.1;2020;splněno;100 %;;Hotovo;ano")
    assert load_files(engine, [path]).ok
    plan_year.approve(engine, PLAN, 2020, "jana")
    with engine.connect() as conn:
        events = plan_year.history(conn, PLAN)
        states = plan_year.year_states(conn, PLAN)
        assert set(plan_year.locked_years(conn)) == {(PLAN, 2020)}
    assert [(e.action, e.user, e.reason) for e in events] == [
        ("approve", "jana", None), ("reopen", "admin", "chybí náklady"), ("approve", "jana", None)]
    assert states[2020].approved and states[2020].last.user == "jana"


def _edit(version: int, status: str = "splněno", comment: str = "Upraveno",
          internal: str | None = None) -> EvaluationEdit:
    return EvaluationEdit(plan=PLAN, code="1.1", year=2020, status=status, percent="100",
                          actual_cost="70 000", comment=comment, internal_comment=internal,
                          public=True, version=version)


def test_py004_an_edit_is_a_load_run_with_before_and_after_and_a_stale_one_is_refused(
        engine: sa.Engine) -> None:
    _loaded(engine)
    version = _evaluation(engine)["row_version"]
    first = save_evaluation(engine, _edit(version), "eva", sees_internal=True)
    assert first.ok and first.total("updated") == 1
    stored = _evaluation(engine)
    assert stored["row_version"] == version + 1 and stored["status_code"] != "partly"
    assert str(stored["actual_cost"]) == "70000.00" and stored["load_run_id"] == first.run_id
    with engine.connect() as conn:
        run = conn.execute(sa.select(s.load_run).where(s.load_run.c.id == first.run_id)).mappings().one()
        changes = conn.execute(sa.select(s.measure_evaluation_change).where(
            s.measure_evaluation_change.c.load_run_id == first.run_id)).mappings().all()
    assert (run["user_name"], run["status"], run["dataset"]) == ("eva", "loaded", "page")
    by_field = {c["field"]: (c["before"], c["after"]) for c in changes}
    assert by_field["actual_cost"] == ("65432.10", "70000.00")
    assert by_field["comment"] == ("Služba rozšířena o víkendy", "Upraveno")
    assert by_field["percent_fulfilled"][1] == "100"
    # a second session saves from the version it loaded: refused, naming who changed it
    before = table_snapshot(engine)
    second = save_evaluation(engine, _edit(version, comment="Moje verze"), "karel",
                             sees_internal=True)
    assert [p.rule for p in second.errors] == [CONFLICT_RULE]
    assert "eva" in second.errors[0].message_cs and "eva" in second.errors[0].message_en
    assert table_snapshot(engine) == before
    # the rules of a file hold for the page: a percentage over 100 and an unknown status
    bad = save_evaluation(engine, EvaluationEdit(PLAN, "1.1", 2020, "hotovo", "120", None, None,
                                                 None, True, version + 1), "eva", sees_internal=True)
    assert {p.rule for p in bad.errors} == {"percent-range", "unknown-stav"}
    assert table_snapshot(engine) == before


def test_py005_an_edit_of_an_approved_year_is_refused(engine: sa.Engine) -> None:
    _loaded(engine)
    plan_year.approve(engine, PLAN, 2020, "jana")
    result = save_evaluation(engine, _edit(_evaluation(engine)["row_version"]), "eva",
                             sees_internal=True)
    assert [p.rule for p in result.errors] == [plan_year.LOCKED_RULE]
    assert "jana" in result.errors[0].message_cs


def test_py006_an_edit_racing_an_approval_waits_and_is_then_refused(
        engine: sa.Engine, db_url: str) -> None:
    _loaded(engine)
    version = _evaluation(engine)["row_version"]
    editor = make_engine(db_url, writer=True)  # the page's own connections
    outcome = {}

    def edit() -> None:
        outcome["result"] = save_evaluation(editor, _edit(version), "eva", sees_internal=True)

    with engine.begin() as conn:  # the approval's transaction, holding the writers' lock
        serialise_writers(conn)
        plan_id = conn.scalar(sa.select(s.community_plan.c.id).where(s.community_plan.c.key == PLAN))
        conn.execute(s.plan_year_event.insert().values(
            plan_id=plan_id, year=2020, action=plan_year.APPROVE, user_name="jana",
            at=dt.datetime(2026, 12, 7, 2, 30, tzinfo=dt.UTC)))
        racing = threading.Thread(target=edit)
        racing.start()
        time.sleep(0.5)  # the edit reaches the lock and waits (the outcome is the same if not)
        assert "result" not in outcome  # it cannot have passed the lock
    racing.join(timeout=60)
    editor.dispose()
    result = outcome["result"]
    assert [p.rule for p in result.errors] == [plan_year.LOCKED_RULE]
    assert _evaluation(engine)["row_version"] == version


def _driver(url: str, path: Path, pause: float = 0.0) -> subprocess.Popen:
    args = [sys.executable, str(DRIVER), url, str(path)] + (["--pause", str(pause)] if pause else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])


def test_py007_an_approval_waits_for_a_running_load_and_locks_out_the_next(
        engine: sa.Engine, db_url: str, tmp_path: Path) -> None:
    _loaded(engine)
    # a workbook-free folder: the evaluation and enough achieved values for the load to pause
    folder = tmp_path / "slow"
    folder.mkdir()
    _evaluations(folder, f"{PLAN};1.1;2020;splněno;100 %;;Dokončeno;ano")
    project = "CZ.03.2.63/0.0/0.0/16_063/0007001"
    lines = ["registracni_cislo;kod_indikatoru;datum;dosazena_hodnota"] + [
        f"{project};60000;{1 + day % 28}.{1 + day // 28 % 12}.{2019 + day // 336};{day}"
        for day in range(3000)]
    (folder / "plneni_indikatoru.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    first = _driver(db_url, folder, pause=0.5)
    assert first.stdout.readline().strip() == "WRITING"  # half-way, holding the writers' lock
    approval = {}
    approving = threading.Thread(target=lambda: approval.update(
        state=plan_year.approve(engine, PLAN, 2020, "jana")))
    approving.start()
    out_first, _ = first.communicate(timeout=120)
    approving.join(timeout=120)
    assert first.returncode == 0, out_first
    assert approval["state"].approved
    assert _evaluation(engine)["comment"] == "Dokončeno"  # the first load was before the lock
    # two loads of the locked year at once: both rejected, nothing written
    second, third = _driver(db_url, folder), _driver(db_url, folder)
    outs = [json.loads(p.communicate(timeout=120)[0].strip().splitlines()[-1])
            for p in (second, third)]
    assert [o["status"] for o in outs] == ["rejected", "rejected"]
    assert all(any("[period-locked]" in e for e in o["errors"]) for o in outs)
