"""The import format: entities, their keys and columns (a contract with users).

The entities and their headers are the import format's (the glossary of
docs/ARCHITECTURE.md maps each to its English name in the code and the schema).
Headers match after ``parse.normalise_header`` (case, accents, spaces and
punctuation ignored); each column also accepts English aliases. Columns marked
``extension`` go beyond the original format to carry facts the seed pages state
(the combined EU + state support, working groups, project target groups, action plans).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.parse import normalise_header

# Column kinds; etl.validate turns each into a parser.
TEXT, INT, YEAR, MONEY, PERCENT, SHARE, DATE, BOOL, LIST, VALUE, PERIOD = (
    "text", "int", "year", "money", "percent", "share", "date", "bool", "list", "value", "period",
)


@dataclass(frozen=True)
class Column:
    """One column of an entity: its import header, kind, and the help shown in templates."""

    name: str
    kind: str = TEXT
    required: bool = False
    aliases: tuple[str, ...] = ()
    help_cs: str = ""
    lookup: str | None = None  # a code list offered as a drop-down in templates

    def header_keys(self) -> set[str]:
        """Every normalised header this column answers to."""
        return {normalise_header(self.name), *(normalise_header(a) for a in self.aliases)}


@dataclass(frozen=True)
class Entity:
    """One file or sheet kind of the import format."""

    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()
    title_cs: str = ""
    depends_on: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        return next(c for c in self.columns if c.name == name)


#: The column that names a project in every entity about one: its registration number.
REGISTRATION_NUMBER = "registracni_cislo"
#: The entity of indicator achievements (cumulative values reported on a date; the table
#: ``indicator_achievement``) in the users' word, and its value column (``achieved_value``).
INDICATOR_ACHIEVEMENT = "plneni_indikatoru"
ACHIEVED_VALUE = "dosazena_hodnota"

REG = Column(
    REGISTRATION_NUMBER, TEXT, True,
    ("registration_number", "reg_c", "registracni_cislo_projektu", "registracni_cislo_operace"),
    "CZ.03.2.63/0.0/0.0/16_063/0006590, nebo místní klíč local:… kde číslo není uvedeno",
)
PLAN = Column("plan", TEXT, True, ("plan_key", "komunitni_plan"), "klíč plánu, např. ostrava-kp5")
SOURCE = Column("zdroj", TEXT, False, ("source",), "odkud údaj pochází (stránka, dokument)")
OBDOBI = Column("obdobi", PERIOD, True, ("period", "programove_obdobi"), "2014–2020 nebo 2021–2027",
                "period")

ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        # The codebooks: loaded before the rows that use their codes, in the same run.
        Entity(
            "programy", ("kod",), title_cs="Číselník programů", aliases=("programmes",),
            columns=(
                Column("kod", TEXT, True, ("code", "program"), "OPZ+"),
                Column("nazev", TEXT, True, ("name",), "Operační program Zaměstnanost plus"),
                OBDOBI,
                SOURCE,
            ),
        ),
        Entity(
            "vyzvy", ("program", "cislo"), title_cs="Číselník výzev", aliases=("calls",),
            depends_on=("programy",),
            columns=(
                Column("program", TEXT, True, ("programme",), "OPZ, OPZ+", "programme"),
                Column("cislo", TEXT, True, ("number", "vyzva", "cislo_vyzvy"), "63"),
                Column("nazev", TEXT, False, ("name",), "název výzvy"),
                SOURCE,
            ),
        ),
        Entity(
            "indikatory", ("kod",), title_cs="Číselník indikátorů",
            aliases=("indicators", "ciselnik_indikatoru"),
            columns=(
                Column("kod", TEXT, True, ("code", "kod_indikatoru", "indicator_code"), "67010"),
                Column("nazev", TEXT, True, ("name",), "název podle Národního číselníku indikátorů"),
                Column("jednotka", TEXT, True, ("unit", "merna_jednotka"), "osoby"),
                OBDOBI,
                Column("popis", TEXT, False, ("description",), "co indikátor měří"),
                SOURCE,
                Column("odstranit", BOOL, False, ("remove", "smazat"),
                       "ano = odstranit kód z číselníku (jen když ho žádná data nepoužívají)"),
            ),
        ),
        Entity(
            "zdroje_financovani", ("kod",), title_cs="Číselník zdrojů financování",
            aliases=("funding_sources", "ciselnik_zdroju"),
            columns=(
                Column("kod", TEXT, True, ("code", "zdroj_financovani", "funding_source"), "kraj"),
                Column("nazev", TEXT, True, ("name",), "Rozpočet kraje"),
                Column("nazev_en", TEXT, False, ("name_en", "english_name"),
                       "anglický název (prázdné = český)"),
                SOURCE,
                Column("odstranit", BOOL, False, ("remove", "smazat"),
                       "ano = odstranit zdroj z číselníku (jen když ho žádná data nepoužívají)"),
            ),
        ),
        Entity(
            "projekty", (REGISTRATION_NUMBER,), title_cs="Projekty",
            aliases=("projects", "projekt"),
            columns=(
                REG,
                Column("nazev", TEXT, False, ("name", "nazev_projektu"), "název projektu"),
                Column("zkraceny_nazev", TEXT, False, ("short_name",), "zkrácený název"),
                Column("prijemce", TEXT, False, ("beneficiary",), "příjemce (obec, kraj, MAS)"),
                Column("ico_prijemce", TEXT, False, ("beneficiary_ico", "ico"), "IČ příjemce"),
                Column("program", TEXT, False, ("programme",), "OPZ, OP LZZ, OPZ+", "programme"),
                Column("vyzva", TEXT, False, ("call",), "číslo výzvy, např. 63"),
                Column("orp", LIST, False, ("orp_codes",), "kódy nebo názvy ORP oddělené ;", "orp"),
                Column("zahajeni", DATE, False, ("start", "start_date"), "1.11.2017"),
                Column("ukonceni", DATE, False, ("end", "end_date"), "31.10.2019"),
                Column("planovane_ukonceni", DATE, False, ("planned_end", "planned_end_date"),
                       "plánované ukončení, kde se liší od skutečného nebo to ještě není známo"),
                Column("doba_trvani_mesice", INT, False, ("duration_months",), "počet měsíců"),
                Column("celkove_zpusobile_vydaje", MONEY, False,
                       ("total", "total_eligible_expenditure", "czv"), "3 648 425,00 Kč"),
                Column("podil_eu", SHARE, False, ("share_eu",), "částka nebo procento: 85 %"),
                Column("podil_sr", SHARE, False, ("share_state",), "částka nebo procento: 10 %"),
                Column("podil_prijemce", SHARE, False, ("share_beneficiary",),
                       "částka, procento, nebo obojí: 182 421,25 Kč (5 %)"),
                Column("podpora_eu_sr", MONEY, False, ("support_eu_state", "vyse_podpory"),
                       "EU a SR dohromady, kde zdroj uvádí jen součet"),
                Column("odvozeni_podilu", TEXT, False, ("shares_derived_by",),
                       "vyplňte, jsou-li podíly odvozeny pravidlem, ne uvedeny zdrojem"),
                Column("pocet_obci", INT, False, ("municipality_count",), "počet zapojených obcí"),
                Column("predchozi_projekt", TEXT, False, ("predecessor",),
                       "registrační číslo předchozího projektu"),
                Column("popis", TEXT, False, ("description",), "stručný popis"),
                SOURCE,
            ),
        ),
        Entity(
            "klicove_aktivity", (REGISTRATION_NUMBER, "kod"), title_cs="Klíčové aktivity",
            aliases=("key_activities",), depends_on=("projekty",),
            columns=(
                REG,
                Column("kod", TEXT, True, ("code",), "KA1, KA 02"),
                Column("nazev", TEXT, True, ("name",), "název aktivity"),
                Column("od", DATE, False, ("from", "start"), "1.11.2017"),
                Column("do", DATE, False, ("to", "end"), "31.10.2019"),
                Column("cil", TEXT, False, ("goal",), "cíl aktivity"),
                Column("vystupy", TEXT, False, ("outputs",), "plánované výstupy"),
                SOURCE,
            ),
        ),
        Entity(
            "cile_indikatoru", (REGISTRATION_NUMBER, "kod_indikatoru"),
            title_cs="Cílové hodnoty indikátorů", aliases=("indicator_targets",),
            depends_on=("projekty",),
            columns=(
                REG,
                Column("kod_indikatoru", TEXT, True, ("indicator_code", "kod"), "60000", "indicator"),
                Column("vychozi_hodnota", VALUE, False, ("baseline",), "0"),
                Column("cilova_hodnota", VALUE, True, ("target", "planovana_hodnota"), "20"),
                Column("datum_cile", DATE, False, ("target_date",), "31.10.2019"),
                Column("popis", TEXT, False, ("description",), "co se počítá"),
                SOURCE,
            ),
        ),
        Entity(
            INDICATOR_ACHIEVEMENT, (REGISTRATION_NUMBER, "kod_indikatoru", "datum"),
            title_cs="Dosažené hodnoty indikátorů", aliases=("indicator_values", "achieved"),
            depends_on=("projekty",),
            columns=(
                REG,
                Column("kod_indikatoru", TEXT, True, ("indicator_code", "kod"), "60000", "indicator"),
                Column("datum", DATE, True, ("date",), "datum, ke kterému hodnota platí"),
                Column(ACHIEVED_VALUE, VALUE, True, ("achieved_value", "hodnota"),
                       "kumulativní dosažená hodnota"),
                Column("zprava", TEXT, False, ("report",), "např. ZoR 3"),
                SOURCE,
            ),
        ),
        Entity(
            "cerpani", (REGISTRATION_NUMBER, "rok", "zdroj_financovani"),
            title_cs="Čerpání rozpočtu", aliases=("drawdown",), depends_on=("projekty",),
            columns=(
                REG,
                Column("rok", YEAR, True, ("year",), "2018"),
                Column("zdroj_financovani", TEXT, True, ("funding_source",),
                       "eu, státní rozpočet, příjemce", "funding_source"),
                Column("planovano", MONEY, False, ("planned",), "plán v Kč"),
                Column("cerpano", MONEY, False, ("drawn", "vycerpano"), "čerpáno v Kč"),
                SOURCE,
            ),
        ),
        Entity(
            "komunitni_plany", ("plan",), title_cs="Komunitní plány",
            aliases=("community_plans", "plany"),
            columns=(
                PLAN,
                Column("nazev", TEXT, True, ("name",), "název plánu"),
                Column("orp", LIST, False, ("orp_codes",), "kódy nebo názvy ORP", "orp"),
                Column("obdobi_od", YEAR, False, ("period_from",), "2019"),
                Column("obdobi_do", YEAR, False, ("period_to",), "2022"),
                Column(REGISTRATION_NUMBER, TEXT, False, REG.aliases,
                       "projekt, z něhož plán vznikl"),
                Column("popis", TEXT, False, ("description",), "stručný popis"),
                SOURCE,
            ),
        ),
        Entity(
            "akcni_plany", ("plan", "rok"), title_cs="Akční plány",
            aliases=("action_plans",), depends_on=("komunitni_plany",),
            columns=(
                PLAN,
                Column("rok", YEAR, True, ("year",), "2019"),
                Column("nazev", TEXT, False, ("name",), "název akčního plánu"),
                SOURCE,
            ),
        ),
        Entity(
            "cilove_skupiny", ("plan", "nazev"), title_cs="Cílové skupiny plánů",
            aliases=("target_groups",),
            columns=(
                Column("plan", TEXT, False, PLAN.aliases, "prázdné = platí pro všechny plány"),
                Column("nazev", TEXT, True, ("name", "mistni_nazev", "local_name"),
                       "název skupiny v plánu"),
                Column("kanonicka_skupina", TEXT, True, ("canonical_group",),
                       "jedna ze sedmi kanonických skupin", "target_group"),
                Column("poradi", INT, False, ("order",), "pořadí v plánu"),
                SOURCE,
            ),
        ),
        Entity(
            "opatreni", ("plan", "kod"), title_cs="Opatření", aliases=("measures",),
            depends_on=("komunitni_plany", "cilove_skupiny"),
            columns=(
                PLAN,
                Column("kod", TEXT, True, ("code",), "1.1"),
                Column("nazev", TEXT, True, ("name",), "název opatření"),
                Column("priorita", TEXT, False, ("priority", "oblast"), "priorita / oblast"),
                Column("cilova_skupina", TEXT, False, ("target_group",),
                       "místní název cílové skupiny", "target_group"),
                Column("odpovedny_subjekt", TEXT, False, ("responsible",), "kdo opatření plní"),
                Column("planovane_naklady", MONEY, False, ("planned_cost",), "Kč"),
                Column("druh_sluzby", TEXT, False, ("service_kind", "kind_of_service"),
                       "druh sociální služby z registru MPSV (kód nebo název), nepovinné"),
                SOURCE,
            ),
        ),
        Entity(
            "plneni_opatreni", ("plan", "kod", "rok"), title_cs="Plnění opatření",
            aliases=("measure_evaluations",), depends_on=("opatreni",),
            columns=(
                PLAN,
                Column("kod", TEXT, True, ("code", "opatreni"), "1.1"),
                Column("rok", YEAR, True, ("year",), "2020"),
                Column("stav", TEXT, True, ("status",), "splněno, částečně splněno, …",
                       "measure_status"),
                Column("plneni_procent", PERCENT, False, ("percent_fulfilled",), "0–100 %"),
                Column("skutecne_naklady", MONEY, False, ("actual_cost",), "Kč"),
                Column("komentar", TEXT, False, ("comment",), "veřejný komentář"),
                Column("interni_komentar", TEXT, False, ("internal_comment",),
                       "jen pro řídící skupinu, nikdy veřejně"),
                Column("verejne", BOOL, False, ("public",), "ano / ne (výchozí ne)"),
                SOURCE,
            ),
        ),
        Entity(
            "cilove_skupiny_projektu", (REGISTRATION_NUMBER, "nazev"),
            title_cs="Cílové skupiny projektu", aliases=("project_target_groups",),
            depends_on=("projekty",),
            columns=(
                REG,
                Column("nazev", TEXT, True, ("name",), "cílová skupina projektu"),
                Column("popis", TEXT, False, ("description",), "popis"),
                SOURCE,
            ),
        ),
        Entity(
            "organizacni_struktura", (REGISTRATION_NUMBER, "nazev"),
            title_cs="Organizační struktura", aliases=("planning_bodies", "pracovni_skupiny"),
            depends_on=("projekty",),
            columns=(
                REG,
                Column("nazev", TEXT, True, ("name",), "Řídící skupina, I.PS - Senioři"),
                Column("typ", TEXT, False, ("kind",),
                       "ridici / pracovni / koordinacni / jina", "body_kind"),
                Column("popis", TEXT, False, ("description",), "složení a úkoly"),
                Column("cilova_skupina", TEXT, False, ("target_group",),
                       "místní název cílové skupiny, jíž se skupina věnuje"),
                Column("verejne_jednani", BOOL, False, ("public_meetings",), "ano / ne"),
                SOURCE,
            ),
        ),
    )
}

#: Order in which entities load, so that every reference exists before it is used.
LOAD_ORDER: tuple[str, ...] = (
    "programy", "vyzvy", "indikatory", "zdroje_financovani",
    "projekty", "klicove_aktivity", "cile_indikatoru", INDICATOR_ACHIEVEMENT, "cerpani",
    "cilove_skupiny_projektu", "organizacni_struktura", "komunitni_plany", "akcni_plany",
    "cilove_skupiny", "opatreni", "plneni_opatreni",
)

BODY_KINDS = {"ridici": "steering", "pracovni": "working", "koordinacni": "coordination",
              "jina": "other"}


def entity_for_name(name: str) -> Entity | None:
    """The entity a file or sheet name refers to (``2019_plneni_opatreni.csv`` → plneni_opatreni).

    The longest entity name contained in the normalised name wins, so that
    ``plneni_opatreni`` is not taken for ``opatreni``.
    """
    key = normalise_header(name)
    best: tuple[int, Entity] | None = None
    for entity in ENTITIES.values():
        for alias in (entity.name, *entity.aliases):
            alias_key = normalise_header(alias)
            if alias_key in key and (best is None or len(alias_key) > best[0]):
                best = (len(alias_key), entity)
    return best[1] if best else None
