"""/cilove-skupiny — measures, money and fulfilment by canonical target group (``?plan=``).

Each plan's own names for its target groups are listed with the canonical group they
map to, so that plans that name their groups differently can be compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, callback, dcc, html

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, dropdown, empty_state, export_links, kpi_card
from dashboard.components.grid import grid, money_column, number_column, percent_column
from dashboard.components.layout import address_output, href, page_address
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures import target_groups as figures
from dashboard.i18n import _, data_column, language
from dashboard.pages import _tg_services
from dashboard.queries import target_group_totals as totals
from dashboard.queries import target_groups as queries
from domain.frames import records
from domain.orp import period_text

dash.register_page(__name__, path="/cilove-skupiny", name="Cílové skupiny",
                   title="KPSS Monitor – Cílové skupiny", order=4)

#: The page's own address, which its filters write (``components.layout.page_address``).
ADDRESS = "tg-url"





# --- Exports ------------------------------------------------------------------

@dataset("target-groups")
def summary_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Measures, planned and actual cost and fulfilment per canonical group (``plan`` optional)."""
    return queries.summary(db, args.get("plan") or None)


@dataset("target-groups-status")
def status_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Every measure with its group and latest public evaluation (``plan`` optional)."""
    frame = queries.measures_with_status(db, args.get("plan") or None)
    return frame.drop(columns=["measure_id"])


@dataset("target-groups-mapping")
def mapping_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Each plan's local target-group names and the canonical group each maps to."""
    return queries.mapping(db, args.get("plan") or None)


# --- Layout -------------------------------------------------------------------

@cached_layout("target-groups", reads=("plan",))
def layout(lang: str | None = None, plan: str | None = None, **_query: str) -> html.Div:
    """The target-group comparison, for one plan or all."""
    lang = language(lang)
    db = get_db()
    plans = queries.plans(db)
    notes = []
    if plan and plan not in set(plans["key"]):
        notes.append(dbc.Alert(_(lang, "Plán „{plan}“ není načten; zobrazeny jsou všechny "
                                       "plány.").format(plan=plan), color="warning",
                               className="py-2 small", id="tg-unknown-plan"))
        plan = None
    filters = dbc.Row([dbc.Col([
        dbc.Label(_(lang, "Komunitní plán"), html_for="tg-filter-plan"),
        dropdown(lang, id="tg-filter-plan", clearable=False, value=plan or "",
                     options=[{"label": _(lang, "všechny plány"), "value": ""}] + [
                         {"label": f"{r['name']} ({period_text(r['period_from'], r['period_to'])})",
                          "value": r["key"]} for r in records(plans)]),
    ], md=8)], className="g-2 mb-3")
    heading = [html.H1(_(lang, "Cílové skupiny"), className="h3"), dcc.Store(id="tg-lang", data=lang),
               page_address(ADDRESS),
               filters, *notes]
    rows = totals.group_status_rows(db, plan)  # grouped by the database: a few dozen rows
    if rows.empty:
        return html.Div(heading + [empty_state(_(lang, "Zatím nejsou načtena žádná opatření komunitních "
                                                       "plánů."), _(lang, "Opatření se načítají souborem "
                                                                          "opatreni.csv, jejich plnění "
                                                                          "souborem plneni_opatreni.csv "
                                                                          "(stránka Data)."), "tg-empty"),
                                   _tg_services.services_card(db, plan, lang),
                                   _mapping_card(queries.mapping(db, plan), plan, lang)])
    groups = queries.canonical_groups(db)
    summary = totals.summary(rows, totals.group_local_names(db, plan), groups)
    demo = bool(summary["is_demo"].any())
    params = {"plan": plan}
    return html.Div(heading + [
        _kpis(totals.totals(rows), demo, lang),
        html.P(_(lang, "Stav opatření je stav jeho posledního veřejného hodnocení; skutečné náklady jsou "
                       "součtem skutečných nákladů z veřejných hodnocení. Neveřejná hodnocení řídicí skupiny "
                       "se nezapočítávají."), className="small text-muted", id="tg-rules"),
        _chart_card("tg-costs", figures.cost_bars(summary, lang, _(lang, "Plánované a skutečné náklady podle "
                                                                         "cílové skupiny")),
                    "target-groups", params, demo, lang),
        _chart_card("tg-status", figures.status_bars(
            totals.status_counts(rows, groups), queries.statuses(db), groups, lang,
            _(lang, "Poslední veřejné hodnocení opatření podle cílové "
                    "skupiny")), "target-groups-status", params, demo, lang),
        _summary_card(summary, params, demo, lang),
        _tg_services.services_card(db, plan, lang),
        _mapping_card(queries.mapping(db, plan), plan, lang),
    ])


def _kpis(figures: Mapping[str, object], demo: bool, lang: str) -> dbc.Row:
    planned, actual = figures["planned_cost"], figures["actual_cost"]
    evaluated, fulfilled = figures["evaluated"], figures["fulfilled"]
    return dbc.Row([
        dbc.Col(kpi_card(_(lang, "Počet opatření"), fmt.number(figures["measures"], lang, 0), None,
                         "tg-kpi-measures", demo=demo, lang=lang), md=3),
        dbc.Col(kpi_card(_(lang, "Plánované náklady"), fmt.money(planned, lang, context=fmt.PLAN)
                         if planned is not None else fmt.EMPTY, None, "tg-kpi-planned", demo=demo,
                         lang=lang), md=3),
        dbc.Col(kpi_card(_(lang, "Skutečné náklady"), fmt.money(actual, lang, context=fmt.PLAN)
                         if actual is not None else fmt.EMPTY, None, "tg-kpi-actual", demo=demo,
                         lang=lang), md=3),
        dbc.Col(kpi_card(_(lang, "Splněná opatření"),
                         fmt.percent(fulfilled / evaluated, lang) if evaluated else fmt.EMPTY,
                         _(lang, "z {n} veřejně hodnocených").format(n=evaluated), "tg-kpi-fulfilled",
                         demo=demo, lang=lang), md=3),
    ], className="g-3 mb-2")


def _chart_card(graph_id: str, figure: object, export: str, params: Mapping[str, object],
                demo: bool, lang: str) -> dbc.Card:
    marks = [html.Div([demo_badge(lang), html.Small(" " + _(lang, "ukázková data, ne skutečné "
                                                                  "hodnoty"), className="text-muted")])] \
        if demo else []
    return dbc.Card(dbc.CardBody([
        *marks,
        dcc.Graph(id=graph_id, figure=figure, config={"locale": lang, "displaylogo": False}),
        export_links(export, lang, params),
    ]), className="shadow-sm mb-3")


def _summary_card(summary: pd.DataFrame, params: Mapping[str, object], demo: bool,
                  lang: str) -> dbc.Card:
    def num(values: pd.Series) -> list[float | None]:
        return [None if v is None or v != v else float(v) for v in values]

    table = pd.DataFrame({
        "group": [r[data_column("canonical_name", lang)] for r in records(summary)],
        "local_names": [n or fmt.EMPTY for n in summary["local_names"]],
        "measures": num(summary["measures"]), "planned": num(summary["planned_cost"]),
        "actual": num(summary["actual_cost"]), "evaluated": num(summary["evaluated"]),
        "fulfilled": num(summary["fulfilled_share"]),
        "mean_percent": num(summary["mean_percent_fulfilled"]),
    })
    columns = [
        {"field": "group", "headerName": _(lang, "Cílová skupina"), "minWidth": 180, "flex": 2},
        {"field": "local_names", "headerName": _(lang, "Názvy v plánech"), "minWidth": 220, "flex": 3},
        # widths that fit each header's longest word next to the sort and filter icons
        number_column("measures", _(lang, "Počet opatření"), lang, minWidth=125),
        money_column("planned", _(lang, "Plánované náklady"), lang, fmt.PLAN, minWidth=145),
        money_column("actual", _(lang, "Skutečné náklady"), lang, fmt.PLAN, minWidth=145),
        number_column("evaluated", _(lang, "Hodnoceno"), lang, minWidth=125),
        percent_column("fulfilled", _(lang, "Splněná opatření"), lang, minWidth=120),
        percent_column("mean_percent", _(lang, "Průměrné plnění"), lang, minWidth=120),
    ]
    for column in columns:
        column.update(wrapHeaderText=True, autoHeaderHeight=True)
    title = [html.H2(_(lang, "Opatření a peníze podle cílové "
                             "skupiny"), className="h5 d-inline")] + ([demo_badge(lang)] if demo else [])
    return dbc.Card(dbc.CardBody([
        html.Div(title, className="mb-2"),
        grid("tg-summary-grid", table, columns, lang),
        export_links("target-groups", lang, params, link_id="tg-summary-export"),
    ]), className="shadow-sm mb-3")


def _mapping_card(frame: pd.DataFrame, plan: str | None, lang: str) -> dbc.Card:
    heading = [html.H2(_(lang, "Názvy cílových skupin v plánech → jednotná skupina"), className="h5"),
               html.P(_(lang, "Každý plán pojmenovává cílové skupiny po svém; pro srovnání se každý název "
                              "přiřazuje jedné z jednotných skupin."), className="small text-muted mb-2")]
    if plan and not frame.empty:
        name = frame["plan_name"].iloc[0]
        heading.insert(1, html.P([f"{_(lang, 'Komunitní plán')}: ", html.A(
            name if isinstance(name, str) else plan, href=href("/komunitni-plan", lang, plan=plan))],
            className="mb-1", id="tg-mapping-plan"))
    if frame.empty:
        return dbc.Card(dbc.CardBody(heading + [empty_state(_(lang, "Tento plán nemá žádné vlastní názvy "
                                                                    "cílových skupin."),
                                                            state_id="tg-no-mapping")]),
                        className="shadow-sm mb-3")
    found = records(frame)
    links: dict[str, str] = {}  # one link per plan: thousands of rows name a few hundred plans
    for r in found:
        if r["plan_key"] not in links:
            links[r["plan_key"]] = (
                f"[{r['plan_name'] if isinstance(r['plan_name'], str) else r['plan_key']}]"
                f"({href('/komunitni-plan', lang, plan=r['plan_key'])})")
    table = pd.DataFrame({
        "plan": [links[r["plan_key"]] for r in found],
        "local": [r["local_name"] for r in found],
        "group": [r[data_column("canonical_name", lang)] for r in found],
        "measures": [int(r["measures"]) for r in found],
    })
    columns = [] if plan else [
        {"field": "plan", "headerName": _(lang, "Komunitní plán"), "cellRenderer": "markdown",
         "minWidth": 220,
         "flex": 2}]
    columns += [
        {"field": "local", "headerName": _(lang, "Název v plánu"), "minWidth": 240, "flex": 3},
        {"field": "group", "headerName": "→ " + _(lang, "Cílová skupina"), "minWidth": 200, "flex": 2},
        number_column("measures", _(lang, "Počet opatření"), lang, minWidth=125, maxWidth=140),
    ]
    return dbc.Card(dbc.CardBody(heading + [
        grid("tg-mapping-grid", table, columns, lang),
        export_links("target-groups-mapping", lang, {"plan": plan}),
    ]), className="shadow-sm mb-3")


# --- Callbacks ----------------------------------------------------------------

@callback(address_output(ADDRESS),
          Input("tg-filter-plan", "value"), Input("tg-lang", "data"), prevent_initial_call=True)
def plan_to_url(plan: str, lang: str) -> str:
    """Write the chosen plan into the address (the page re-renders)."""
    query = {"plan": plan} if plan else {}
    if lang == "en":
        query["lang"] = "en"
    return "?" + urlencode(query) if query else ""
