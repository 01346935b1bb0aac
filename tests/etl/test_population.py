"""ČSÚ's yearly population by ORP and age: the load, its traps, bad input refused with the
database unchanged, and the command line's exit codes, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.cli import main
from etl.population_load import load_population
from etl.sources.population import age_band
from tests.conftest import table_snapshot
from tests.etl.population_files import expected, write_population


def _stored(engine: sa.Engine, year: int) -> dict[str, tuple[int, int, int, int]]:
    t = s.orp_population
    with engine.connect() as conn:
        return {r.orp_code: (r.population, r.population_0_14, r.population_15_64,
                             r.population_65_plus)
                for r in conn.execute(sa.select(t).where(t.c.year == year))}


@pytest.mark.parametrize(("text", "band"), [
    ("65 až 70 (méně než 70)", (65, 70)), ("0 až 5 (méně než 5)", (0, 5)), ("65–69", (65, 70)),
    ("95 a více", (95, None)), ("Od 95", (95, None)), ("", None), ("celkem", None),
])
def test_pop001_age_groups_read_as_years(text: str, band: tuple | None) -> None:
    assert age_band(text) == band


def test_pop002_a_year_loads_for_every_orp_with_lineage(engine: sa.Engine, tmp_path: Path) -> None:
    path = write_population(tmp_path / "130181-25data2024.csv", 2024)
    result = load_population(engine, path)
    assert result.ok and result.status == "loaded", result.errors
    assert result.total("inserted") == 206
    # the men's total and the region and municipality rows are not added in; Prague comes
    # from its region row
    assert _stored(engine, 2024) == expected(2024)
    with engine.connect() as conn:
        run = conn.execute(sa.select(s.load_run).where(s.load_run.c.id == result.run_id)).one()
        files = conn.execute(sa.select(s.load_file.c.file_name, s.load_file.c.entity,
                                       s.load_file.c.inserted)).all()
        rows = conn.execute(sa.select(s.orp_population.c.load_run_id,
                                      s.orp_population.c.source_row)
                            .where(s.orp_population.c.orp_code == "2101")).one()
    assert run.status == "loaded" and run.dataset == "national"
    assert files == [("130181-25data2024.csv", "obyvatelstvo_orp", 206)]
    assert rows.load_run_id == result.run_id and rows.source_row > 1


def test_pop003_same_file_changes_nothing_other_years_stay(engine: sa.Engine,
                                                           tmp_path: Path) -> None:
    assert load_population(engine, write_population(tmp_path / "a.csv", 2023)).ok
    assert load_population(engine, write_population(tmp_path / "b.csv", 2024)).ok
    again = load_population(engine, tmp_path / "b.csv")
    assert again.ok and again.total("unchanged") == 206 and again.total("inserted") == 0
    assert _stored(engine, 2023) == expected(2023) and _stored(engine, 2024) == expected(2024)

    def bigger(rows: list[list[str]]) -> None:  # Benešov's 65+ grows by one, and its total
        for row in rows:
            if row[8] == "2101" and row[10] == "" and row[11] in ("", "95 a více"):
                row[1] = str(int(row[1]) + 1)
    fixed = load_population(engine, write_population(tmp_path / "c.csv", 2024, bigger))
    assert fixed.ok and fixed.total("updated") == 1 and fixed.total("unchanged") == 205
    assert _stored(engine, 2024)["2101"][3] == expected(2024)["2101"][3] + 1


def _drop_row(match):  # noqa: ANN001, ANN202 - a predicate on a row
    return lambda rows: rows.remove(next(r for r in rows if match(r)))


def _set(match, column: int, value: str):  # noqa: ANN001, ANN202
    def change(rows: list[list[str]]) -> None:
        next(r for r in rows if match(r))[column] = value
    return change


def _benesov(age: str = ""):  # noqa: ANN202
    return lambda r: r[8] == "2101" and r[10] == "" and r[11] == age


BAD = {
    "negative": (_set(_benesov(), 1, "-5"), ("population-bad-value", "hodnota", "-5")),
    "fraction": (_set(_benesov("65 až 70 (méně než 70)"), 1, "12,5"),
                 ("population-bad-value", "hodnota", "12,5")),
    "unknown-orp": (_set(_benesov(), 8, "9999"), ("population-unknown-orp", "uzemi_kod", "9999")),
    "bad-age": (_set(_benesov("65 až 70 (méně než 70)"), 11, "senioři"),
                ("population-bad-age", "vek_txt", "senioři")),
    "bad-date": (_set(_benesov(), 9, "31.12.2024"), ("population-bad-date", "casref_do",
                                                     "31.12.2024")),
    "age-sum": (_set(_benesov(), 1, "1"), ("population-age-sum", "hodnota", None)),
    "age-gap": (_drop_row(_benesov("70 až 75 (méně než 75)")),
                ("population-age-gaps", "hodnota", None)),
    "duplicate": (lambda rows: rows.append(list(next(r for r in rows if _benesov()(r)))),
                  ("population-duplicate-row", "hodnota", None)),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_pop004_bad_rows_refused_with_their_place_database_unchanged(engine: sa.Engine,
                                                                      tmp_path: Path,
                                                                      name: str) -> None:
    change, (rule, column, value) = BAD[name]
    before = table_snapshot(engine)
    result = load_population(engine, write_population(tmp_path / "pop.csv", 2024, change))
    assert not result.ok and result.status == "rejected"
    found = [p for p in result.errors if p.rule == rule]
    assert found, result.errors
    problem = found[0]
    assert problem.file == "pop.csv" and problem.column == column and problem.row is not None
    assert value is None or problem.value == value
    assert problem.message_cs and problem.message_en
    assert table_snapshot(engine) == before


def test_pop005_bad_files_refused(engine: sa.Engine, tmp_path: Path) -> None:
    before = table_snapshot(engine)
    html = tmp_path / "page.csv"
    html.write_text("<!DOCTYPE html><html><body>Stránka nenalezena</body></html>", encoding="utf-8")
    header = tmp_path / "header.csv"
    header.write_text("kod;pocet\n2101;5\n", encoding="utf-8")

    def without_jihlava(rows: list[list[str]]) -> None:
        rows[:] = [r for r in rows if r[8] != "6203"]
    missing = write_population(tmp_path / "missing.csv", 2024, without_jihlava)
    checks = {html: "population-not-csv", header: "population-missing-column",
              missing: "population-orp-missing"}
    for path, rule in checks.items():
        result = load_population(engine, path)
        assert rule in {p.rule for p in result.errors}, (path, result.errors)
        problem = next(p for p in result.errors if p.rule == rule)
        assert problem.file == path.name
    assert next(p for p in load_population(engine, missing).errors).value == "6203"
    assert table_snapshot(engine) == before


def test_pop006_the_year_from_the_file_or_the_command_line_must_agree(engine: sa.Engine,
                                                                      tmp_path: Path) -> None:
    path = write_population(tmp_path / "pop.csv", 2024)
    wrong = load_population(engine, path, year=2023)
    assert [p.rule for p in wrong.errors] == ["population-year-mismatch"]
    assert wrong.errors[0].value == "2024"

    def two_years(rows: list[list[str]]) -> None:
        rows.extend([*r[:9], "2023-12-31", *r[10:]] for r in list(rows))
    both = write_population(tmp_path / "both.csv", 2024, two_years)
    assert [p.rule for p in load_population(engine, both).errors] == ["population-several-years"]
    chosen = load_population(engine, both, year=2024)
    assert chosen.ok, chosen.errors
    assert _stored(engine, 2024) == expected(2024)


def test_pop006b_a_year_not_yet_over_is_refused(engine: sa.Engine, tmp_path: Path) -> None:
    import datetime as dt

    this_year = dt.date.today().year
    result = load_population(engine, write_population(tmp_path / "pop.csv", this_year + 1))
    assert [p.rule for p in result.errors] == ["population-bad-year"]


def test_pop007_command_line_exit_codes(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = write_population(tmp_path / "pop.csv", 2024)
    assert main(["load-population", str(path), "--dry-run", "--database", db_url]) == 0
    assert "dry-run" in capsys.readouterr().out
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(s.orp_population)).scalar() == 0
    assert main(["load-population", str(path), "--year", "2024", "--database", db_url]) == 0
    bad = write_population(tmp_path / "bad.csv", 2024, _set(_benesov(), 1, "-5"))
    assert main(["load-population", str(bad), "--database", db_url]) == 1
    assert "population-bad-value" in capsys.readouterr().out
    assert main(["load-population", str(tmp_path / "none.csv"), "--database", db_url]) == 2
    assert main(["load-population", str(path), "--year", "24", "--database", db_url]) == 2
    engine.dispose()
