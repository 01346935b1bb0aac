"""The plan page's recording of evaluations, without the browser: what the form shows to each
role, what a save says, and what the history holds for whom."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from dashboard import plan_edit
from dashboard.db import Database
from etl import plan_year
from etl.load import load_files

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
PLAN = "celadna-kp1"
SECRET = "Tajná poznámka řídící skupiny"
UNPUBLISHED = "Neveřejný komentář 2021"
EVALUATIONS = (
    "plan;kod;rok;stav;plneni_procent;skutecne_naklady;komentar;interni_komentar;verejne\n"
    f"{PLAN};1.1;2020;částečně splněno;70 %;65 432,10;Služba rozšířena;{SECRET};ano\n"
    f"{PLAN};1.1;2021;nesplněno;10 %;;{UNPUBLISHED};;ne\n")


def _db(engine: sa.Engine) -> Database:
    assert load_files(engine, [GOOD]).ok
    assert load_files(engine, blobs=[("plneni_opatreni.csv", EVALUATIONS.encode())]).ok
    return Database(engine)


def test_ped001_the_form_shows_each_role_what_it_may_read(engine: sa.Engine) -> None:
    db = _db(engine)
    steering = plan_edit.form_values(db, PLAN, "1.1", 2020, internal=True)
    editor = plan_edit.form_values(db, PLAN, "1.1", 2020, internal=False)
    # money as the page shows it, grouped, to the haléř (what is typed back is parsed)
    assert (steering.status, steering.percent, steering.cost) == ("partly", "70", "65\xa0432,10")
    assert steering.internal == SECRET and editor.internal == ""
    assert (editor.status, editor.comment, editor.public) == ("partly", "Služba rozšířena", True)
    hidden = plan_edit.form_values(db, PLAN, "1.1", 2021, internal=False)
    assert hidden.hidden and hidden.status is None and hidden.comment == "" and hidden.version > 0
    assert plan_edit.form_values(db, PLAN, "1.1", 2021, internal=True).comment == UNPUBLISHED
    assert plan_edit.form_values(db, PLAN, "1.1", 2022, internal=True).version == 0  # not evaluated


def test_ped002_a_save_names_each_refused_field_and_a_conflict_names_the_other_user(
        engine: sa.Engine) -> None:
    db = _db(engine)
    version = plan_edit.form_values(db, PLAN, "1.1", 2020, internal=True).version
    values = {"status": "fulfilled", "percent": "100", "cost": "70 000", "comment": "Hotovo",
              "internal": "", "public": True}
    bad = plan_edit.save(engine, "eva", internal=False, plan_key=PLAN, code="1.1", year=2020,
                         values={**values, "percent": "120", "cost": "-5"}, version=version,
                         lang="cs")
    assert not bad.ok
    assert "Plnění (%): 120: procento mimo 0–100" in bad.messages
    assert "Skutečné náklady (Kč): -5,00: záporná částka" in bad.messages
    done = plan_edit.save(engine, "eva", internal=False, plan_key=PLAN, code="1.1", year=2020,
                          values=values, version=version, lang="cs")
    assert done.ok and done.run_id
    # the editor's blank internal comment kept the stored one
    assert plan_edit.form_values(db, PLAN, "1.1", 2020, internal=True).internal == SECRET
    late = plan_edit.save(engine, "karel", internal=False, plan_key=PLAN, code="1.1", year=2020,
                          values={**values, "comment": "Jinak"}, version=version, lang="en")
    assert not late.ok and len(late.messages) == 1 and "eva changed the evaluation" in late.messages[0]


def test_ped003_the_history_shows_each_audience_only_its_part(engine: sa.Engine) -> None:
    db = _db(engine)
    steering = plan_edit.form_values(db, PLAN, "1.1", 2021, internal=True)
    values = {"status": "not_started", "percent": "", "cost": "", "comment": UNPUBLISHED,
              "internal": SECRET + " 2", "public": False}
    assert plan_edit.save(engine, "jana", internal=True, plan_key=PLAN, code="1.1", year=2021,
                          values=values, version=steering.version, lang="cs").ok
    plan_year.approve(engine, PLAN, 2021, "jana")
    plan_year.reopen(engine, PLAN, 2021, "admin", "Důvod znovuotevření")
    public = plan_edit.history_frame(db, PLAN, signed_in=False, internal=False, lang="cs")
    editor = plan_edit.history_frame(db, PLAN, signed_in=True, internal=False, lang="cs")
    inner = plan_edit.history_frame(db, PLAN, signed_in=True, internal=True, lang="cs")
    assert list(public["what"]) == ["znovu otevřel(a) rok", "schválil(a) vyhodnocení roku"]
    assert "Důvod znovuotevření" in " ".join(editor["what"])
    # the edit of an unpublished evaluation and of an internal comment: steering only
    assert len(editor) == 2
    assert any(SECRET + " 2" in what for what in inner["what"])
    assert any("Stav: nesplněno → nezahájeno" in what for what in inner["what"])
    assert plan_edit.lock_text(db, PLAN, 2021, "cs") is None
    plan_year.approve(engine, PLAN, 2021, "jana")
    assert "jana" in plan_edit.lock_text(db, PLAN, 2021, "en")


def test_ped004_a_save_s_changes_by_load_run_in_words_for_each_audience(engine: sa.Engine) -> None:
    from dashboard.queries import plan as queries

    db = _db(engine)
    version = plan_edit.form_values(db, PLAN, "1.1", 2020, internal=True).version
    values = {"status": "fulfilled", "percent": "100", "cost": "", "comment": "Hotovo",
              "internal": "Nová tajná poznámka", "public": True}
    saved = plan_edit.save(engine, "jana", internal=True, plan_key=PLAN, code="1.1", year=2020,
                           values=values, version=version, lang="cs")
    # the public reads the changes of a draft year only once the year is approved
    assert queries.page_edits(db, run_id=saved.run_id).empty
    plan_year.approve(engine, PLAN, 2020, "jana")
    public = plan_edit.edit_rows(db, queries.page_edits(db, run_id=saved.run_id), "cs")
    steering = plan_edit.edit_rows(db, queries.page_edits(db, run_id=saved.run_id, internal=True), "en")
    assert {(r["field"], r["before"], r["after"]) for r in public} == {
        ("Stav", "částečně splněno", "splněno"), ("Plnění (%)", "70", "100"),
        ("Skutečné náklady (Kč)", "65432.10", "–"), ("Komentář pro veřejnost", "Služba rozšířena", "Hotovo")}
    assert ("Internal comment", SECRET, "Nová tajná poznámka") in {
        (r["field"], r["before"], r["after"]) for r in steering}
    assert {r["user"] for r in public} == {"jana"} and {r["plan"] for r in public} == {PLAN}
    assert queries.page_edits(db, run_id=saved.run_id + 1).empty


def test_ped006_a_long_history_is_paged(engine: sa.Engine, db_url: str) -> None:
    from dashboard.app import create_app
    from dashboard.components.grid import PAGE_ROWS
    from dashboard.config import Settings
    from dashboard.pages._plan_year import _history

    db = _db(engine)
    for turn in range(PAGE_ROWS // 2 + 1):  # an approval and a reopening a turn
        plan_year.approve(engine, PLAN, 2020, "jana")
        plan_year.reopen(engine, PLAN, 2020, "admin", f"oprava {turn}")
    app = create_app(Settings(database_url=db_url))
    with app.server.test_request_context("/komunitni-plan"):
        title, table = _history(db, PLAN, "cs", None, internal=False)
    assert len(table.rowData) > PAGE_ROWS and table.dashGridOptions["pagination"] is True
    assert table.rowData[0]["what"] == "znovu otevřel(a) rok"  # newest first, no reason for the public
    app.server.extensions["kpss_db"].engine.dispose()
