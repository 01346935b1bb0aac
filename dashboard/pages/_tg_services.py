"""/cilove-skupiny — the registered social services beside the plans' measures, per canonical
target group (the latest RPSS snapshot; in the plan's ORPs when a plan is chosen).

Registered capacity is the register's maximum, not occupancy; it is summed only within one form
and capacity type, so each group has a row per form and capacity type.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state
from dashboard.components.grid import grid, number_column
from dashboard.db import Database
from dashboard.i18n import _
from dashboard.queries import services as queries
from dashboard.queries import target_groups as groups_queries
from domain.frames import records


def group_frame(network: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The table's rows: group names in the page's language, names of forms and capacity types
    where the code lists give them, codes otherwise."""
    def name(value: object, code: object) -> str:
        return value if isinstance(value, str) and value else fmt.EMPTY if code is None else str(code)

    rows = records(network)
    return pd.DataFrame({
        "group": [names.get(r["canonical_code"], r["canonical_code"]) for r in rows],
        "form": [name(r["form_name"], r["form_code"]) for r in rows],
        "capacity_type": [name(r["capacity_type_name"], r["capacity_type"]) for r in rows],
        "services": [int(r["services"]) for r in rows],
        "capacity": [None if r["capacity"] is None or r["capacity"] != r["capacity"]
                     else int(r["capacity"]) for r in rows],
    }, columns=["group", "form", "capacity_type", "services", "capacity"])


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
    column = "canonical_name_en" if lang == "en" else "canonical_name"
    names = dict(zip(groups["canonical_code"], groups[column], strict=True))
    note = html.P(_(lang, "Registr poskytovatelů sociálních služeb (MPSV), stav ke dni {day}; {where}. "
                          "Cílové skupiny registru jsou převedeny na kanonické tabulkou "
                          "rpss_cilove_skupiny.csv. Kapacita je registrovaná (nejvýše přípustná), ne "
                          "obsazenost; různé druhy kapacity se nesčítají.",
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
    columns = [
        {"field": "group", "headerName": _(lang, "Cílová skupina"), "minWidth": 220, "flex": 2},
        {"field": "form", "headerName": _(lang, "Forma"), "minWidth": 130},
        {"field": "capacity_type", "headerName": _(lang, "Druh kapacity"), "minWidth": 150},
        number_column("services", _(lang, "Služby"), lang, minWidth=110),
        number_column("capacity", _(lang, "Registrovaná kapacita"), lang, minWidth=150),
    ]
    return dbc.Card(dbc.CardBody([title, note, grid("tg-services-grid", group_frame(network, names),
                                                    columns, lang)]),
                    className="shadow-sm mb-3", id="tg-services")
