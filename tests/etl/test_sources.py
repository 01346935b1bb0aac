"""National data: DotaceEU lists of operations (both layouts) and MS2014+ XML, built here, loaded for real."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.cli import main
from etl.load import load_read_result
from etl.sources.common import Selection
from etl.sources.dotaceeu import read_dotaceeu
from etl.sources.ms2014 import read_ms2014
from tests.conftest import table_snapshot

OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
OTHER_CALL = "CZ.03.1.48/0.0/0.0/15_010/0000123"
NEW_63 = "CZ.03.2.63/0.0/0.0/16_063/0006601"
LEGAL = "Finanční prostředky v právních aktech o poskytnutí / převodu podpory"
PAID = "Finanční prostředky vyúčtované v žádostech o platbu"
SOURCES = ("CZV, CZK", "příspěvek Unie, CZK", "národní veřejné zdroje, CZK",
           "národní soukromé zdroje / soukromé zdroje, CZK")

HEADERS_2014 = [
    "IČ", "Registrační číslo operace", "Název projektu CZ", "Název subjektu / Jméno a Příjmení",
    "Skutečné datum zahájení fyzické realizace projektu",
    "Předpokládané datum ukončení fyzické realizace projektu", "Místo realizace - Kód NUTS 3",
    "Míra spolufinancování z ESI fondů",
    *(f"{LEGAL} - {x}" for x in SOURCES), *(f"{PAID} - {x}" for x in SOURCES),
]


def _row_2014(reg: str, name: str, total: object, eu: object, state: object, own: object,
              paid: tuple[object, ...], who: tuple[str, str] = ("00845451", "Statutární město Ostrava"),
              period: tuple[object, object] = (dt.datetime(2017, 11, 1), "31.10.2019")) -> list[object]:
    return [who[0], reg, name, who[1], *period, "CZ080", "85 %", total, eu, state, own, *paid]


def dotaceeu_2014(path: Path) -> Path:
    """Title, generation date, Czech header, English header, data (columns in a shuffled order)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Seznam operací"
    sheet.append(["Seznam operací – Operační program Zaměstnanost"])
    sheet.append(["Datum generování: 15.3.2020"])
    sheet.append(HEADERS_2014)
    sheet.append(["Beneficiary ID", "Operation registration number", "Project name", *[None] * 17])
    sheet.append(_row_2014(OSTRAVA, "Společné plánování udržitelné sítě sociálních služeb v Ostravě",
                           "3 648 425,00", "3101161,25", "364842,50", "182 421,25",
                           ("2000000,00", "1700000,00", "200000,00", "100000,00")))
    sheet.append(_row_2014(OTHER_CALL, "Jiná výzva", "100,00", "85,00", "15,00", "0,00",
                           ("0", "0", "0", "0")))
    sheet.append(_row_2014(NEW_63, "Plánování v Karviné", 2000000, 1700000, 200000, 100000,
                           (None, None, None, None), ("00297534", "Statutární město Karviná"),
                           ("1. 1. 2018", dt.datetime(2019, 12, 31))))
    book.save(path)
    return path


def dotaceeu_2021(path: Path) -> Path:
    """Title, date, an empty third row, the header; a project repeated per procurement row."""
    reg = "CZ.03.02.01/00/22_007/0000182"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Seznam operací 2021–2027"])
    sheet.append(["Stav k 1. 2. 2024"])
    sheet.append([])
    sheet.append(["Název projektu", "Registrační číslo projektu", "Příjemce - název", "IČ příjemce",
                  "Míra spolufinancování ze strany Unie", "Celkové náklady na operaci (CZK)",
                  "Veřejná zakázka - název", "Veřejná zakázka - hodnota (CZK)"])
    for tender, value in (("Analýza potřeb", 300000), ("Tisk plánu", 50000), ("Školení", 80000)):
        sheet.append(["Plánování sociálních služeb v ORP Kroměříž", reg, "Město Kroměříž", 287571,
                      "85 %", 1500000, tender, value])
    book.save(path)
    return path


def ms2014_xml(path: Path) -> Path:
    """A tiny SeznamProjektu.xml with a namespace, as the open-data export writes it."""
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<SeznamProjektu xmlns="http://www.mssf.cz/opendata">
  <PRJ><KOD>{OSTRAVA}</KOD><NAZ>Společné plánování udržitelné sítě sociálních služeb v Ostravě</NAZ>
    <DZRSKUT>2017-11-01</DZRSKUT><DURPRED>2019-10-31</DURPRED>
    <ZAD><NAZ>Statutární město Ostrava</NAZ><IC>00845451</IC><ADRESA><OBEC>554821</OBEC></ADRESA></ZAD>
    <PF><CZV>3648425.00</CZV><EU>3101161.25</EU><CNV>364842.50</CNV><SN>182421.25</SN></PF></PRJ>
  <PRJ><KOD>{OTHER_CALL}</KOD><NAZ>Jiná výzva</NAZ><DZRSKUT>2016-01-01</DZRSKUT>
    <DURSKUT>2017-12-31</DURSKUT><ZAD><NAZ>Někdo</NAZ><IC>12345678</IC></ZAD>
    <PF><CZV>100.00</CZV><EU>85.00</EU><CNV>15.00</CNV><SN>0</SN></PF></PRJ>
  <PRJ><KOD>{NEW_63}</KOD><NAZ>Plánování v Karviné</NAZ><DZRSKUT>2018-01-01T00:00:00</DZRSKUT>
    <DURPRED>2019-12-31T00:00:00</DURPRED><ZAD><NAZ>Statutární město Karviná</NAZ><IC>00297534</IC></ZAD>
    <PF><CZV>2000000</CZV><EU>1700000</EU><CNV>200000</CNV><SN>100000</SN></PF></PRJ>
</SeznamProjektu>
""", encoding="utf-8")
    return path


def _projects(engine: sa.Engine) -> dict[str, sa.RowMapping]:
    with engine.connect() as conn:
        return {r["key"]: r for r in conn.execute(sa.select(s.project)).mappings()}


def _funding(engine: sa.Engine, key: str) -> dict[str, Decimal]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(s.project_funding.c.source_code, s.project_funding.c.amount)
                                 .join(s.project).where(s.project.c.key == key)).all())


def test_src001_dotaceeu_2014_by_header_text_and_call_filter(engine: sa.Engine, tmp_path: Path) -> None:
    read = read_dotaceeu(dotaceeu_2014(tmp_path / "seznam_operaci.xlsx"), Selection(call="63"))
    result = load_read_result(engine, read)
    assert result.ok, [str(p) for p in result.errors]
    projects = _projects(engine)
    assert set(projects) == {OSTRAVA, NEW_63}  # the call-48 project is filtered out
    p = projects[OSTRAVA]
    assert p["beneficiary_ico"] == "00845451" and p["programme_code"] == "OPZ"
    # the export states a planned ("předpokládané") end only: it is not the actual end
    assert (p["start_date"], p["end_date"], p["planned_end_date"]) == (
        dt.date(2017, 11, 1), None, dt.date(2019, 10, 31))
    assert p["total_eligible"] == Decimal("3648425.00")
    assert _funding(engine, OSTRAVA) == {"eu": Decimal("3101161.25"), "state": Decimal("364842.50"),
                                         "beneficiary": Decimal("182421.25")}
    with engine.connect() as conn:
        drawn = conn.execute(sa.select(s.drawdown.c.year, s.drawdown.c.source_code, s.drawdown.c.drawn)
                             .order_by(s.drawdown.c.source_code)).all()
    # paid amounts become drawdown in the year of the export; the unpaid project has none
    assert drawn == [(2020, "beneficiary", Decimal("100000.00")), (2020, "eu", Decimal("1700000.00")),
                     (2020, "state", Decimal("200000.00"))]


def test_src002_dotaceeu_2021_repeated_rows_never_summed(engine: sa.Engine, tmp_path: Path) -> None:
    result = load_read_result(engine, read_dotaceeu(dotaceeu_2021(tmp_path / "operace.xlsx")))
    assert result.ok, [str(p) for p in result.errors]
    assert result.total("inserted") == 1
    p = _projects(engine)["CZ.03.02.01/00/22_007/0000182"]
    assert p["total_eligible"] == Decimal("1500000.00")  # not 4 500 000 over three procurement rows
    assert p["programme_code"] == "OPZ+" and p["beneficiary_ico"] == "00287571"


def test_src003_ms2014_xml_streamed(engine: sa.Engine, tmp_path: Path) -> None:
    path = ms2014_xml(tmp_path / "SeznamProjektu.xml")
    result = load_read_result(engine, read_ms2014(path, Selection(call="63")))
    assert result.ok, [str(p) for p in result.errors]
    projects = _projects(engine)
    assert set(projects) == {OSTRAVA, NEW_63}
    assert projects[NEW_63]["beneficiary"] == "Statutární město Karviná"
    # only a planned end (DURPRED) is stated: the actual end stays empty
    assert (projects[NEW_63]["end_date"], projects[NEW_63]["planned_end_date"]) == (
        None, dt.date(2019, 12, 31))
    assert _funding(engine, NEW_63)["eu"] == Decimal("1700000.00")


def test_src004_both_sources_give_the_same_projects(backend, tmp_path: Path) -> None:  # noqa: ANN001
    from etl.database import make_engine

    found = []
    for read in (read_dotaceeu(dotaceeu_2014(tmp_path / "a.xlsx"), Selection(call="63")),
                 read_ms2014(ms2014_xml(tmp_path / "b.xml"), Selection(call="63"))):
        url = backend.fresh_url(seeded=False)
        engine = make_engine(url, writer=True)
        try:
            assert load_read_result(engine, read).ok
            with engine.connect() as conn:
                found.append(sorted(conn.execute(sa.select(
                    s.project.c.key, s.project.c.name, s.project.c.beneficiary, s.project.c.start_date,
                    s.project.c.end_date, s.project.c.planned_end_date,
                    s.project.c.total_eligible)).all()))
        finally:
            engine.dispose()
            backend.drop(url)
    assert found[0] == found[1]


def test_src005_bad_national_rows_rejected_with_their_place(engine: sa.Engine, tmp_path: Path) -> None:
    path = dotaceeu_2014(tmp_path / "seznam.xlsx")
    book = openpyxl.load_workbook(path)
    book.active.cell(7, 9).value = "dva miliony"  # the CZV of the Karviná row
    book.save(path)
    before = table_snapshot(engine)
    result = load_read_result(engine, read_dotaceeu(path, Selection(call="63")))
    assert not result.ok
    assert [(p.file, p.sheet, p.row, p.column, p.rule) for p in result.errors] == [
        ("seznam.xlsx", "Seznam operací", 7, "celkove_zpusobile_vydaje", "value-money")]
    assert table_snapshot(engine) == before


@pytest.mark.parametrize("command", ["load-dotaceeu", "load-ms2014"])
def test_src006_command_line(db_url: str, tmp_path: Path, command: str, capsys) -> None:  # noqa: ANN001
    path = dotaceeu_2014(tmp_path / "s.xlsx") if command == "load-dotaceeu" \
        else ms2014_xml(tmp_path / "s.xml")
    assert main([command, str(path), "--call", "63", "--programme", "OPZ", "--database", db_url]) == 0
    assert "inserted 2" in capsys.readouterr().out
    assert main([command, str(tmp_path / "missing.xml"), "--database", db_url]) == 2
