"""The page extractor on a corpus of generated project pages written the many ways towns write them.

The pages and their expected facts come from ``tests/data/extract/make_pages.py``; the
expected facts are the generator's, not the extractor's. The test prints precision and
recall per field, keeps them in ``bench/results/extract.json`` and fails below the floor.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.extract import PageDraft, extract_page
from tests.etl.extract_scoring import (
    Score,
    as_date,
    as_halere,
    as_share,
    check_corpus,
    expected_share,
    fold,
    number_of,
    score_set,
    score_value,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "extract" / "pages"
PAGES = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})

STRICT = (0.99, 0.95)
LOOSE = (0.97, 0.90)
THRESHOLDS = {
    "registracni_cislo": STRICT, "zahajeni": STRICT, "ukonceni": STRICT,
    "celkove_zpusobile_vydaje": STRICT, "podil_eu": STRICT, "podil_sr": STRICT,
    "podil_prijemce": STRICT, "kod_indikatoru": STRICT, "cilova_hodnota": STRICT,
    "nazev": LOOSE, "klicove_aktivity": LOOSE, "cilove_skupiny": LOOSE,
}


def _stated(draft: PageDraft, entity: str) -> list[dict[str, str]]:
    """Values of each record of an entity, without the columns the draft only proposes."""
    out = []
    for record in draft.of(entity):
        proposed = record.proposed_columns()
        out.append({c: v for c, v in record.values.items() if c not in proposed})
    return out


def score_page(path: Path, scores: dict[str, Score]) -> PageDraft:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    draft = extract_page(path.name, path.read_bytes())
    project = _stated(draft, "projekty")[0]
    where = path.name
    score_value(scores["registracni_cislo"], expected["registracni_cislo"],
                project.get("registracni_cislo"), where)
    name = project.get("nazev")
    score_value(scores["nazev"], fold(expected["nazev"]) if expected["nazev"] else None,
                fold(name) if name else None, where)
    for column in ("zahajeni", "ukonceni"):
        wanted = None
        if expected[column]:
            year, month, day = expected[column].split("-")
            wanted = as_date(f"{int(day)}.{int(month)}.{year}")
        score_value(scores[column], wanted, as_date(project.get(column)), where)
    total = expected["celkove_zpusobile_vydaje"]
    score_value(scores["celkove_zpusobile_vydaje"], int(total) if total else None,
                as_halere(project.get("celkove_zpusobile_vydaje")), where)
    for column in ("podil_eu", "podil_sr", "podil_prijemce"):
        score_value(scores[column], expected_share(expected[column]), as_share(project.get(column)), where)
    targets = _stated(draft, "cile_indikatoru")
    score_set(scores["kod_indikatoru"], {i["kod"] for i in expected["indikatory"]},
              {t.get("kod_indikatoru") for t in targets}, where)
    score_set(scores["cilova_hodnota"], {(i["kod"], i["cilova_hodnota"]) for i in expected["indikatory"]},
              {(t.get("kod_indikatoru"), t["cilova_hodnota"]) for t in targets if "cilova_hodnota" in t},
              where)
    score_set(scores["klicove_aktivity"],
              {(a["kod"], fold(a["nazev"])) for a in expected["klicove_aktivity"]},
              {(number_of(a.get("kod", "")), fold(a.get("nazev", ""))) for a in
               _stated(draft, "klicove_aktivity")}, where)
    score_set(scores["cilove_skupiny"], {fold(g) for g in expected["cilove_skupiny"]},
              {fold(g.get("nazev", "")) for g in _stated(draft, "cilove_skupiny_projektu")}, where)
    return draft


def test_xcp001_corpus_is_large_enough_and_varied() -> None:
    assert len(PAGES) >= 40
    assert {p.suffix for p in PAGES} == {".txt", ".html"}
    assert all(p.with_suffix(".json").exists() for p in PAGES)


def test_xcp002_precision_and_recall_per_field() -> None:
    check_corpus("pages", "tests/data/extract/pages (make_pages.py)", PAGES, score_page, THRESHOLDS)


@pytest.mark.parametrize("path", PAGES[:12], ids=lambda p: p.name)
def test_xcp003_every_value_cites_a_sentence_of_the_page(path: Path) -> None:
    draft = extract_page(path.name, path.read_bytes())
    from etl.extract.text import page_text

    text = " ".join(page_text(path.name, path.read_bytes()).split())
    for record in draft.records:
        for evidence in record.evidence:
            if evidence.proposal and not evidence.sentence:
                continue
            for part in evidence.sentence.split(" … "):
                assert " ".join(part.split()) in text, (record.entity, evidence.column, part)
