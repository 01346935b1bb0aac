"""/orp?kod=8119 — one ORP: its population, projects, community plans and plan coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state, export_links, kpi_card
from dashboard.components.grid import MONEY_MIN_WIDTH, grid, money_column, percent_column
from dashboard.components.layout import href
from dashboard.db import Database
from dashboard.exports import dataset
from dashboard.figures import orp as figures
from dashboard.i18n import _, n_
from dashboard.pages import _orp_network
from dashboard.queries import orp as queries
from dashboard.queries.projects import display_name
from domain import orp as orp_rules
from domain.frames import records


@dataset("orp-projects")
def projects_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The projects covering the ORP ``kod``, with the ORP's population share and amount."""
    frame = queries.orp_projects(db, args.get("kod", ""))
    return frame.drop(columns=["project_id"], errors="ignore")


@dataset("orp-plans")
def plans_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The community plans of the ORP ``kod``."""
    return queries.plan_rows(db, args.get("kod", "")).drop(columns=["plan_id"])


def detail(db: Database, code: str, lang: str, earlier: dt.date | None = None) -> html.Div:
    """The page of one ORP (the register's change counted since the snapshot of ``earlier``)."""
    orp = queries.orp_rows(db, code=code)
    if orp.empty:
        return html.Div([
            html.A(_(lang, "← Srovnání ORP v kraji"), href=href("/orp", lang)),
            empty_state(_(lang, "ORP s kódem {code} "
                                "neexistuje.").format(code=code), _(lang, "Kódy ORP jsou čtyřmístné kódy "
                                                                          "ČSÚ, např. 8119 Ostrava."),
                        "orp-unknown"),
        ])
    row = orp.iloc[0]
    compared = queries.comparison(db, row["region_nuts3"])
    mine = compared[compared["orp_code"] == code]  # once: a frame's row filter is not cheap
    figures_row = mine.iloc[0]
    projects = queries.orp_projects(db, code)
    plans = queries.plan_rows(db, code)
    return html.Div([
        html.A(_(lang, "← Srovnání ORP v "
                       "kraji"), href=href("/orp", lang, kraj=row["region_nuts3"]), id="orp-back"),
        html.H1([row["orp_name"], html.Small(f" · ORP {code} · {row['region_name']}",
                                             className="text-muted fs-6")],
                className="h3 mt-2", id="orp-detail-title"),
        _kpis(row, figures_row, lang),
        _projects_card(projects, code, lang),
        _plans_card(plans, code, lang),
        _orp_network.network_card(db, code, lang, earlier),
        dbc.Card(dbc.CardBody([
            dcc.Graph(id="orp-detail-coverage", config={"locale": lang, "displayModeBar": False},
                      figure=figures.coverage_grid(mine, orp_rules.COVERAGE_WINDOW, lang,
                                                   _(lang, "Pokrytí komunitními plány 2014–2027"))),
            export_links("orp-plan-coverage", lang, {"kod": code}, link_id="orp-detail-coverage-export"),
        ]), className="shadow-sm mb-3"),
    ])


def _kpis(row: pd.Series, figures_row: pd.Series, lang: str) -> dbc.Row:
    population = int(row["population"])
    share_65 = row["population_65_plus"] / population if population else None
    share_children = row["population_0_14"] / population if population else None
    evaluated = int(figures_row["measures_evaluated"])
    measures = fmt.percent(figures_row["measures_fulfilled_share"], lang) if evaluated else fmt.EMPTY
    per_inh = queries.total_as_decimal(figures_row["budget_per_inhabitant"])
    per_65 = queries.total_as_decimal(figures_row["budget_per_inhabitant_65"])
    return dbc.Row([
        dbc.Col(kpi_card(_(lang, "Obyvatel (2021)"), fmt.number(population, lang, 0), None,
                         "orp-kpi-population", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Děti 0–14 let"), fmt.number(row["population_0_14"], lang, 0),
                         f"{fmt.percent(share_children, lang)} {_(lang, 'obyvatel')}",
                         "orp-kpi-children", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Obyvatel 65+"), fmt.number(row["population_65_plus"], lang, 0),
                         f"{fmt.percent(share_65, lang)} {_(lang, 'obyvatel')}",
                         "orp-kpi-seniors", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Rozpočet projektů na obyvatele"), fmt.money(per_inh, lang),
                         f"{fmt.money(per_65, lang)} {_(lang, 'na obyvatele 65+')}" if per_65 is not None
                         else _(lang, "žádný projekt") if not figures_row["projects"]
                         else _(lang, "projekty neuvádějí rozpočet"), "orp-kpi-budget", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Splněná opatření"), measures,
                         _(lang, "z {n} veřejně hodnocených").format(n=evaluated) if evaluated else None,
                         "orp-kpi-measures", demo=bool(figures_row["is_demo"]) and evaluated > 0,
                         lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Roky bez plánu "
                                 "2014–2027"), _years(int(figures_row["uncovered_year_count"]), lang),
                         figures_row["uncovered_years"] or None, "orp-kpi-gaps", lang=lang), md=2),
    ], className="g-3 mb-3")


def _years(count: int, lang: str) -> str:
    """``0 let``, ``1 rok``, ``3 roky``, ``10 let`` (English: years)."""
    if lang == "en":
        return f"{count} year" + ("" if count == 1 else "s")
    word = "rok" if count == 1 else "roky" if 2 <= count <= 4 else "let"
    return f"{count} {word}"


def _projects_card(projects: pd.DataFrame, code: str, lang: str) -> dbc.Card:
    heading = html.H2(_(lang, "Projekty pokrývající ORP"), className="h5")
    if projects.empty:
        return dbc.Card(dbc.CardBody([heading, empty_state(
            _(lang, "Pro tuto ORP nejsou načteny žádné "
                    "projekty."), _(lang, "Projekt se ORP přiřadí sloupcem orp v souboru projekty.csv "
                                          "(stránka Data)."), "orp-no-projects")]),
            className="shadow-sm mb-3")
    rows = records(projects)
    table = pd.DataFrame({
        "name": [f"[{display_name(r, lang)}]({href('/projekt', lang, id=r['key'])})" for r in rows],
        "beneficiary": [r["beneficiary"] if isinstance(r["beneficiary"], str) else fmt.EMPTY
                        for r in rows],
        "programme": [r["programme_code"] if isinstance(r["programme_code"], str) else fmt.EMPTY
                      for r in rows],
        "period": [fmt.period(r["start_date"], r["end_date"], lang) for r in rows],
        "total": [float(r["total"]) if r["total"] is not None and r["total"] == r["total"] else None
                  for r in rows],
        "share": [float(r["share"]) for r in rows],
        "amount": [None if r["amount"] != r["amount"] else float(r["amount"]) for r in rows],
        "orps": [int(r["orp_count"]) for r in rows],
    })
    # widths that fit each header's longest word next to the sort and filter icons
    columns = [
        {"field": "name", "headerName": _(lang, "Název"), "cellRenderer": "markdown", "minWidth": 260,
         "flex": 2},
        # the money first: what falls to this ORP is what the page is about
        money_column("total", _(lang, "Celkové způsobilé výdaje"), lang, minWidth=160),
        percent_column("share", _(lang, "Podíl ORP (obyvatelé)"), lang, minWidth=135),
        money_column("amount", _(lang, "Připadá na ORP"), lang, minWidth=MONEY_MIN_WIDTH),
        {"field": "orps", "headerName": _(lang, "ORP projektu"), "minWidth": 120, "type": "rightAligned"},
        {"field": "period", "headerName": _(lang, "Období"), "minWidth": 200},
        {"field": "beneficiary", "headerName": _(lang, "Příjemce"), "minWidth": 160},
        {"field": "programme", "headerName": _(lang, "Program"), "minWidth": 125},
    ]
    for column in columns:
        column.update(wrapHeaderText=True, autoHeaderHeight=True)
    missing = int(table["total"].isna().sum())
    notes = [html.P(_(lang, "Projekt pokrývající více ORP se mezi ně dělí podle počtu obyvatel (SLDB "
                            "2021)."), className="small text-muted mb-1")]
    if missing:
        note = n_(lang, "{n} z {m} projektu neuvádí rozpočet; rozpočet na obyvatele je proto neúplný "
                        "nebo neuveden.", "{n} z {m} projektů neuvádí rozpočet; rozpočet na obyvatele je "
                        "proto neúplný nebo neuveden.", len(table), n=missing, m=len(table))
        notes.append(html.P(note, className="small text-muted mb-1", id="orp-no-budget-note"))
    demo = [demo_badge(lang)] if bool(projects["is_demo"].any()) else []
    return dbc.Card(dbc.CardBody([
        html.Div([html.H2(_(lang, "Projekty pokrývající ORP"), className="h5 d-inline"), *demo],
                 className="mb-1"),
        *notes,
        grid("orp-projects-grid", table, columns, lang),
        export_links("orp-projects", lang, {"kod": code}),
    ]), className="shadow-sm mb-3")


def _plans_card(plans: pd.DataFrame, code: str, lang: str) -> dbc.Card:
    heading = html.H2(_(lang, "Komunitní plány"), className="h5")
    if plans.empty:
        return dbc.Card(dbc.CardBody([heading, empty_state(
            _(lang, "Pro tuto ORP není načten žádný komunitní "
                    "plán."), _(lang, "Plány se načítají souborem komunitni_plany.csv (stránka "
                                      "Data)."), "orp-no-plans")]), className="shadow-sm mb-3")
    items = []
    for plan in records(plans):
        period = orp_rules.period_text(plan["period_from"], plan["period_to"])
        extra = [" · ", html.A(_(lang, "projekt, který plán "
                                       "připravil"), href=href("/projekt", lang, id=plan["project_key"]))] \
            if isinstance(plan["project_key"], str) else []
        items.append(html.Li([
            html.A(plan["name"], href=href("/komunitni-plan", lang, plan=plan["key"])),
            html.Span(f" ({period})", className="text-muted"), *extra,
        ]))
    return dbc.Card(dbc.CardBody([
        heading, html.Ul(items, id="orp-plans", className="mb-1"),
        export_links("orp-plans", lang, {"kod": code}),
    ]), className="shadow-sm mb-3")
