"""Texts of the project page (Czech, English) and the lineage note every section carries."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard.components.common import demo_badge
from dashboard.components.layout import href
from dashboard.i18n import upload_hint
from dashboard.page_sources import source_parts

TEXT = {
    "back": ("← Všechny projekty", "← All projects"),
    "reg": ("Registrační číslo", "Registration number"),
    "beneficiary": ("Příjemce", "Beneficiary"), "programme": ("Program", "Programme"),
    "call": ("Výzva", "Call"), "period": ("Období realizace", "Period"),
    "months": ("měsíců", "months"), "orps": ("Pokrytá ORP", "ORPs covered"),
    "municipalities": ("obcí", "municipalities"),
    "predecessor": ("Předchozí projekt", "Predecessor project"),
    "successors": ("Navazující projekt", "Follow-up project"),
    "plans": ("Komunitní plán vytvořený projektem", "Community plan produced by the project"),
    "description": ("Popis", "Description"),
    "not_loaded": ("(není načten)", "(not loaded)"),
    "none": ("neuvedeno", "not stated"),
    "missing_id": ("Není zadán žádný projekt.", "No project was given."),
    "unknown": ("Projekt „{key}“ nebyl nalezen.", "Project “{key}” was not found."),
    "unknown_hint": ("Zkontrolujte registrační číslo v adrese, nebo projekt vyberte ze seznamu projektů.",
                     "Check the registration number in the address, or pick the project from the list."),
    "to_list": ("Seznam projektů", "Project list"),
    # budget
    "budget": ("Rozpočet podle zdrojů", "Budget by source"),
    "total": ("Celkové způsobilé výdaje", "Total eligible expenditure"),
    "support": ("Podpora EU + státní rozpočet", "Support EU + state budget"),
    "shares_not_stated": ("celkové výdaje a podíly zdrojů stránka neuvádí",
                          "the page states neither the total nor the shares"),
    "derived": ("odvozeno", "derived"),
    "derived_title": ("Částka není uvedena ve zdroji, je vypočtena pravidlem.",
                      "The amount is not stated by the source but computed by a rule."),
    "percent_derived": ("podíl odvozen", "share derived"),
    "no_budget": ("Rozpočet projektu není uveden.", "The project's budget is not stated."),
    "no_budget_hint": upload_hint((
        "Rozpočet patří do sloupců celkove_zpusobile_vydaje, podil_eu, podil_sr, podil_prijemce "
        "souboru projekty.csv:",
        "The budget goes in the columns celkove_zpusobile_vydaje, podil_eu, podil_sr, "
        "podil_prijemce of projekty.csv:")),
    "drawdown": ("Čerpání rozpočtu podle let", "Drawdown by year"),
    "no_drawdown": ("Čerpání (plánováno a čerpáno podle let) není načteno.",
                    "No drawdown (planned and drawn per year) is loaded."),
    "no_drawdown_hint": upload_hint((
        "Čerpání patří do souboru cerpani.csv (registracni_cislo, rok, zdroj_financovani, "
        "planovano, cerpano):",
        "Drawdown goes in a cerpani.csv file (registracni_cislo, rok, zdroj_financovani, "
        "planovano, cerpano):")),
    "year": ("Rok", "Year"), "source_fund": ("Zdroj financování", "Funding source"),
    "planned": ("Plánováno", "Planned"), "drawn": ("Čerpáno", "Drawn"),
    "drawn_share": ("Čerpáno z plánu", "Drawn of planned"),
    "sum": ("Celkem", "Total"), "of_planned": ("z plánovaných", "of the planned"),
    "local_key": ("místní klíč", "local key"),
    # indicators
    "indicators": ("Indikátory: cíl a dosažené hodnoty", "Indicators: target and achieved values"),
    "no_indicators": ("Projekt nemá načtené cíle indikátorů.", "No indicator targets are loaded for "
                      "this project."),
    "no_indicators_hint": upload_hint((
        "Cíle patří do souboru cile_indikatoru.csv (dosažené hodnoty do plneni_indikatoru.csv):",
        "Targets go in a cile_indikatoru.csv file (achieved values in plneni_indikatoru.csv):")),
    "no_values": ("Zatím nejsou načteny žádné dosažené hodnoty. Patří do souboru "
                  "plneni_indikatoru.csv, který editor nahraje na stránce Nahrát data (/nahrat).",
                  "No achieved values are loaded yet. They go in a plneni_indikatoru.csv file, "
                  "which an editor uploads on the Upload data page (/nahrat)."),
    "target": ("Cíl", "Target"), "latest": ("Dosaženo", "Achieved"),
    "of_target": ("cíle", "of target"), "elapsed": ("Uplynulá doba projektu", "Project time elapsed"),
    "projection": ("Projekce ke konci", "Projection at the end"),
    "result": ("Výsledek po skončení projektu", "Result after the project ended"),
    "result_reached": ("cíl splněn", "target reached"),
    "result_missed": ("cíl nesplněn, chybí {gap}", "target missed by {gap}"),
    "by": ("do", "by"), "status": ("Stav", "Status"),
    "all_indicators": ("Srovnání s ostatními projekty", "Compare with other projects"),
    "values": ("Vykázané hodnoty", "Reported values"),
    "summary_export": ("Souhrn všech indikátorů projektu (cíl, dosaženo, %, projekce, stav)",
                       "Summary of all the project's indicators (target, achieved, %, projection, status)"),
    "date": ("Datum", "Date"), "report": ("Zpráva", "Report"), "value": ("Hodnota", "Value"),
    "risk_note": ("Ohroženo: při dosavadním tempu projekt do {end} dosáhne asi {projected} z cílových "
                  "{target} (chybí {gap}). Projekce je přímka proložená vykázanými hodnotami.",
                  "At risk: at the pace so far the project reaches about {projected} of the target "
                  "{target} by {end} ({gap} short). The projection is a straight line through the "
                  "reported values."),
    "risk_unknown": ("Ohroženo: cíl není splněn a projekci nelze spočítat (chybí termín konce nebo "
                     "vykázané hodnoty).",
                     "At risk: the target is not met and no projection can be made (no end date or "
                     "too few reported values)."),
    # activities, groups, bodies
    "activities": ("Klíčové aktivity", "Key activities"),
    "no_activities": ("Klíčové aktivity nejsou načteny.", "No key activities are loaded."),
    "no_activities_hint": upload_hint((
        "Klíčové aktivity patří do souboru klicove_aktivity.csv:",
        "Key activities go in a klicove_aktivity.csv file:")),
    "undated": ("Bez uvedených termínů:", "Without stated dates:"),
    "goal": ("Cíl", "Goal"), "outputs": ("Výstupy", "Outputs"),
    "groups": ("Cílové skupiny projektu", "The project's target groups"),
    "no_groups": ("Cílové skupiny projektu nejsou načteny.", "No target groups are loaded."),
    "no_groups_hint": upload_hint((
        "Cílové skupiny patří do souboru cilove_skupiny_projektu.csv:",
        "Target groups go in a cilove_skupiny_projektu.csv file:")),
    "bodies": ("Organizační struktura plánování", "Organisational structure of the planning"),
    "no_bodies": ("Organizační struktura není načtena.", "No organisational structure is loaded."),
    "no_bodies_hint": upload_hint((
        "Organizační struktura patří do souboru organizacni_struktura.csv:",
        "The organisational structure goes in an organizacni_struktura.csv file:")),
    "non_public": ("jednání neveřejná", "meetings not public"),
    "public": ("jednání veřejná", "meetings public"),
    # lineage
    "source": ("Zdroj", "Source"), "row": ("řádek", "row"), "rows": ("řádky", "rows"),
    "load": ("načtení č.", "load no."),
}

BODY_KINDS = {"steering": ("řídící", "steering"), "working": ("pracovní", "working"),
              "coordination": ("koordinační", "coordination"), "other": ("jiná", "other")}


def pick(pair: tuple[str, str], lang: str) -> str:
    """The Czech or the English one of a (cs, en) pair."""
    return pair[1 if lang == "en" else 0]


def tr(key: str, lang: str) -> str:
    """The page text ``key`` in ``lang``."""
    return TEXT[key][1 if lang == "en" else 0]


def _rows_text(rows: list[int], lang: str) -> str:
    rows = sorted(set(rows))
    if len(rows) == 1:
        return f"{tr('row', lang)} {rows[0]}"
    consecutive = rows == list(range(rows[0], rows[-1] + 1))
    listed = f"{rows[0]}–{rows[-1]}" if consecutive else ", ".join(map(str, rows))
    return f"{tr('rows', lang)} {listed}"


def lineage_note(rows: pd.DataFrame | Mapping[str, object], lang: str,
                 note_id: str | None = None, what: str | None = None) -> html.Small:
    """“Zdroj: stránka projektu … · projekty.csv, řádek 3 (načtení č. 1)” for one or many rows.

    Rows from the same file and load are summarised into one line with their row numbers;
    ``what`` names the figures when a section has more than one source (“Cíl – zdroj: …”).
    """
    frame = pd.DataFrame([dict(rows)]) if isinstance(rows, Mapping) else rows
    label = f"{what} – {tr('source', lang).lower()}" if what else tr("source", lang)
    parts: list[object] = [f"{label}: "]
    if frame.empty:
        return html.Small("", className="text-muted")
    frame = frame.assign(**{c: frame.get(c)
                            for c in ("source", "file_name", "load_run_id", "source_row", "is_demo")})
    groups = frame.fillna({"source": "", "file_name": ""}).groupby(
        ["source", "file_name", "load_run_id"], dropna=False, sort=False)
    pieces: list[list[object]] = []
    demo = False
    for (source, file_name, run), part in groups:
        piece: list[object] = source_parts(source, lang) if source else []
        location = file_name or ""
        found = [int(r) for r in part["source_row"] if r is not None and r == r]
        if found:
            location += f"{', ' if location else ''}{_rows_text(found, lang)}"
        if location:
            piece += [" · " if piece else "", location]
        if run is not None and run == run:
            # The load run links to the Data page, which lists its files, rows and warnings.
            piece += [" (", html.A(f"{tr('load', lang)} {int(run)}",
                                   href=href("/data", lang, beh=int(run))), ")"]
        if piece:
            pieces.append(piece)
        demo = demo or bool(part["is_demo"].fillna(False).astype(bool).any())
    for index, piece in enumerate(pieces):
        parts += (["; "] if index else []) + piece
    if not pieces:
        parts.append(tr("none", lang))
    if demo:
        parts.append(demo_badge(lang))
    return html.Small(parts, className="text-muted d-block lineage", id=note_id or "")
