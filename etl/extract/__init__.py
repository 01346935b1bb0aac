"""Read a project's public web page into draft records of the import format.

``extract_page`` gives a ``PageDraft``: records (text in the import notation),
each value with the sentence it came from, and what the page did not state.
``etl.extract.draft`` writes drafts as a workbook that ``python -m etl load``
reads; ``etl.extract.report`` prints what was found. Nothing here touches a
database: a person checks the draft, then loads it.
"""

from __future__ import annotations

from pathlib import Path

from etl.entities import REGISTRATION_NUMBER
from etl.extract import patterns as P
from etl.extract.activities import extract_activities, extract_indicator_lines, extract_indicators
from etl.extract.model import DraftRecord, Evidence, PageDraft
from etl.extract.project import extract_project
from etl.extract.structure import (
    extract_bodies,
    extract_inline_groups,
    extract_plans,
    extract_target_groups,
)
from etl.extract.text import page_text

__all__ = ["DraftRecord", "Evidence", "PageDraft", "extract_page", "extract_text"]

# Project columns a page may state; those it does not are listed as not found.
PROJECT_COLUMNS = (
    REGISTRATION_NUMBER, "nazev", "zkraceny_nazev", "program", "vyzva", "orp", "zahajeni", "ukonceni",
    "doba_trvani_mesice", "celkove_zpusobile_vydaje", "podil_eu", "podil_sr", "podil_prijemce",
    "podpora_eu_sr", "pocet_obci", "predchozi_projekt",
)
ENTITY_LABELS = {
    "klicove_aktivity": "klíčové aktivity (key activities)",
    "cile_indikatoru": "indikátory s cílovými hodnotami (indicator targets)",
    "cilove_skupiny_projektu": "cílové skupiny projektu (project target groups)",
    "organizacni_struktura": "organizační struktura (planning bodies)",
    "komunitni_plany": "komunitní plán s obdobím (community plan and period)",
}


def extract_page(file_name: str, data: bytes) -> PageDraft:
    """Draft records from a saved page (plain text or HTML, UTF-8 or Windows-1250)."""
    return extract_text(file_name, page_text(file_name, data))


def extract_text(file_name: str, text: str) -> PageDraft:
    """Draft records from a page's normalised text (see ``etl.extract.text.page_text``)."""
    draft = PageDraft(file_name=file_name, source=f"stránka projektu {Path(file_name).stem}")
    project = extract_project(text, draft)
    if REGISTRATION_NUMBER not in project.values:
        _propose_local_key(project, file_name)
    extract_activities(text, project, draft)
    extract_indicators(text, project, draft)
    extract_indicator_lines(text, project, draft)
    plan_groups = extract_target_groups(text, project, draft)
    extract_inline_groups(text, project, draft)
    extract_bodies(text, project, draft)
    extract_plans(text, project, draft, plan_groups)
    draft.missing = _missing(draft, project)
    return draft


def _propose_local_key(project: DraftRecord, file_name: str) -> None:
    """A page without a registration number gets a ``local:`` key, marked as a proposal."""
    basis = project.get("nazev") or Path(file_name).stem
    key = f"local:navrh-{P.slug(basis, 38)}"
    project.set(REGISTRATION_NUMBER, key, "", proposal=True,
                note="stránka registrační číslo neuvádí; místní klíč je návrh, doplňte číslo nebo "
                     "klíč potvrďte (the page states no registration number; the local key is a "
                     "proposal)")


def _missing(draft: PageDraft, project: DraftRecord) -> list[str]:
    missing = [c for c in PROJECT_COLUMNS if c not in project.values]
    if REGISTRATION_NUMBER in project.proposed_columns():
        missing.insert(0, REGISTRATION_NUMBER)
    missing += [label for entity, label in ENTITY_LABELS.items() if not draft.of(entity)]
    return missing
