"""The draft workbook: import-format sheets that `etl load` reads, proposals marked; the command line."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from etl.cli import main
from etl.entities import ENTITIES
from etl.extract import extract_page
from etl.extract.draft import PROPOSAL_FILL, REPORT_SHEET, draft_workbook
from etl.load import load_files
from etl.read import ReadResult, read_bytes
from etl.result import INSERTED, UNCHANGED
from tests.conftest import table_snapshot

PAGES_DIR = Path(__file__).resolve().parents[1] / "data" / "pages"
OSTRAVA_PAGE = PAGES_DIR / "001_01670f45324abb5c.txt"
ZABREH_PAGE = PAGES_DIR / "004_dee8901c5f24663c.txt"


def _draft(path: Path) -> bytes:
    return draft_workbook([extract_page(path.name, path.read_bytes())])


def test_xdr001_one_sheet_per_entity_that_etl_reads() -> None:
    data = _draft(OSTRAVA_PAGE)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["projekty", "klicove_aktivity", "cile_indikatoru",
                               "cilove_skupiny_projektu", "komunitni_plany", "cilove_skupiny",
                               REPORT_SHEET]
    for name in book.sheetnames[:-1]:
        header = [c.value for c in book[name][1]]
        assert header == [c.name for c in ENTITIES[name].columns]
    read = ReadResult()
    read_bytes("draft.xlsx", data, read)
    assert not read.problems
    assert [s.entity.name for s in read.sheets] == book.sheetnames[:-1]  # the report sheet is skipped
    projekty = read.sheets[0]
    row = dict(zip(projekty.headers, next(iter(projekty.rows))[1], strict=True))
    assert row["registracni_cislo"] == "CZ.03.2.63/0.0/0.0/16_063/0006590"
    assert row["podil_prijemce"] == "182 421,25 Kč (5 %)"
    assert row["prijemce"] is None  # not stated as such on the page


def test_xdr002_proposals_are_marked_and_the_report_sheet_cites_sentences() -> None:
    book = openpyxl.load_workbook(io.BytesIO(_draft(ZABREH_PAGE)))
    key_cell = book["projekty"]["A2"]
    assert key_cell.value.startswith("local:navrh-")
    assert key_cell.fill.fgColor.rgb.endswith(PROPOSAL_FILL.fgColor.rgb[-6:])
    assert "NÁVRH" in key_cell.comment.text
    name_cell = book["projekty"]["B2"]
    assert name_cell.comment is None
    report = [[c.value for c in row] for row in book[REPORT_SHEET].iter_rows(min_row=2)]
    dates = [r for r in report if r[3] == "ukonceni"]
    assert dates[0][4] == "28.2.2014"
    assert "nejpozději do 28.2.2014" in dates[0][6]
    assert any(r[3] == "celkove_zpusobile_vydaje" and r[7] for r in report)  # listed as missing


def test_xdr003_ostrava_draft_passes_a_dry_run(seeded_engine: sa.Engine) -> None:
    before = table_snapshot(seeded_engine)
    result = load_files(seeded_engine, blobs=[("draft.xlsx", _draft(OSTRAVA_PAGE))], dry_run=True)
    assert result.ok, [str(p) for p in result.errors]
    assert result.status == "dry-run"
    # The indicators and key activities read from the page are exactly the curated ones.
    assert result.counts[("draft.xlsx", "cile_indikatoru")][UNCHANGED] == 2
    assert result.counts[("draft.xlsx", "klicove_aktivity")][UNCHANGED] == 5
    # The plan and its groups come under a proposed key, so they would be new rows.
    assert result.counts[("draft.xlsx", "cilove_skupiny")][INSERTED] == 9
    assert table_snapshot(seeded_engine) == before


@pytest.mark.parametrize("page", sorted(p.name for p in PAGES_DIR.glob("*.txt")))
def test_xdr004_every_seed_page_draft_is_loadable(page: str, seeded_engine: sa.Engine) -> None:
    result = load_files(seeded_engine, blobs=[("draft.xlsx", _draft(PAGES_DIR / page))], dry_run=True)
    assert result.ok, [str(p) for p in result.errors]


def test_xdr005_command_line_writes_the_draft_and_the_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "never.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    out = tmp_path / "draft.xlsx"
    assert main(["extract-page", str(OSTRAVA_PAGE), str(ZABREH_PAGE), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "registracni_cislo = CZ.03.2.63/0.0/0.0/16_063/0006590" in printed
    assert "← „Doba trvání projektu: 1.11.2017 – 31.10.2019“" in printed
    assert "NÁVRH" in printed and "nenalezeno" in printed
    assert out.exists()
    assert not database.exists()  # it never loads, nor opens a database
    book = openpyxl.load_workbook(out)
    assert book["projekty"].max_row == 3  # Ostrava and Zábřeh


def test_xdr006_draft_loads_through_etl_load(tmp_path: Path, seeded_db_url: str) -> None:
    out = tmp_path / "draft.xlsx"
    assert main(["extract-page", str(OSTRAVA_PAGE), "-o", str(out)]) == 0
    # 0: the load command accepted the draft (a dry run, nothing written)
    assert main(["--database", seeded_db_url, "load", "--dry-run", str(out)]) == 0


def test_xdr007_unreadable_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "obrazek.txt"
    page.write_bytes(b"\x00\x01\x02 not text")
    out = tmp_path / "draft.xlsx"
    assert main(["extract-page", str(page), "-o", str(out)]) == 1
    assert "nelze přečíst" in capsys.readouterr().out
    assert not out.exists()
