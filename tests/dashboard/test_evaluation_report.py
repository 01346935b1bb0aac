"""The yearly evaluation report read back from DOCX (python-docx) and PDF (pypdf): its figures,
its approval state, its charts and its sources."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pypdf
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.evaluation_report import build_report
from dashboard.report_docx import docx_bytes
from dashboard.report_pdf import pdf_bytes
from etl import plan_year
from etl.load import load_files
from tests.security.callbacks import text_of_document

GOOD = Path(__file__).parent.parent / "data" / "good" / "utf8_semicolon"
PLAN = "celadna-kp1"
EVALUATIONS = (
    "plan;kod;rok;stav;plneni_procent;skutecne_naklady;komentar;interni_komentar;verejne\n"
    f"{PLAN};1.1;2020;částečně splněno;70 %;65 432,10;Služba rozšířena;Tajné A;ano\n"
    f"{PLAN};1.1;2021;splněno;100 %;20 000;Dokončeno včas;Tajné B;ano\n")


@pytest.fixture
def db(engine: sa.Engine) -> Database:
    assert load_files(engine, [GOOD]).ok
    assert load_files(engine, blobs=[("plneni_opatreni.csv", EVALUATIONS.encode())], user="eva").ok
    plan_year.approve_years(engine, [(PLAN, 2020), (PLAN, 2021)], "jana")  # both published
    return Database(engine)


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])


def test_evr001_both_formats_hold_the_years_figures_state_changes_and_sources(db: Database) -> None:
    report = build_report(db, PLAN, 2021, internal=False, lang="cs", charts=False)
    assert report.approved and report.state.startswith("schválil(a) jana, ")
    facts = [(label, value.replace("\xa0", " ")) for label, value in report.facts]
    assert ("Plánované náklady celkem", "100 000 Kč") in facts
    assert ("Vynaloženo v roce 2021", "20 000 Kč") in facts
    assert ("Vynaloženo do roku 2021", "85 432 Kč") in facts  # a plan's money in whole Kč
    assert ("splněno", "1", "0") in report.status_rows
    assert ("částečně splněno", "0", "1") in report.status_rows
    for data in (docx_bytes(report), pdf_bytes(report)):
        text = text_of_document(data)
        for expected in ("Vyhodnoceníkomunitníhoplánuzarok2021", "schválil(a)jana", "100000Kč",
                         "20000Kč", "85432Kč", "Dokončenovčas", "Terénnípečovatelskáslužba",
                         "zlepšení", "plneni_opatreni.csv", "1Dostupnost–Seniořivobci"):
            assert expected in text, expected
        assert "Tajné" not in text and "NEVEŘEJNÉ" not in text
    assert len(pypdf.PdfReader(io.BytesIO(pdf_bytes(report))).pages) >= 1


def test_evr002_the_steering_version_and_english(db: Database) -> None:
    internal = build_report(db, PLAN, 2021, internal=True, lang="cs", charts=False)
    assert internal.file_name(PLAN, "pdf") == f"neverejne-vyhodnoceni-{PLAN}-2021.pdf"
    text = text_of_document(docx_bytes(internal))
    assert "TajnéB" in text and "NEVEŘEJNÉ–pouzeprořídícískupinu" in text
    english = build_report(db, PLAN, 2021, internal=False, lang="en", charts=False)
    assert english.file_name(PLAN, "docx") == f"evaluation-{PLAN}-2021.docx"
    text = text_of_document(pdf_bytes(english))
    assert "Evaluationofthecommunityplanfor2021" in text and "CZK" in text
    assert build_report(db, PLAN, 2019, internal=True, lang="cs") is None  # no evaluation
    assert build_report(db, "neni-takovy", 2021, internal=True, lang="cs") is None


@pytest.mark.skipif(not shutil.which("chromium"), reason="chart images need Chromium (kaleido)")
def test_evr003_the_charts_are_images_in_both_formats(db: Database) -> None:
    report = build_report(db, PLAN, 2021, internal=False, lang="cs")
    assert [chart.png[:8] for chart in report.charts] == [b"\x89PNG\r\n\x1a\n"] * 2
    assert len(docx.Document(io.BytesIO(docx_bytes(report))).inline_shapes) == 2
    pages = pypdf.PdfReader(io.BytesIO(pdf_bytes(report))).pages
    assert sum(len(page.images) for page in pages) == 2
