"""/indikatory?kod=60000 — one indicator across all projects: ranked % of target and a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html

from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, empty_state, export_links
from dashboard.components.grid import grid, number_column, percent_column
from dashboard.components.layout import href
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures.indicators import CHART_LIMIT, ranked, ranking_figure
from dashboard.figures.style import graph_config
from dashboard.frames import records
from dashboard.i18n import language, t, translator, upload_hint
from dashboard.queries import indicators
from dashboard.queries import project as q
from dashboard.queries.projects import display_name
from dashboard.rules import AT_RISK, STATUS_LABELS

dash.register_page(__name__, path="/indikatory", name="Indikátory", title="KPSS Monitor – Indikátory",
                   order=2)

TEXT = {
    "heading": ("Indikátory", "Indicators"),
    "choose": ("Indikátor", "Indicator"),
    "unit": ("Měrná jednotka", "Unit"), "projects": ("Projektů", "Projects"),
    "project": ("Projekt", "Project"),
    "target": ("Cíl", "Target"), "latest": ("Dosaženo", "Achieved"),
    "share": ("% cíle", "% of target"), "elapsed": ("Uplynulá doba", "Time elapsed"),
    "projection": ("Projekce ke konci", "Projection at the end"), "status": ("Stav", "Status"),
    "at_risk": ("Ohrožených projektů", "Projects at risk"),
    "no_indicators": ("Žádný projekt zatím nemá načtené cíle ani hodnoty indikátorů.",
                      "No project has indicator targets or values loaded yet."),
    "load_hint": upload_hint((
        "Cíle patří do souboru cile_indikatoru.csv (dosažené hodnoty do plneni_indikatoru.csv):",
        "Targets go in a cile_indikatoru.csv file (achieved values in plneni_indikatoru.csv):")),
    "unknown": ("Indikátor „{code}“ žádný projekt nesleduje.", "No project tracks indicator “{code}”."),
    "unknown_hint": ("Vyberte indikátor ze seznamu výše.", "Pick an indicator from the list above."),
    "limited": ("Graf ukazuje {shown} projektů s nejnižším plněním cíle z celkem {total}; "
                "všechny jsou v tabulce níže.",
                "The chart shows the {shown} projects with the lowest fulfilment of {total}; "
                "the table below lists them all."),
    "explain": ("Sloupec ukazuje dosaženou hodnotu v % cíle; svislá čárka uplynulou dobu projektu. "
                "Ohroženo: přímka proložená vykázanými hodnotami nedosáhne cíle do konce projektu.",
                "Bars show the achieved value as % of the target; the tick marks the project time "
                "elapsed. At risk: a straight line through the reported values falls short of the "
                "target by the project's end."),
}


_t = translator(TEXT)


def indicator_rows(db: Database, code: str, today: dt.date | None = None) -> pd.DataFrame:
    """Progress of every project on indicator ``code``, ranked by % of target."""
    frame = indicators.progress(db, today, indicator_code=code)
    if frame.empty:
        return frame.assign(label=pd.Series(dtype=object))
    frame = frame.assign(label=[display_name(r) for r in records(frame)])
    return ranked(frame)


@dataset("indicator-progress")
def indicator_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Every project's target, latest value, % of target, projection and status for ``kod``."""
    frame = indicator_rows(db, args.get("kod", ""))
    return frame.drop(columns=["project_id", "label"], errors="ignore")


def table_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table's rows: links and texts, numbers as floats for the grid to format and sort."""
    def number(value: object) -> float | None:
        return float(value) if value is not None and value == value else None

    return pd.DataFrame({
        # The name links to the project; its registration number goes on a second line.
        "project": [f"[{r['label']}]({href('/projekt', lang, id=r['key'])})  \n"
                    + (r["key"] if not str(r["key"]).startswith("local:")
                       else f"({t('reg.not_stated', lang)})")
                    for r in records(frame)],
        "target": frame["target_value"].map(number),
        "latest": frame["latest"].map(number),
        "share": frame["share_of_target"].map(number),
        "elapsed": frame["elapsed"].map(number),
        "projected": frame["projected"].map(lambda v: None if number(v) is None else round(float(v), 1)),
        "status": [STATUS_LABELS[s][1 if lang == "en" else 0] for s in frame["status"]],
        "status_code": frame["status"],
        "demo": [t("demo.badge", lang) if demo else "" for demo in frame["is_demo"]],
    })


@cached_layout("indicators")
def layout(lang: str | None = None, **query: str) -> html.Div:
    """The indicator picker and, for the chosen indicator, the ranking chart and table."""
    lang = language(lang)
    db = get_db()
    options = q.indicator_options(db)
    heading = html.H1(_t("heading", lang), className="h3")
    if options.empty:
        return html.Div([heading, empty_state(_t("no_indicators", lang), _t("load_hint", lang),
                                              "indicators-empty")])
    code = query.get("kod") or options["code"].iloc[0]
    picker = dbc.Row(dbc.Col([
        dbc.Label(_t("choose", lang), html_for="indicators-picker"),
        dcc.Dropdown(id="indicators-picker", clearable=False, value=code, options=[
            {"label": f"{r['code']} – {r['name']} ({_t('projects', lang).lower()}: {r['projects']})",
             "value": r["code"]} for r in records(options)]),
    ], lg=9), className="mb-3")
    return html.Div([
        heading,
        dcc.Store(id="indicators-lang", data=lang),
        picker,
        html.Div(_content(db, code, lang), id="indicators-content"),
    ])


def _content(db: Database, code: str, lang: str) -> html.Div:
    frame = indicator_rows(db, code)
    info = q.indicator(db, code)
    if frame.empty or info is None:
        return empty_state(_t("unknown", lang).format(code=code), _t("unknown_hint", lang),
                           "indicators-unknown")
    at_risk = int((frame["status"] == AT_RISK).sum())
    summary = html.P([
        html.Span([html.Span(code, className="font-monospace me-2"), info["name"]], className="fw-semibold"),
        html.Br(),
        f"{_t('unit', lang)}: {info['unit']} · {_t('projects', lang)}: {len(frame)} · "
        f"{_t('at_risk', lang)}: ", html.Strong(str(at_risk), id="indicators-at-risk"),
        demo_badge(lang) if frame["is_demo"].any() else None,
    ])
    narrow = {"minWidth": 95, "wrapHeaderText": True, "autoHeaderHeight": True}
    columns = [
        {"field": "project", "headerName": _t("project", lang), "cellRenderer": "markdown",
         "minWidth": 320, "flex": 3},
        number_column("target", _t("target", lang), lang, **narrow),
        number_column("latest", _t("latest", lang), lang, **narrow),
        percent_column("share", _t("share", lang), lang, sort="desc", **narrow),
        percent_column("elapsed", _t("elapsed", lang), lang, **narrow),
        number_column("projected", _t("projection", lang), lang, **narrow),
        {"field": "status", "headerName": _t("status", lang), "minWidth": 110,
         "cellClassRules": {"text-danger fw-semibold": f"params.data.status_code == '{AT_RISK}'"}},
        {"field": "demo", "headerName": t("demo.badge", lang), "minWidth": 100,
         "headerTooltip": t("demo.note", lang)},
    ]
    params = {"kod": code}
    return html.Div([
        summary,
        dcc.Graph(id="indicators-ranking", figure=ranking_figure(frame, code, lang),
                  config=graph_config(lang, f"indikator-{code}")),
        html.Small(_t("limited", lang).format(shown=CHART_LIMIT, total=len(frame)),
                   className="d-block", id="indicators-chart-limited")
        if len(frame) > CHART_LIMIT else None,
        html.Small(_t("explain", lang), className="text-muted d-block mb-1"),
        export_links("indicator-progress", lang, params, link_id="export-indicator-progress-chart"),
        grid("indicators-grid", table_frame(frame, lang), columns, lang),
        export_links("indicator-progress", lang, params),
    ])


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("indicators-picker", "value"), Input("indicators-lang", "data"),
          prevent_initial_call=True)
def picker_to_url(code: str | None, lang: str) -> str:
    """Write the chosen indicator into the address (the page re-renders for it)."""
    return href("", lang, kod=code)
