"""``python -m etl extract-plan``: a plan's document → a draft workbook and a report; unreadable refused."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from etl.cli import main
from etl.extract.draft import PROPOSAL_FILL, draft_workbook
from etl.extract.plan import extract_plan, extract_plan_text
from etl.extract.text import normalise
from etl.load import load_files

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
PLANS = DATA / "plans"
UNREADABLE = DATA / "unreadable"


def test_xpc001_command_writes_plans_measures_and_groups(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "never.sqlite"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{database}")
    out = tmp_path / "draft.xlsx"
    files = [PLANS / "00_txt.txt", PLANS / "01_docx.docx", PLANS / "02_pdf.pdf"]
    assert main(["extract-plan", *map(str, files), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "[opatreni]" in printed and "NÁVRH" in printed and "← „" in printed
    assert not database.exists()
    book = openpyxl.load_workbook(out)
    assert {"komunitni_plany", "opatreni", "cilove_skupiny"} <= set(book.sheetnames)
    assert book["komunitni_plany"].max_row == 4
    plan_key = [c.value for c in book["komunitni_plany"]["A"]][1]
    assert book["komunitni_plany"]["A2"].fill.fgColor.rgb == PROPOSAL_FILL.fgColor.rgb
    assert plan_key.startswith("navrh-")


@pytest.mark.parametrize(("name", "reason"), [
    ("naskenovany_plan.pdf", "nemá textovou vrstvu"),
    ("zasifrovany_plan.pdf", "zašifrované"),
    ("obrazek_plan.docx", "není PDF ani DOCX"),
    ("plan.png", "neznámý druh dokumentu"),
])
def test_xpc002_unreadable_documents_are_refused(
        name: str, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "draft.xlsx"
    assert main(["extract-plan", str(UNREADABLE / name), "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "nelze přečíst" in printed and reason in printed
    assert not out.exists()


@pytest.mark.parametrize("name", ["naskenovany_plan.pdf", "zasifrovany_plan.pdf", "plan.png"])
def test_xpc003_extract_page_refuses_documents_that_are_not_pages(
        name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "draft.xlsx"
    assert main(["extract-page", str(UNREADABLE / name), "-o", str(out)]) == 1
    assert "nelze přečíst" in capsys.readouterr().out
    assert not out.exists()


def test_xpc004_encrypted_word_file_is_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
    with pytest.raises(ValueError, match="zašifrovaný"):
        extract_plan("plan.docx", ole)


def test_xpc005_measure_details_and_what_is_missing() -> None:
    draft = extract_plan_text("p.txt", normalise(
        "Komunitní plán sociálních služeb ORP Písek na období 2020–2022\n"
        "Priorita 1: Senioři doma\n"
        "Opatření 1.1: Odlehčovací služba\n"
        "Garant: Charita Písek\n"
        "Finanční náročnost: 2020: 100 000 Kč, 2021: 150 000,50 Kč\n"
        "Opatření č. 1.2 – Katalog služeb\n"))
    measures = {m.values["kod"]: m.values for m in draft.of("opatreni")}
    assert measures["1.1"]["odpovedny_subjekt"] == "Charita Písek"
    assert measures["1.1"]["planovane_naklady"] == "250 000,50 Kč"  # the sum of the years
    assert measures["1.2"]["priorita"] == "Senioři doma"
    assert "planovane_naklady" not in measures["1.2"]  # not stated: empty, and reported
    assert any(m.startswith("opatření 1.2:") and "planovane_naklady" in m for m in draft.missing)
    plan = draft.of("komunitni_plany")[0].values
    assert (plan["obdobi_od"], plan["obdobi_do"], plan["orp"]) == ("2020", "2022", "Písek")


def test_xpc006_plan_draft_passes_a_dry_run(seeded_engine: sa.Engine) -> None:
    drafts = [extract_plan(p.name, p.read_bytes()) for p in sorted(PLANS.glob("0[0-5]_*.*"))
              if p.suffix != ".json"]
    result = load_files(seeded_engine, blobs=[("draft.xlsx", draft_workbook(drafts))], dry_run=True)
    assert result.ok, [str(p) for p in result.errors][:5]
    assert openpyxl.load_workbook(io.BytesIO(draft_workbook(drafts)))["opatreni"].max_row > 10
