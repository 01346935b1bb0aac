"""The page extractor on the five seed pages, compared field by field with the curated seed data.

The curated CSVs in ``data/seed`` are the truth. Every value the draft holds
must equal the curated one (or, for free-text columns the curators edited,
occur literally on the page); every curated value in a compared column must
be extracted unless ``NOT_EXPECTED`` names it with the reason the page does
not literally state it. The same pages saved as HTML (tags, entities,
non-breaking spaces, Windows-1250) must give the same draft.
"""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from etl.entities import ENTITIES
from etl.extract import PageDraft, extract_page
from etl.extract.text import page_text
from etl.parse import clean_text
from etl.reference import REFERENCE_DIR, SEED_DIR
from etl.validate import PARSERS

PAGES_DIR = Path(__file__).resolve().parents[1] / "data" / "pages"
PAGES = sorted(p.name for p in PAGES_DIR.glob("*.txt"))

# Which curated record is "the page's own project" where the page states no registration number
# (the draft proposes a local:navrh-… key instead), and which curated plan the page's plan is.
OWN_PROJECT_KEY = {
    "002_a5803d1b7b9acd55.txt": "local:jmk-planovani-ss",
    "004_dee8901c5f24663c.txt": "local:zabreh-kpss-2012",
}
PLAN_KEY = {
    "001_01670f45324abb5c.txt": "ostrava-kp5",
    "003_7967ec252a9a398d.txt": "pelhrimov-2019",
    "004_dee8901c5f24663c.txt": "zabreh-kp2",
}

# Columns compared exactly (after parsing by the column's kind, as the loader would).
COMPARED = {
    "projekty": ("registracni_cislo", "nazev", "zkraceny_nazev", "program", "vyzva", "orp",
                 "zahajeni", "ukonceni", "doba_trvani_mesice", "celkove_zpusobile_vydaje",
                 "podil_eu", "podil_sr", "podil_prijemce", "podpora_eu_sr", "pocet_obci",
                 "predchozi_projekt"),
    "klicove_aktivity": ("registracni_cislo", "kod", "nazev", "od", "do", "cil", "vystupy"),
    "cile_indikatoru": ("registracni_cislo", "kod_indikatoru", "vychozi_hodnota", "cilova_hodnota",
                        "datum_cile", "popis"),
    "komunitni_plany": ("nazev", "orp", "obdobi_od", "obdobi_do", "registracni_cislo"),
    "akcni_plany": ("plan", "rok", "nazev"),
    "cilove_skupiny": ("plan", "nazev", "kanonicka_skupina", "poradi"),
    "cilove_skupiny_projektu": ("registracni_cislo", "nazev"),
    "organizacni_struktura": ("registracni_cislo", "nazev", "typ", "verejne_jednani"),
}
# Columns not compared with the curated value, and why. Where the draft fills one of them, the
# value must still occur literally on the page (checked below).
NOT_COMPARED = {
    ("projekty", "prijemce"): "the curators name the beneficiary (Město Nový Jičín, MAS Šipka); "
                              "pages mention it only in passing or in another case",
    ("projekty", "odvozeni_podilu"): "curators' note on shares derived by the call's rule",
    ("projekty", "popis"): "curators' summary",
    ("komunitni_plany", "popis"): "curators' summary",
    ("komunitni_plany", "plan"): "plan keys are the curators' choice; the draft proposes its own",
    ("cilove_skupiny_projektu", "popis"): "curators shortened and merged the page's paragraphs",
    ("organizacni_struktura", "popis"): "curators shortened and rephrased the page's paragraphs",
    ("organizacni_struktura", "cilova_skupina"): "curators tie Zábřeh's working groups to the "
                                                 "target groups they are named after",
    ("*", "zdroj"): "provenance, written by the extractor (stránka projektu <page>)",
}

# Curated facts the pages do not literally state: (page, entity, curated key, column or None for
# the whole record) → why the extractor is not expected to produce them.
NOT_EXPECTED = {
    ("000_0896ce7165121141.txt", "projekty", "CZ.03.2.63/0.0/0.0/16_063/0006540", "podil_eu"):
        "derived by the call-63 rule (odvozeni_podilu); the page names the sources, no shares",
    ("000_0896ce7165121141.txt", "projekty", "CZ.03.2.63/0.0/0.0/16_063/0006540", "podil_sr"):
        "derived by the call-63 rule (odvozeni_podilu)",
    ("000_0896ce7165121141.txt", "projekty", "CZ.03.2.63/0.0/0.0/16_063/0006540", "podil_prijemce"):
        "derived by the call-63 rule (odvozeni_podilu)",
    ("000_0896ce7165121141.txt", "projekty", "CZ.03.2.63/0.0/0.0/16_063/0006540", "vyzva"):
        "the page does not name the call; 63 is known from the registration number's 16_063",
    ("001_01670f45324abb5c.txt", "projekty", "CZ.03.2.63/0.0/0.0/16_063/0006590", "vyzva"):
        "the page does not name the call",
    ("001_01670f45324abb5c.txt", "projekty", "CZ.03.2.63/0.0/0.0/16_063/0006590", "orp"):
        "the page names the statutory city of Ostrava, never an ORP",
    ("001_01670f45324abb5c.txt", "komunitni_plany", "ostrava-kp5", "orp"):
        "the page names the city, never an ORP",
    ("001_01670f45324abb5c.txt", "organizacni_struktura",
     "CZ.03.2.63/0.0/0.0/16_063/0006590|Manažerský tým KP Ostrava", None):
        "curators drew the body from the target-group paragraphs; the page has no structure section",
    ("001_01670f45324abb5c.txt", "organizacni_struktura",
     "CZ.03.2.63/0.0/0.0/16_063/0006590|Pracovní skupiny KP Ostrava", None):
        "curators drew the body from the goals of KA1; the page has no structure section",
    ("002_a5803d1b7b9acd55.txt", "projekty", "local:jmk-planovani-ss", "orp"):
        "the page says 21 ORPs of the region without naming them (the count is in the report)",
    ("002_a5803d1b7b9acd55.txt", "projekty", "CZ.1.04/3.1.00/05.00052", "program"):
        "OP LZZ is read from the number's CZ.1.04 by the curators; the page does not say it",
    ("002_a5803d1b7b9acd55.txt", "projekty", "CZ.1.04/3.1.00/05.00052", "vyzva"):
        "area of support 3.1 is read from the number by the curators; the page does not say it",
    ("002_a5803d1b7b9acd55.txt", "cilove_skupiny_projektu",
     "local:jmk-planovani-ss|Zadavatelé sociálních služeb", None):
        "the group name is glued to the first words of a paragraph under 'Dopad projektu'",
    ("002_a5803d1b7b9acd55.txt", "organizacni_struktura",
     "local:jmk-planovani-ss|Pracovní skupina pro komunitní plán JMK", None):
        "named in running text, not in a structure section",
    ("002_a5803d1b7b9acd55.txt", "organizacni_struktura",
     "local:jmk-planovani-ss|Multidisciplinární týmy", None):
        "named in running text ('inovativního prvku - multidisciplinárních týmů'), in another case",
    ("004_dee8901c5f24663c.txt", "projekty", "local:zabreh-kpss-2012", "program"):
        "the page names SROP (2008 project) and OP LZZ (2012 project); the draft leaves it open",
    ("004_dee8901c5f24663c.txt", "projekty", "local:zabreh-kpss-2012", "vyzva"):
        "the page gives an area of support (oblast podpory 3.1), not a call number",
    ("004_dee8901c5f24663c.txt", "projekty", "local:zabreh-kpss-2012", "orp"):
        "the page names the town of Zábřeh, never an ORP",
    ("004_dee8901c5f24663c.txt", "projekty", "local:zabreh-srop-2008", None):
        "an earlier project named in passing without a number; predecessors are taken by number",
    ("004_dee8901c5f24663c.txt", "komunitni_plany", "zabreh-kp1", None):
        "the 1st plan's name and its years 2008 – 2010 stand on separate slide bullets",
    ("004_dee8901c5f24663c.txt", "komunitni_plany", "zabreh-kp2", "orp"):
        "the page names the town, never an ORP",
    ("004_dee8901c5f24663c.txt", "cilove_skupiny", "zabreh-kp2|I.PS - Senioři", None):
        "curators read the plan's target groups from the names of its working groups",
    ("004_dee8901c5f24663c.txt", "cilove_skupiny", "zabreh-kp2|II.PS – Lidé s postižením", None):
        "as above",
    ("004_dee8901c5f24663c.txt", "cilove_skupiny",
     "zabreh-kp2|III.PS – Děti, mládež a rodiny s dětmi", None): "as above",
    ("004_dee8901c5f24663c.txt", "cilove_skupiny", "zabreh-kp2|IV.PS – Osoby v krizi", None):
        "as above",
}


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


CURATED = {entity: _read_csv(SEED_DIR / f"{entity}.csv") for entity in COMPARED}
def _orp_codes() -> dict[str, str]:
    with open(REFERENCE_DIR / "orp.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = {row["nazev"]: row["kod_orp"] for row in rows}
    codes.update({row["kod_orp"]: row["kod_orp"] for row in rows})
    return codes


def typed(entity: str, column: str, text: str | None) -> object:
    """A value as the loader reads it: parsed by the column's kind; ORP names become codes."""
    if clean_text(text) is None:
        return None
    kind = ENTITIES[entity].column(column).kind
    value = PARSERS[kind](text)
    if column == "orp":
        codes = _orp_codes()
        return sorted(codes[name] for name in value)
    return value


def key_of(entity: str, values: dict[str, str]) -> str:
    return "|".join(values.get(k) or "" for k in ENTITIES[entity].key)


def curated_rows(page: str, entity: str) -> dict[str, dict[str, str]]:
    source = f"stránka projektu {Path(page).stem}"
    return {key_of(entity, row): row for row in CURATED[entity] if row["zdroj"] == source}


def translated(page: str, draft: PageDraft) -> dict[str, dict[str, dict[str, str]]]:
    """The draft's records with its proposed keys replaced by the curated ones."""
    project = draft.of("projekty")[0]
    own_key = project.values["registracni_cislo"]
    replace = {own_key: OWN_PROJECT_KEY[page]} if own_key.startswith("local:") else {}
    plans = draft.of("komunitni_plany")
    if plans:
        replace[plans[0].values["plan"]] = PLAN_KEY[page]
    out: dict[str, dict[str, dict[str, str]]] = {}
    for record in draft.records:
        values = {c: replace.get(v, v) for c, v in record.values.items()}
        key = key_of(record.entity, values)
        assert key not in out.setdefault(record.entity, {}), f"duplicate draft record {key}"
        out[record.entity][key] = values
    return out


def page_words(page: str) -> str:
    return " ".join(page_text(page, (PAGES_DIR / page).read_bytes()).replace("- ", " ").split())


@pytest.fixture(scope="module")
def drafts() -> dict[str, PageDraft]:
    return {page: extract_page(page, (PAGES_DIR / page).read_bytes()) for page in PAGES}


def test_xpg001_five_seed_pages() -> None:
    assert len(PAGES) == 5


@pytest.mark.parametrize("page", PAGES)
def test_xpg002_every_extracted_value_is_curated(page: str, drafts: dict[str, PageDraft]) -> None:
    """Nothing is extracted that the page does not state: each value equals the curated fact."""
    draft = translated(page, drafts[page])
    words = page_words(page)
    for entity, records in draft.items():
        curated = curated_rows(page, entity)
        for key, values in records.items():
            assert key in curated, f"{entity} {key}: the draft has a record the curated data lacks"
            for column, value in values.items():
                if column in COMPARED.get(entity, ()):
                    assert typed(entity, column, value) == typed(entity, column, curated[key][column]), \
                        f"{entity} {key} {column}: draft {value!r}, curated {curated[key][column]!r}"
                else:
                    assert (entity, column) in NOT_COMPARED or ("*", column) in NOT_COMPARED, \
                        f"{entity}.{column} is neither compared nor listed as not compared"
                    if column not in ("zdroj", "plan"):  # provenance and a proposed key
                        for line in value.split("\n"):
                            assert " ".join(line.split()) in words, f"{entity}.{column}: {line!r}"


@pytest.mark.parametrize("page", PAGES)
def test_xpg003_every_curated_fact_is_extracted(page: str, drafts: dict[str, PageDraft]) -> None:
    """Each curated value of a compared column is in the draft, or NOT_EXPECTED says why not."""
    draft = translated(page, drafts[page])
    missed = []
    for entity, columns in COMPARED.items():
        for key, row in curated_rows(page, entity).items():
            if (page, entity, key, None) in NOT_EXPECTED:
                assert key not in draft.get(entity, {}), f"{entity} {key} is listed as not expected"
                continue
            extracted = draft.get(entity, {}).get(key)
            if extracted is None:
                missed.append(f"{entity} {key}: no record")
                continue
            for column in columns:
                if clean_text(row.get(column)) and column not in extracted \
                        and (page, entity, key, column) not in NOT_EXPECTED:
                    missed.append(f"{entity} {key} {column}: {row[column]!r} not extracted")
    assert not missed, "\n".join(missed)


def test_xpg004_not_expected_entries_are_real() -> None:
    """Each NOT_EXPECTED entry names a curated value that exists (the list cannot go stale)."""
    for (page, entity, key, column) in NOT_EXPECTED:
        rows = curated_rows(page, entity)
        assert key in rows, (page, entity, key)
        if column is not None:
            assert clean_text(rows[key][column]), (page, entity, key, column)


def test_xpg005_pages_without_number_get_a_marked_proposal(drafts: dict[str, PageDraft]) -> None:
    for page in OWN_PROJECT_KEY:
        project = drafts[page].of("projekty")[0]
        assert project.values["registracni_cislo"].startswith("local:navrh-")
        assert "registracni_cislo" in project.proposed_columns()
        assert "registracni_cislo" in drafts[page].missing
    for page in set(PAGES) - set(OWN_PROJECT_KEY):
        assert not drafts[page].of("projekty")[0].proposed_columns()


def test_xpg006_indicator_names_match_the_codebook(drafts: dict[str, PageDraft]) -> None:
    codebook = {row["kod"]: row["nazev"] for row in _read_csv(REFERENCE_DIR / "indikatory.csv")}
    found = {}
    for draft in drafts.values():
        for record in draft.of("cile_indikatoru"):
            names = [e.value for e in record.evidence if e.column == "nazev_indikatoru"]
            found[record.values["kod_indikatoru"]] = names
    assert found == {"60000": [codebook["60000"]], "80500": [codebook["80500"]]}


def test_xpg007_each_value_cites_a_sentence_of_the_page(drafts: dict[str, PageDraft]) -> None:
    for page, draft in drafts.items():
        words = page_words(page)
        for record in draft.records:
            for evidence in record.evidence:
                if evidence.proposal and not evidence.sentence:
                    continue
                for line in evidence.sentence.split("\n"):
                    assert " ".join(line.replace("- ", " ").split()) in words, (page, evidence)


# -- the same pages saved as HTML ------------------------------------------------------------

def as_html(text: str) -> str:
    """A page as a CMS would serve it: blocks, list items, entities, &nbsp;, scripts, menus."""
    body = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            body.append("<p>&nbsp;</p>")
            continue
        bullet = re.match(r"^(?:-|•)\s+(.*)$", stripped)
        content = html.escape(bullet[1] if bullet else stripped, quote=True)
        content = re.sub(r"(?<=\d) (?=\d{3}\b)", "&nbsp;", content)  # thousands
        content = re.sub(r"(?<=\b[ksvzouaiKSVZOUAI]) ", "&nbsp;", content)  # Czech one-letter words
        content = content.replace("–", "&ndash;").replace("č", "&#269;")
        if bullet:
            body.append(f"<ul>\n  <li><span>{content}</span></li>\n</ul>")
        else:
            body.append(f"<p class=\"text\">{content}<br/></p>")
    return (
        "<!DOCTYPE html>\n<html lang=\"cs\"><head><meta charset=\"windows-1250\">"
        "<title>Projekt</title><style>p { margin: 0 }</style>"
        "<script>var tracking = 'KA 9 Reklama (od 1.1.2000 do 2.2.2000) 99 %';</script></head>\n"
        "<body><header><ul class=\"menu\"><li><a href=\"/\">Úvod</a></li><li><a href=\"/p\">Projekty"
        "</a></li><li><a href=\"/k\">Kontakt</a></li></ul></header>\n<main>\n" + "\n".join(body) +
        "\n</main><footer><p>Sdílet: Facebook</p><p>&copy; 2019 Město</p></footer>"
        "<noscript>Zapněte JavaScript</noscript></body></html>"
    )


def _values(draft: PageDraft) -> list[tuple[str, dict[str, str]]]:
    return [(r.entity, dict(r.values)) for r in draft.records]


@pytest.mark.parametrize("page", PAGES)
def test_xpg008_html_gives_the_same_draft(page: str, drafts: dict[str, PageDraft]) -> None:
    text = (PAGES_DIR / page).read_text(encoding="utf-8")
    saved = as_html(text).encode("cp1250", errors="xmlcharrefreplace")
    assert b"&nbsp;" in saved and b"<p class" in saved and b"<script>" in saved
    name = page.replace(".txt", ".html")
    from_html = extract_page(name, saved)
    expected = _values(drafts[page])
    for _entity, values in expected:  # the page name differs, so does the source column
        values["zdroj"] = values["zdroj"].replace(Path(page).stem, Path(name).stem)
    got = _values(from_html)
    assert got == expected
    assert from_html.missing == drafts[page].missing


@pytest.mark.parametrize("page", PAGES)
def test_xpg009_utf8_html_with_bom_and_crlf(page: str, drafts: dict[str, PageDraft]) -> None:
    text = (PAGES_DIR / page).read_text(encoding="utf-8")
    saved = ("\ufeff" + as_html(text).replace("windows-1250", "utf-8")).replace("\n", "\r\n")
    from_html = extract_page(page, saved.encode("utf-8"))
    assert _values(from_html) == _values(drafts[page])


def test_xpg010_orp_count_is_reported_where_no_column_holds_it(drafts: dict[str, PageDraft]) -> None:
    """South Moravia's page says "21 ORP" without naming them: the report gives the count."""
    counts = {page: [e.value for e in d.of("projekty")[0].evidence if e.column == "pocet_orp"]
              for page, d in drafts.items()}
    assert counts == {page: (["21"] if page.startswith("002_") else []) for page in PAGES}
    assert "pocet_orp" not in drafts["002_a5803d1b7b9acd55.txt"].of("projekty")[0].values
