"""/projekty — every project in a sortable, filterable table; filters live in the query string."""

from __future__ import annotations

from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import empty_state, export_links
from dashboard.components.grid import grid, money_column
from dashboard.components.layout import href
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.i18n import language, t, translator
from dashboard.queries.projects import display_name, projects

dash.register_page(__name__, path="/projekty", name="Projekty", title="KPSS Monitor – Projekty",
                   order=1)

TEXT = {
    "heading": ("Projekty", "Projects"),
    "reg": ("Registrační číslo", "Registration number"), "name": ("Název", "Name"),
    "beneficiary": ("Příjemce", "Beneficiary"), "programme": ("Program", "Programme"),
    "call": ("Výzva", "Call"), "orps": ("ORP", "ORPs"), "period": ("Období", "Period"),
    "total": ("Celkové způsobilé výdaje", "Total eligible expenditure"),
    "eu": ("EU", "EU"), "state": ("SR", "State"), "own": ("Příjemce", "Beneficiary"),
    "status": ("Stav", "Status"), "all": ("vše", "all"), "region": ("Kraj", "Region"),
    "none": ("Žádný projekt neodpovídá filtrům.", "No project matches the filters."),
}
STATUS = {"running": ("probíhá", "running"), "finished": ("ukončen", "finished"),
          "planned": ("připravuje se", "planned"), "unknown": ("termíny neuvedeny", "dates not stated")}
FILTERS = ("program", "vyzva", "kraj", "orp", "stav")


_t = translator(TEXT)


def filter_projects(frame: pd.DataFrame, query: Mapping[str, str]) -> pd.DataFrame:
    """Projects matching the query-string filters (program, vyzva, kraj, orp, stav)."""
    mask = pd.Series(True, index=frame.index)
    if query.get("program"):
        mask &= frame["programme_code"] == query["program"]
    if query.get("vyzva"):
        mask &= frame["call_number"] == query["vyzva"]
    if query.get("kraj"):
        mask &= frame["regions"].apply(lambda r: query["kraj"] in r)
    if query.get("orp"):
        mask &= frame["orp_codes"].apply(lambda c: query["orp"] in c)
    if query.get("stav"):
        mask &= frame["status"] == query["stav"]
    return frame[mask]


def table_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table's rows: display texts plus numbers (floats) for the money columns."""
    def amount(value: object) -> float | None:
        return float(value) if value is not None and value == value else None

    return pd.DataFrame({
        "key": frame["key"],
        "registration": [k if stated else f"({t('reg.not_stated', lang)})"
                         for k, stated in zip(frame["key"], frame["registration_number_stated"],
                                              strict=True)],
        "name": [display_name(r, lang) for r in frame.to_dict("records")],
        # the name stays text: the SafeLink cell (assets/03-safe-link.js) links it to `href`
        "href": [href("/projekt", lang, id=r["key"]) for r in frame.to_dict("records")],
        "beneficiary": frame["beneficiary"].fillna(fmt.EMPTY),
        "programme": frame["programme_code"].fillna(fmt.EMPTY),
        "call": frame["call_number"].fillna(fmt.EMPTY),
        "orps": [", ".join(n) if len(n) <= 3 else f"{len(n)} ORP" for n in frame["orp_names"]],
        "period": [fmt.period(s, e, lang) for s, e in zip(frame["start_date"], frame["end_date"],
                                                          strict=True)],
        "total": frame["total_eligible"].map(amount),
        "eu": frame["eu_amount"].map(amount),
        "state": frame["state_amount"].map(amount),
        "own": frame["beneficiary_amount"].map(amount),
        "status": frame["status"].map(lambda s: STATUS[s][1 if lang == "en" else 0]),
    })


@dataset("projects")
def projects_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The project list as filtered on the page."""
    frame = filter_projects(projects(db), args)
    return frame.drop(columns=["id"])


def _options(values: list[str], lang: str) -> list[dict]:
    return [{"label": _t("all", lang), "value": ""}] + [{"label": v, "value": v} for v in values]


@cached_layout("projects")
def layout(lang: str | None = None, **query: str) -> html.Div:
    """The project list with filters taken from (and written back to) the query string."""
    lang = language(lang)
    frame = projects(get_db())
    if frame.empty:
        return html.Div([html.H1(_t("heading", lang), className="h3"),
                         empty_state(t("nav.projects", lang), None, "projects-empty")])
    regions = sorted({r for rs in frame["regions"] for r in rs})
    programmes = sorted(frame["programme_code"].dropna().unique())
    calls = sorted(frame["call_number"].dropna().unique())
    filters = dbc.Row([
        dbc.Col([dbc.Label(_t("programme", lang)), dcc.Dropdown(
            id="projects-filter-program", options=_options(programmes, lang),
            value=query.get("program", ""), clearable=False)], md=3),
        dbc.Col([dbc.Label(_t("call", lang)), dcc.Dropdown(
            id="projects-filter-vyzva", options=_options(calls, lang),
            value=query.get("vyzva", ""), clearable=False)], md=2),
        dbc.Col([dbc.Label(_t("region", lang)), dcc.Dropdown(
            id="projects-filter-kraj", options=_options(regions, lang), value=query.get("kraj", ""),
            clearable=False)], md=3),
        dbc.Col([dbc.Label(_t("status", lang)), dcc.Dropdown(
            id="projects-filter-stav",
            options=[{"label": _t("all", lang), "value": ""}] + [
                {"label": v[1 if lang == "en" else 0], "value": k} for k, v in STATUS.items()],
            value=query.get("stav", ""), clearable=False)], md=2),
    ], className="g-2 mb-2")
    return html.Div([
        html.H1(_t("heading", lang), className="h3"),
        dcc.Store(id="projects-lang", data=lang),
        dcc.Store(id="projects-orp", data=query.get("orp", "")),
        filters,
        html.Div(_table(frame, query, lang), id="projects-table-wrap"),
    ])


def _table(frame: pd.DataFrame, query: Mapping[str, str], lang: str) -> html.Div:
    shown = filter_projects(frame, query)
    if shown.empty:
        return empty_state(_t("none", lang), state_id="projects-none")
    columns = [
        # The EU / state / beneficiary shares are on each project's page and in the export;
        # the list stays narrow enough for a laptop screen.
        {"field": "registration", "headerName": _t("reg", lang), "minWidth": 165, "flex": 1.3},
        {"field": "name", "headerName": _t("name", lang), "cellRenderer": "SafeLink",
         "minWidth": 220, "flex": 2.5},
        {"field": "beneficiary", "headerName": _t("beneficiary", lang), "minWidth": 110, "flex": 1},
        {"field": "programme", "headerName": _t("programme", lang), "minWidth": 80, "maxWidth": 95},
        {"field": "call", "headerName": _t("call", lang), "minWidth": 70, "maxWidth": 80},
        {"field": "orps", "headerName": _t("orps", lang), "minWidth": 95, "flex": 0.8},
        {"field": "period", "headerName": _t("period", lang), "minWidth": 120, "flex": 1},
        money_column("total", _t("total", lang), lang, minWidth=135, flex=1),
        {"field": "status", "headerName": _t("status", lang), "minWidth": 95, "flex": 0.8},
    ]
    params = {k: query.get(k) for k in FILTERS}
    return html.Div([grid("projects-grid", table_frame(shown, lang), columns, lang),
                     export_links("projects", lang, params)])


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("projects-filter-program", "value"), Input("projects-filter-vyzva", "value"),
          Input("projects-filter-kraj", "value"), Input("projects-filter-stav", "value"),
          Input("projects-lang", "data"), Input("projects-orp", "data"),
          prevent_initial_call=True)
def filters_to_url(program: str, vyzva: str, kraj: str, stav: str, lang: str, orp: str) -> str:
    """Write the filters into the address, so that the view can be shared (the page re-renders)."""
    from urllib.parse import urlencode

    query = {k: v for k, v in {"program": program, "vyzva": vyzva, "kraj": kraj, "orp": orp,
                               "stav": stav}.items() if v and isinstance(v, str)}
    if lang == "en":
        query["lang"] = "en"
    return "?" + urlencode(query) if query else ""
