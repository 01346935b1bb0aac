"""The upload page's "Návrh z dokumentu": an uploaded page or plan → the draft workbook and report."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import openpyxl
import pytest

from dashboard.drafts import draft_from_upload

DATA = Path(__file__).resolve().parents[1] / "data"
MAX = 5 * 1024 * 1024


def _contents(path: Path) -> str:
    return "data:application/octet-stream;base64," + base64.b64encode(path.read_bytes()).decode()


def test_drf001_a_project_page_gives_the_draft_and_the_report() -> None:
    page = DATA / "pages" / "001_01670f45324abb5c.txt"
    outcome = draft_from_upload("page", _contents(page), page.name, MAX)
    assert outcome.workbook is not None and outcome.error_cs == ""
    assert "registracni_cislo = CZ.03.2.63/0.0/0.0/16_063/0006590" in outcome.report
    book = openpyxl.load_workbook(io.BytesIO(outcome.workbook))
    assert "projekty" in book.sheetnames
    assert outcome.download_name == "navrh-001_01670f45324abb5c.xlsx"


def test_drf002_a_plan_document_gives_measures() -> None:
    plan = DATA / "extract" / "plans" / "01_docx.docx"
    outcome = draft_from_upload("plan", _contents(plan), plan.name, MAX)
    assert outcome.workbook is not None
    book = openpyxl.load_workbook(io.BytesIO(outcome.workbook))
    assert book["opatreni"].max_row > 2
    assert "[opatreni]" in outcome.report


@pytest.mark.parametrize(("kind", "name", "reason"), [
    ("plan", "naskenovany_plan.pdf", "textovou vrstvu"),
    ("plan", "zasifrovany_plan.pdf", "zašifrované"),
    ("page", "naskenovany_plan.pdf", "čtu jen soubory .html, .htm, .txt"),
    ("plan", "plan.png", "čtu jen soubory .pdf, .docx, .txt"),
])
def test_drf003_unreadable_documents_say_why(kind: str, name: str, reason: str) -> None:
    path = DATA / "extract" / "unreadable" / name
    outcome = draft_from_upload(kind, _contents(path), name, MAX)
    assert outcome.workbook is None
    assert reason in outcome.error_cs


@pytest.mark.parametrize(("kind", "contents"), [("page", None), ("page", "not base64"), ("other", "x"),
                                               ([], "x"), ({"a": 1}, None)])
def test_drf004_malformed_uploads_are_refused(kind: str, contents: object) -> None:
    outcome = draft_from_upload(kind, contents, "page.txt", MAX)
    assert outcome.workbook is None and outcome.error_cs
