"""The translation catalogs: every marked text translated, Czech plural forms, one mechanism."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dashboard import formatting as fmt
from dashboard.i18n import _, catalog_path, data_column, n_
from dashboard.i18n_extract import messages_in
from domain.collation import czech_sorted, sort_key

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

#: The upload checks make the loader's problems, which carry both languages by design (a load
#: run's problems are stored once and read later in either language, as the CLI's are).
BOTH_LANGUAGES_STORED = {"upload_checks.py"}


PLACEHOLDER = re.compile(r"\{\w+\}")


def _catalog(lang: str):  # noqa: ANN202
    with catalog_path(lang).open("rb") as po:
        return read_po(po, locale=lang)


def _marked() -> dict[str, set[str]]:
    """Every text marked in the dashboard's code, with the files it is in."""
    found: dict[str, set[str]] = {}
    for path in DASHBOARD.rglob("*.py"):
        for _line, _function, message in messages_in(path.read_text(encoding="utf-8")):
            key = message if isinstance(message, str) else message[0]
            found.setdefault(key, set()).add(str(path.relative_to(DASHBOARD)))
    return found


def test_i18n001_every_marked_text_is_in_the_catalog() -> None:
    catalog = _catalog("en")
    missing = {text: files for text, files in _marked().items() if text not in catalog}
    assert not missing, f"run `make messages` and translate: {missing}"


def test_i18n002_every_message_has_its_english_and_every_czech_plural_form() -> None:
    untranslated = [m.id for m in _catalog("en") if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not untranslated, untranslated
    czech = [m for m in _catalog("cs") if isinstance(m.id, tuple)]
    assert czech and all(len(m.string) == 3 and all(m.string) for m in czech), \
        [m.id for m in czech if not all(m.string)]


def test_i18n008_translations_keep_the_texts_placeholders() -> None:
    # a translation that drops {n} or brings a name the code does not fill is wrong
    # however complete it looks (a plural once held "O" and "n")
    wrong = []
    for lang in ("en", "cs"):
        for m in _catalog(lang):
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            expected = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
            for text in strings:
                found = set(PLACEHOLDER.findall(text))
                if text and (found - expected or (isinstance(m.id, tuple) and "{n}" in expected
                                                  and "{n}" not in found)):
                    wrong.append((lang, ids[0], text))
    assert not wrong, wrong


def test_i18n003_the_catalog_holds_no_text_the_code_no_longer_uses() -> None:
    marked = _marked()
    stale = [m.id for m in _catalog("en")
             if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in marked]
    assert not stale, stale


@pytest.mark.parametrize(("count", "czech", "english"), [
    (1, "1 projekt bez uvedeného rozpočtu", "1 project without a stated budget"),
    (2, "2 projekty bez uvedeného rozpočtu", "2 projects without a stated budget"),
    (5, "5 projektů bez uvedeného rozpočtu", "5 projects without a stated budget"),
])
def test_i18n004_czech_plural_forms(count: int, czech: str, english: str) -> None:
    texts = ("{n} projekt bez uvedeného rozpočtu", "{n} projekty bez uvedeného rozpočtu")
    assert n_("cs", *texts, count) == czech
    assert n_("en", *texts, count) == english


def test_i18n005_one_of_and_more_take_their_case() -> None:
    note = ("{n} z {m} projektu neuvádí rozpočet; rozpočet na obyvatele je proto neúplný nebo neuveden.",
            "{n} z {m} projektů neuvádí rozpočet; rozpočet na obyvatele je proto neúplný nebo neuveden.")
    assert n_("cs", *note, 1, n=1, m=1).startswith("1 z 1 projektu ")
    assert n_("cs", *note, 5, n=1, m=5).startswith("1 z 5 projektů ")
    assert n_("cs", "… a {n} další", "… a {n} další", 7) == "… a 7 dalších"
    assert n_("en", "… a {n} další", "… a {n} další", 1) == "… and 1 more"


def test_i18n006_texts_and_units_in_english() -> None:
    assert _("en", "Přehled") == "Overview" and _("cs", "Přehled") == "Přehled"
    assert _("en", "Zobrazeno {shown} nejohroženějších z {total}.", shown=3, total=9) \
        == "Showing the 3 most at risk of 9."
    assert fmt.unit("osoby", "en") == "persons" and fmt.unit("dokumenty", "en") == "documents"
    assert fmt.unit("osoby", "cs") == "osoby" and fmt.unit(None, "en") == ""


def test_i18n010_names_stored_in_both_languages_are_read_from_their_own_column() -> None:
    # statuses and canonical groups carry their English in the database: name / name_en
    assert data_column("canonical_name", "en") == "canonical_name_en"
    assert data_column("canonical_name", "cs") == "canonical_name"
    assert data_column("name", "de") == "name"  # any other language reads as Czech, as the catalogs do


def test_i18n007_no_text_pairs_outside_the_catalogs() -> None:
    """One mechanism: no table of (Czech, English) text pairs beside the catalogs."""
    found = []
    for path in DASHBOARD.rglob("*.py"):
        name = str(path.relative_to(DASHBOARD))
        if name in BOTH_LANGUAGES_STORED or name in ("i18n.py", "i18n_extract.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(
                    isinstance(e, ast.Constant) and isinstance(e.value, str) and any(
                        ch in e.value for ch in "áčďéěíňóřšťúůýž") for e in node.elts[:1]) \
                    and isinstance(node.elts[1], ast.Constant) and isinstance(node.elts[1].value, str) \
                    and node.elts[1].value and node.elts[1].value.isascii() and " " in node.elts[1].value:
                found.append(f"{name}:{node.lineno} pair {node.elts[0].value!r}")
    assert not found, found


def test_col001_czech_alphabetical_order() -> None:
    names = ["Žďár nad Sázavou", "Zlín", "Ústí nad Labem", "Uherské Hradiště", "Šumperk", "Svitavy",
             "Řevnice", "Rakovník", "Česká Lípa", "Cheb", "Hodonín", "Chrudim", "Břeclav", "Bučovice",
             "Brno", "Ivančice", "Český Krumlov"]
    assert czech_sorted(names) == [
        "Brno", "Břeclav", "Bučovice", "Česká Lípa", "Český Krumlov", "Hodonín", "Cheb", "Chrudim",
        "Ivančice", "Rakovník", "Řevnice", "Svitavy", "Šumperk", "Uherské Hradiště", "Ústí nad Labem",
        "Zlín", "Žďár nad Sázavou"]


def test_col002_accents_other_than_caron_only_break_ties() -> None:
    # Ďáblice: ď and á sort as d and a; Dačice loses on the third letter (c after b)
    assert czech_sorted(["Dačice", "Ďáblice"]) == ["Ďáblice", "Dačice"]
    assert czech_sorted(["Únanov", "Uničov", "Unhošť"]) == ["Únanov", "Unhošť", "Uničov"]
    assert sort_key("cena") < sort_key("céna") < sort_key("Céna")
    assert sort_key(None) == sort_key("")


def test_i18n009_the_demo_datas_stated_source_in_the_pages_language() -> None:
    # the demo rows state their source in Czech (stored data); an English page said it in Czech
    from dashboard.page_sources import DEMO_SOURCE, source_parts
    from etl.demo import DEMO_SOURCE as STORED
    assert DEMO_SOURCE == STORED
    assert source_parts(STORED, "en") == ["DEMO – generated sample data, not real values"]
    assert source_parts(STORED, "cs") == [STORED]
