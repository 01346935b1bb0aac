"""The extractor's patterns on made-up pages of the seed pages' shapes: general, not keyed to the seeds."""

from __future__ import annotations

import pytest

from etl.extract import extract_page, extract_text
from etl.extract.structure import body_kind, canonical_group
from etl.extract.text import html_to_text, lines, normalise, page_text, sentences, strip_item_period

# A page shaped like the Ostrava and Nový Jičín pages, with other numbers, names and noise.
MADE_UP = """\
Anketa
Líbí se vám nový web? Ano (120 | 60%) Ne (80 | 40%)

Projekt: Plánování sociálních služeb na Vsetínsku (zkrácený název: Vsetín plánuje)
Registrační číslo projektu: CZ.03.2.63/0.0/0.0/17_099/0012345

Zahájení: 1. 3. 2019
Ukončení: 28. 2. 2021
Doba trvání: 24 měsíců

Celkové způsobilé výdaje (100%): 1 234 567,80 Kč
Prostředky z rozpočtu města Vsetína (5%): 61 728,39 Kč
Prostředky z ESF (85%) a státního rozpočtu (10%): 1 172 839,41 Kč

Projekt je realizován z Operačního programu Zaměstnanost v rámci výzvy č. 99.
Projekt navazuje na předchozí projekt s názvem Plánování na Vsetínsku I. (CZ.1.04/3.1.00/14.00123) realizovaný v období od 1. 1. 2012 do 31. 12. 2013.
Výsledkem bude 3. komunitní plán sociálních služeb ORP Vsetín na období 2021 – 2024 a akční plán na rok 2021.
Území ORP Vsetín zahrnuje 38 obcí.

Klíčové aktivity:
KA1 Analýza potřeb
(od 1.3.2019 do 31.12.2019)
Cíl aktivity:
- zmapování potřeb uživatelů služeb.
Plánované výstupy:
- analýza potřeb
- zpráva pro zastupitelstvo
• KA 2 – Tvorba plánu

Indikátory:Celkový počet účastníků
- kód indikátoru 60000
- plánovaná hodnota: 35
- skutečná hodnota: bude dosažena k 28.2.2021

Cílové skupiny:
Senioři a jejich blízcí
Lidé nad 65 let žijící na Vsetínsku.
- I. Senioři
- II. Osoby se zdravotním postižením

Organizační struktura:
Řídící skupina
Schvaluje plán. Jednání řídící skupiny je veřejné.
Pracovní skupina pro seniory
Připravuje opatření pro seniory.

Fotogalerie
pdf Pozvánka na jednání (pdf, 120 KB)
Reklamy Google
"""  # noqa: E501 - a page line is as long as the page makes it


@pytest.fixture(scope="module")
def made_up():
    return extract_page("vsetin.txt", MADE_UP.encode("utf-8"))


def _one(draft, entity):
    records = draft.of(entity)
    assert len(records) == 1, records
    return records[0].values


def test_xfl001_project_fields(made_up) -> None:
    project = made_up.of("projekty")[0].values
    assert project == {
        "registracni_cislo": "CZ.03.2.63/0.0/0.0/17_099/0012345",
        "nazev": "Plánování sociálních služeb na Vsetínsku",
        "zkraceny_nazev": "Vsetín plánuje",
        "zahajeni": "1. 3. 2019",
        "ukonceni": "28. 2. 2021",
        "doba_trvani_mesice": "24",
        "celkove_zpusobile_vydaje": "1 234 567,80 Kč",
        "podil_prijemce": "61 728,39 Kč (5 %)",
        "podil_eu": "85 %",
        "podil_sr": "10 %",
        "podpora_eu_sr": "1 172 839,41 Kč",
        "program": "OPZ",
        "vyzva": "99",
        "pocet_obci": "38",
        "orp": "Vsetín",
        "predchozi_projekt": "CZ.1.04/3.1.00/14.00123",
        "zdroj": "stránka projektu vsetin",
    }


def test_xfl002_predecessor_is_a_record_of_its_own(made_up) -> None:
    predecessor = made_up.of("projekty")[1].values
    assert predecessor == {
        "registracni_cislo": "CZ.1.04/3.1.00/14.00123", "nazev": "Plánování na Vsetínsku I.",
        "zahajeni": "1. 1. 2012", "ukonceni": "31. 12. 2013", "zdroj": "stránka projektu vsetin",
    }


def test_xfl003_key_activities(made_up) -> None:
    activities = [r.values for r in made_up.of("klicove_aktivity")]
    assert [(a["kod"], a["nazev"]) for a in activities] == [("KA1", "Analýza potřeb"),
                                                           ("KA 2", "Tvorba plánu")]
    assert (activities[0]["od"], activities[0]["do"]) == ("1.3.2019", "31.12.2019")
    assert activities[0]["cil"] == "zmapování potřeb uživatelů služeb"
    assert activities[0]["vystupy"] == "analýza potřeb\nzpráva pro zastupitelstvo"
    assert "od" not in activities[1] and "cil" not in activities[1]
    assert all(a["registracni_cislo"] == "CZ.03.2.63/0.0/0.0/17_099/0012345" for a in activities)


def test_xfl004_indicator(made_up) -> None:
    indicator = _one(made_up, "cile_indikatoru")
    assert indicator["kod_indikatoru"] == "60000"
    assert indicator["cilova_hodnota"] == "35"
    assert indicator["datum_cile"] == "28.2.2021"
    assert "vychozi_hodnota" not in indicator and "popis" not in indicator
    names = [e.value for e in made_up.of("cile_indikatoru")[0].evidence
             if e.column == "nazev_indikatoru"]
    assert names == ["Celkový počet účastníků"]


def test_xfl005_plan_and_action_plan(made_up) -> None:
    plan = _one(made_up, "komunitni_plany")
    assert plan["nazev"] == "3. komunitní plán sociálních služeb ORP Vsetín na období 2021 – 2024"
    assert (plan["obdobi_od"], plan["obdobi_do"], plan["orp"]) == ("2021", "2024", "Vsetín")
    assert plan["plan"].startswith("navrh-")
    assert plan["registracni_cislo"] == "CZ.03.2.63/0.0/0.0/17_099/0012345"
    action = _one(made_up, "akcni_plany")
    assert action == {"plan": plan["plan"], "rok": "2021", "nazev": "Akční plán na rok 2021",
                      "zdroj": "stránka projektu vsetin"}


def test_xfl006_groups_and_bodies(made_up) -> None:
    groups = [r.values["nazev"] for r in made_up.of("cilove_skupiny_projektu")]
    assert groups == ["Senioři a jejich blízcí"]
    plan_groups = [(r.values["nazev"], r.values["kanonicka_skupina"], r.values["poradi"])
                   for r in made_up.of("cilove_skupiny")]
    assert plan_groups == [("I. Senioři", "Senioři", "1"),
                           ("II. Osoby se zdravotním postižením", "Osoby se zdravotním postižením", "2")]
    assert all("kanonicka_skupina" in r.proposed_columns() for r in made_up.of("cilove_skupiny"))
    bodies = {r.values["nazev"]: r.values for r in made_up.of("organizacni_struktura")}
    assert list(bodies) == ["Řídící skupina", "Pracovní skupina pro seniory"]
    assert bodies["Řídící skupina"]["verejne_jednani"] == "ano"
    assert "verejne_jednani" not in bodies["Pracovní skupina pro seniory"]
    assert bodies["Pracovní skupina pro seniory"]["typ"] == "pracovni"


def test_xfl007_noise_is_ignored(made_up) -> None:
    found = " ".join(v for r in made_up.records for v in r.values.values())
    for noise in ("60 %", "40 %", "120", "Pozvánka", "Fotogalerie", "Reklamy"):
        assert noise not in found


def test_xfl008_every_value_has_its_sentence(made_up) -> None:
    for record in made_up.records:
        for column in record.values:
            # the source and the keys linking a record to its project or plan have no sentence
            linked = record.entity != "projekty" and column in ("registracni_cislo", "plan")
            if column != "zdroj" and not linked:
                assert record.evidence_for(column), (record.entity, column)


def test_xfl009_unstated_facts_stay_empty() -> None:
    draft = extract_text("prazdna.txt", normalise(
        "Naše obec plánuje sociální služby.\nKA1 Setkání s občany\n(od 1.1.2020 do 31.12.2020)\n"
        "Podpořeno z rozpočtu obce.\nAnketa: 35 % Ano\n"))
    project = draft.of("projekty")[0]
    assert set(project.values) == {"registracni_cislo", "zdroj"}  # only the proposed key
    assert project.values["registracni_cislo"] == "local:navrh-prazdna"
    assert project.proposed_columns() == {"registracni_cislo"}
    # A key activity's period is not the project's period.
    assert "zahajeni" in draft.missing and "ukonceni" in draft.missing
    activity = _one(draft, "klicove_aktivity")
    assert (activity["od"], activity["do"]) == ("1.1.2020", "31.12.2020")
    assert activity["registracni_cislo"] == "local:navrh-prazdna"
    assert "podil_prijemce" in draft.missing


def test_xfl010_date_forms_and_impossible_dates() -> None:
    draft = extract_text("d.txt", normalise(
        "Registrační číslo: CZ.1.04/3.1.00/05.00099\n"
        "Realizace projektu od 1. 11. 2011 do 31. 10. 2013.\n"))
    assert draft.of("projekty")[0].values["zahajeni"] == "1. 11. 2011"
    assert draft.of("projekty")[0].values["ukonceni"] == "31. 10. 2013"
    draft = extract_text("d.txt", normalise(
        "zahájení projektu bylo stanoveno na 31.2.2012, ukončení realizace projektu je nejpozději "
        "do 28.2.2014.\n"))
    values = draft.of("projekty")[0].values
    assert "zahajeni" not in values  # 31 February does not exist
    assert values["ukonceni"] == "28.2.2014"


def test_xfl011_several_quoted_projects_pick_the_one_with_money() -> None:
    draft = extract_text("q.txt", normalise(
        "- 2008 – 2010 – na základě projektu „Starý projekt obce“, jehož nositelem byla charita\n"
        "- výše finanční podpory pro projekt „Nový projekt obce“ je 999 000 Kč\n"))
    values = draft.of("projekty")[0].values
    assert values["nazev"] == "Nový projekt obce"
    assert values["podpora_eu_sr"] == "999 000 Kč"
    draft = extract_text("q.txt", normalise(
        "Projekt „Jeden“ a projekt „Druhý“ spolupracují.\n"))
    assert "nazev" not in draft.of("projekty")[0].values
    assert any("více projektů" in n for n in draft.notes)


def test_xfl012_registration_number_forms() -> None:
    for number in ("CZ.03.2.63/0.0/0.0/16_063/0006590", "CZ.1.04/3.1.00/05.00052"):
        draft = extract_text("r.txt", normalise(f"Registrační číslo: {number}\n"))
        assert draft.of("projekty")[0].values["registracni_cislo"] == number
    # Numbers glued to more characters are not registration numbers.
    draft = extract_text("r.txt", normalise(
        "Čísla: CZ.1.04/3.1.00/05.00052x a CZ.03.2.63/0.0/0.0/16_063/00065901\n"))
    values = draft.of("projekty")[0].values
    assert values["registracni_cislo"].startswith("local:navrh-")
    assert "predchozi_projekt" not in values


def test_xfl013_programme_chosen_by_number_only_among_those_named() -> None:
    page = ("Projekt (reg. č. CZ.03.2.63/0.0/0.0/16_063/0001111)\n"
            "Prostředky z ESF/OP LZZ a Operačního programu Zaměstnanost.\n")
    assert extract_text("p.txt", normalise(page)).of("projekty")[0].values["program"] == "OPZ"
    page = "Projekt (reg. č. CZ.03.2.63/0.0/0.0/16_063/0001111)\n"
    assert "program" not in extract_text("p.txt", normalise(page)).of("projekty")[0].values


@pytest.mark.parametrize(("name", "group"), [
    ("Podpora seniorům", "Senioři"),
    ("PS Lidé se zrakovým postižením", "Osoby se zdravotním postižením"),
    ("Duševní zdraví", "Osoby s duševním onemocněním"),
    ("Rodiny s dětmi", "Rodiny s dětmi, děti a mládež"),
    ("Lidé bez domova a v krizi", "Osoby ohrožené sociálním vyloučením a osoby v krizi"),
    ("Prevence kriminality", "Osoby ohrožené závislostí a prevence kriminality"),
    ("Senioři a lidé s postižením", None),  # two groups: no proposal
    ("Ostatní", None),
])
def test_xfl014_canonical_group_proposals(name: str, group: str | None) -> None:
    assert canonical_group(name) == group


@pytest.mark.parametrize(("name", "kind"), [
    ("Řídící skupina", "ridici"), ("Koordinační skupina", "koordinacni"),
    ("I.PS - Senioři", "pracovni"), ("Diskusní fórum", "pracovni"), ("Výbor pro KP", "jina"),
])
def test_xfl015_body_kinds(name: str, kind: str) -> None:
    assert body_kind(name) == kind


# -- text ------------------------------------------------------------------------------------

def test_xfl016_html_to_text_blocks_entities_and_scripts() -> None:
    text = html_to_text(
        "<html><head><title>T</title><script>var a = '<p>KA1</p>';</script></head><body>"
        "<h1>Projekt</h1><p>Celkové způsobilé výdaje:&nbsp;3&nbsp;648&nbsp;425,00&nbsp;Kč</p>"
        "<ul><li>KA&nbsp;1 &ndash; A</li><li>KA 2 &#8211; B</li></ul>Zábřeh &amp; okolí</body></html>")
    assert lines(normalise(text)) == ["Projekt", "Celkové způsobilé výdaje: 3 648 425,00 Kč",
                                      "- KA 1 – A", "- KA 2 – B", "Zábřeh & okolí"]


def test_xfl017_windows_1250_text_and_html() -> None:
    assert page_text("a.txt", "Zahájení: 1. 1. 2018\n".encode("cp1250")) == "Zahájení: 1. 1. 2018\n"
    html = "<p>Ukončení:&nbsp;31.&nbsp;12.&nbsp;2019</p>".encode("cp1250")
    assert page_text("a.htm", html) == "Ukončení: 31. 12. 2019\n"
    with pytest.raises(ValueError):
        page_text("a.txt", b"\x00\x01binary")


def test_xfl018_sentences_keep_dates_ordinals_and_abbreviations() -> None:
    line = ("Plán (5. Komunitní plán) vznikne. Realizace od 1. 11. 2011 do 31. 10. 2013.Projekt "
            "reg. č. X a II. Podpora, atd. Konec")
    assert sentences(line) == ["Plán (5. Komunitní plán) vznikne.",
                               "Realizace od 1. 11. 2011 do 31. 10. 2013.",
                               "Projekt reg. č. X a II. Podpora, atd. Konec"]


@pytest.mark.parametrize(("item", "expected"), [
    ("zmapování potřeb.", "zmapování potřeb"), ("sítí, médií atd.", "sítí, médií atd."),
    ("bez tečky", "bez tečky"),
])
def test_xfl019_list_items_lose_their_closing_period(item: str, expected: str) -> None:
    assert strip_item_period(item) == expected


def test_xfl020_html_tables_definition_lists_and_paragraphs_in_items() -> None:
    html = ("<table><tr><th>Zahájení:</th><td>1.&nbsp;1.&nbsp;2018</td></tr>"
            "<tr><td>Celkové způsobilé výdaje</td><td>2&nbsp;770&nbsp;437,50&nbsp;Kč</td></tr></table>"
            "<dl><dt>Ukončení</dt><dd>31. 12. 2019</dd></dl>"
            "<p>Nějaký ukazatel</p><ul><li><p>kód indikátoru 60000</p></li>"
            "<li><p>plánovaná hodnota: 7</p></li></ul>")
    draft = extract_page("t.html", html.encode("utf-8"))
    project = draft.of("projekty")[0].values
    assert (project["zahajeni"], project["ukonceni"]) == ("1. 1. 2018", "31. 12. 2019")
    assert project["celkove_zpusobile_vydaje"] == "2 770 437,50 Kč"
    assert _one(draft, "cile_indikatoru")["cilova_hodnota"] == "7"


def test_xfl021_activity_periods_and_other_starts_are_not_the_projects() -> None:
    draft = extract_text("k.txt", normalise(
        "KA2 Realizace vzdělávání (od 1.1.2018 do 31.12.2018)\n"
        "Zahájení činnosti pracovních skupin proběhne 1.3.2018.\n"))
    assert not {"zahajeni", "ukonceni"} & set(draft.of("projekty")[0].values)
    activity = _one(draft, "klicove_aktivity")
    assert activity["nazev"] == "Realizace vzdělávání"
    assert (activity["od"], activity["do"]) == ("1.1.2018", "31.12.2018")


@pytest.mark.parametrize(("line", "expected"), [
    ("Celkové způsobilé výdaje: 3.648.425,00 Kč", "3 648 425,00 Kč"),
    ("Celkové způsobilé výdaje: 250 000,- Kč", "250 000 Kč"),
    ("Celkové způsobilé výdaje: 1 500,5 CZK", "1 500,50 Kč"),
])
def test_xfl022_amount_forms(line: str, expected: str) -> None:
    project = extract_text("m.txt", normalise(line + "\n")).of("projekty")[0].values
    assert project["celkove_zpusobile_vydaje"] == expected


def test_xfl023_shares_only_from_funding_lines() -> None:
    draft = extract_text("s.txt", normalise(
        "Znáte fondy EU? Ano (53%)\nRozpočet projektu 1 000 000 Kč, z toho EU 85 %.\n"
        "Podíl EU: 85 %\n"))
    project = draft.of("projekty")[0].values
    assert project["podil_eu"] == "85 %"
    assert project["podil_eu"] != "53 %" and "podil_sr" not in project
    assert [e.sentence for e in draft.of("projekty")[0].evidence if e.column == "podil_eu"] == \
        ["Podíl EU: 85 %"]
