"""The plan extractor on a corpus of generated plans (text, DOCX, PDF with tables), measured per field.

The documents and their expected facts come from ``tests/data/extract/make_plans.py``; the
expected facts are the generator's. Precision and recall per field are printed, kept in
``bench/results/extract.json`` and held to the same floors as the pages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.extract.model import PageDraft
from etl.extract.plan import extract_plan
from tests.etl.extract_scoring import (
    Score,
    as_halere,
    check_corpus,
    fold,
    score_set,
    score_value,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extract" / "plans"
PLANS = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".docx", ".pdf"})

STRICT = (0.99, 0.95)
LOOSE = (0.97, 0.90)
THRESHOLDS = {
    "obdobi": STRICT, "kod": STRICT, "planovane_naklady": STRICT,
    "nazev_planu": LOOSE, "orp": LOOSE, "nazev_opatreni": LOOSE, "priorita": LOOSE,
    "cilova_skupina": LOOSE, "odpovedny_subjekt": LOOSE, "cilove_skupiny": LOOSE,
}


def _stated(record_values: dict[str, str], proposed: set[str]) -> dict[str, str]:
    return {c: v for c, v in record_values.items() if c not in proposed}


def score_plan(path: Path, scores: dict[str, Score]) -> PageDraft:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    draft = extract_plan(path.name, path.read_bytes())
    where = path.name
    (plan,) = draft.of("komunitni_plany")
    found = _stated(plan.values, plan.proposed_columns())
    want = expected["plan"]
    score_value(scores["nazev_planu"], fold(want["nazev"]), fold(found["nazev"]) if "nazev" in found
                else None, where)
    period = (int(found["obdobi_od"]), int(found["obdobi_do"])) if "obdobi_od" in found else None
    score_value(scores["obdobi"], (want["obdobi_od"], want["obdobi_do"]), period, where)
    score_value(scores["orp"], want["orp"], found.get("orp"), where)
    measures = [_stated(m.values, m.proposed_columns()) for m in draft.of("opatreni")]
    score_set(scores["kod"], {m["kod"] for m in expected["opatreni"]}, {m["kod"] for m in measures}, where)
    for column, key in (("nazev", "nazev_opatreni"), ("priorita", "priorita"),
                        ("cilova_skupina", "cilova_skupina"), ("odpovedny_subjekt", "odpovedny_subjekt")):
        score_set(scores[key], {(m["kod"], fold(m[column])) for m in expected["opatreni"] if m[column]},
                  {(m["kod"], fold(m[column])) for m in measures if column in m}, where)
    score_set(scores["planovane_naklady"],
              {(m["kod"], m["planovane_naklady"] * 100) for m in expected["opatreni"]
               if m["planovane_naklady"] is not None},
              {(m["kod"], as_halere(m["planovane_naklady"])) for m in measures if "planovane_naklady" in m},
              where)
    score_set(scores["cilove_skupiny"], {fold(g) for g in expected["cilove_skupiny"]},
              {fold(g.values["nazev"]) for g in draft.of("cilove_skupiny")}, where)
    return draft


def test_xpl001_corpus_is_large_enough_and_varied() -> None:
    assert len(PLANS) >= 15
    assert {p.suffix for p in PLANS} == {".txt", ".docx", ".pdf"}


def test_xpl002_precision_and_recall_per_field() -> None:
    check_corpus("plans", "tests/data/extract/plans (make_plans.py)", PLANS, score_plan, THRESHOLDS)


@pytest.mark.parametrize("path", PLANS[:6], ids=lambda p: p.name)
def test_xpl003_every_value_cites_a_line_and_proposals_are_marked(path: Path) -> None:
    from etl.extract.documents import document_text

    text = " ".join(document_text(path.name, path.read_bytes()).split())
    draft = extract_plan(path.name, path.read_bytes())
    for record in draft.records:
        for evidence in record.evidence:
            if evidence.proposal:
                assert evidence.note
                continue
            assert " ".join(evidence.sentence.split()) in text, (record.entity, evidence.column)
    assert draft.of("komunitni_plany")[0].proposed_columns() == {"plan"}
