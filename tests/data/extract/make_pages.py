"""Generate the development corpus of project pages and, beside each, the facts it states.

    python tests/data/extract/make_pages.py

Each page is made from facts drawn by a seeded random generator, written in one of the
ways Czech town and MAS web sites write them (budgets in sentences, lists and tables;
shares as amounts, percentages or both, named by source in many ways; indicators with or
without codes; target groups as lists or inline; the name as a heading, a labelled field or
the first sentence; dates as ranges, from/to, month names or a start and a duration) and
wrapped in page chrome (menus, cookie notices, polls, footers). The expected draft
(``NN_*.json``) is written from those drawn facts, never from what the extractor reads.
A field a page does not state is ``null`` in its JSON.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "pages"
COUNT = 44
SEED = 18

TOWNS = ["Kroměříž", "Vsetín", "Třebíč", "Písek", "Jeseník", "Hodonín", "Šumperk", "Tábor", "Beroun",
         "Rakovník", "Kolín", "Prostějov", "Litoměřice", "Cheb", "Blansko", "Vyškov", "Rokycany",
         "Strakonice", "Náchod", "Semily", "Louny", "Žatec"]
NAME_TEMPLATES = [
    "Komunitní plánování sociálních služeb ve městě {town}",
    "Rozvoj plánování sociálních služeb v ORP {town}",
    "Podpora procesu střednědobého plánování sociálních služeb na území {town}",
    "Síť sociálních služeb {town} a její udržitelnost",
    "Společné plánování sociálních služeb pro region {town}",
    "Zvyšování kvality plánování sociálních služeb {town}",
]
MONTHS_NOM = ["leden", "únor", "březen", "duben", "květen", "červen", "červenec", "srpen", "září",
              "říjen", "listopad", "prosinec"]
MONTHS_GEN = ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září",
              "října", "listopadu", "prosince"]
# The two indicators of the national codebook shipped in data/reference (names as it gives them),
# and two more that pages state with their codes.
CODEBOOK = {"60000": "Celkový počet účastníků",
            "80500": "Počet napsaných a zveřejněných analytických a strategických dokumentů vč. evaluačních"}
OTHER_INDICATORS = {"67001": "Kapacita podpořených služeb", "67010": "Využívání podpořených služeb"}
TARGET_WORDS = ["cílová hodnota", "plánovaná hodnota", "cíl", "závazek"]
ACTIVITY_NAMES = ["Řízení projektu", "Analýza potřeb v území", "Tvorba komunitního plánu",
                  "Vzdělávání členů pracovních skupin", "Informování veřejnosti",
                  "Spolupráce s obcemi", "Monitoring a evaluace plánu", "Katalog sociálních služeb"]
GROUPS = ["senioři", "osoby se zdravotním postižením", "rodiny s dětmi",
          "osoby ohrožené sociálním vyloučením", "poskytovatelé sociálních služeb",
          "zadavatelé sociálních služeb", "uživatelé sociálních služeb", "pracovníci veřejné správy",
          "osoby pečující o osobu blízkou", "osoby bez přístřeší"]
# How pages name each funding source: (as a list label, after "z"/"ze" in a sentence).
EU_NAMES = [("ESF", "z ESF"), ("EU", "z EU"), ("Evropský sociální fond", "z Evropského sociálního fondu"),
            ("Příspěvek Unie", "z příspěvku Unie"), ("Evropská unie", "z prostředků Evropské unie")]
STATE_NAMES = [("Státní rozpočet", "ze státního rozpočtu"), ("SR", "ze SR"),
               ("Národní zdroje", "z národních zdrojů"), ("Státní rozpočet ČR", "ze státního rozpočtu ČR")]
OWN_NAMES = [("Vlastní podíl", "z vlastního podílu"), ("Spolufinancování", "ze spolufinancování příjemce"),
             ("Podíl města", "z podílu města"), ("Podíl obce", "z podílu obce"),
             ("Podíl MAS", "z podílu MAS"), ("Podíl kraje", "z podílu kraje"),
             ("Vlastní zdroje příjemce", "z vlastních zdrojů příjemce")]
SPLITS = [(85, 10, 5), (95, 5, 0), (85, 15, 0), (90, 5, 5)]


@dataclass
class Page:
    """Blocks of one page: ("h1"|"h2"|"p", text), ("ul", items) or ("table", rows)."""

    blocks: list[tuple[str, object]] = field(default_factory=list)

    def add(self, kind: str, content: object) -> None:
        self.blocks.append((kind, content))


def money(halere: int, form: int) -> str:
    """An amount as pages write it, in one of four forms."""
    crowns, cents = divmod(halere, 100)
    grouped = f"{crowns:,}".replace(",", " ")
    if form == 0:
        return f"{grouped},{cents:02d} Kč"
    if form == 1:
        return f"{grouped.replace(' ', '.')},- Kč" if not cents else f"{grouped},{cents:02d} Kč"
    if form == 2:
        return f"{grouped} Kč" if not cents else f"{grouped},{cents:02d} Kč"
    return f"{grouped} CZK" if not cents else f"{grouped},{cents:02d} CZK"


def dmy(day: date, spaced: bool) -> str:
    return f"{day.day}. {day.month}. {day.year}" if spaced else f"{day.day}.{day.month}.{day.year}"


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    return date(day.year + year, month + 1, 1)


def chrome_top(page: Page, rnd: random.Random, town: str) -> None:
    page.add("ul", ["Úvod", "Město a úřad", "Sociální oblast", "Aktuality", "Kontakty"])
    if rnd.random() < 0.5:
        page.add("p", "Tento web používá soubory cookies k zajištění funkčnosti a k analýze návštěvnosti. "
                      "Souhlasím | Odmítnout | Nastavení")
    page.add("p", f"Úvod > Sociální oblast > Projekty města {town}")
    if rnd.random() < 0.5:
        page.add("p", f"Datum vložení: {rnd.randint(1, 28)}. {rnd.randint(1, 12)}. {rnd.randint(2016, 2023)}")


def chrome_bottom(page: Page, rnd: random.Random, town: str) -> None:
    if rnd.random() < 0.6:
        page.add("h2", "Anketa")
        page.add("p", "Jak hodnotíte nové webové stránky města?")
        yes = rnd.randint(20, 70)
        page.add("ul", [f"Výborně ({yes} %)", f"Dobře ({100 - yes - 10} %)", "Špatně (10 %)"])
    page.add("p", f"Aktuality: {rnd.randint(1, 28)}. {rnd.randint(1, 12)}. 2022 Uzavírka ulice Husova; "
                  f"zahájení prodeje vstupenek na městský ples")
    page.add("p", f"© {rnd.randint(2018, 2024)} Město {town} | Masarykovo náměstí 1, 767 01 {town} | "
                  f"tel. 573 321 111 | IČ: 00287351 | Počet zobrazení: {rnd.randint(100, 9000)}")


def write_name(page: Page, variant: int, name: str | None, number: str | None) -> None:
    if name is None:
        page.add("h1", "O projektu")
        if number:
            page.add("p", f"Registrační číslo projektu: {number}")
        return
    if variant == 0:
        page.add("h1", name)
        if number:
            page.add("p", f"Registrační číslo: {number}")
    elif variant == 1:
        page.add("h1", "Projekty spolufinancované EU")
        page.add("p", f"Název projektu: {name}")
        if number:
            page.add("p", f"Reg. č.: {number}")
    elif variant == 2:
        page.add("h1", "Projekty")
        tail = f" (reg. č. {number})" if number else ""
        page.add("p", f"Projekt „{name}“{tail} realizuje odbor sociálních věcí.")
    else:
        page.add("h1", "Aktuální projekty")
        reg = f" (registrační číslo {number})" if number else ""
        page.add("p", f"{name}{reg}")


def write_dates(page: Page, variant: int, start: date, end: date, months: int) -> dict[str, object]:
    """Writes the period; returns what the page states."""
    spaced = variant % 2 == 0
    if variant == 0:
        page.add("p", f"Doba realizace: {dmy(start, spaced)} – {dmy(end, spaced)}")
    elif variant == 1:
        page.add("ul", [f"Zahájení projektu: {dmy(start, spaced)}", f"Ukončení projektu: {dmy(end, spaced)}"])
    elif variant == 2:
        page.add("p", f"Projekt je realizován od {dmy(start, spaced)} do {dmy(end, spaced)}.")
    elif variant == 3:
        page.add("p", f"Termín realizace: {MONTHS_NOM[start.month - 1]} {start.year} – "
                      f"{MONTHS_NOM[end.month - 1]} {end.year}")
    elif variant == 4:
        page.add("p", f"Projekt probíhá od {MONTHS_GEN[start.month - 1]} {start.year} do "
                      f"{MONTHS_GEN[end.month - 1]} {end.year}.")
    elif variant == 5:
        page.add("p", f"Zahájení: {dmy(start, spaced)}, doba trvání {months} měsíců.")
        return {"zahajeni": start.isoformat(), "ukonceni": None}
    elif variant == 6:
        page.add("table", [["Období realizace", f"{dmy(start, spaced)} – {dmy(end, spaced)}"]])
    else:
        page.add("p", f"Datum zahájení: {dmy(start, spaced)}")
        page.add("p", f"Datum ukončení: {dmy(end, spaced)}")
    return {"zahajeni": start.isoformat(), "ukonceni": end.isoformat()}


def share_text(amount: str | None, pct: int | None, form: int) -> str:
    if amount and pct is not None:
        return [f"{amount} ({pct} %)", f"{pct} % ({amount})", f"{pct} %, tj. {amount}"][form % 3]
    return amount or f"{pct} %"


def write_budget(page: Page, rnd: random.Random, variant: int, total: int, split: tuple[int, int, int],
                 town: str) -> dict[str, object]:
    """The total and the shares in one of several layouts; returns what the page states."""
    stated: dict[str, object] = {"celkove_zpusobile_vydaje": str(total), "podil_eu": None,
                                 "podil_sr": None, "podil_prijemce": None}
    form = rnd.randrange(4)
    total_text = money(total, form)
    total_label = ["Celkové způsobilé výdaje", "Celkový rozpočet projektu", "Celkové náklady projektu"][
        variant % 3]
    # which of amount / percent / both the shares are given as
    kind = rnd.choice(["amount", "percent", "both"])
    names = (rnd.choice(EU_NAMES), rnd.choice(STATE_NAMES), rnd.choice(OWN_NAMES))
    parts = []
    for column, pct, name in zip(("podil_eu", "podil_sr", "podil_prijemce"), split, names, strict=True):
        if pct == 0:
            continue
        halere = total * pct // 100
        amount = money(halere, form) if kind != "percent" else None
        percent = pct if kind != "amount" else None
        stated[column] = {"castka": str(halere) if amount else None, "procento": str(percent)
                          if percent is not None else None}
        parts.append((column, name, amount, percent))
    if variant == 5:  # the total only
        page.add("p", f"{total_label} činí {total_text}.")
        return stated | {"podil_eu": None, "podil_sr": None, "podil_prijemce": None}
    if variant == 6:  # nothing about money at all
        return {k: None for k in stated}
    layout = variant % 4
    if layout == 0:  # a list under a heading
        page.add("p", f"{total_label}: {total_text}")
        page.add("h2", rnd.choice(["Zdroje financování:", "Financování projektu:", "Struktura financování:"]))
        page.add("ul", [f"{name[0]}: {share_text(a, p, rnd.randrange(3))}" for _c, name, a, p in parts])
    elif layout == 1:  # one sentence
        page.add("p", f"{total_label}: {total_text}.")
        clauses = [f"{name[1]} {share_text(a, p, 0)}" if a else f"{name[1]} {p} %"
                   for _c, name, a, p in parts]
        joined = ", ".join(clauses[:-1]) + " a " + clauses[-1] if len(clauses) > 1 else clauses[0]
        page.add("p", f"Projekt je financován {joined}.")
    elif layout == 2:  # a table
        header = ["Zdroj financování"] + (["Částka"] if kind != "percent" else []) + (
            ["Podíl"] if kind != "amount" else [])
        rows = [header]
        for _c, name, a, p in parts:
            rows.append([name[0]] + ([a] if a else []) + ([f"{p} %"] if p is not None else []))
        rows.append(["Celkem"] + ([total_text] if kind != "percent" else []) + (
            ["100 %"] if kind != "amount" else []))
        page.add("h2", "Rozpočet projektu")
        page.add("table", rows)
        stated["celkove_zpusobile_vydaje"] = str(total) if kind != "percent" else None
        if kind == "percent":
            page.add("p", f"{total_label}: {total_text}")
            stated["celkove_zpusobile_vydaje"] = str(total)
    else:  # a paragraph of sentences, one per source
        page.add("p", f"{total_label} projektu {town} jsou {total_text}.")
        for _c, name, a, p in parts:
            page.add("p", f"{name[0]} se na projektu podílí částkou {share_text(a, p, 0)}." if a
                     else f"{name[0]} hradí {p} % způsobilých výdajů.")
    return stated


def write_indicators(page: Page, rnd: random.Random, variant: int) -> list[dict[str, str]]:
    chosen = rnd.sample(sorted(CODEBOOK | OTHER_INDICATORS), rnd.randint(1, 3))
    values = {code: str(rnd.choice([1, 2, 3, 12, 25, 40, 60, 120, 150, 300])) for code in chosen}
    names = CODEBOOK | OTHER_INDICATORS
    word = TARGET_WORDS[rnd.randrange(len(TARGET_WORDS))]
    if variant == 0:  # a name line, items below
        page.add("h2", "Indikátory:")
        for code in chosen:
            page.add("p", names[code])
            page.add("ul", [f"kód indikátoru: {code}", f"{word}: {values[code]}"])
    elif variant == 1:  # sentences with the code
        page.add("h2", "Indikátory projektu")
        for code in chosen:
            page.add("p", f"Indikátor {code} {names[code]} – {word} {values[code]}.")
    elif variant == 2:  # a table
        header = ["Kód", "Název indikátoru", "Měrná jednotka", word.capitalize()]
        rows = [header] + [[code, names[code], "osoby", values[code]] for code in chosen]
        page.add("h2", "Monitorovací indikátory")
        page.add("table", rows)
    elif variant == 3:  # without codes: names as the codebook gives them
        chosen = [code for code in chosen if code in CODEBOOK] or ["60000"]
        values = {code: values.get(code, "10") for code in chosen}
        page.add("h2", "Indikátory:")
        page.add("ul", [f"{names[code]} – {word} {values[code]}" for code in chosen])
    else:  # list items: code first, target after the name
        page.add("h2", "Povinné indikátory")
        page.add("ul", [f"{code} {names[code]}: {word} {values[code]}" for code in chosen])
    return [{"kod": code, "cilova_hodnota": values[code]} for code in chosen]


def write_activities(page: Page, rnd: random.Random, variant: int) -> list[dict[str, object]]:
    chosen = rnd.sample(ACTIVITY_NAMES, rnd.randint(2, 5))
    page.add("h2", rnd.choice(["Klíčové aktivity:", "Klíčové aktivity projektu", "Aktivity projektu:"]))
    if variant == 0:
        page.add("ul", [f"KA {n:02d} – {name}" for n, name in enumerate(chosen, 1)])
    elif variant == 1:
        for n, name in enumerate(chosen, 1):
            page.add("p", f"KA{n}: {name}")
    elif variant == 2:
        page.add("ul", [f"Klíčová aktivita {n}: {name}" for n, name in enumerate(chosen, 1)])
    else:
        rows = [["Kód", "Název aktivity"]] + [[f"KA {n}", name] for n, name in enumerate(chosen, 1)]
        page.add("table", rows)
    return [{"kod": n, "nazev": name} for n, name in enumerate(chosen, 1)]


def write_groups(page: Page, rnd: random.Random, variant: int) -> list[str]:
    chosen = rnd.sample(GROUPS, rnd.randint(2, 4))
    if variant == 0:
        page.add("h2", rnd.choice(["Cílové skupiny:", "Cílová skupina projektu", "Komu je projekt určen:"]))
        page.add("ul", [g[0].upper() + g[1:] for g in chosen])
    elif variant == 1:
        joined = ", ".join(chosen[:-1]) + " a " + chosen[-1]
        page.add("p", f"Cílovou skupinou projektu jsou {joined}.")
    else:
        joined = ", ".join(chosen[:-1]) + " a " + chosen[-1]
        page.add("p", f"Cílové skupiny: {joined}.")
    return chosen


def render_text(page: Page) -> str:
    out: list[str] = []
    for kind, content in page.blocks:
        if kind == "ul":
            out += [f"• {item}" for item in content]  # type: ignore[union-attr]
        elif kind == "table":
            out += [" | ".join(row) if len(row) > 2 else f"{row[0]}: {row[1]}"
                    for row in content]  # type: ignore[union-attr]
        else:
            out.append(str(content))
        out.append("")
    return "\n".join(out)


def render_html(page: Page, town: str) -> str:
    body: list[str] = []
    for kind, content in page.blocks:
        if kind == "ul":
            items = "".join(f"<li>{html.escape(i)}</li>" for i in content)  # type: ignore[union-attr]
            body.append(f"<ul>{items}</ul>")
        elif kind == "table":
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                           for row in content)  # type: ignore[union-attr]
            body.append(f"<table class=\"data\">{rows}</table>")
        else:
            text = html.escape(str(content)).replace(" ", "&nbsp;", 1)  # as editors' pages do
            body.append(f"<{kind}>{text}</{kind}>")
    return ("<!DOCTYPE html><html lang=\"cs\"><head><meta charset=\"utf-8\">"
            f"<title>Město {html.escape(town)}</title><script>var ga = 'KA 9 Reklama 99 %';</script>"
            "</head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def make_page(index: int) -> tuple[str, str, dict[str, object]]:
    rnd = random.Random(SEED * 1000 + index)
    town = TOWNS[index % len(TOWNS)]
    name = rnd.choice(NAME_TEMPLATES).format(town=town)
    omit = {"name": index % 9 == 4, "number": index % 7 == 3, "indicators": index % 8 == 6,
            "activities": index % 10 == 7, "groups": index % 6 == 5}
    number = None if omit["number"] else (
        f"CZ.03.2.{rnd.choice([60, 63, 65])}/0.0/0.0/{rnd.choice([15, 16, 17])}_"
        f"{rnd.choice([63, 117, 131]):03d}/{rnd.randint(1000000, 9999999):07d}")
    start = date(rnd.randint(2016, 2021), rnd.randint(1, 12), 1)
    months = rnd.choice([18, 24, 30, 36])
    end = add_months(start, months) - timedelta(days=1)
    total = rnd.randint(200_000, 4_000_000) * 100  # whole crowns, in haléře: every share is exact
    split = SPLITS[index % len(SPLITS)]
    page = Page()
    chrome_top(page, rnd, town)
    write_name(page, index % 4, None if omit["name"] else name, number)
    truth: dict[str, object] = {"registracni_cislo": number, "nazev": None if omit["name"] else name}
    sections = ["dates", "budget", "indicators", "activities", "groups"]
    rnd.shuffle(sections)
    for section in sections:
        if section == "dates":
            truth |= write_dates(page, index % 8, start, end, months)
        elif section == "budget":
            truth |= write_budget(page, rnd, (index // 2) % 7, total, split, town)
        elif section == "indicators":
            truth["indikatory"] = [] if omit["indicators"] else write_indicators(page, rnd, index % 5)
        elif section == "activities":
            truth["klicove_aktivity"] = [] if omit["activities"] else write_activities(page, rnd, index % 4)
        else:
            truth["cilove_skupiny"] = [] if omit["groups"] else write_groups(page, rnd, index % 3)
    chrome_bottom(page, rnd, town)
    as_html = index % 2 == 1
    stem = f"{index:02d}_{'html' if as_html else 'text'}"
    text = render_html(page, town) if as_html else render_text(page)
    return f"{stem}.{'html' if as_html else 'txt'}", text, truth


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*"):
        old.unlink()
    for index in range(COUNT):
        file_name, text, truth = make_page(index)
        (OUT / file_name).write_text(text, encoding="utf-8")
        stem = file_name.rsplit(".", 1)[0]
        (OUT / f"{stem}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")


if __name__ == "__main__":
    main()
