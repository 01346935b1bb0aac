"""/orp — ORPs of a region side by side (``?kraj=CZ064``), and one ORP (``?kod=8119``).

The comparison: budget per inhabitant and per inhabitant 65+, indicator fulfilment,
share of measures fulfilled, plan periods and the years no plan covers; a map of
ORP boundaries when a boundary file is configured, ranked bars otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, Output, callback, dcc, html
from flask import current_app

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, empty_state, export_links, kpi_card
from dashboard.components.grid import grid, money_column, number_column, percent_column
from dashboard.components.layout import href
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures import orp as figures
from dashboard.frames import records
from dashboard.i18n import language, t, translator
from dashboard.pages import _orp_detail
from dashboard.queries import orp as queries
from dashboard.queries import services

dash.register_page(__name__, path="/orp", name="ORP", title="KPSS Monitor – ORP", order=3)

TEXT = {
    "heading": ("Srovnání ORP", "ORPs compared"),
    "region": ("Kraj", "Region"), "whole": ("celá ČR", "whole country"),
    "metric": ("Ukazatel v mapě a grafu", "Figure on the map and chart"),
    "orps": ("ORP", "ORPs"), "population": ("Obyvatel (2021)", "Inhabitants (2021)"),
    "pop65": ("Obyvatel 65+", "Inhabitants 65+"),
    "projects": ("Projekty", "Projects"), "no_budget": ("Projekty bez rozpočtu", "Projects, no budget"),
    "per_inh": ("Kč na obyvatele", "CZK per inhabitant"),
    "per_65": ("Kč na obyvatele 65+", "CZK per inhabitant 65+"),
    "indicators": ("Plnění indikátorů", "Indicator fulfilment"),
    "measures": ("Splněná opatření", "Measures fulfilled"),
    "periods": ("Období plánů", "Plan periods"),
    "gaps": ("Roky bez plánu (2014–2027)", "Years without a plan (2014–2027)"),
    "demo": ("Ukázková data", "Sample data"),
    "services": ("Registrované služby", "Registered services"),
    "beds": ("Registrovaná lůžka na 1 000 obyvatel", "Registered beds per 1,000 inhabitants"),
    "table": ("ORP vedle sebe", "ORPs side by side"),
    "coverage": ("Pokrytí komunitními plány 2014–2027", "Community plan coverage 2014–2027"),
    "covered_projects": ("ORP s projektem", "ORPs with a project"),
    "with_plan": ("ORP s plánem", "ORPs with a plan"),
    "budget_stated": ("Uvedený rozpočet projektů", "Stated project budget"),
    "of": ("z", "of"),
    "no_values_money": ("Žádný projekt pokrývající tyto ORP neuvádí rozpočet, rozpočet na obyvatele "
                        "proto nelze spočítat.",
                        "No project covering these ORPs states a budget, so there is no budget "
                        "per inhabitant."),
    "no_values_percent": ("Pro tyto ORP zatím nejsou načtena žádná vykázaná plnění.",
                          "No reported fulfilment of these ORPs has been loaded yet."),
    "no_values_years": ("Pro tyto ORP nejsou načteny žádné údaje.", "No data of these ORPs is loaded."),
    "no_values_rate": ("Registr poskytovatelů sociálních služeb zatím není načten.",
                       "The register of social service providers has not been loaded yet."),
    "no_values_change": ("Je načten nejvýše jeden stav registru sociálních služeb; změnu ukáže "
                         "až načtení dalšího (python -m etl load-rpss … --as-of …).",
                         "At most one state of the register of social services is loaded; the "
                         "change shows once another is loaded (python -m etl load-rpss … --as-of …)."),
    "no_values_count": ("Registr poskytovatelů sociálních služeb zatím není načten.",
                        "The register of social service providers has not been loaded yet."),
    "no_values_end": ("ORP jsou proto v mapě šedé; zvolte jiný ukazatel nebo doplňte data.",
                      "The ORPs are therefore grey on the map; choose another figure or load the data."),
    "some_missing": ("ORP bez údaje v grafu nejsou (v tabulce mají –).",
                     "ORPs without the figure are left out of the chart (the table shows –)."),
    "bars_note": ("Místo grafu může být mapa ORP: správce aplikace ji zapne nastavením souboru hranic "
                  "ORP (KPSS_BOUNDARY_FILE).",
                  "A map of the ORPs can replace the chart: the administrator turns it on by setting the "
                  "ORP boundary file (KPSS_BOUNDARY_FILE)."),
    "top": ("Zobrazeno {n} ORP s nejvyšší hodnotou; všechny jsou v tabulce.",
            "Showing the {n} ORPs with the highest value; the table lists all."),
    "rules_title": ("Jak se počítá", "How the figures are computed"),
    "rule_budget": (
        "Rozpočet na obyvatele: celkové způsobilé výdaje projektu, který pokrývá více ORP, se rozdělí "
        "mezi ně podle počtu obyvatel (SLDB 2021); za ORP se sečtou podíly všech projektů a vydělí "
        "počtem obyvatel, resp. obyvatel ve věku 65+. Projekty bez uvedeného rozpočtu se nepočítají "
        "(sloupec Projekty bez rozpočtu).",
        "Budget per inhabitant: the total eligible expenditure of a project covering several ORPs is "
        "split among them by population (2021 census); an ORP's shares of all its projects are added "
        "up and divided by its inhabitants, or by its inhabitants aged 65+. Projects without a stated "
        "budget are not counted (column Projects, no budget)."),
    "rule_indicators": (
        "Plnění indikátorů: průměr poslední dosažené hodnoty jako podílu cílové hodnoty (nejvýše "
        "100 %) přes indikátory projektů pokrývajících ORP, které už vykázaly hodnotu.",
        "Indicator fulfilment: the mean of the latest achieved value as a share of the target "
        "(at most 100 %) over the indicators with a reported value of the projects covering the ORP."),
    "rule_measures": (
        "Splněná opatření: z opatření komunitních plánů ORP s veřejným hodnocením podíl těch, jejichž "
        "poslední veřejné hodnocení má stav splněno. Neveřejná hodnocení se nepočítají.",
        "Measures fulfilled: of the measures of the ORP's community plans with a public evaluation, "
        "the share whose latest public evaluation is 'fulfilled'. Internal evaluations are not counted."),
    "rule_gaps": (
        "Roky bez plánu: roky 2014–2027 (programová období OPZ a OPZ+), na které se nevztahuje žádný "
        "komunitní plán ORP.",
        "Years without a plan: the years 2014–2027 (the OPZ and OPZ+ periods) that no community plan "
        "of the ORP covers."),
    "rule_register": (
        "Registrované služby a kapacita: z posledního načteného Registru poskytovatelů sociálních "
        "služeb (MPSV). Služba se počítá jednou v každé ORP, kde má zařízení v provozu (terénní "
        "služba i tam, kde podle registru působí); ukončené služby a zařízení se nepočítají. "
        "Kapacita je registrovaná (nejvýše přípustná), ne obsazenost ani volná místa; sčítají se "
        "jen lůžka pobytových služeb, nikdy s klienty či kontakty. Na obyvatele podle SLDB 2021.",
        "Registered services and capacity: from the latest loaded Register of social service "
        "providers (MPSV). A service counts once in each ORP where it has a facility in operation "
        "(a field service also where the register says it works); ended services and facilities do "
        "not count. Capacity is the registered maximum, not occupancy or free places; only beds of "
        "residential services are summed, never with clients or contacts. Per inhabitant by the "
        "2021 census."),
    "coverage_without": ("Zobrazeny jen ORP s komunitním plánem; {n} ORP nemá žádný načtený plán "
                         "(celé období bez plánu).",
                         "Only ORPs with a community plan are shown; {n} ORPs have no plan loaded "
                         "(the whole period without a plan)."),
    "no_orps": ("V tomto kraji nejsou žádné ORP.", "This region has no ORPs."),
    "click_hint": ("Kliknutím na ORP v mapě, v grafu nebo v tabulce otevřete její detail.",
                   "Click an ORP on the map, in the chart or in the table to open its detail."),
}


_t = translator(TEXT)


# --- Exports ------------------------------------------------------------------

@dataset("orp-comparison")
def comparison_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The ORPs of the region (``kraj``) side by side, as the table shows them."""
    frame = with_register(db, queries.comparison(db, args.get("kraj") or None))
    return frame.drop(columns=["uncovered_year_list"])


def with_register(db: Database, frame: pd.DataFrame) -> pd.DataFrame:
    """The comparison with the measures of the register of social services beside it."""
    return services.add_register(frame, *services.register_totals(db))


@dataset("orp-plan-coverage")
def coverage_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """One row per ORP (of the region ``kraj``, or the one ORP ``kod``) and year of 2014–2027."""
    if args.get("kod"):
        orp = queries.orp_rows(db, code=args["kod"])
        region = orp["region_nuts3"].iloc[0] if len(orp) else "-"
        frame = queries.comparison(db, region)
        frame = frame[frame["orp_code"] == args["kod"]]
    else:
        frame = queries.comparison(db, args.get("kraj") or None)
    first, last = queries.COVERAGE_WINDOW
    rows = [{"orp_code": r["orp_code"], "orp_name": r["orp_name"], "year": year,
             "covered_by_plan": year not in r["uncovered_year_list"]}
            for r in records(frame) for year in range(first, last + 1)]
    return pd.DataFrame(rows, columns=["orp_code", "orp_name", "year", "covered_by_plan"])


# --- Layout -------------------------------------------------------------------

@cached_layout("orp", reads=("kraj", "kod", "ukazatel"))
def layout(lang: str | None = None, kraj: str | None = None, kod: str | None = None,
           ukazatel: str | None = None, **_query: str) -> html.Div:
    """The regional comparison, or one ORP when ``kod`` is given."""
    lang = language(lang)
    db = get_db()
    if kod:
        return _orp_detail.detail(db, kod, lang)
    return comparison_view(db, kraj or "", ukazatel or figures.DEFAULT_METRIC, lang)


def comparison_view(db: Database, region: str, metric_key: str, lang: str) -> html.Div:
    """Filters, the map or bars, the coverage grid and the table of one region's ORPs."""
    if metric_key not in figures.METRICS:
        metric_key = figures.DEFAULT_METRIC
    region_frame = queries.regions(db)
    if region and region not in set(region_frame["nuts3"]):
        region = ""
    frame = with_register(db, queries.comparison(db, region or None))
    filters = dbc.Row([
        dbc.Col([dbc.Label(_t("region", lang), html_for="orp-filter-kraj"), dcc.Dropdown(
            id="orp-filter-kraj", clearable=False, value=region,
            options=[{"label": _t("whole", lang), "value": ""}] + [
                {"label": f"{r['name']} ({r['orp_count']} ORP)", "value": r["nuts3"]}
                for r in records(region_frame)])], md=5),
        dbc.Col([dbc.Label(_t("metric", lang), html_for="orp-filter-ukazatel"), dcc.Dropdown(
            id="orp-filter-ukazatel", clearable=False, value=metric_key,
            options=[{"label": m.text(lang), "value": k} for k, m in figures.METRICS.items()])], md=5),
    ], className="g-2 mb-3")
    heading = [html.H1(_t("heading", lang), className="h3"),
               dcc.Store(id="orp-lang", data=lang), filters]
    if frame.empty:
        return html.Div(heading + [empty_state(_t("no_orps", lang), state_id="orp-empty")])
    params = {"kraj": region}
    return html.Div(heading + [
        _kpis(frame, lang),
        _chart_card(frame, metric_key, region, lang),
        _table_card(frame, params, lang),
        _coverage_card(frame, params, lang),
        _rules(lang),
    ])


def _kpis(frame: pd.DataFrame, lang: str) -> dbc.Row:
    stated = frame["budget"].dropna()
    with_projects = int((frame["projects"] > 0).sum())
    with_plan = int((frame["plans"] > 0).sum())
    return dbc.Row([
        dbc.Col(kpi_card(_t("orps", lang), fmt.number(len(frame), lang, 0), None, "orp-kpi-count",
                         lang=lang), md=2),
        dbc.Col(kpi_card(_t("population", lang), fmt.number(frame["population"].sum(), lang, 0),
                         f"65+: {fmt.number(frame['population_65_plus'].sum(), lang, 0)}",
                         "orp-kpi-population", lang=lang), md=3),
        dbc.Col(kpi_card(_t("covered_projects", lang),
                         f"{with_projects} {_t('of', lang)} {len(frame)}", None,
                         "orp-kpi-projects", lang=lang), md=2),
        dbc.Col(kpi_card(_t("budget_stated", lang),
                         fmt.money(stated.sum(), lang, decimals=False) if len(stated) else fmt.EMPTY,
                         None if len(stated) else ("rozpočet projektů neuveden" if lang != "en"
                                                   else "no project states a budget"),
                         "orp-kpi-budget", lang=lang), md=3),
        dbc.Col(kpi_card(_t("with_plan", lang), f"{with_plan} {_t('of', lang)} {len(frame)}", None,
                         "orp-kpi-plans", lang=lang), md=2),
    ], className="g-3 mb-3")


def _rules(lang: str) -> html.Details:
    return html.Details([
        html.Summary(_t("rules_title", lang), className="fw-semibold"),
        html.Ul([html.Li(_t(k, lang)) for k in ("rule_budget", "rule_indicators", "rule_measures",
                                                 "rule_gaps", "rule_register")],
                className="small mb-0 mt-2"),
    ], open=True, className="mb-3 p-2 border rounded bg-light", id="orp-rules")


def _boundaries() -> dict | None:
    settings = current_app.config.get("KPSS_SETTINGS")
    path = getattr(settings, "boundary_file", None)
    return queries.boundaries(path) if path else None


def _chart_card(frame: pd.DataFrame, metric_key: str, region: str, lang: str) -> dbc.Card:
    chosen = figures.metric(metric_key)
    values = pd.to_numeric(frame[chosen.column], errors="coerce")
    geojson = _boundaries()
    notes, footnotes = [], []
    if values.isna().all():
        notes.append(dbc.Alert(f"{_t('no_values_' + chosen.kind, lang)} {_t('no_values_end', lang)}",
                               color="info", className="py-2 small mb-2", id="orp-no-values"))
    if chosen.kind == "money":
        notes.append(html.P(_t("rule_budget", lang), className="small text-muted mb-1",
                            id="orp-budget-rule"))
    if chosen.kind == "percent" and bool(frame.loc[values.notna(), "is_demo"].any()):
        notes.insert(0, html.Div([demo_badge(lang), html.Small(" " + t("demo.note", lang))]))
    hint = _t("click_hint", lang)
    if geojson:
        first, last = queries.COVERAGE_WINDOW
        figure = figures.orp_map(frame, geojson, metric_key, lang, years_in_window=last - first + 1)
        kind = "orp-map"
    else:
        figure = figures.ranked_bars(frame, metric_key, lang)
        kind = "orp-bars"
        if values.notna().any() and values.isna().any():
            hint = f"{_t('some_missing', lang)} {hint}"
        if values.notna().sum() > 40:
            hint = f"{_t('top', lang).format(n=40)} {hint}"
        footnotes.append(html.P(_t("bars_note", lang), className="small text-muted mb-0"))
    notes.append(html.P(hint, className="small text-muted mb-1"))
    return dbc.Card(dbc.CardBody([
        *notes,
        # One id for map and bars: the click callback always has its input.
        dcc.Graph(id="orp-chart", figure=figure, className=kind,
                  config={"locale": lang, "displaylogo": False}),
        export_links("orp-comparison", lang, {"kraj": region}, link_id="orp-chart-export"),
        *footnotes,
    ]), className="shadow-sm mb-3")


def table_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table's rows: a link per ORP, numbers as floats (None where not stated)."""
    def num(series: pd.Series) -> list[float | None]:
        return [None if v is None or v != v else float(v) for v in series]

    return pd.DataFrame({
        "orp": [f"[{n}]({href('/orp', lang, kod=c)})" for n, c in
                zip(frame["orp_name"], frame["orp_code"], strict=True)],
        "code": frame["orp_code"], "population": num(frame["population"]),
        "population_65_plus": num(frame["population_65_plus"]),
        "projects": num(frame["projects"]), "no_budget": num(frame["projects_without_budget"]),
        "per_inh": num(frame["budget_per_inhabitant"]), "per_65": num(frame["budget_per_inhabitant_65"]),
        "indicators": num(frame["indicator_fulfilment"]),
        "measures": num(frame["measures_fulfilled_share"]),
        "periods": [p or fmt.EMPTY for p in frame["plan_periods"]],
        "gaps": [g or ("žádné" if lang != "en" else "none") for g in frame["uncovered_years"]],
        "demo": ["DEMO" if d else "" for d in frame["is_demo"]],
        **register_columns(frame),
    })


def register_columns(frame: pd.DataFrame) -> dict[str, list]:
    """The table's register columns (empty before a register is loaded)."""
    empty = [None] * len(frame)
    beds = frame.get("beds_per_1000", empty)
    count = frame.get("registered_services", empty)
    return {"services": [None if v is None or v != v else int(v) for v in count],
            "beds": [None if v is None or v != v else round(float(v), 1) for v in beds]}


def _table_card(frame: pd.DataFrame, params: Mapping[str, str], lang: str) -> dbc.Card:
    columns = [
        {"field": "orp", "headerName": "ORP", "cellRenderer": "markdown", "minWidth": 150,
         "pinned": "left"},
        # widths that fit each header's longest word next to the sort and filter icons
        number_column("population", _t("population", lang), lang, minWidth=120),
        number_column("population_65_plus", _t("pop65", lang), lang, minWidth=120),
        number_column("projects", _t("projects", lang), lang, minWidth=115),
        number_column("no_budget", _t("no_budget", lang), lang, minWidth=120),
        money_column("per_inh", _t("per_inh", lang), lang, minWidth=130),
        money_column("per_65", _t("per_65", lang), lang, minWidth=130),
        percent_column("indicators", _t("indicators", lang), lang, minWidth=130),
        percent_column("measures", _t("measures", lang), lang, minWidth=120),
        {"field": "periods", "headerName": _t("periods", lang), "minWidth": 190},
        {"field": "gaps", "headerName": _t("gaps", lang), "minWidth": 190},
        number_column("services", _t("services", lang), lang, minWidth=130),
        number_column("beds", _t("beds", lang), lang, minWidth=150),
        {"field": "demo", "headerName": _t("demo", lang), "minWidth": 120,
         "headerTooltip": "DEMO"},
    ]
    for column in columns:
        column.update(wrapHeaderText=True, autoHeaderHeight=True)
    demo = bool(frame["is_demo"].any())
    title = [html.H2(_t("table", lang), className="h5 d-inline")] + ([demo_badge(lang)] if demo else [])
    return dbc.Card(dbc.CardBody([
        html.Div(title, className="mb-2"),
        grid("orp-grid", table_frame(frame, lang), columns, lang),
        export_links("orp-comparison", lang, params, link_id="orp-grid-export"),
    ]), className="shadow-sm mb-3")


def _coverage_card(frame: pd.DataFrame, params: Mapping[str, str], lang: str) -> dbc.Card:
    notes = []
    if len(frame) > 40:
        # The whole country: a row per ORP would be metres long; the ORPs without any
        # plan are counted instead (the table and the export list them).
        without = int((frame["plans"] == 0).sum())
        frame = frame[frame["plans"] > 0]
        notes.append(html.P(_t("coverage_without", lang).format(n=without), className="small text-muted"))
    figure = figures.coverage_grid(frame, queries.COVERAGE_WINDOW, lang, _t("coverage", lang))
    return dbc.Card(dbc.CardBody([
        *notes,
        dcc.Graph(id="orp-coverage", figure=figure, config={"locale": lang, "displayModeBar": False}),
        export_links("orp-plan-coverage", lang, params),
    ]), className="shadow-sm mb-3")


# --- Callbacks ----------------------------------------------------------------

def search_for(params: Mapping[str, str | None], lang: str) -> str:
    """The query string for ``params`` (empty values left out), keeping English."""
    query = {k: v for k, v in params.items() if v}
    if lang == "en":
        query["lang"] = "en"
    return "?" + urlencode(query) if query else ""


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("orp-filter-kraj", "value"), Input("orp-filter-ukazatel", "value"),
          Input("orp-lang", "data"), prevent_initial_call=True)
def filters_to_url(kraj: str, ukazatel: str, lang: str) -> str:
    """Write the region and the figure into the address (the page re-renders)."""
    metric_key = ukazatel if ukazatel != figures.DEFAULT_METRIC else None
    return search_for({"kraj": kraj, "ukazatel": metric_key}, lang)


@callback(Output("app-url", "search", allow_duplicate=True),
          Input("orp-chart", "clickData"), Input("orp-lang", "data"), prevent_initial_call=True)
def open_clicked_orp(click: dict | None, lang: str) -> str:
    """A click on an ORP (a map feature or a bar) opens its detail."""
    return _open(figures.clicked_orp(click), lang)


def _open(code: str | None, lang: str) -> str:
    if code is None:
        raise dash.exceptions.PreventUpdate
    return search_for({"kod": code}, lang)
