"""Import columns → table rows: what each entity of the import format stores, and where.

Pure functions of a parsed record's values (and the catalog's codes): no database. The
writer (``etl.write``) adds what only the database knows (row ids of the project, plan,
call, priority and target group a row refers to) and upserts; the fact entities are
mapped a batch at a time by their ``FACTS`` spec and merged in SQL (``etl.staging``).

The share amounts live here too: validation checks them (``etl.validate.check_shares``)
and the writer stores them, both through ``share_amounts``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa

from domain.shares import resolve_share_amounts
from etl import schema as s
from etl.catalog import SHARE_SOURCES, Catalog
from etl.entities import ACHIEVED_VALUE, BODY_KINDS, INDICATOR_ACHIEVEMENT, REGISTRATION_NUMBER
from etl.parse import Share, normalise_header

Values = dict[str, object]


@dataclass(frozen=True)
class FactSpec:
    """How one import entity maps onto a table keyed by project and some columns."""

    table: sa.Table
    key: tuple[str, ...]  # table columns that, with project_id, identify a row
    values: Callable[[dict[str, object], Catalog], Values]  # key and value columns of a record
    # Entity key columns the table stores unchanged, and where: staging keeps them once.
    stored_as: dict[str, str] = field(default_factory=dict)
    # Table column → the entity column it copies unchanged, when every column is such a
    # copy (``values`` is then built from it): rows can be mapped a column at a time.
    copied: dict[str, str] | None = None

    def value_columns(self) -> tuple[str, ...]:
        """The columns compared and written besides the key (lineage excluded)."""
        lineage = {"id", "project_id", "load_run_id", "source_row", "is_demo", *self.key}
        return tuple(c.name for c in self.table.columns if c.name not in lineage)


def copying(table: sa.Table, key: tuple[str, ...], copied: dict[str, str],
            stored_as: dict[str, str]) -> FactSpec:
    """A spec whose table columns each copy one entity column (``copied``: table → entity)."""
    pairs = tuple(copied.items())
    return FactSpec(table, key, lambda v, c: {column: v[name] for column, name in pairs},
                    stored_as, copied)


def _body_kind(text: object) -> object:
    return BODY_KINDS.get(normalise_header(str(text or "")), text)


FACTS: dict[str, FactSpec] = {
    "klicove_aktivity": copying(s.key_activity, ("code",), {
        "code": "kod", "name": "nazev", "start_date": "od", "end_date": "do", "goal": "cil",
        "outputs": "vystupy", "source": "zdroj"}, {"kod": "code"}),
    "cile_indikatoru": copying(s.indicator_target, ("indicator_code",), {
        "indicator_code": "kod_indikatoru", "baseline_value": "vychozi_hodnota",
        "target_value": "cilova_hodnota", "target_date": "datum_cile", "description": "popis",
        "source": "zdroj"}, {"kod_indikatoru": "indicator_code"}),
    INDICATOR_ACHIEVEMENT: copying(s.indicator_achievement, ("indicator_code", "reported_on"), {
        "indicator_code": "kod_indikatoru", "reported_on": "datum",
        "achieved_value": ACHIEVED_VALUE, "report_label": "zprava", "source": "zdroj"},
        {"kod_indikatoru": "indicator_code", "datum": "reported_on"}),
    "cerpani": FactSpec(s.drawdown, ("year", "source_code"), lambda v, c: {
        "year": v["rok"], "source_code": c.funding_source_code(v["zdroj_financovani"]),
        "planned": v["planovano"], "drawn": v["cerpano"], "source": v["zdroj"]}, {"rok": "year"}),
    "cilove_skupiny_projektu": copying(s.project_target_group, ("name",), {
        "name": "nazev", "description": "popis", "source": "zdroj"}, {"nazev": "name"}),
    "organizacni_struktura": FactSpec(s.planning_body, ("name",), lambda v, c: {
        "name": v["nazev"], "kind": _body_kind(v["typ"]), "description": v["popis"],
        "local_target_group": v["cilova_skupina"], "meetings_public": v["verejne_jednani"],
        "source": v["zdroj"]}, {"nazev": "name"}),
}


def stated_shares(v: Values) -> dict[str, Share]:
    """The funding shares a ``projekty`` row states, by column (``podil_eu`` …)."""
    return {column: v[column] for column in SHARE_SOURCES if v.get(column) is not None}


def share_amounts(v: Values) -> dict[str, Decimal]:
    """The amount of each stated share of a ``projekty`` row (``domain.shares``)."""
    return resolve_share_amounts(v.get("celkove_zpusobile_vydaje"), stated_shares(v))


def project_row(v: Values) -> Values:
    """A ``projekty`` row as a ``project`` row, but for its call (``call_id``: the writer's)."""
    return {
        "registration_number_stated": not v[REGISTRATION_NUMBER].startswith("local:"),
        "name": v["nazev"], "short_name": v["zkraceny_nazev"], "beneficiary": v["prijemce"],
        "beneficiary_ico": v["ico_prijemce"], "programme_code": v["program"],
        "start_date": v["zahajeni"], "end_date": v["ukonceni"],
        "planned_end_date": v["planovane_ukonceni"],
        "duration_months": v["doba_trvani_mesice"],
        "total_eligible": v["celkove_zpusobile_vydaje"], "support_eu_state": v["podpora_eu_sr"],
        "municipality_count": v["pocet_obci"], "predecessor_key": v["predchozi_projekt"],
        "description": v["popis"], "source": v["zdroj"],
    }


def funding_rows(v: Values) -> dict[str, Values | None]:
    """A ``projekty`` row's ``project_funding`` rows by funding source (None: no share stated)."""
    shares = stated_shares(v)
    amounts = share_amounts(v)
    rule = v["odvozeni_podilu"]
    rows: dict[str, Values | None] = {}
    for column, source in SHARE_SOURCES.items():
        share = shares.get(column)
        rows[source] = None if share is None else {
            "amount": amounts.get(column), "percent": share.percent,
            # A percentage stated by the source makes the amount derived; a rule
            # (odvozeni_podilu) makes both derived.
            "amount_derived": bool(rule) or share.amount is None,
            "percent_derived": bool(rule) or share.percent is None and share.amount is None,
            "derivation": rule,
        }
    return rows


def programme_row(v: Values) -> Values:
    """A ``programy`` row's ``programme`` columns besides its code."""
    return {"name": v["nazev"], "period": v["obdobi"], "source": v["zdroj"]}


def call_row(v: Values) -> Values:
    """A ``vyzvy`` row's ``call`` columns besides its programme and number."""
    return {"name": v["nazev"], "source": v["zdroj"]}


def indicator_row(v: Values) -> Values:
    """An ``indikatory`` row's ``indicator`` columns besides its code."""
    return {"name": v["nazev"], "unit": v["jednotka"], "period": v["obdobi"],
            "description": v["popis"], "source": v["zdroj"]}


def funding_source_row(v: Values) -> Values:
    """A ``zdroje_financovani`` row's ``funding_source`` columns besides its code."""
    return {"name": v["nazev"], "name_en": v["nazev_en"] or v["nazev"], "source": v["zdroj"]}


def community_plan_row(v: Values) -> Values:
    """A ``komunitni_plany`` row's ``community_plan`` columns but its key and project."""
    return {"name": v["nazev"], "period_from": v["obdobi_od"], "period_to": v["obdobi_do"],
            "description": v["popis"], "source": v["zdroj"]}


def action_plan_row(v: Values) -> Values:
    """An ``akcni_plany`` row's ``action_plan`` columns besides its plan and year."""
    return {"name": v["nazev"], "source": v["zdroj"]}


def target_group_row(v: Values, catalog: Catalog) -> Values:
    """A ``cilove_skupiny`` row's ``target_group`` columns besides its plan and local name."""
    return {"canonical_code": catalog.canonical_group_code(v["kanonicka_skupina"]),
            "sort_order": v["poradi"], "source": v["zdroj"]}


def measure_row(v: Values) -> Values:
    """An ``opatreni`` row's ``measure`` columns but its keys, priority and target group."""
    return {"name": v["nazev"], "responsible": v["odpovedny_subjekt"],
            "planned_cost": v["planovane_naklady"], "service_kind": v["druh_sluzby"],
            "source": v["zdroj"]}


def measure_evaluation_row(v: Values, catalog: Catalog) -> Values:
    """A ``plneni_opatreni`` row's ``measure_evaluation`` columns besides its measure and year."""
    return {"status_code": catalog.status_code(v["stav"]),
            "percent_fulfilled": v["plneni_procent"],
            "actual_cost": v["skutecne_naklady"], "comment": v["komentar"],
            "internal_comment": v["interni_komentar"],
            "is_public": bool(v["verejne"]), "source": v["zdroj"]}
