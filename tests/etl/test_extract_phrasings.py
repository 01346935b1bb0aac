"""Phrasings of other towns' pages, one fact each: shares, periods in months, indicators, groups."""

from __future__ import annotations

import pytest

from etl.extract import extract_text
from etl.extract.text import normalise


def _project(text: str) -> dict[str, str]:
    return extract_text("p.txt", normalise(text)).of("projekty")[0].values


@pytest.mark.parametrize(("text", "expected"), [
    ("Příspěvek Unie: 85 % (1 200 000 Kč)", {"podil_eu": "1 200 000 Kč (85 %)"}),
    ("Národní zdroje: 10 %, tj. 120 000 Kč", {"podil_sr": "120 000 Kč (10 %)"}),
    ("Projekt je financován z ESF 85 %, ze SR 10 % a z podílu obce 5 %.",
     {"podil_eu": "85 %", "podil_sr": "10 %", "podil_prijemce": "5 %"}),
    ("Zdroj | Částka | Podíl\nEvropský sociální fond | 850 000 Kč | 85 %\nPodíl MAS | 50 000 Kč | 5 %",
     {"podil_eu": "850 000 Kč (85 %)", "podil_prijemce": "50 000 Kč (5 %)"}),
    ("Státní rozpočet se na projektu podílí částkou 100 000 Kč.", {"podil_sr": "100 000 Kč"}),
])
def test_xph001_shares_named_and_written_many_ways(text: str, expected: dict[str, str]) -> None:
    project = _project(text + "\n")
    assert {k: project.get(k) for k in expected} == expected


def test_xph002_a_poll_or_a_whole_budget_line_gives_no_share() -> None:
    project = _project("Anketa: Znáte ESF?\n- Ano (40 %)\nCelkový rozpočet projektu z EU: 1 000 000 Kč\n")
    assert not {"podil_eu", "podil_sr", "podil_prijemce"} & set(project)
    assert project["celkove_zpusobile_vydaje"] == "1 000 000 Kč"


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Termín realizace: březen 2018 – únor 2020", "1. 3. 2018", "29. 2. 2020"),
    ("Projekt probíhá od ledna 2019 do prosince 2020.", "1. 1. 2019", "31. 12. 2020"),
    ("Projekt je realizován od 1. 4. 2018 do 31. 3. 2020.", "1. 4. 2018", "31. 3. 2020"),
])
def test_xph003_periods_as_months_and_from_to(text: str, start: str, end: str) -> None:
    project = _project(text + "\n")
    assert (project["zahajeni"], project["ukonceni"]) == (start, end)


def test_xph004_a_duration_does_not_invent_the_end() -> None:
    project = _project("Zahájení: 1. 3. 2018, doba trvání 24 měsíců.\n")
    assert project["zahajeni"] == "1. 3. 2018" and project["doba_trvani_mesice"] == "24"
    assert "ukonceni" not in project


@pytest.mark.parametrize(("text", "code", "target"), [
    ("Indikátor 67001 Kapacita podpořených služeb – závazek 12.", "67001", "12"),
    ("- Celkový počet účastníků – cíl 40", "60000", "40"),  # the code from the codebook by its name
    ("Kód | Název indikátoru | Cílová hodnota\n80500 | Počet dokumentů | 3", "80500", "3"),
])
def test_xph005_indicators_in_sentences_lists_and_tables(text: str, code: str, target: str) -> None:
    targets = [r.values for r in extract_text("p.txt", normalise(text + "\n")).of("cile_indikatoru")]
    assert [(t["kod_indikatoru"], t["cilova_hodnota"]) for t in targets] == [(code, target)]


def test_xph006_a_postcode_or_an_amount_is_no_indicator() -> None:
    draft = extract_text("p.txt", normalise("Masarykovo náměstí 1, 76701 Kroměříž, cíl 3 osoby\n"
                                            "Rozpočet 12000 Kč, cílová hodnota 5\n"))
    assert draft.of("cile_indikatoru") == []


def test_xph007_groups_inline_and_listed_and_activities_named_in_full() -> None:
    draft = extract_text("p.txt", normalise(
        "Cílovou skupinou projektu jsou senioři, pečující osoby a rodiny s dětmi.\n"
        "Komu je projekt určen:\n- Poskytovatelé sociálních služeb\n- Zahájení projektu: 1. 1. 2020\n"
        "Klíčová aktivita č. 2: Analýza potřeb\n"))
    groups = [g.values["nazev"] for g in draft.of("cilove_skupiny_projektu")]
    assert groups == ["Poskytovatelé sociálních služeb", "senioři", "pečující osoby", "rodiny s dětmi"]
    (activity,) = draft.of("klicove_aktivity")
    assert (activity.values["kod"], activity.values["nazev"]) == ("KA 2", "Analýza potřeb")


def test_xph008_a_heading_names_the_project_menus_and_sections_do_not() -> None:
    project = _project("Úvod\nSociální oblast\nÚvod > Projekty\nRozvoj sítě sociálních služeb v Písku\n"
                       "Klíčové aktivity projektu\n")
    assert project["nazev"] == "Rozvoj sítě sociálních služeb v Písku"
    assert "nazev" not in _project("Úvod\nO projektu\nKlíčové aktivity projektu\n")
