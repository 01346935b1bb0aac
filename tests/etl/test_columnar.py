"""Achieved values checked a column at a time: the same results as row by row, only sooner."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import columnar
from etl.columnar import IndicatorAchievementColumns
from etl.load import load_files
from etl.parse import ParseError, parse_decimal
from etl.result import LoadResult
from etl.validate import RowParser
from tests.conftest import table_snapshot

DATA = Path(__file__).parent.parent / "data"
P = "CZ.03.2.63/0.0/0.0/16_063/0007100"
Q = "CZ.03.2.63/0.0/0.0/16_063/0007101"
PROJECTS = ("registracni_cislo;nazev;zahajeni;ukonceni\n"
            f"{P};A;1.1.2018;31.12.2019\n{Q};B;1.1.2018;31.12.2019\n")
HEADER = "registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zprava\n"
# Rows the columnar rules clear, and between them every kind the row path must take over:
# a grouped number with a dot, a blank required cell, a bad date, an unknown indicator and
# project, a date after the project (a warning), a malformed registration number, a short
# row, a repeated key with another value, a falling value, a blank line.
MIXED = [
    f"{P};60000;31.3.2018;10;Z1", f"{P};60000;30. 6. 2018;12,5;Z1", f"{P};80500;30.6.2018;1.234,5;Z2",
    f"{P};60000;30.9.2018;;Z3", f"{P};60000;31.2.2018;13;Z3", f"{P};99999;30.9.2018;1;Z3",
    "CZ.03.2.63/0.0/0.0/16_063/0009999;60000;30.9.2018;1;Z3", f"{P};60000;31.12.2020;20;Z9",
    "CZ.3.2;60000;30.9.2018;1;Z3", f"{Q};60000;31.3.2018", f"{Q};60000;31.3.2018;7;Z1",
    f"{P};60000;31.3.2019;11;Z4", ";;;;", f"{Q};80500;31.3.2019;1\u00a0234,50 ;Z4",
    f"{Q};80500;30.6.2019;-3;Z4", f"{Q};80500;30.9.2019; 12 345,678 ;", f"{Q};80500;31.12.2019;x;Z4",
]


@pytest.fixture
def row_by_row(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], None]:
    """Call with True to read every achieved value row by row, with False to read by columns."""
    real = IndicatorAchievementColumns.for_sheet

    def use(on: bool) -> None:
        monkeypatch.setattr(IndicatorAchievementColumns, "for_sheet",
                            (lambda *args: None) if on else real)
    return use


@pytest.fixture
def parsed_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the row path parsed, by their row number."""
    seen: list[int] = []
    real = RowParser.parse

    def parse(self, number, cells):  # noqa: ANN001, ANN202
        if self.sheet.entity.name == "plneni_indikatoru":
            seen.append(number)
        return real(self, number, cells)
    monkeypatch.setattr(RowParser, "parse", parse)
    return seen


def _outcome(result: LoadResult) -> tuple:
    return (result.status, [p.to_dict() for p in result.problems],
            {k: dict(v) for k, v in result.counts.items()})


def _stored(engine: sa.Engine) -> dict[str, list[tuple]]:
    snapshot = table_snapshot(engine)
    snapshot["load_run"] = [row[:3] + row[5:] for row in snapshot["load_run"]]  # not the times
    return snapshot


def _write(folder: Path, name: str, lines: list[str]) -> Path:
    path = folder / name
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def _both_ways(fresh_engines, row_by_row, paths: list[Path], first: list[Path] = ()) -> list[tuple]:  # noqa: ANN001
    """The outcome and stored rows of loading ``paths`` by columns and row by row."""
    found = []
    for on in (False, True):
        row_by_row(on)
        engine = fresh_engines()
        if first:
            assert load_files(engine, first).ok
        before = _stored(engine)
        outcome = _outcome(load_files(engine, paths))
        again = _outcome(load_files(engine, list(reversed(paths)), replace=True))
        found.append((outcome, again, _stored(engine), _stored(engine) == before))
    return found


def test_col001_mixed_rows_give_what_row_by_row_gives(
        fresh_engines, row_by_row, tmp_path: Path) -> None:  # noqa: ANN001
    projects = _write(tmp_path, "a_projekty.csv", PROJECTS.splitlines())
    bad = _write(tmp_path, "b_plneni_indikatoru.csv", [HEADER.strip(), *MIXED])
    by_columns, by_rows = _both_ways(fresh_engines, row_by_row, [bad], [projects])
    assert by_columns == by_rows
    assert by_columns[0][0] == "rejected" and by_columns[3]  # nothing written
    rules = {(p["row"], p["rule"]) for p in by_columns[0][1]}
    assert {(5, "value-required"), (6, "value-date"), (7, "unknown-kod_indikatoru"),
            (8, "unknown-registracni_cislo"), (9, "date-outside-project"),
            (10, "registration-number"), (11, "value-required"), (12, "key-duplicate"),
            (13, "achieved-falling"), (16, "achieved-falling"), (18, "value-value")} <= rules
    # Parsed values show in the file's Czech forms, not as Python writes them.
    shown = {(p["row"], p["rule"]): (p["value"], p["message_cs"]) for p in by_columns[0][1]}
    assert shown[(9, "date-outside-project")] == (
        "31.12.2020", "datum mimo dobu projektu (1.1.2018 – 31.12.2019)")
    assert shown[(13, "achieved-falling")] == ("11", "kumulativní hodnota klesla z 12,5")
    assert shown[(12, "key-duplicate")][1] == (
        f"stejný klíč {Q}, 60000, 31.3.2018 už je na řádku 11 s jinými hodnotami")


def test_col002_only_rows_with_something_to_say_go_row_by_row(
        fresh_engines, parsed_rows, tmp_path: Path) -> None:  # noqa: ANN001
    engine = fresh_engines()
    assert load_files(engine, [_write(tmp_path, "a_projekty.csv", PROJECTS.splitlines())]).ok
    load_files(engine, [_write(tmp_path, "b_plneni_indikatoru.csv", [HEADER.strip(), *MIXED])])
    assert parsed_rows == [5, 6, 7, 8, 9, 10, 11, 18]


def test_col003_clean_files_give_what_row_by_row_gives(
        fresh_engines, row_by_row, tmp_path: Path) -> None:  # noqa: ANN001
    projects = _write(tmp_path, "a_projekty.csv", PROJECTS.splitlines())
    lines = [f"{p};{code};{day}.{month}.2018;{day * month},{day % 10};ZoR {month}"
             for p in (P, Q) for code in ("60000", "80500")
             for month in range(1, 13) for day in (1, 15, 28)]
    # Keys repeated across two files, one with another value; falling values; dates going back.
    first = _write(tmp_path, "b_plneni_indikatoru.csv", [HEADER.strip(), *lines])
    second = _write(tmp_path, "c_plneni_indikatoru.csv", [
        HEADER.strip(), *reversed(lines[:40]), f"{Q};80500;28.12.2018;1;Z"])
    by_columns, by_rows = _both_ways(fresh_engines, row_by_row, [first, second], [projects])
    assert by_columns == by_rows
    assert by_columns[0][0] == "loaded"
    assert any(p["rule"] == "achieved-falling" for p in by_columns[0][1])
    assert by_columns[0][2][("c_plneni_indikatoru.csv", "plneni_indikatoru")] == {
        "unchanged": 40, "updated": 1}


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "bad").iterdir()
                                        if "plneni_indikatoru" in p.name))
def test_col004_bad_files_alike(name: str, fresh_engines, row_by_row) -> None:  # noqa: ANN001
    by_columns, by_rows = _both_ways(fresh_engines, row_by_row, [DATA / "bad" / name])
    assert by_columns == by_rows
    assert by_columns[0][0] == "rejected" and by_columns[3]  # nothing written


@pytest.mark.parametrize("variant", sorted(p.name for p in (DATA / "good").iterdir()))
def test_col005_good_files_alike(variant: str, fresh_engines, row_by_row) -> None:  # noqa: ANN001
    by_columns, by_rows = _both_ways(fresh_engines, row_by_row, [DATA / "good" / variant])
    assert by_columns == by_rows
    assert by_columns[0][0] == "loaded"


number_texts = st.one_of(
    st.text(alphabet="0123456789 ,.-\u00a0\u202f\u2009+eEKčCZ%\t", max_size=14),
    st.builds(lambda n, sep: f"{n:,}".replace(",", sep).replace(".", ",", 1),
              st.decimals(allow_nan=False, allow_infinity=False, places=3,
                          min_value=-10**9, max_value=10**9),
              st.sampled_from([" ", "\u00a0", "\u202f", ""])),
)


@settings(max_examples=800, deadline=None)
@given(texts=st.lists(number_texts, min_size=1, max_size=8))
def test_col006_numbers_by_columns_are_the_row_parsers(texts: list[str]) -> None:
    bad: set[int] = set()
    numbers = columnar._numbers(texts, parse_decimal, True, bad)
    for i, text in enumerate(texts):
        try:
            expected = parse_decimal(text) if text.strip() else None
        except ParseError:
            expected = None
        if expected is None:
            assert i in bad, text
        else:
            assert i not in bad and numbers[i] == expected and str(numbers[i]) == str(expected), text


def test_col007_a_number_the_plain_form_misses_goes_to_the_row_parser() -> None:
    bad: set[int] = set()
    numbers = columnar._numbers(["1 234,5", "1.234,50", "12 Kč", "", "abc"], parse_decimal,
                                False, bad)
    assert numbers[:4] == [Decimal("1234.5"), Decimal("1234.50"), Decimal("12"), None]
    assert bad == {4}


def test_col008_repeated_keys_are_told_apart_by_exact_value(
        fresh_engines, row_by_row, tmp_path: Path) -> None:  # noqa: ANN001
    """The signature hashes the value as a float: numbers one float apart are still told apart.

    Such a number has more digits than a double keeps, so it is refused too (``etl.bounds``);
    its row still repeats the key with another value."""
    projects = _write(tmp_path, "a_projekty.csv", PROJECTS.splitlines())
    values = _write(tmp_path, "b_plneni_indikatoru.csv", [
        HEADER.strip(), f"{P};60000;31.3.2018;0,1;Z", f"{P};60000;31.3.2018;0,10000000000000000001;Z",
        f"{Q};60000;31.3.2018;1,0;Z", f"{Q};60000;31.3.2018;1,00;Z"])
    assert float("0.1") == float("0.10000000000000000001")
    by_columns, by_rows = _both_ways(fresh_engines, row_by_row, [values], [projects])
    assert by_columns == by_rows
    assert [(p["row"], p["rule"]) for p in by_columns[0][1] if p["severity"] == "error"] == [
        (3, "value-bounds"), (3, "key-duplicate")]


def test_col009_the_columnar_rules_are_the_entitys_rules() -> None:
    """What ``etl.columnar`` checks is written for these rules; a rule added to achieved values
    must be added there too (or the sheet read row by row), and this test says so."""
    from etl import entities as E
    from etl import validate

    entity = E.ENTITIES[columnar.ENTITY]
    assert {c.kind for c in entity.columns} <= {E.TEXT, E.DATE, E.VALUE}
    assert validate.ROW_RULES[columnar.ENTITY] is validate.check_registration_number
    assert validate._reference_rules(columnar.ENTITY) == (
        validate._project_known, validate._indicator_known, validate._date_in_known_project)
    assert validate._QUICK_PASSES[columnar.ENTITY] is validate._indicator_achievement_passes
