"""/ — Přehled: totals and the funding split, projects, indicator fulfilment, risks, latest load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, empty_state, export_links, kpi_card, status_badge
from dashboard.components.layout import href
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.frames import records
from dashboard.i18n import language, translator
from dashboard.queries import indicators, loads
from dashboard.queries.projects import display_name, project_totals
from dashboard.rules import AT_RISK, STATUS_LABELS

dash.register_page(__name__, path="/", name="Přehled", title="KPSS Monitor – Přehled", order=0)

TEXT = {
    "heading": ("Přehled", "Overview"),
    "total": ("Celkové způsobilé výdaje", "Total eligible expenditure"),
    "eu": ("EU (ESF)", "EU (ESF)"), "state": ("Státní rozpočet", "State budget"),
    "beneficiary": ("Příjemci", "Beneficiaries"),
    "projects": ("Projekty", "Projects"), "orps": ("Pokryté ORP", "ORPs covered"),
    "no_total": ("bez uvedeného rozpočtu", "without a stated budget"),
    "indicators": ("Plnění indikátorů", "Indicator fulfilment"),
    "at_risk": ("Ohrožené indikátory", "Indicators at risk"),
    "none_at_risk": ("Žádný indikátor není ohrožen.", "No indicator is at risk."),
    "latest": ("Poslední načtení dat", "Latest data load"),
    "no_load": ("Zatím nebyla načtena žádná data.", "No data has been loaded yet."),
    "no_projects": ("Zatím nejsou načteny žádné projekty.", "No projects are loaded yet."),
    "load_hint": ("Načtěte soubor projekty.csv: python -m etl load projekty.csv, nebo na stránce Data.",
                  "Load a projekty.csv file: python -m etl load projekty.csv, or on the Data page."),
    "derived": ("část podílů odvozena pravidlem", "some shares derived by rule"),
    "of_target": ("cíle", "of target"),
    "project": ("Projekt", "Project"), "indicator": ("Indikátor", "Indicator"),
    "status": ("Stav", "Status"), "value": ("Dosaženo / cíl", "Achieved / target"),
    "shown": ("Zobrazeno {shown} nejohroženějších z {total}.",
              "Showing the {shown} most at risk of {total}."),
    "all_indicators": ("Všechny indikátory", "All indicators"),
}


_t = translator(TEXT)


@dataset("overview-indicators")
def indicator_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Indicator progress of all projects, as the overview shows it."""
    return indicators.progress(db)


@cached_layout("overview")
def layout(lang: str | None = None, **_query: str) -> html.Div:
    """The overview page."""
    lang = language(lang)
    db = get_db()
    totals = project_totals(db)  # summed by the database, not over every project's row
    if not totals["projects"]:
        return html.Div([html.H1(_t("heading", lang)),
                         empty_state(_t("no_projects", lang), _t("load_hint", lang), "overview-empty")])
    # counted and picked by the database from the progress the ETL keeps: 4 000 indicators
    # at national scale, of which the page shows 15
    counts = indicators.status_counts(db)
    at_risk = indicators.at_risk(db, AT_RISK_SHOWN, dt.date.today())
    latest = loads.latest_load(db)
    note = f"{totals['projects'] - totals['with_total']} {_t('projects', lang).lower()} " \
           f"{_t('no_total', lang)}" if totals["with_total"] < totals["projects"] else None
    split_note = _t("derived", lang) if totals["derived"] else None
    cards = dbc.Row([
        dbc.Col(kpi_card(_t("total", lang), fmt.money(totals["total"], lang), note,
                         "kpi-total", lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_t("eu", lang), fmt.money(totals["eu"], lang), split_note,
                         "kpi-eu", lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_t("state", lang), fmt.money(totals["state"], lang), split_note,
                         "kpi-state", lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_t("beneficiary", lang), fmt.money(totals["beneficiary"], lang), split_note,
                         "kpi-beneficiary", lang=lang), xs=12, sm=6, xl=True),
        dbc.Col(kpi_card(_t("projects", lang), str(totals["projects"]),
                         f"{_t('orps', lang)}: {totals['orps']}", "kpi-projects", lang=lang),
                xs=12, sm=6, xl=True),
    ], className="g-3 mb-3")
    return html.Div([
        html.H1(_t("heading", lang), className="h3"),
        cards,
        dbc.Row([
            dbc.Col(_indicator_panel(counts, at_risk, lang), lg=8),
            dbc.Col(_latest_load_panel(latest, lang), lg=4),
        ], className="g-3"),
    ])


#: The overview lists only the indicators most at risk; the indicator page has them all.
AT_RISK_SHOWN = 15


def _indicator_panel(counts: Mapping[str, int], shown: pd.DataFrame, lang: str) -> dbc.Card:
    """Indicators per status and the ``shown`` most at risk (``indicators.at_risk``)."""
    summary = [
        status_badge(f"{STATUS_LABELS[status][1 if lang == 'en' else 0]}: {int(counts[status])}",
                     status, class_name="me-1")
        for status in STATUS_LABELS if status in counts
    ]
    rows = []
    for row in records(shown):
        rows.append(html.Tr([
            html.Td(html.A(display_name(row, lang), href=href("/projekt", lang, id=row["key"]))),
            html.Td(html.A(f"{row['indicator_code']} {row['indicator_name']}",
                           href=href("/indikatory", lang, kod=row["indicator_code"]))),
            html.Td([fmt.number(row["latest"], lang), " / ", fmt.number(row["target_value"], lang),
                     f" ({fmt.percent(row['share_of_target'], lang)} {_t('of_target', lang)})"]
                    + ([demo_badge(lang)] if row["is_demo"] else []), className="text-nowrap"),
        ]))
    at_risk = int(counts.get(AT_RISK, 0))
    if rows:
        table = dbc.Table([html.Thead(html.Tr([html.Th(_t(k, lang)) for k in
                                               ("project", "indicator", "value")])),
                           html.Tbody(rows)], size="sm", hover=True, responsive=True,
                          id="overview-indicators")
    else:
        table = html.P(_t("none_at_risk", lang), id="overview-indicators")
    note = _t("shown", lang).format(shown=len(shown), total=at_risk)
    body = [
        html.H2(_t("indicators", lang), className="h5"),
        html.Div(summary, className="mb-2"),
        html.P([f"{_t('at_risk', lang)}: ", html.Strong(str(at_risk), id="overview-at-risk-count")]),
        table,
        html.Small([note, " ", html.A(_t("all_indicators", lang), href=href("/indikatory", lang))],
                   className="text-muted"),
        export_links("overview-indicators", lang),
    ]
    return dbc.Card(dbc.CardBody(body), className="shadow-sm")


def _latest_load_panel(latest: dict | None, lang: str) -> dbc.Card:
    if latest is None:
        body = [html.P(_t("no_load", lang))]
    else:
        finished = latest["finished_at"]
        when = fmt.date(finished.date(), lang) if finished else fmt.EMPTY
        body = [html.P([f"#{latest['id']} · {latest['dataset']} · {when}"], id="overview-latest-load"),
                html.A(_t("latest", lang), href=href("/data", lang))]
    return dbc.Card(dbc.CardBody([html.H2(_t("latest", lang), className="h5"), *body]),
                    className="shadow-sm")
