"""/indikatory?kod=60000 — one indicator across all projects: ranked % of target and a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, State, callback, dcc, html

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, dropdown, empty_state, export_links
from dashboard.components.grid import grid, number_column, percent_column
from dashboard.components.layout import address_output, href, page_address
from dashboard.components.period import (
    PARAM,
    chosen_period,
    period_label,
    period_search,
    period_select,
    url_value,
)
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures.indicators import CHART_LIMIT, ranked, ranking_figure, status_label
from dashboard.figures.style import graph_config
from dashboard.i18n import _, language, upload_hint
from dashboard.queries import indicators
from dashboard.queries import project as q
from dashboard.queries.projects import display_name
from domain.frames import records
from domain.indicators import AT_RISK

dash.register_page(__name__, path="/indikatory", name="Indikátory", title="KPSS Monitor – Indikátory",
                   order=2)

#: The page's own address, which its filters write (``components.layout.page_address``).
ADDRESS = "indicators-url"


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
                       else f"({_(lang, 'registrační číslo neuvedeno')})")
                    for r in records(frame)],
        "target": frame["target_value"].map(number),
        "latest": frame["latest"].map(number),
        "share": frame["share_of_target"].map(number),
        "elapsed": frame["elapsed"].map(number),
        "projected": frame["projected"].map(lambda v: None if number(v) is None else round(float(v), 1)),
        "status": [status_label(s, lang) for s in frame["status"]],
        "status_code": frame["status"],
        "demo": [_(lang, "DEMO") if demo else "" for demo in frame["is_demo"]],
    })


@cached_layout("indicators", reads=("kod", "obdobi"))
def layout(lang: str | None = None, **query: str) -> html.Div:
    """The indicator picker (every code that has data, or those of the period ``obdobi``) and,
    for the chosen indicator, the ranking chart and table. One code belongs to one programme
    period, so nothing here adds up indicators of two periods."""
    lang = language(lang)
    db = get_db()
    every = q.indicator_options(db)
    heading = html.H1(_(lang, "Indikátory"), className="h3")
    if every.empty:
        return html.Div([heading, empty_state(
            _(lang, "Žádný projekt zatím nemá načtené cíle ani hodnoty indikátorů."),
            upload_hint(lang, _(lang, "Cíle patří do souboru cile_indikatoru.csv (dosažené hodnoty "
                                      "do plneni_indikatoru.csv):")),
            "indicators-empty")])
    period = chosen_period(query)
    options = every[every["period"] == period] if period else every
    periods = sorted(p for p in every["period"].unique() if isinstance(p, str))
    choose_period = dbc.Col([
        dbc.Label(period_label(lang), html_for="indicators-period"),
        period_select("indicators-period", periods, period, lang),
    ], lg=3)
    stores = [page_address(ADDRESS), dcc.Store(id="indicators-lang", data=lang),
              dcc.Store(id="indicators-chosen-period", data=url_value(period))]
    if options.empty:
        return html.Div([heading, *stores, dbc.Row(choose_period, className="mb-3"),
                         empty_state(_(lang, "V tomto programovém období žádný projekt nemá cíle ani "
                                              "hodnoty indikátorů."), None, "indicators-empty")])
    code = query.get("kod") or options["code"].iloc[0]
    picker = dbc.Row([choose_period, dbc.Col([
        dbc.Label(_(lang, "Indikátor"), html_for="indicators-picker"),
        dropdown(lang, id="indicators-picker", clearable=False, value=code, options=[
            {"label": f"{r['code']} – {r['name']} ({_option_period(r['period'], lang)}; "
                      f"{_(lang, 'Projektů').lower()}: {r['projects']})",
             "value": r["code"]} for r in records(options)]),
    ], lg=9)], className="mb-3")
    return html.Div([
        heading,
        *stores,
        picker,
        html.Div(_content(db, code, lang), id="indicators-content"),
    ])


def _option_period(period: object, lang: str) -> str:
    return period if isinstance(period, str) else _(lang, "neuvedeno")


def _content(db: Database, code: str, lang: str) -> html.Div:
    frame = indicator_rows(db, code)
    info = q.indicator(db, code)
    if frame.empty or info is None:
        return empty_state(_(lang, "Indikátor „{code}“ žádný projekt "
                                   "nesleduje.").format(code=code), _(lang, "Vyberte indikátor ze seznamu "
                                                                            "výše."),
                           "indicators-unknown")
    at_risk = int((frame["status"] == AT_RISK).sum())
    summary = html.P([
        html.Span([html.Span(code, className="font-monospace me-2"), info["name"]], className="fw-semibold"),
        html.Br(),
        f"{_(lang, 'Měrná jednotka')}: {fmt.unit(info['unit'], lang) or fmt.EMPTY} · "
        f"{_(lang, 'Programové období')}: {_option_period(info['period'], lang)} · "
        f"{_(lang, 'Projektů')}: {len(frame)} · "
        f"{_(lang, 'Ohrožených projektů')}: ", html.Strong(str(at_risk), id="indicators-at-risk"),
        demo_badge(lang) if frame["is_demo"].any() else None,
    ])
    narrow = {"minWidth": 95, "wrapHeaderText": True, "autoHeaderHeight": True}
    columns = [
        {"field": "project", "headerName": _(lang, "Projekt"), "cellRenderer": "markdown",
         "minWidth": 320, "flex": 3},
        number_column("target", _(lang, "Cíl"), lang, **narrow),
        number_column("latest", _(lang, "Dosaženo"), lang, **narrow),
        percent_column("share", _(lang, "% cíle"), lang, sort="desc", **narrow),
        percent_column("elapsed", _(lang, "Uplynulá doba"), lang, **narrow),
        number_column("projected", _(lang, "Projekce ke konci"), lang, **narrow),
        {"field": "status", "headerName": _(lang, "Stav"), "minWidth": 110,
         "cellClassRules": {"text-danger fw-semibold": f"params.data.status_code == '{AT_RISK}'"}},
        {"field": "demo", "headerName": _(lang, "DEMO"), "minWidth": 100,
         "headerTooltip": _(lang, "Údaje označené DEMO jsou vygenerovaná ukázková data, ne skutečné "
                                  "hodnoty.")},
    ]
    params = {"kod": code}
    return html.Div([
        summary,
        dcc.Graph(id="indicators-ranking", figure=ranking_figure(frame, code, lang),
                  config=graph_config(lang, f"indikator-{code}")),
        html.Small(_(lang, "Graf ukazuje {shown} projektů s nejnižším plněním cíle z celkem {total}; všechny "
                           "jsou v tabulce níže.").format(shown=CHART_LIMIT, total=len(frame)),
                   className="d-block", id="indicators-chart-limited")
        if len(frame) > CHART_LIMIT else None,
        html.Small(_(lang, "Sloupec ukazuje dosaženou hodnotu v % cíle; svislá čárka uplynulou dobu "
                           "projektu. Ohroženo: přímka proložená vykázanými hodnotami nedosáhne cíle do "
                           "konce projektu."), className="text-muted d-block mb-1"),
        export_links("indicator-progress", lang, params, link_id="export-indicator-progress-chart"),
        grid("indicators-grid", table_frame(frame, lang), columns, lang),
        export_links("indicator-progress", lang, params),
    ])


@callback(address_output(ADDRESS),
          Input("indicators-picker", "value"), Input("indicators-lang", "data"),
          State("indicators-chosen-period", "data"), prevent_initial_call=True)
def picker_to_url(code: str | None, lang: str, period: str | None = None) -> str:
    """Write the chosen indicator into the address, keeping the period (the page re-renders)."""
    return href("", lang, **{PARAM: period if isinstance(period, str) else None}, kod=code)


@callback(address_output(ADDRESS),
          Input("indicators-period", "value"), State("indicators-lang", "data"),
          State("indicators-chosen-period", "data"), prevent_initial_call=True)
def period_to_url(period: str | None, lang: str, shown: str | None = None) -> str:
    """Write a newly chosen period into the address; the picker then offers its codes."""
    return period_search(period, shown, lang if isinstance(lang, str) else "cs")
