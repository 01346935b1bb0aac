"""Values beyond what a column holds are refused with a located problem on both databases:
never a traceback, never rounded, never stored differently on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.bounds import NUMBERS, TEXT_MAX_CHARS, text_length
from etl.cli import main
from etl.entities import ENTITIES, MONEY, TEXT, VALUE
from etl.load import load_files
from tests.conftest import table_snapshot

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
KEY = "CZ.03.2.63/0.0/0.0/16_063/0007001"
ACHIEVED = "Registrační číslo;Kód indikátoru;Datum;Dosažená hodnota;Zpráva\n"
DRAWDOWN = "Registrační číslo;Rok;Zdroj financování;Plánováno;Čerpáno\n"


def achieved(value: str, label: str = "ZoR 1", day: str = "30.6.2018") -> str:
    return f"{KEY};60000;{day};{value};{label}\n"


@pytest.fixture
def project_engine(engine: sa.Engine) -> sa.Engine:
    """A database holding the project the cases' rows belong to."""
    assert load_files(engine, [GOOD / "projekty.csv"]).ok
    return engine


# case → (file name, text, column of the error)
CASES: dict[str, tuple[str, str, str | None]] = {
    "money of 30 digits": ("cerpani.csv", DRAWDOWN + f"{KEY};2018;eu;{'9' * 30};1\n", "planovano"),
    "money 1 and 20 zeros": ("cerpani.csv", DRAWDOWN + f"{KEY};2018;eu;1{'0' * 20};1\n",
                             "planovano"),
    "money past the sum room": ("cerpani.csv", DRAWDOWN + f"{KEY};2018;eu;1;99999999999999,99\n",
                                "cerpano"),
    "achieved beyond NUMERIC(18,4)": ("plneni_indikatoru.csv",
                                      ACHIEVED + achieved("123 456 789 012 345,67"),
                                      "dosazena_hodnota"),
    "achieved of 30 nines": ("plneni_indikatoru.csv", ACHIEVED + achieved("9" * 30),
                             "dosazena_hodnota"),
    "achieved beyond a double's digits": ("plneni_indikatoru.csv",
                                          ACHIEVED + achieved("99999999999999,9999"),
                                          "dosazena_hodnota"),
    "achieved below the scale": ("plneni_indikatoru.csv", ACHIEVED + achieved("0,000000001"),
                                 "dosazena_hodnota"),
    "text over 128 KB": ("plneni_indikatoru.csv", ACHIEVED + achieved("1", "x" * 140_000),
                         "zprava"),
    "text longer than its VARCHAR": ("plneni_indikatoru.csv", ACHIEVED + achieved("1", "x" * 101),
                                     "zprava"),
    "whole number past INTEGER": ("projekty.csv",
                                  f"Registrační číslo;Název;Počet obcí\n{KEY};P;1{'0' * 20}\n",
                                  "pocet_obci"),
}


@pytest.mark.parametrize("case", CASES)
def test_bnd001_beyond_bounds_is_a_located_problem(project_engine: sa.Engine, case: str) -> None:
    name, text, column = CASES[case]
    before = table_snapshot(project_engine)
    result = load_files(project_engine, blobs=[(name, text.encode())])
    assert not result.ok
    [problem] = result.errors
    assert (problem.rule, problem.row, problem.column) == ("value-bounds", 2, column)
    assert problem.message_cs and problem.message_en and len(problem.value) < 300
    assert table_snapshot(project_engine) == before


def test_bnd002_values_within_bounds_are_stored_exactly(project_engine: sa.Engine) -> None:
    """The largest values each database holds alike load, read back exactly, and reload unchanged."""
    text = (ACHIEVED + achieved("12 345 678 901,2345") + achieved("0,0001", day="31.12.2018")
            + achieved("99 999 999 999 999", day="30.6.2019"))
    drawdown = DRAWDOWN + f"{KEY};2018;eu;999 999 999 999,99;0,01\n"
    blobs = [("plneni_indikatoru.csv", text.encode()), ("cerpani.csv", drawdown.encode())]
    first = load_files(project_engine, blobs=blobs)
    assert first.ok, first.problems
    with project_engine.connect() as conn:
        values = sorted(conn.scalars(sa.select(s.indicator_achievement.c.achieved_value)
                                     .where(s.indicator_achievement.c.indicator_code == "60000")))
        money = conn.execute(sa.select(s.drawdown.c.planned, s.drawdown.c.drawn)).one()
    assert values == [Decimal("0.0001"), Decimal("12345678901.2345"), Decimal("99999999999999")]
    assert tuple(money) == (Decimal("999999999999.99"), Decimal("0.01"))
    again = load_files(project_engine, blobs=blobs)
    assert again.total("updated") == again.total("inserted") == 0


def _workbook(sheet: str, header: list[str], row: list[object], date_column: int | None = None
              ) -> bytes:
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(header)
    book.active.append(row)
    if date_column is not None:
        book.active.cell(2, date_column).number_format = "d.m.yyyy"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WORKBOOK_CASES = {
    "date serial -1": (_workbook("plneni_indikatoru", ["registracni_cislo", "kod_indikatoru",
                                                       "datum", "dosazena_hodnota"],
                                 [KEY, "60000", -1, 5], date_column=3), "datum"),
    "date before 1900": (_workbook("plneni_indikatoru", ["registracni_cislo", "kod_indikatoru",
                                                         "datum", "dosazena_hodnota"],
                                   [KEY, "60000", dt.datetime(1899, 12, 29), 5]), "datum"),
    "money 1e300": (_workbook("cerpani", ["registracni_cislo", "rok", "zdroj_financovani",
                                          "planovano"], [KEY, 2018, "eu", 1e300]), "planovano"),
    "achieved 1e-9": (_workbook("plneni_indikatoru", ["registracni_cislo", "kod_indikatoru",
                                                      "datum", "dosazena_hodnota"],
                                [KEY, "60000", "30.6.2018", 1e-9]), "dosazena_hodnota"),
}


@pytest.mark.parametrize("case", WORKBOOK_CASES)
def test_bnd003_workbook_values_beyond_bounds(project_engine: sa.Engine, case: str) -> None:
    data, column = WORKBOOK_CASES[case]
    before = table_snapshot(project_engine)
    result = load_files(project_engine, blobs=[("sesit.xlsx", data)])
    assert [(p.rule, p.row, p.column) for p in result.errors] == [("value-bounds", 2, column)]
    assert table_snapshot(project_engine) == before


def test_bnd004_excel_float_noise_is_not_a_decimal_place(project_engine: sa.Engine) -> None:
    """0,1 + 0,2 computed in Excel is 0.30000000000000004: read as Excel shows it, 0,3."""
    data = _workbook("plneni_indikatoru", ["registracni_cislo", "kod_indikatoru", "datum",
                                           "dosazena_hodnota"], [KEY, "60000", "30.6.2018", 0.1 + 0.2])
    assert load_files(project_engine, blobs=[("sesit.xlsx", data)]).ok
    again = load_files(project_engine, blobs=[("sesit.xlsx", data)])
    assert again.total("unchanged") == 1


QUOTES = {
    "left open to the end": ACHIEVED + achieved("1", '"ZoR 1') + achieved("2", day="31.12.2018")
    + achieved("3", day="30.6.2019") + achieved("4", day="31.12.2019"),
    "closed by a stray quote later": ACHIEVED + achieved("1", '"ZoR 1')
    + achieved("2", day="31.12.2018") + achieved("3", day="30.6.2019")
    + f'{KEY};60000;31.12.2019;4;ZoR 4"\n',
    "closed at a line's end": ACHIEVED + achieved("1", '"ZoR 1') + achieved("2", day="31.12.2018")
    + f'{KEY};60000;30.6.2019;3;"\n' + achieved("4", day="31.12.2019"),
}


@pytest.mark.parametrize("case", QUOTES)
def test_bnd005_unbalanced_quote_swallowing_rows_is_an_error(project_engine: sa.Engine,
                                                             case: str) -> None:
    before = table_snapshot(project_engine)
    result = load_files(project_engine, blobs=[("plneni_indikatoru.csv", QUOTES[case].encode())])
    assert [(p.rule, p.row) for p in result.errors] == [("csv-quote-unbalanced", 2)]
    assert table_snapshot(project_engine) == before


def test_bnd006_a_quoted_comment_with_line_breaks_still_loads(project_engine: sa.Engine) -> None:
    text = ACHIEVED + achieved("1", '"ZoR 1\nupraveno; viz příloha"') + achieved("2", day="31.12.2018")
    result = load_files(project_engine, blobs=[("plneni_indikatoru.csv", text.encode())])
    assert result.ok and result.total("inserted") == 2


def test_bnd007_cli_exits_1_with_the_problem(project_engine: sa.Engine, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cerpani.csv"
    path.write_text(CASES["money of 30 digits"][1], encoding="utf-8")
    url = project_engine.url.render_as_string(hide_password=False)
    assert main(["load", str(path), "--database", url]) == 1
    out = capsys.readouterr().out
    assert "value-bounds" in out and "row 2" in out


def test_bnd008_bounds_follow_the_schema() -> None:
    """Every VARCHAR a text cell lands in gives its length; numbers follow NUMERIC(p, s)."""
    assert NUMBERS[VALUE].places == s.VALUE.scale
    assert NUMBERS[VALUE].largest < Decimal(10) ** (s.VALUE.precision - s.VALUE.scale)
    assert NUMBERS[MONEY].largest * 100 * 10_000 < 2 ** 63
    for entity in ENTITIES.values():
        for column in entity.columns:
            if column.kind == TEXT:
                assert 0 < text_length(entity.name, column.name) <= TEXT_MAX_CHARS
    assert text_length("plneni_indikatoru", "zprava") == s.indicator_achievement.c.report_label.type.length


@pytest.mark.parametrize("case", ["text over 128 KB", "left open to the end"])
def test_bnd009_problems_met_reading_come_back_from_the_worker(
        project_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    """A sheet parsed in the forked worker (etl.parallel) reports what reading it met, too."""
    from etl import stage as stage_module

    started: list[int] = []
    real = stage_module.stage_in_worker
    monkeypatch.setattr(stage_module, "worth_a_worker", lambda size: True)
    monkeypatch.setattr(stage_module, "stage_in_worker",
                        lambda *a, **k: started.append(1) or real(*a, **k))
    # past the rows the header is looked for in, which are read before any worker starts
    rows = "".join(achieved(str(day), day=f"{day}.1.2018") for day in range(1, 31))
    text = ACHIEVED + rows + (CASES[case][1] if case in CASES else QUOTES[case]).split("\n", 1)[1]
    before = table_snapshot(project_engine)
    result = load_files(project_engine, blobs=[("plneni_indikatoru.csv", text.encode())])
    assert started and [p.row for p in result.errors] == [32]
    assert result.errors[0].rule in ("value-bounds", "csv-quote-unbalanced")
    assert table_snapshot(project_engine) == before


def test_bnd010_a_series_spanning_the_whole_date_range_aggregates(project_engine: sa.Engine) -> None:
    """Days² of a series from 1900 to 2100 overflowed PostgreSQL's INTEGER in the stored series."""
    text = ACHIEVED + achieved("1", day="1.1.1900") + achieved("2", day="31.12.2100")
    result = load_files(project_engine, blobs=[("plneni_indikatoru.csv", text.encode())])
    assert result.ok, result.errors
    with project_engine.connect() as conn:
        sum_xx = conn.execute(sa.select(s.indicator_series.c.sum_xx).where(
            s.indicator_series.c.indicator_code == "60000")).scalar_one()
    assert sum_xx == (dt.date(2100, 12, 31) - dt.date(1900, 1, 1)).days ** 2
    late = ACHIEVED + achieved("3", day="1.1.2101")
    refused = load_files(project_engine, blobs=[("plneni_indikatoru.csv", late.encode())])
    assert [(p.rule, p.column) for p in refused.errors] == [("value-bounds", "datum")]
