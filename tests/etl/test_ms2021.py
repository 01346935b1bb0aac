"""MS2021+ open data (SeznamOperaci_21_27.xml) in its documented shape, and MS2014+ read alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.cli import main
from etl.load import load_read_result
from etl.sources.common import Selection
from etl.sources.ms2014 import read_ms2014
from etl.sources.ms2021 import read_ms2021
from tests.conftest import table_snapshot

NS = "https://ms21xsd.mssf.cz/OpenData/v_1"
KROMERIZ = "CZ.03.02.02/00/22_046/0002180"
RUNNING = "CZ.03.02.01/00/22_008/0000049"
CALL_25 = "CZ.03.02.02/00/25_104/0006461"
OTHER_PROGRAMME = "CZ.10.03.01/00/22_001/0000007"


def _address(code: str, name: str) -> str:
    return (f"<ADR><KKOD>CZ072</KKOD><KNAZEV>Zlínský kraj</KNAZEV><OKKOD>CZ0721</OKKOD>"
            f"<OKNAZEV>Kroměříž</OKNAZEV><OBKOD>{code}</OBKOD><OBNAZEV>{name}</OBNAZEV>"
            f"<RUIAN>12345678</RUIAN></ADR>")


def _finance(t: str, cv: str, czv: str, eu: str, cnv: str, sn: str) -> str:
    return (f"<PF><T>{t}</T><CV>{cv}</CV><CZV>{czv}</CZV><EU>{eu}</EU><CNV>{cnv}</CNV>"
            f"<SN>{sn}</SN><S>0</S></PF>")


def ms2021_xml(path: Path) -> Path:
    """A small SeznamOperaci_21_27.xml in the shape etl/sources/ms2021.py reads."""
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<EXPORT xmlns="{NS}" LICENCE="CC BY 4.0" AUTOR="MMR" DATE="2026-09-15T00:00:00.000+02:00"
        FILE="SeznamOperaci_21_27">
  <PRJ>
    <KOD>{KROMERIZ}</KOD><NAZ>Plánování sociálních služeb v ORP Kroměříž</NAZ>
    <PROBLEM>Chybí aktuální analýza potřeb</PROBLEM><CIL>Nový komunitní plán na léta 2025–2027</CIL>
    <ZAD><NAZ>Město Kroměříž</NAZ><IC>287351</IC><HPF>801</HPF>{_address("588296", "Kroměříž")}</ZAD>
    {_finance("0", "1200000.00", "1000000.00", "850000.00", "100000.00", "50000.00")}
    {_finance("1", "1564798.35", "1564798.35", "1330078.60", "156479.83", "78239.92")}
    <DZRSKUT>2023-02-01T00:00:00.000+01:00</DZRSKUT><DURPRED>2025-12-31T00:00:00.000+01:00</DURPRED>
    <DURSKUT>2025-06-30T00:00:00.000+02:00</DURSKUT>
    <ID_VYZVA>1234</ID_VYZVA><CILSKUP><CSKOD>CS01</CSKOD><CSKOD>CS07</CSKOD></CILSKUP>
  </PRJ>
  <PRJ>
    <KOD>{RUNNING}</KOD><NAZ>Střednědobý plán sociálních služeb Zlínského kraje</NAZ>
    <PROBLEM>-</PROBLEM><CIL> - </CIL>
    <ZAD><NAZ>Zlínský kraj</NAZ><IC>70891320</IC><HPF>325</HPF>{_address("585068", "Zlín")}</ZAD>
    {_finance("1", "2000000.00", "2000000.00", "1700000.00", "300000.00", "0.00")}
    <DZRSKUT>2024-01-01T00:00:00.000+01:00</DZRSKUT><DURPRED>2026-12-31T00:00:00.000+01:00</DURPRED>
    <ID_VYZVA>1200</ID_VYZVA>
  </PRJ>
  <PRJ>
    <KOD>{CALL_25}</KOD><NAZ>Plánování v ORP Holešov</NAZ><PROBLEM>--</PROBLEM>
    <ZAD><NAZ>Město Holešov</NAZ><IC>00287172</IC>{_address("588458", "Holešov")}</ZAD>
    {_finance("1", "600000.00", "600000.00", "510000.00", "60000.00", "30000.00")}
    {_finance("0", "500000.00", "500000.00", "425000.00", "50000.00", "25000.00")}
    <DZRSKUT>2025-09-01T00:00:00.000+02:00</DZRSKUT><DURPRED>2027-08-31T00:00:00.000+02:00</DURPRED>
  </PRJ>
  <PRJ>
    <KOD>{OTHER_PROGRAMME}</KOD><NAZ>Jiný program</NAZ>
    <ZAD><NAZ>Někdo</NAZ><IC>12345678</IC></ZAD>
    {_finance("1", "100.00", "100.00", "85.00", "15.00", "0.00")}
    <DZRSKUT>2024-01-01T00:00:00.000+01:00</DZRSKUT>
  </PRJ>
</EXPORT>
""", encoding="utf-8")
    return path


def _projects(engine: sa.Engine) -> dict[str, dict[str, object]]:
    columns = ["name", "beneficiary", "beneficiary_ico", "programme_code", "start_date", "end_date",
               "planned_end_date", "total_eligible", "description", "source"]
    with engine.connect() as conn:
        rows = conn.execute(sa.select(s.project.c.key, s.call.c.number, *(s.project.c[c] for c in columns))
                            .outerjoin(s.call, s.call.c.id == s.project.c.call_id)).mappings()
        return {r["key"]: dict(r) for r in rows}


def _funding(engine: sa.Engine) -> dict[str, dict[str, Decimal]]:
    found: dict[str, dict[str, Decimal]] = {}
    with engine.connect() as conn:
        for key, source, amount in conn.execute(sa.select(
                s.project.c.key, s.project_funding.c.source_code, s.project_funding.c.amount)
                .join(s.project)):
            found.setdefault(key, {})[source] = amount
    return found


def test_ms21001_export_loads_exactly(engine: sa.Engine, tmp_path: Path) -> None:
    read = read_ms2021(ms2021_xml(tmp_path / "SeznamOperaci_21_27.xml"), Selection(programme="OPZ+"))
    result = load_read_result(engine, read, dataset="national")
    assert result.ok, [str(p) for p in result.problems]
    projects = _projects(engine)
    assert set(projects) == {KROMERIZ, RUNNING, CALL_25}  # the other programme is left out
    source = "MS2021+ otevřená data (SeznamOperaci_21_27.xml, k 2026-09-15)"
    assert projects[KROMERIZ] == {
        "key": KROMERIZ, "number": "46", "name": "Plánování sociálních služeb v ORP Kroměříž",
        "beneficiary": "Město Kroměříž", "beneficiary_ico": "00287351", "programme_code": "OPZ+",
        "start_date": dt.date(2023, 2, 1), "end_date": dt.date(2025, 6, 30),
        "planned_end_date": dt.date(2025, 12, 31), "total_eligible": Decimal("1564798.35"),
        "description": "Problém: Chybí aktuální analýza potřeb\n"
                       "Cíl: Nový komunitní plán na léta 2025–2027",
        "source": source,
    }
    # a running project: no actual end, its planned end kept apart; placeholders stay empty
    assert (projects[RUNNING]["end_date"], projects[RUNNING]["planned_end_date"]) == (
        None, dt.date(2026, 12, 31))
    assert projects[RUNNING]["description"] is None
    # a call of 2025 is a 2021–27 call of OPZ+
    assert (projects[CALL_25]["programme_code"], projects[CALL_25]["number"]) == ("OPZ+", "104")
    assert projects[CALL_25]["description"] is None
    # the T=1 block, whether it comes first or second, never the T=0 one
    assert _funding(engine) == {
        KROMERIZ: {"eu": Decimal("1330078.60"), "state": Decimal("156479.83"),
                   "beneficiary": Decimal("78239.92")},
        RUNNING: {"eu": Decimal("1700000.00"), "state": Decimal("300000.00"),
                  "beneficiary": Decimal("0.00")},
        CALL_25: {"eu": Decimal("510000.00"), "state": Decimal("60000.00"),
                  "beneficiary": Decimal("30000.00")},
    }
    assert projects[CALL_25]["total_eligible"] == Decimal("600000.00")


def test_ms21002_same_export_twice_changes_nothing(engine: sa.Engine, tmp_path: Path) -> None:
    path = ms2021_xml(tmp_path / "SeznamOperaci_21_27.xml")
    assert load_read_result(engine, read_ms2021(path)).ok
    before = table_snapshot(engine)
    again = load_read_result(engine, read_ms2021(path))
    assert again.ok and again.total("inserted") == again.total("updated") == 0
    assert {k: v for k, v in table_snapshot(engine).items() if not k.startswith("load_")} == {
        k: v for k, v in before.items() if not k.startswith("load_")}


HTML_PAGE = ("<!DOCTYPE html>\n<html><head><title>Chyba</title></head>"
             "<body><p>Služba je dočasně nedostupná</p></body></html>\n").encode()
NOT_THE_EXPORT = {
    "html-page.xml": HTML_PAGE,
    "html-no-doctype.xml": b"<html><body>Chyba 503<br></body></html>",
    "empty.xml": b"",
    "blank.xml": b"\n  \n",
    "other-root.xml": f'<?xml version="1.0"?><SeznamVyzev xmlns="{NS}"><V/></SeznamVyzev>'.encode(),
    "no-namespace.xml": b'<?xml version="1.0"?><EXPORT DATE="2026-09-15"><PRJ><KOD>x</KOD></PRJ></EXPORT>',
    "text.xml": "Registrační číslo;Název\n".encode(),
}


@pytest.mark.parametrize("name", sorted(NOT_THE_EXPORT))
def test_ms21003_not_the_export_refused_before_parsing(db_url: str, tmp_path: Path, name: str,
                                                       capsys) -> None:  # noqa: ANN001
    from etl.database import make_engine

    path = tmp_path / name
    path.write_bytes(NOT_THE_EXPORT[name])
    engine = make_engine(db_url)
    try:
        before = table_snapshot(engine)
        assert main(["load-ms2021", str(path), "--database", db_url]) == 1
        assert table_snapshot(engine) == before  # not even a load run is recorded
    finally:
        engine.dispose()
    out = capsys.readouterr().out
    assert "not-ms-export" in out and "status: rejected" in out


def test_ms21004_refused_from_the_first_bytes(tmp_path: Path) -> None:
    # An HTML page followed by a huge body: the refusal reads only the head of the file.
    path = tmp_path / "SeznamOperaci_21_27.xml"
    path.write_bytes(HTML_PAGE + b"<p>" + b"x" * (4 << 20) + b"</p>")
    read = read_ms2021(path)
    assert [(p.rule, p.value) for p in read.problems] == [("not-ms-export", "html")]
    assert read.sheets == []


def test_ms21005_broken_download_rejected(engine: sa.Engine, tmp_path: Path) -> None:
    path = ms2021_xml(tmp_path / "SeznamOperaci_21_27.xml")
    path.write_bytes(path.read_bytes()[:-300])  # cut inside the last project
    before = table_snapshot(engine)
    result = load_read_result(engine, read_ms2021(path))
    assert not result.ok and [p.rule for p in result.errors] == ["xml-broken"]
    assert table_snapshot(engine) == before


def test_ms21006_command_line(db_url: str, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    path = ms2021_xml(tmp_path / "SeznamOperaci_21_27.xml")
    assert main(["load-ms2021", str(path), "--call", "104", "--dry-run", "--database", db_url]) == 0
    assert "inserted 1," in capsys.readouterr().out
    assert main(["load-ms2021", str(path), "--programme", "OPZ+", "--database", db_url]) == 0
    assert "inserted 3," in capsys.readouterr().out
    assert main(["load-ms2021", str(tmp_path / "missing.xml"), "--database", db_url]) == 2
    assert main(["load-ms2021", "--database", db_url]) == 2


def ms2014_xml(path: Path) -> Path:
    """SeznamProjektu.xml with two finance blocks, T=0 first, and actual and planned ends."""
    reg = "CZ.03.2.63/0.0/0.0/16_063/0006540"
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<SeznamProjektu xmlns="http://www.mssf.cz/opendata">
  <PRJ><KOD>{reg}</KOD><NAZ>Plánování v Novém Jičíně</NAZ>
    <DZRSKUT>2017-07-01T00:00:00</DZRSKUT><DURPRED>2019-12-31T00:00:00</DURPRED>
    <DURSKUT>2019-06-30T00:00:00</DURSKUT><ZAD><NAZ>Město Nový Jičín</NAZ><IC>298212</IC></ZAD>
    <PF><T>0</T><CZV>2000000.00</CZV><EU>1700000.00</EU><CNV>200000.00</CNV><SN>100000.00</SN></PF>
    <PF><T>1</T><CZV>1800000.00</CZV><EU>1530000.00</EU><CNV>180000.00</CNV><SN>90000.00</SN></PF>
  </PRJ>
  <PRJ><KOD>CZ.03.2.63/0.0/0.0/16_063/0006541</KOD><NAZ>Bloky bez T=1</NAZ>
    <PF><T>0</T><CZV>100.00</CZV></PF><PF><T>0</T><CZV>200.00</CZV></PF>
  </PRJ>
</SeznamProjektu>
""", encoding="utf-8")
    return path


def test_ms21007_ms2014_takes_t1_and_keeps_the_planned_end_apart(engine: sa.Engine,
                                                                  tmp_path: Path) -> None:
    read = read_ms2014(ms2014_xml(tmp_path / "SeznamProjektu.xml"))
    result = load_read_result(engine, read)
    assert result.ok, [str(p) for p in result.errors]
    projects = _projects(engine)
    p = projects["CZ.03.2.63/0.0/0.0/16_063/0006540"]
    assert (p["start_date"], p["end_date"], p["planned_end_date"]) == (
        dt.date(2017, 7, 1), dt.date(2019, 6, 30), dt.date(2019, 12, 31))
    assert p["total_eligible"] == Decimal("1800000.00") and p["beneficiary_ico"] == "00298212"
    assert _funding(engine)["CZ.03.2.63/0.0/0.0/16_063/0006540"]["eu"] == Decimal("1530000.00")
    # two blocks and neither is T=1: amounts stay empty, and the export's shape is reported
    assert projects["CZ.03.2.63/0.0/0.0/16_063/0006541"]["total_eligible"] is None
    assert [(p.rule, p.row, p.value) for p in result.warnings] == [
        ("finance-block-missing", 2, "T=0, T=0")]


def test_ms21008_each_project_cut_from_the_tree_once_read(tmp_path: Path) -> None:
    from etl.sources.msexport import records

    seen = []
    for attributes, prj in records(ms2021_xml(tmp_path / "SeznamOperaci_21_27.xml")):
        assert attributes["DATE"] == "2026-09-15T00:00:00.000+02:00"  # kept though the root is cleared
        assert len(prj) > 0  # whole while it is read
        seen.append(prj)
    assert len(seen) == 4 and all(len(prj) == 0 and not prj.text for prj in seen)
