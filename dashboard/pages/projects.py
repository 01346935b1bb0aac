"""/projekty — every project in a sortable, filterable table; filters live in the query string."""

from __future__ import annotations

from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, State, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import dropdown, empty_state, export_links
from dashboard.components.grid import MONEY_MIN_WIDTH, money_column, paged_grid
from dashboard.components.layout import address_output, href, page_address
from dashboard.components.period import chosen_period, period_label, period_select
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.i18n import _, language
from dashboard.queries.projects import (
    STATUS_LABELS,
    display_name,
    filter_choices,
    filter_projects,
    project_count,
    project_page,
    projects,
)
from domain.frames import records

dash.register_page(__name__, path="/projekty", name="Projekty", title="KPSS Monitor – Projekty",
                   order=1)

#: The page's own address, which its filters write (``components.layout.page_address``).
ADDRESS = "projects-url"

STATUS = STATUS_LABELS
FILTERS = ("obdobi", "program", "vyzva", "kraj", "orp", "stav")




def table_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table's rows: display texts plus numbers (floats) for the money columns."""
    def amount(value: object) -> float | None:
        return float(value) if value is not None and value == value else None

    return pd.DataFrame({
        "key": frame["key"],
        "registration": [k if stated else f"({_(lang, 'registrační číslo neuvedeno')})"
                         for k, stated in zip(frame["key"], frame["registration_number_stated"],
                                              strict=True)],
        "name": [display_name(r, lang) for r in records(frame)],
        # the name stays text: the SafeLink cell (assets/03-safe-link.js) links it to `href`
        "href": [href("/projekt", lang, id=r["key"]) for r in records(frame)],
        "beneficiary": frame["beneficiary"].fillna(fmt.EMPTY),
        "programme": frame["programme_code"].fillna(fmt.EMPTY),
        "call": frame["call_number"].fillna(fmt.EMPTY),
        "orps": [", ".join(n) if len(n) <= 3 else f"{len(n)} ORP" for n in frame["orp_names"]],
        "period": [fmt.period(s, e, lang) for s, e in zip(frame["start_date"], frame["end_date"],
                                                          strict=True)],
        "total": frame["total_eligible"].map(amount),
        "support": frame["support_eu_state"].map(amount),
        "eu": frame["eu_amount"].map(amount),
        "state": frame["state_amount"].map(amount),
        "own": frame["beneficiary_amount"].map(amount),
        "status": frame["status"].map(lambda s: _(lang, STATUS[s])),
    })


@dataset("projects")
def projects_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The project list as filtered on the page."""
    frame = filter_projects(projects(db), _filters(args))
    return frame.drop(columns=["id"])


def _options(values: list, lang: str) -> list[dict]:
    """"All", then each value: a plain value is its own label; a region comes with its name."""
    return [{"label": _(lang, "vše"), "value": ""}] + [
        v if isinstance(v, dict) else {"label": v, "value": v} for v in values]


@cached_layout("projects", reads=FILTERS)
def layout(lang: str | None = None, **query: str) -> html.Div:
    """The project list with filters taken from (and written back to) the query string."""
    lang = language(lang)
    choices = filter_choices(get_db())
    if not choices["projects"]:
        return html.Div([html.H1(_(lang, "Projekty"), className="h3"),
                         empty_state(_(lang, "Projekty"), None, "projects-empty")])
    regions, programmes, calls = choices["regions"], choices["programmes"], choices["calls"]
    filters = dbc.Row([
        dbc.Col([dbc.Label(period_label(lang)), period_select(
            "projects-filter-obdobi", choices["periods"], chosen_period(query), lang)], md=2),
        dbc.Col([dbc.Label(_(lang, "Program")), dropdown(lang,
            id="projects-filter-program", options=_options(programmes, lang),
            value=query.get("program", ""), clearable=False)], md=2),
        dbc.Col([dbc.Label(_(lang, "Výzva")), dropdown(lang,
            id="projects-filter-vyzva", options=_options(calls, lang),
            value=query.get("vyzva", ""), clearable=False)], md=2),
        dbc.Col([dbc.Label(_(lang, "Kraj")), dropdown(lang,
            id="projects-filter-kraj", options=_options(regions, lang), value=query.get("kraj", ""),
            clearable=False)], md=2),
        dbc.Col([dbc.Label(_(lang, "Stav")), dropdown(lang,
            id="projects-filter-stav",
            options=[{"label": _(lang, "vše"), "value": ""}] + [
                {"label": _(lang, v), "value": k} for k, v in STATUS.items()],
            value=query.get("stav", ""), clearable=False)], md=2),
    ], className="g-2 mb-2")
    return html.Div([
        html.H1(_(lang, "Projekty"), className="h3"),
        page_address(ADDRESS),
        dcc.Store(id="projects-lang", data=lang),
        dcc.Store(id="projects-orp", data=query.get("orp", "")),
        filters,
        html.Div(_table(get_db(), query, lang), id="projects-table-wrap"),
    ])


def grid_columns(lang: str) -> list[dict]:
    """The list's columns; sorting and filters only where the database holds the shown value."""
    text = {"filter": "agTextColumnFilter",
            "filterParams": {"filterOptions": ["contains", "notContains", "equals", "startsWith"],
                             "maxNumConditions": 1}}
    fixed = {"sortable": False, "filter": False}  # shown text the database does not hold as such
    return [
        # The EU / state / beneficiary shares are on each project's page and in the export;
        # the list stays narrow enough for a laptop screen.
        {"field": "registration", "headerName": _(lang, "Registrační číslo"), "minWidth": 140,
         "flex": 1.3, **text},
        {"field": "name", "headerName": _(lang, "Název"), "cellRenderer": "SafeLink",
         "tooltipField": "name", "minWidth": 180, "flex": 2.5, **text},
        {"field": "beneficiary", "headerName": _(lang, "Příjemce"), "tooltipField": "beneficiary",
         "minWidth": 100, "flex": 1, **text},
        {"field": "programme", "headerName": _(lang, "Program"), "minWidth": 90, "maxWidth": 110,
         **text},
        {"field": "call", "headerName": _(lang, "Výzva"), "minWidth": 80, "maxWidth": 95, **text},
        {"field": "orps", "headerName": _(lang, "ORP"), "minWidth": 80, "flex": 0.8, **fixed},
        {"field": "period", "headerName": _(lang, "Období"), "minWidth": 110, "flex": 1,
         "filter": False},
        # a page may state only the support (EU + state), as Zábřeh's does: shown as what it is
        money_column("total", _(lang, "Celkové způsobilé výdaje"), lang, minWidth=MONEY_MIN_WIDTH, flex=1,
                     headerTooltip=_(lang, "– : stránka projektu částku neuvádí"),
                     filterParams={"maxNumConditions": 1}),
        money_column("support", _(lang, "Podpora EU + SR"), lang, minWidth=MONEY_MIN_WIDTH, flex=1,
                     headerTooltip=_(lang, "– : stránka projektu částku neuvádí"),
                     filterParams={"maxNumConditions": 1}),
        {"field": "status", "headerName": _(lang, "Stav"), "minWidth": 90, "flex": 0.8, **fixed},
    ]


def _table(db: Database, query: Mapping[str, str], lang: str) -> html.Div:
    query = _filters(query)
    if project_count(db, query) == 0:
        return empty_state(_(lang, "Žádný projekt neodpovídá filtrům."), state_id="projects-none")
    return html.Div([dcc.Store(id="projects-query", data={"query": query, "lang": lang}),
                     paged_grid("projects-grid", grid_columns(lang), lang),
                     export_links("projects", lang, query)])


def _filters(query: Mapping[str, object]) -> dict[str, str]:
    """The page's filters from the query string (text values only; the period as stored)."""
    found = {k: v for k in FILTERS if isinstance(v := query.get(k), str) and v}
    if "obdobi" in found:
        period = chosen_period(found)
        found["obdobi"] = period if period else "?"  # a period no project has: an empty list
    return found


@callback(Output("projects-grid", "getRowsResponse"), Input("projects-grid", "getRowsRequest"),
          State("projects-query", "data"), prevent_initial_call=True)
def rows(request: object, state: object) -> dict:
    """One page of rows for the grid: filtered, sorted and cut by the database."""
    if not isinstance(request, dict) or not isinstance(state, dict):
        raise PreventUpdate
    start, end = request.get("startRow"), request.get("endRow")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise PreventUpdate
    sort = [s for s in request.get("sortModel") or [] if isinstance(s, dict)] \
        if isinstance(request.get("sortModel"), list) else []
    filters = request.get("filterModel") if isinstance(request.get("filterModel"), dict) else {}
    query = _filters(state.get("query") if isinstance(state.get("query"), dict) else {})
    lang = language(state.get("lang") if isinstance(state.get("lang"), str) else None)
    frame, total = project_page(get_db(), query, start, end, sort, filters)
    return {"rowData": records(table_frame(frame, lang)), "rowCount": total}


@callback(address_output(ADDRESS),
          Input("projects-filter-program", "value"), Input("projects-filter-vyzva", "value"),
          Input("projects-filter-kraj", "value"), Input("projects-filter-stav", "value"),
          Input("projects-lang", "data"), Input("projects-orp", "data"),
          Input("projects-filter-obdobi", "value"), prevent_initial_call=True)
def filters_to_url(program: str, vyzva: str, kraj: str, stav: str, lang: str, orp: str,
                   obdobi: str = "") -> str:
    """Write the filters into the address, so that the view can be shared (the page re-renders)."""
    from urllib.parse import urlencode

    query = {k: v for k, v in {"obdobi": obdobi, "program": program, "vyzva": vyzva, "kraj": kraj,
                               "orp": orp, "stav": stav}.items() if v and isinstance(v, str)}
    if lang == "en":
        query["lang"] = "en"
    return "?" + urlencode(query) if query else ""
