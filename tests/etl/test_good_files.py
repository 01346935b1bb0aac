"""The same facts in every encoding and layout load to exactly the same rows; loads are idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.database import make_engine
from etl.load import load_files

GOOD = Path(__file__).parent.parent / "data" / "good"
VARIANTS = sorted(p.name for p in GOOD.iterdir())
LINEAGE = {"source_row", "load_run_id"}  # rows differ in where they came from, not in what they say


def facts(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every table but the load log, without the lineage columns."""
    found = {}
    with engine.connect() as conn:
        for table in s.metadata.sorted_tables:
            if table.name in ("load_run", "load_file"):
                continue
            columns = [c for c in table.columns if c.name not in LINEAGE]
            found[table.name] = sorted(tuple(map(repr, r)) for r in conn.execute(sa.select(*columns)))
    return found


def _load(engine: sa.Engine, variant: str):  # noqa: ANN202
    result = load_files(engine, [GOOD / variant])
    assert result.ok, [str(p) for p in result.errors]
    assert not result.warnings, [str(p) for p in result.warnings]
    return result


def test_good001_there_are_five_layouts() -> None:
    assert VARIANTS == ["cp1250_title_rows", "english_iso", "utf8_bom_comma", "utf8_semicolon", "xlsx"]


def test_good002_every_layout_gives_the_same_rows(backend) -> None:  # noqa: ANN001
    found = {}
    for variant in VARIANTS:
        url = backend.fresh_url(seeded=False)  # each layout into its own empty database
        engine = make_engine(url, writer=True)
        try:
            assert _load(engine, variant).total("inserted") == 15, variant
            found[variant] = facts(engine)
        finally:
            engine.dispose()
            backend.drop(url)
    reference = found["utf8_semicolon"]
    assert sum(len(rows) for rows in reference.values()) > 15  # reference data and the facts
    for variant, rows in found.items():
        assert rows == reference, variant


def test_good003_values_are_exactly_what_the_files_say(engine: sa.Engine) -> None:
    _load(engine, "cp1250_title_rows")
    with engine.connect() as conn:
        project = conn.execute(sa.select(s.project)).mappings().one()
        assert project["name"] == "Plánování sociálních služeb v Čeladné"
        assert project["total_eligible"] == Decimal("1234567.80")
        assert (project["start_date"], project["end_date"]) == (dt.date(2017, 11, 1), dt.date(2019, 10, 31))
        funding = {r.source_code: r for r in conn.execute(sa.select(s.project_funding))}
        assert funding["beneficiary"].amount == Decimal("61728.39")
        assert funding["eu"].amount + funding["state"].amount + funding["beneficiary"].amount \
            == Decimal("1234567.80")
        values = dict(conn.execute(sa.select(s.indicator_achievement.c.reported_on,
                                             s.indicator_achievement.c.achieved_value).where(
            s.indicator_achievement.c.indicator_code == "60000")).all())
        assert values == {dt.date(2018, 6, 30): 5, dt.date(2018, 12, 31): Decimal("12.5"),
                          dt.date(2019, 6, 30): 1250}
        drawn = dict(conn.execute(sa.select(s.drawdown.c.source_code, s.drawdown.c.drawn)).all())
        assert drawn == {"eu": Decimal("450000.50"), "state": Decimal("0.00")}
        evaluation = conn.execute(sa.select(s.measure_evaluation)).mappings().one()
        assert (evaluation["status_code"], evaluation["percent_fulfilled"], evaluation["is_public"]) == (
            "partly", Decimal("70"), True)
        # lineage: every fact row names its load run and its row in the file
        run_id = conn.execute(sa.select(sa.func.max(s.load_run.c.id))).scalar_one()
        rows = conn.execute(sa.select(s.indicator_achievement.c.load_run_id,
                                      s.indicator_achievement.c.source_row)).all()
        # the Windows-1250 file has two title rows and a blank row after every data row
        assert sorted(rows) == [(run_id, 4), (run_id, 6), (run_id, 8), (run_id, 10)]


@pytest.mark.parametrize("variant", ["utf8_semicolon", "xlsx"])
def test_good004_same_files_twice_change_nothing(engine: sa.Engine, variant: str) -> None:
    _load(engine, variant)
    before = facts(engine)
    again = _load(engine, variant)
    assert again.total("inserted") == again.total("updated") == 0
    assert again.total("unchanged") == 15
    assert facts(engine) == before


def test_good005_corrected_file_updates_same_keys_and_deletes_nothing(engine: sa.Engine,
                                                                     tmp_path: Path) -> None:
    _load(engine, "utf8_semicolon")
    corrected = (GOOD / "utf8_semicolon" / "plneni_indikatoru.csv").read_text(encoding="utf-8")
    lines = corrected.splitlines()
    lines[2] = lines[2].replace(";12,5;", ";13;")
    (tmp_path / "plneni_indikatoru.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    result = load_files(engine, [tmp_path / "plneni_indikatoru.csv"])
    assert result.ok
    assert (result.total("inserted"), result.total("updated"), result.total("unchanged")) == (0, 1, 1)
    with engine.connect() as conn:
        values = dict(conn.execute(sa.select(s.indicator_achievement.c.reported_on,
                                             s.indicator_achievement.c.achieved_value)).all())
        assert values[dt.date(2018, 12, 31)] == 13
        assert len(values) == 4  # rows the corrected file leaves out stay
        run_ids = dict(conn.execute(sa.select(s.indicator_achievement.c.reported_on,
                                              s.indicator_achievement.c.load_run_id)).all())
        assert run_ids[dt.date(2018, 12, 31)] == result.run_id  # the updated row names the new load
        assert run_ids[dt.date(2018, 6, 30)] != result.run_id


def test_good006_replace_deletes_what_the_files_leave_out(engine: sa.Engine, tmp_path: Path) -> None:
    _load(engine, "utf8_semicolon")
    source = (GOOD / "utf8_semicolon" / "plneni_indikatoru.csv").read_text(encoding="utf-8")
    (tmp_path / "plneni_indikatoru.csv").write_text("\n".join(source.splitlines()[:2]) + "\n",
                                                    encoding="utf-8")
    plan = "plan;kod;rok;stav\nceladna-kp1;1.1;2021;splněno\n"
    (tmp_path / "plneni_opatreni.csv").write_text(plan, encoding="utf-8")
    result = load_files(engine, sorted(tmp_path.iterdir()), replace=True)
    assert result.ok, [str(p) for p in result.errors]
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(s.indicator_achievement)).scalar() == 1
        # the project's other facts were not in the files either: a full replace removes them
        assert conn.execute(sa.select(sa.func.count()).select_from(s.key_activity)).scalar() == 0
        years = conn.execute(sa.select(s.measure_evaluation.c.year)).scalars().all()
        assert years == [2021]
        assert conn.execute(sa.select(s.project.c.key)).scalars().all() == [
            "CZ.03.2.63/0.0/0.0/16_063/0007001"]
    deleted = {e: c["deleted"] for (f, e), c in result.counts.items() if f == "--replace"}
    assert deleted == {"plneni_indikatoru": 3, "klicove_aktivity": 2, "cile_indikatoru": 2,
                       "cerpani": 2, "plneni_opatreni": 1}


def test_good007_dry_run_counts_but_writes_nothing(engine: sa.Engine) -> None:
    from tests.conftest import table_snapshot

    before = table_snapshot(engine)
    result = load_files(engine, [GOOD / "xlsx"], dry_run=True)
    assert result.status == "dry-run" and result.total("inserted") == 15
    assert table_snapshot(engine) == before


def test_good008_a_measure_names_its_plans_group_in_another_case(engine: sa.Engine, tmp_path: Path) -> None:
    # validation matches a measure's group to the plan's list ignoring case and accents;
    # the writer must find the same group, not try to create one without a canonical group
    for name in ("projekty.csv", "komunitni_plany.csv", "cilove_skupiny.csv", "opatreni.csv"):
        text = (GOOD / "utf8_semicolon" / name).read_text(encoding="utf-8")
        if name == "opatreni.csv":
            text = text.replace(";Senioři v obci;", ";SENIORI V OBCI;")
            assert "SENIORI V OBCI" in text
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = load_files(engine, sorted(tmp_path.iterdir()))
    assert result.ok, result.problems
    with engine.connect() as conn:
        groups = conn.execute(sa.select(s.target_group.c.local_name)).scalars().all()
        measure_group = conn.execute(
            sa.select(s.target_group.c.local_name).join(
                s.measure, s.measure.c.target_group_id == s.target_group.c.id)
            .where(s.measure.c.code == "1.1")).scalar_one()
    assert measure_group == "Senioři v obci"
    assert "SENIORI V OBCI" not in groups
