"""/ — Přehled: totals and the funding split, projects, indicator fulfilment, risks, latest load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, State, callback, dcc, html

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, empty_state, export_links, kpi_card, status_badge
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
from dashboard.figures.indicators import STATUS_LABELS, status_label
from dashboard.i18n import N_, _, language, n_, upload_hint
from dashboard.queries import indicators, loads
from dashboard.queries.projects import display_name, project_periods, project_totals
from domain.frames import records
from domain.indicators import AT_RISK

dash.register_page(__name__, path="/", name="Přehled", title="KPSS Monitor – Přehled", order=0)

#: The page's own address, which its filters write (``components.layout.page_address``).
ADDRESS = "overview-url"


@dataset("overview-indicators")
def indicator_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Indicator progress of all projects (of the period ``obdobi``, if given)."""
    return indicators.progress(db, period=chosen_period(args))


def indicator_period(db: Database, period: str | None) -> str | None:
    """The period whose indicators the overview counts: the one chosen, else the newest with
    indicator targets (indicators of two periods are never counted together)."""
    return period or next(iter(indicators.periods_with_progress(db)), None)


@cached_layout("overview", reads=("obdobi",))
def layout(lang: str | None = None, **query: str) -> html.Div:
    """The overview page; ``obdobi`` narrows it to one programme period."""
    lang = language(lang)
    db = get_db()
    period = chosen_period(query)
    # Money of all periods adds up (Kč are Kč); the select narrows it to one period.
    totals = project_totals(db, period)  # summed by the database, not over every project's row
    heading = html.H1(_(lang, "Přehled"), className="h3")
    choose = dbc.Row(dbc.Col([
        dbc.Label(period_label(lang), html_for="overview-period"),
        period_select("overview-period", project_periods(db), period, lang),
    ], md=4), className="mb-3")
    lang_store = html.Div([page_address(ADDRESS), dcc.Store(id="overview-lang", data=lang),
                           dcc.Store(id="overview-chosen-period", data=url_value(period))])
    if not totals["projects"]:
        if period is None:
            return html.Div([heading, empty_state(
                _(lang, "Zatím nejsou načteny žádné projekty."),
                upload_hint(lang, _(lang, "Projekty patří do souboru projekty.csv:")),
                "overview-empty")])
        return html.Div([heading, lang_store, choose, empty_state(
            _(lang, "V tomto programovém období nejsou načteny žádné projekty."), None,
            "overview-empty")])
    # counted and picked by the database from the progress the ETL keeps: 4 000 indicators
    # at national scale, of which the page shows 15
    today = dt.date.today()
    counted = indicator_period(db, period)
    counts = indicators.status_counts(db, counted, today)
    at_risk = indicators.at_risk(db, AT_RISK_SHOWN, today, counted)
    latest = loads.latest_load(db)
    without = totals["projects"] - totals["with_total"]
    note = n_(lang, "{n} projekt bez uvedeného rozpočtu", "{n} projekty bez uvedeného rozpočtu",
              without) if without > 0 else None
    split_note = _(lang, "část podílů odvozena pravidlem") if totals["derived"] else None
    # demo projects count in the totals like any other, so the cards say how much of it is demo
    demo = totals["demo_projects"] > 0
    if demo and totals["demo_total"] is not None:
        demo_part = _(lang, "z toho DEMO projekty: {amount}",
                      amount=fmt.money(totals["demo_total"], lang))
        note = f"{note}; {demo_part}" if note else demo_part
    projects_note = f"{_(lang, 'Pokryté ORP')}: {totals['orps']}"
    if demo:
        projects_note += f"; {_(lang, 'z toho DEMO: {n}', n=totals['demo_projects'])}"
    cards = dbc.Row([
        dbc.Col(kpi_card(_(lang, "Celkové způsobilé výdaje"), fmt.money(totals["total"], lang), note,
                         "kpi-total", demo=demo, lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_(lang, "EU (ESF)"), fmt.money(totals["eu"], lang), split_note,
                         "kpi-eu", demo=demo, lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_(lang, "Státní rozpočet"), fmt.money(totals["state"], lang), split_note,
                         "kpi-state", demo=demo, lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_(lang, "Příjemci"), fmt.money(totals["beneficiary"], lang), split_note,
                         "kpi-beneficiary", demo=demo, lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_(lang, "Projekty"), str(totals["projects"]), projects_note,
                         "kpi-projects", demo=demo, lang=lang), xs=12, sm=6, xl=True),
    ], className="g-3 mb-3")
    return html.Div([
        heading,
        lang_store,
        choose,
        cards,
        dbc.Row([
            dbc.Col(_indicator_panel(counts, at_risk, counted, lang, chosen=period is not None),
                    lg=8),
            dbc.Col(_latest_load_panel(latest, lang), lg=4),
        ], className="g-3"),
    ])


#: The overview lists only the indicators most at risk; the indicator page has them all.
AT_RISK_SHOWN = 15


def _indicator_panel(counts: Mapping[str, int], shown: pd.DataFrame, period: str | None,
                     lang: str, *, chosen: bool) -> dbc.Card:
    """Indicators of ``period`` per status and the ``shown`` most at risk (``indicators.at_risk``);
    ``chosen``: the period is the one the address asks for, not the default."""
    summary = [
        status_badge(f"{status_label(status, lang)}: {int(counts[status])}", status,
                     class_name="me-1")
        for status in STATUS_LABELS if status in counts
    ]
    rows = []
    for row in records(shown):
        rows.append(html.Tr([
            html.Td(html.A(display_name(row, lang), href=href("/projekt", lang, id=row["key"]))),
            html.Td(html.A(f"{row['indicator_code']} {row['indicator_name']}",
                           href=href("/indikatory", lang, kod=row["indicator_code"]))),
            html.Td([fmt.number(row["latest"], lang), " / ", fmt.number(row["target_value"], lang),
                     f" ({fmt.percent(row['share_of_target'], lang)} {_(lang, 'cíle')})"]
                    + ([demo_badge(lang)] if row["is_demo"] else []), className="text-nowrap"),
        ]))
    at_risk = int(counts.get(AT_RISK, 0))
    if rows:
        table = dbc.Table([html.Thead(html.Tr([html.Th(_(lang, label)) for label in
                                               (N_("Projekt"), N_("Indikátor"), N_("Dosaženo / cíl"))])),
                           html.Tbody(rows)], size="sm", hover=True, responsive=True,
                          id="overview-indicators")
    else:
        table = html.P(_(lang, "Žádný indikátor není ohrožen."), id="overview-indicators")
    note = _(lang, "Zobrazeno {shown} nejohroženějších z {total}.", shown=len(shown), total=at_risk)
    title = _(lang, "Plnění indikátorů období {period}", period=period) if period \
        else _(lang, "Plnění indikátorů")
    body = [
        html.H2(title, className="h5", id="overview-indicator-period"),
        None if chosen or period is None else html.Small(
            _(lang, "Indikátory dvou programových období se nesčítají: vyberte jiné období výše."),
            className="text-muted d-block mb-1"),
        html.Div(summary, className="mb-2"),
        html.P([f"{_(lang, 'Ohrožené indikátory')}: ",
                html.Strong(str(at_risk), id="overview-at-risk-count")]),
        table,
        html.Small([note, " ", html.A(_(lang, "Všechny indikátory"), href=href("/indikatory", lang))],
                   className="text-muted"),
        export_links("overview-indicators", lang, {PARAM: url_value(period)} if period else None),
    ]
    return dbc.Card(dbc.CardBody(body), className="shadow-sm")


def _latest_load_panel(latest: dict | None, lang: str) -> dbc.Card:
    if latest is None:
        body = [html.P(_(lang, "Zatím nebyla načtena žádná data."))]
    else:
        finished = latest["finished_at"]
        when = fmt.date(finished.date(), lang) if finished else fmt.EMPTY
        body = [html.P([f"#{latest['id']} · {latest['dataset']} · {when}"], id="overview-latest-load"),
                html.A(_(lang, "Poslední načtení dat"), href=href("/data", lang))]
    return dbc.Card(dbc.CardBody([html.H2(_(lang, "Poslední načtení dat"), className="h5"), *body]),
                    className="shadow-sm")


@callback(address_output(ADDRESS),
          Input("overview-period", "value"), State("overview-lang", "data"),
          State("overview-chosen-period", "data"), prevent_initial_call=True)
def period_to_url(period: str | None, lang: str, shown: str | None = None) -> str:
    """Write a newly chosen programme period into the address (the page re-renders for it)."""
    return period_search(period, shown, lang if isinstance(lang, str) else "cs")
