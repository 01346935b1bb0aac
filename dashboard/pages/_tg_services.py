"""/cilove-skupiny — the registered social services beside the plans' measures, per canonical
target group (the latest RPSS snapshot; in the plan's ORPs when a plan is chosen).

Registered capacity is the register's maximum, not occupancy; it is summed only within one form
and capacity type, so each group has a row per form and capacity type (``_register_parts``).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state
from dashboard.db import Database
from dashboard.i18n import _, data_column
from dashboard.pages._register_parts import capacity_frame, capacity_grid
from dashboard.queries import services as queries
from dashboard.queries import target_groups as groups_queries


def services_card(db: Database, plan: str | None, lang: str) -> dbc.Card:
    """The section: per canonical group, form and capacity type, services and capacity."""
    snapshot, network = queries.group_network(db, plan)
    heading = html.H2(_(lang, "Registrované sociální služby podle cílových skupin"), className="h5 d-inline")
    if snapshot is None:
        return dbc.Card(dbc.CardBody([heading, empty_state(
            _(lang, "Registr poskytovatelů sociálních služeb zatím není načten."),
            state_id="tg-services-none")]),
            className="shadow-sm mb-3", id="tg-services")
    groups = groups_queries.canonical_groups(db)
    column = data_column("canonical_name", lang)
    names = dict(zip(groups["canonical_code"], groups[column], strict=True))
    note = html.P(_(lang, "Registr poskytovatelů sociálních služeb (MPSV), stav ke dni {day}; {where}. "
                          "Cílové skupiny registru převádí na kanonické skupiny převodní tabulka "
                          "skupin registru, kterou lze zkontrolovat. Kapacita je registrovaná (nejvýše "
                          "přípustná), ne obsazenost; různé druhy kapacity se nesčítají.",
                    day=fmt.date(snapshot["as_of"], lang),
                    where=_(lang, "v ORP zvoleného plánu") if plan else _(lang, "celá ČR")),
                  className="small text-muted mb-2")
    title = html.Div([heading, *([demo_badge(lang)] if snapshot["is_demo"] else [])],
                     className="mb-1")
    if network.empty:
        return dbc.Card(dbc.CardBody([title, note, empty_state(
            _(lang, "Žádná služba registru zde nemá kanonickou cílovou skupinu."),
            state_id="tg-services-empty")]),
            className="shadow-sm mb-3", id="tg-services")
    frame = capacity_frame(network, lambda r: names.get(r["canonical_code"], r["canonical_code"]),
                           lang)
    return dbc.Card(dbc.CardBody([title, note, capacity_grid(
        "tg-services-grid", frame, _(lang, "Cílová skupina"), lang)]),
        className="shadow-sm mb-3", id="tg-services")
