"""What each page export holds: its columns (key → Czech and English header, kind) and file name.

The one place that says how an export reads in a spreadsheet. ``dashboard.spreadsheets``
writes any frame through these declarations: a column appears under its header in the
page's language, its values rounded and worded by its kind; a frame's column that is not
declared (an internal id) is left out. The open-data API (``/api/v1/…``) does not use them:
it keeps its stable machine names.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.figures.indicators import STATUS_LABELS as INDICATOR_STATUS
from dashboard.formatting import PLAN as PLAN_MONEY
from dashboard.i18n import N_, _
from dashboard.plan_review import COLUMNS as PLAN
from dashboard.queries.projects import STATUS_LABELS as PROJECT_STATUS
from dashboard.spreadsheets import (
    BOOL,
    COUNT,
    DATE,
    MONEY,
    NUMBER,
    PERCENT,
    STATUS,
    TEXT,
    YEAR,
    Column,
)


def _both(message: str) -> tuple[str, str]:
    """A catalog message in Czech and in English, as a column holds its words."""
    return _("cs", message), _("en", message)


#: The indicator statuses' words (``missed``: nesplněno / missed …), taken from the catalogs.
def _words(labels: dict[str, str]) -> dict[str, tuple[str, str]]:
    """A status table's words in both languages, from the catalogs."""
    return {status: _both(word) for status, word in labels.items()}


INDICATOR_WORDS = _words(INDICATOR_STATUS)
#: The kinds of a project's bodies (message ids of the catalogs).
BODY_KINDS = {"steering": N_("řídící"), "working": N_("pracovní"), "coordination": N_("koordinační"),
              "other": N_("jiná")}


@dataclass(frozen=True)
class Export:
    """One page export: file name (without extension) per language, columns, and the kind of
    columns a page adds at run time (the plan grid's years); ``None`` leaves such columns out."""

    file: tuple[str, str]
    columns: tuple[Column, ...]
    rest: str | None = None

    def file_name(self, lang: str, fmt: str, not_public: bool = False) -> str:
        """``projekty.csv`` (cs) or ``projects.csv`` (en); steering views say they are not public."""
        prefix = ("not-public-" if lang == "en" else "neverejne-") if not_public else ""
        return f"{prefix}{Column.word(self.file, lang)}.{fmt}"


def _c(key: str, cs: str, en: str, kind: str = TEXT, **options: object) -> Column:
    return Column(key, cs, en, kind, **options)


def _plan(key: str, kind: str = TEXT, **options: object) -> Column:
    """A column of the plan review's tables, under the title the review gives it (``PLAN``): the
    review's frames are already titled in the page's language, so the headers must match."""
    return Column(key, *_both(PLAN[key]), kind, **options)


# Columns that many exports share.
KEY = _c("key", "Registrační číslo / klíč", "Registration number / key")
PROJECT = _c("name", "Název projektu", "Project name")
SHORT = _c("short_name", "Zkrácený název", "Short name")
START = _c("start_date", "Zahájení", "Start", DATE)
END = _c("end_date", "Ukončení", "End", DATE)
DEMO = _c("is_demo", "Ukázková data (DEMO)", "Demo data", BOOL)
SOURCE = _c("source", "Zdroj", "Source")
FILE = _c("file_name", "Soubor", "File")
LOAD = _c("load_run_id", "Načtení č.", "Load no.", COUNT)
ROW = _c("source_row", "Řádek souboru", "File row", COUNT)
ORP_CODE = _c("orp_code", "Kód ORP", "ORP code")
PLAN_KEY = _c("plan_key", "Klíč plánu", "Plan key")
PLAN_NAME = _c("plan_name", "Komunitní plán", "Community plan")
GROUP = _c("canonical_name", "Cílová skupina", "Target group", en_key="canonical_name_en")
INDICATOR = (
    _c("indicator_code", "Kód indikátoru", "Indicator code"),
    _c("indicator_name", "Indikátor", "Indicator"), _c("unit", "Jednotka", "Unit"),
    _c("target_value", "Cílová hodnota", "Target", NUMBER, digits=2),
    _c("latest", "Dosaženo", "Achieved", NUMBER, digits=2),
    _c("share_of_target", "Plnění cíle", "Share of target", PERCENT),
    _c("projected", "Projekce ke konci projektu", "Projection at the project's end", NUMBER, digits=1),
    _c("elapsed", "Uplynulá doba projektu", "Project time elapsed", PERCENT),
    _c("status", "Stav", "Status", STATUS, words=INDICATOR_WORDS),
)
INDICATOR_PROGRESS = (KEY, PROJECT, SHORT, *INDICATOR, START, END,
                      _c("description", "Popis indikátoru", "Indicator description"), DEMO)

EXPORTS: dict[str, Export] = {
    "overview-indicators": Export(("prehled-indikatoru", "overview-indicators"), INDICATOR_PROGRESS),
    "indicator-progress": Export(("plneni-indikatoru", "indicator-progress"), INDICATOR_PROGRESS),
    "project-indicators": Export(("indikatory-projektu", "project-indicators"), INDICATOR_PROGRESS),
    "projects": Export(("projekty", "projects"), (
        KEY, _c("registration_number_stated", "Registrační číslo uvedeno",
                "Registration number stated", BOOL),
        PROJECT, SHORT, _c("beneficiary", "Příjemce", "Beneficiary"),
        _c("programme_code", "Program", "Programme"), _c("call_number", "Výzva", "Call"),
        START, END, _c("status", "Stav", "Status", STATUS, words=_words(PROJECT_STATUS)),
        _c("orp_codes", "Kódy ORP", "ORP codes"), _c("orp_names", "ORP", "ORPs"),
        _c("regions", "Kraje (NUTS 3)", "Regions (NUTS 3)"),
        _c("total_eligible", "Celkové způsobilé výdaje", "Total eligible expenditure", MONEY),
        _c("support_eu_state", "Podpora EU + státní rozpočet", "Support EU + state budget", MONEY),
        _c("eu_amount", "EU", "EU", MONEY), _c("state_amount", "Státní rozpočet", "State budget", MONEY),
        _c("beneficiary_amount", "Podíl příjemce", "Beneficiary's share", MONEY),
        _c("shares_derived", "Podíly dopočteny", "Shares derived", BOOL),
        _c("predecessor_key", "Předchozí projekt", "Predecessor project"), SOURCE, DEMO)),
    "project-budget": Export(("rozpocet-projektu", "project-budget"), (
        _c("name", "Zdroj financování", "Funding source", en_key="name_en"),
        _c("amount", "Částka", "Amount", MONEY),
        _c("percent", "Podíl", "Share", PERCENT, scale=0.01),
        _c("amount_derived", "Částka dopočtena", "Amount derived", BOOL),
        _c("percent_derived", "Podíl dopočten", "Share derived", BOOL),
        _c("derivation", "Jak dopočteno", "How derived"))),
    "project-drawdown": Export(("cerpani-projektu", "project-drawdown"), (
        _c("year", "Rok", "Year", YEAR),
        _c("name", "Zdroj financování", "Funding source", en_key="name_en"),
        _c("planned", "Plánováno", "Planned", MONEY), _c("drawn", "Vyčerpáno", "Drawn", MONEY),
        SOURCE, FILE, ROW, LOAD, DEMO)),
    "project-indicator-values": Export(("hodnoty-indikatoru", "indicator-values"), (
        KEY, INDICATOR[0], _c("reported_on", "Ke dni", "Reported on", DATE),
        _c("achieved_value", "Dosažená hodnota (kumulativně)", "Achieved (cumulative)", NUMBER,
           digits=2),
        _c("report_label", "Zpráva", "Report"), SOURCE, FILE, ROW, LOAD, DEMO)),
    "project-activities": Export(("klicove-aktivity", "key-activities"), (
        _c("code", "Kód", "Code"), _c("name", "Klíčová aktivita", "Key activity"), START, END,
        _c("goal", "Cíl", "Goal"), _c("outputs", "Výstupy", "Outputs"), SOURCE, FILE, ROW, LOAD,
        DEMO)),
    "project-target-groups": Export(("cilove-skupiny-projektu", "project-target-groups"), (
        _c("name", "Cílová skupina", "Target group"), _c("description", "Popis", "Description"),
        SOURCE, FILE, ROW, LOAD, DEMO)),
    "project-planning-bodies": Export(("organizacni-struktura", "planning-bodies"), (
        _c("name", "Orgán", "Body"), _c("kind", "Druh", "Kind", STATUS, words=_words(BODY_KINDS)),
        _c("description", "Popis", "Description"),
        _c("local_target_group", "Cílová skupina", "Target group"),
        _c("meetings_public", "Jednání veřejná", "Meetings public", BOOL), SOURCE, FILE, ROW, LOAD,
        DEMO)),
    "orp-comparison": Export(("srovnani-orp", "orp-comparison"), (
        ORP_CODE, _c("orp_name", "ORP", "ORP"), _c("region_nuts3", "Kód kraje", "Region code"),
        _c("region_name", "Kraj", "Region"), _c("population", "Obyvatel", "Population", COUNT),
        _c("population_65_plus", "Obyvatel 65+", "Population 65+", COUNT),
        _c("projects", "Projekty", "Projects", COUNT),
        _c("projects_without_budget", "Projekty bez uvedeného rozpočtu",
           "Projects without a stated budget", COUNT),
        _c("budget", "Rozpočet projektů (podíl ORP)", "Project budget (the ORP's share)", MONEY),
        _c("budget_per_inhabitant", "Rozpočet na obyvatele", "Budget per inhabitant", MONEY),
        _c("budget_per_inhabitant_65", "Rozpočet na obyvatele 65+", "Budget per inhabitant 65+",
           MONEY),
        _c("indicators", "Indikátory", "Indicators", COUNT),
        _c("indicator_fulfilment", "Průměrné plnění indikátorů", "Mean indicator fulfilment",
           PERCENT),
        _c("measures_evaluated", "Hodnocená opatření", "Measures evaluated", COUNT),
        _c("measures_fulfilled", "Splněná opatření", "Measures fulfilled", COUNT),
        _c("measures_fulfilled_share", "Podíl splněných opatření", "Share of measures fulfilled",
           PERCENT),
        _c("plans", "Komunitní plány", "Community plans", COUNT),
        _c("plan_periods", "Období plánů", "Plan periods"),
        _c("uncovered_years", "Roky bez plánu (2014–2027)", "Years without a plan (2014–2027)"),
        _c("uncovered_year_count", "Počet let bez plánu", "Years without a plan", COUNT),
        _c("registered_services", "Registrované sociální služby", "Registered social services",
           COUNT),
        _c("beds_per_1000", "Registrovaná kapacita pobytových služeb (lůžka) na 1 000 obyvatel",
           "Registered residential capacity (beds) per 1,000 inhabitants", NUMBER, digits=1),
        _c("senior_beds_per_1000_65", "Registrovaná lůžka služeb pro seniory na 1 000 obyvatel 65+",
           "Registered beds of services for older people per 1,000 aged 65+", NUMBER, digits=1),
        _c("register_as_of", "Stav registru ke dni", "Register as of", DATE),
        _c("services_added", "Služby přibylé od dřívějšího stavu", "Services added since the "
           "earlier register", COUNT),
        _c("services_ended", "Služby ubylé od dřívějšího stavu", "Services ended since the "
           "earlier register", COUNT),
        _c("services_net_change", "Změna počtu služeb od dřívějšího stavu (přibylo − ubylo)",
           "Change in services since the earlier register (added − ended)", COUNT),
        _c("register_earlier_as_of", "Dřívější stav registru (srovnání)",
           "Earlier register compared with, as of", DATE),
        _c("register_population", "Obyvatel (dělitel ukazatelů registru)",
           "Inhabitants (divisor of the register's measures)", COUNT),
        _c("register_population_65_plus", "Obyvatel 65+ (dělitel ukazatelů registru)",
           "Inhabitants aged 65+ (divisor of the register's measures)", COUNT),
        _c("register_population_year", "Rok počtu obyvatel (2021 = sčítání)",
           "Year of the population (2021 = census)", YEAR),
        DEMO)),
    "orp-plan-coverage": Export(("pokryti-orp-plany", "orp-plan-coverage"), (
        ORP_CODE, _c("orp_name", "ORP", "ORP"), _c("year", "Rok", "Year", YEAR),
        _c("covered_by_plan", "Pokryto komunitním plánem", "Covered by a community plan", BOOL))),
    "orp-projects": Export(("projekty-orp", "orp-projects"), (
        KEY, PROJECT, SHORT, _c("beneficiary", "Příjemce", "Beneficiary"),
        _c("programme_code", "Program", "Programme"), START, END,
        _c("total", "Rozpočet projektu", "Project budget", MONEY), ORP_CODE,
        _c("share", "Podíl ORP (podle obyvatel)", "The ORP's share (by population)", PERCENT,
           digits=1),
        _c("amount", "Částka připadající na ORP", "Amount for the ORP", MONEY),
        _c("orp_count", "Počet ORP projektu", "The project's ORPs", COUNT), DEMO)),
    "orp-plans": Export(("komunitni-plany-orp", "orp-plans"), (
        _c("key", "Klíč plánu", "Plan key"), _c("name", "Komunitní plán", "Community plan"),
        _c("period_from", "Od roku", "From", YEAR), _c("period_to", "Do roku", "To", YEAR),
        ORP_CODE, _c("project_key", "Projekt", "Project"))),
    "target-groups": Export(("cilove-skupiny", "target-groups"), (
        _c("canonical_code", "Kód skupiny", "Group code"), GROUP,
        _c("measures", "Opatření", "Measures", COUNT),
        _c("local_names", "Názvy v plánech", "Names in the plans"),
        _c("planned_cost", "Plánované náklady", "Planned cost", MONEY, context=PLAN_MONEY),
        _c("actual_cost", "Skutečné náklady", "Actual cost", MONEY, context=PLAN_MONEY),
        _c("evaluated", "Hodnocená opatření", "Measures evaluated", COUNT),
        _c("fulfilled", "Splněná opatření", "Measures fulfilled", COUNT),
        _c("fulfilled_share", "Podíl splněných", "Share fulfilled", PERCENT),
        _c("mean_percent_fulfilled", "Průměrné plnění", "Mean fulfilment", PERCENT), DEMO)),
    "target-groups-status": Export(("opatreni-podle-skupin", "measures-by-group"), (
        PLAN_KEY, PLAN_NAME, _c("code", "Kód opatření", "Measure code"),
        _c("name", "Opatření", "Measure"),
        _c("planned_cost", "Plánované náklady", "Planned cost", MONEY, context=PLAN_MONEY),
        _c("local_name", "Cílová skupina v plánu", "Target group in the plan"),
        _c("canonical_code", "Kód skupiny", "Group code"),
        _c("year", "Rok hodnocení", "Year evaluated", YEAR),
        _c("status_name", "Stav", "Status", en_key="status_name_en"),
        _c("counts_as_fulfilled", "Počítá se jako splněné", "Counts as fulfilled", BOOL),
        _c("percent_fulfilled", "Míra splnění", "Fulfilment", PERCENT, scale=0.01),
        _c("actual_cost", "Skutečné náklady", "Actual cost", MONEY, context=PLAN_MONEY), DEMO,
        _c("evaluated_demo", "Hodnocení DEMO", "Demo evaluation", BOOL))),
    "target-groups-mapping": Export(("mapovani-cilovych-skupin", "target-group-mapping"), (
        PLAN_KEY, PLAN_NAME, _c("local_name", "Cílová skupina v plánu", "Target group in the plan"),
        _c("canonical_code", "Kód skupiny", "Group code"), GROUP,
        _c("measures", "Opatření", "Measures", COUNT))),
    "plan-grid": Export(("komunitni-plan-hodnoceni", "community-plan-evaluations"), (
        _plan("code"), _plan("measure"), _plan("priority"), _plan("group"), _plan("canonical")),
        rest=TEXT),
    "plan-changes": Export(("komunitni-plan-zmeny", "community-plan-changes"), (
        _plan("code"), _plan("measure"), _plan("previous"), _plan("current"), _plan("change"),
        _plan("comment"), _plan("internal"))),
    "plan-costs": Export(("komunitni-plan-naklady", "community-plan-costs"), (
        _plan("code"), _plan("measure"), _plan("planned", MONEY, context=PLAN_MONEY),
        _plan("spent_year", MONEY, context=PLAN_MONEY),
        _plan("spent_to_date", MONEY, context=PLAN_MONEY), _plan("share", PERCENT),
        _plan("unpublished", COUNT))),
    "plan-internal": Export(("komunitni-plan-interni", "community-plan-internal"), (
        _plan("code"), _plan("measure"), _plan("state"), _plan("published"), _plan("comment"),
        _plan("internal"))),
    "plan-history": Export(("komunitni-plan-historie", "community-plan-history"), (
        _c("when", "Kdy", "When"), _c("user", "Kdo", "Who"), _c("year", "Rok", "Year", YEAR),
        _c("what", "Co", "What"))),
    "data-loads": Export(("nacteni-dat", "data-loads"), (
        _c("id", "Č.", "No.", COUNT), _c("dataset", "Datová sada", "Data set"),
        _c("user", "Uživatel", "User"), _c("started", "Zahájeno", "Started"),
        _c("finished", "Dokončeno", "Finished"), _c("status", "Stav", "Status"),
        _c("errors", "Chyby", "Errors", COUNT), _c("warnings", "Varování", "Warnings", COUNT),
        _c("files", "Soubory", "Files", COUNT))),
    "data-files": Export(("nactene-soubory", "loaded-files"), (
        LOAD, FILE, _c("entity", "Entita", "Entity"), _c("sheet", "List", "Sheet"),
        _c("rows", "Řádků", "Rows", COUNT), _c("inserted", "Vloženo", "Inserted", COUNT),
        _c("updated", "Aktualizováno", "Updated", COUNT),
        _c("unchanged", "Beze změny", "Unchanged", COUNT))),
    "data-problems": Export(("problemy-nacteni", "load-problems"), (
        _c("run", "Načtení č.", "Load no.", COUNT), _c("severity", "Závažnost", "Severity"),
        _c("file", "Soubor", "File"), _c("sheet", "List", "Sheet"), _c("row", "Řádek", "Row", COUNT),
        _c("column", "Sloupec", "Column"), _c("value", "Hodnota", "Value"),
        _c("message", "Zpráva", "Message"))),
}

