"""/orp — ORPs of a region side by side (``?kraj=CZ064``), and one ORP (``?kod=8119``).

The comparison: budget per inhabitant and per inhabitant 65+, indicator fulfilment,
share of measures fulfilled, plan periods and the years no plan covers; a map of
ORP boundaries (shipped with the project, or the configured file), ranked bars when they
cannot be read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, State, callback, dcc, html

from dashboard import boundary_file
from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, dropdown, empty_state, export_links, kpi_card
from dashboard.components.grid import grid, money_column, number_column, percent_column
from dashboard.components.layout import address_output, href, page_address
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures import orp as figures
from dashboard.i18n import N_, _, language, n_
from dashboard.pages import _orp_detail
from dashboard.pages._register_parts import (
    COMPARE_ID,
    ORP_ADDRESS,
    compare_choice,
    parse_day,
    population_source,
)
from dashboard.queries import orp as queries
from dashboard.queries import services
from domain.frames import records
from domain.orp import COVERAGE_WINDOW

dash.register_page(__name__, path="/orp", name="ORP", title="KPSS Monitor – ORP", order=3)

#: How each measure is computed, shown under the comparison.
RULES = (
    N_("Rozpočet na obyvatele: celkové způsobilé výdaje projektu, který pokrývá více ORP, se rozdělí mezi ně "
       "podle počtu obyvatel (SLDB 2021); za ORP se sečtou podíly všech projektů a vydělí počtem obyvatel, "
       "resp. obyvatel ve věku 65+. Projekty bez uvedeného rozpočtu se nepočítají (sloupec Projekty bez "
       "rozpočtu)."),
    N_("Plnění indikátorů: průměr poslední dosažené hodnoty jako podílu cílové hodnoty (nejvýše 100 %) přes "
       "indikátory projektů pokrývajících ORP, které už vykázaly hodnotu."),
    N_("Splněná opatření: z opatření komunitních plánů ORP s veřejným hodnocením podíl těch, jejichž "
       "poslední veřejné hodnocení má stav splněno. Neveřejná hodnocení se nepočítají."),
    N_("Roky bez plánu: roky 2014–2027 (programová období OPZ a OPZ+), na které se nevztahuje žádný "
       "komunitní plán ORP."),
    N_("Registrované služby a kapacita: z posledního načteného Registru poskytovatelů sociálních služeb "
       "(MPSV). Služba se počítá jednou v každé ORP, kde má zařízení v provozu (terénní služba i tam, kde "
       "podle registru působí); ukončené služby a zařízení se nepočítají. Kapacita je registrovaná (nejvýše "
       "přípustná), ne obsazenost ani volná místa; sčítají se jen lůžka pobytových služeb, nikdy s klienty "
       "či kontakty."),
    N_("Kapacita pro seniory na 1 000 obyvatel 65+: jen registrovaná lůžka pobytové formy, a to jen u "
       "služeb, jejichž cílovou skupinou jsou senioři (skupina registru převedená na kanonickou skupinu "
       "Senioři); lůžka jiných forem, klienti ani kontakty se nepočítají."),
    N_("Změna sítě služeb: služby, které se v ORP počítají v posledním stavu registru a ve zvoleném "
       "dřívějším stavu ne (přibyly), a naopak (ubyly); služby se párují podle identifikátoru v "
       "registru."),
)
#: What the chart says when no ORP has a value of the chosen measure, by its kind.
NO_VALUES = {
    "money": N_("Žádný projekt pokrývající tyto ORP neuvádí rozpočet, rozpočet na obyvatele proto nelze "
                "spočítat."),
    "percent": N_("Pro tyto ORP zatím nejsou načtena žádná vykázaná plnění."),
    "years": N_("Pro tyto ORP nejsou načteny žádné údaje."),
    "rate": N_("Registr poskytovatelů sociálních služeb zatím není načten."),
    "count": N_("Registr poskytovatelů sociálních služeb zatím není načten."),
    "change": N_("Je načten nejvýše jeden stav registru sociálních služeb; změnu ukáže až načtení "
                 "dalšího."),
}




# --- Exports ------------------------------------------------------------------

@dataset("orp-comparison")
def comparison_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The ORPs of the region (``kraj``) side by side, as the table shows them (the change of the
    register since the day ``srovnani``)."""
    frame = with_register(db, queries.comparison(db, args.get("kraj") or None),
                          parse_day(args.get("srovnani")))
    return frame.drop(columns=["uncovered_year_list"])


def with_register(db: Database, frame: pd.DataFrame,
                  earlier: dt.date | None = None) -> pd.DataFrame:
    """The comparison with the measures of the register of social services beside it, the
    change counted since the snapshot of the day ``earlier``."""
    return services.add_register(frame, *services.register_totals(db, earlier))


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
    first, last = COVERAGE_WINDOW
    rows = [{"orp_code": r["orp_code"], "orp_name": r["orp_name"], "year": year,
             "covered_by_plan": year not in r["uncovered_year_list"]}
            for r in records(frame) for year in range(first, last + 1)]
    return pd.DataFrame(rows, columns=["orp_code", "orp_name", "year", "covered_by_plan"])


# --- Layout -------------------------------------------------------------------

@cached_layout("orp", reads=("kraj", "kod", "ukazatel", "srovnani"))
def layout(lang: str | None = None, kraj: str | None = None, kod: str | None = None,
           ukazatel: str | None = None, srovnani: str | None = None, **_query: str) -> html.Div:
    """The regional comparison, or one ORP when ``kod`` is given; the register's change counted
    since the snapshot of the day ``srovnani`` (the one before the latest by default)."""
    lang = language(lang)
    db = get_db()
    earlier = parse_day(srovnani)
    if kod:
        return _orp_detail.detail(db, kod, lang, earlier)
    return comparison_view(db, kraj or "", ukazatel or figures.DEFAULT_METRIC, lang, earlier)


def comparison_view(db: Database, region: str, metric_key: str, lang: str,
                    earlier: dt.date | None = None) -> html.Div:
    """Filters, the map or bars, the coverage grid and the table of one region's ORPs."""
    if metric_key not in figures.METRICS:
        metric_key = figures.DEFAULT_METRIC
    region_frame = queries.regions(db)
    if region and region not in set(region_frame["nuts3"]):
        region = ""
    snapshot, _totals = services.register_totals(db, earlier)
    if snapshot is None or snapshot["earlier_as_of"] != earlier:
        earlier = None  # a day no earlier snapshot has: the default, and the address says none
    frame = with_register(db, queries.comparison(db, region or None), earlier)
    filters = dbc.Row([
        dbc.Col([dbc.Label(_(lang, "Kraj"), html_for="orp-filter-kraj"), dropdown(lang,
            id="orp-filter-kraj", clearable=False, value=region,
            options=[{"label": _(lang, "celá ČR"), "value": ""}] + [
                {"label": f"{r['name']} ({r['orp_count']} ORP)", "value": r["nuts3"]}
                for r in records(region_frame)])], md=5),
        dbc.Col([dbc.Label(_(lang, "Ukazatel v mapě a grafu"), html_for="orp-filter-ukazatel"), dropdown(lang,
            id="orp-filter-ukazatel", clearable=False, value=metric_key,
            options=[{"label": m.text(lang), "value": k} for k, m in figures.METRICS.items()])], md=4),
        *compare_choice(snapshot, lang, md=3),
    ], className="g-2 mb-3")
    params = {"kraj": region, "srovnani": earlier.isoformat() if earlier else ""}
    heading = [html.H1(_(lang, "Srovnání ORP"), className="h3"),
               dcc.Store(id="orp-lang", data=lang), page_address(ORP_ADDRESS),
               dcc.Store(id="orp-query", data={"params": {
                   **params, "ukazatel": metric_key if metric_key != figures.DEFAULT_METRIC
                   else ""}, "lang": lang}), filters]
    if frame.empty:
        return html.Div(heading + [empty_state(_(lang, "V tomto kraji nejsou žádné "
                                                       "ORP."), state_id="orp-empty")])
    return html.Div(heading + [
        _kpis(frame, lang),
        _chart_card(frame, metric_key, params, snapshot, lang),
        _table_card(frame, params, snapshot, lang),
        _coverage_card(frame, params, lang),
        _rules(lang),
    ])


def _kpis(frame: pd.DataFrame, lang: str) -> dbc.Row:
    stated = frame["budget"].dropna()
    with_projects = int((frame["projects"] > 0).sum())
    with_plan = int((frame["plans"] > 0).sum())
    return dbc.Row([
        dbc.Col(kpi_card(_(lang, "ORP"), fmt.number(len(frame), lang, 0), None, "orp-kpi-count",
                         lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Obyvatel (2021)"), fmt.number(frame["population"].sum(), lang, 0),
                         f"65+: {fmt.number(frame['population_65_plus'].sum(), lang, 0)}",
                         "orp-kpi-population", lang=lang), md=3),
        dbc.Col(kpi_card(_(lang, "ORP s projektem"),
                         f"{with_projects} {_(lang, 'z')} {len(frame)}", None,
                         "orp-kpi-projects", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Uvedený rozpočet projektů"),
                         fmt.money(stated.sum(), lang) if len(stated) else fmt.EMPTY,
                         None if len(stated) else ("rozpočet projektů neuveden" if lang != "en"
                                                   else "no project states a budget"),
                         "orp-kpi-budget", lang=lang), md=3),
        dbc.Col(kpi_card(_(lang, "ORP s plánem"), f"{with_plan} {_(lang, 'z')} {len(frame)}", None,
                         "orp-kpi-plans", lang=lang), md=2),
    ], className="g-3 mb-3")


def _rules(lang: str) -> html.Details:
    return html.Details([
        html.Summary(_(lang, "Jak se počítá"), className="fw-semibold"),
        html.Ul([html.Li(_(lang, rule)) for rule in RULES], className="small mb-0 mt-2"),
    ], open=True, className="mb-3 p-2 border rounded bg-light", id="orp-rules")


def register_note(chosen: figures.Metric, snapshot: dict | None, lang: str) -> str | None:
    """What a register measure compares: the population it divides by, or the two days its
    change runs between (None for the other measures, or before any register)."""
    if snapshot is None:
        return None
    if chosen.kind == "rate":
        return _(lang, "Na 1 000 obyvatel podle: {source}. Registr ke dni {day}.",
                 source=population_source(snapshot.get("population"), lang),
                 day=fmt.date(snapshot["as_of"], lang))
    if chosen.kind == "change" and snapshot.get("earlier_as_of") is not None:
        return _(lang, "Změna od stavu registru ke dni {earlier} do stavu ke dni {day}.",
                 earlier=fmt.date(snapshot["earlier_as_of"], lang),
                 day=fmt.date(snapshot["as_of"], lang))
    return None


def _chart_card(frame: pd.DataFrame, metric_key: str, params: Mapping[str, str],
                snapshot: dict | None, lang: str) -> dbc.Card:
    chosen = figures.metric(metric_key)
    values = pd.to_numeric(frame[chosen.column], errors="coerce")
    geojson, geojson_url = boundary_file.boundaries_and_url()
    notes, footnotes = [], []
    if values.isna().all():
        notes.append(dbc.Alert(_(lang, NO_VALUES[chosen.kind]) + " "
                               + _(lang, "ORP jsou proto v mapě šedé; zvolte jiný ukazatel nebo doplňte "
                                         "data."),
                               color="info", className="py-2 small mb-2", id="orp-no-values"))
    if chosen.kind == "money":
        notes.append(html.P(_(lang, "Rozpočet na obyvatele: celkové způsobilé výdaje projektu, který pokrývá "
                                    "více ORP, se rozdělí mezi ně podle počtu obyvatel (SLDB 2021); za ORP "
                                    "se sečtou podíly všech projektů a vydělí počtem obyvatel, resp. "
                                    "obyvatel ve věku 65+. Projekty bez uvedeného rozpočtu se nepočítají "
                                    "(sloupec Projekty bez rozpočtu)."), className="small text-muted mb-1",
                            id="orp-budget-rule"))
    register_demo = chosen.kind in ("rate", "count", "change") and bool(
        snapshot and snapshot["is_demo"])
    if register_demo or (chosen.kind == "percent"
                         and bool(frame.loc[values.notna(), "is_demo"].any())):
        notes.insert(0, html.Div([demo_badge(lang), html.Small(" " + _(lang, "Údaje označené DEMO jsou "
                                                                             "vygenerovaná ukázková data, ne "
                                                                             "skutečné hodnoty."))]))
    if register_note(chosen, snapshot, lang):
        notes.append(html.P(register_note(chosen, snapshot, lang),
                            className="small text-muted mb-1", id="orp-register-note"))
    hint = _(lang, "Kliknutím na ORP v mapě, v grafu nebo v tabulce otevřete její detail.")
    if geojson:
        first, last = COVERAGE_WINDOW
        figure = figures.orp_map(frame, geojson, metric_key, lang, years_in_window=last - first + 1,
                                geojson_url=geojson_url)
        kind = "orp-map"
    elif values.isna().all():
        # no bars to draw: the note above says what is missing, and no empty axes stand below it
        figure, kind = {"data": [], "layout": {}}, "orp-bars orp-chart-empty d-none"
    else:
        figure = figures.ranked_bars(frame, metric_key, lang)
        kind = "orp-bars"
        if values.notna().any() and values.isna().any():
            hint = f"{_(lang, 'ORP bez údaje v grafu nejsou (v tabulce mají –).')} {hint}"
        if values.notna().sum() > 40:
            shown = _(lang, "Zobrazeno {n} ORP s nejvyšší hodnotou; všechny jsou v tabulce.", n=40)
            hint = f"{shown} {hint}"
        footnotes.append(html.P(_(lang, "Hranice ORP pro mapu nejsou k dispozici, proto graf ukazuje "
                                        "ORP seřazené podle hodnoty."), className="small text-muted mb-0"))
    notes.append(html.P(hint, className="small text-muted mb-1"))
    return dbc.Card(dbc.CardBody([
        *notes,
        # One id for map and bars: the click callback always has its input.
        dcc.Graph(id="orp-chart", figure=figure, className=kind,
                  config={"locale": lang, "displaylogo": False}),
        export_links("orp-comparison", lang, params, link_id="orp-chart-export"),
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

    def whole(column: str) -> list[int | None]:
        return [None if v is None or v != v else int(v) for v in frame.get(column, empty)]

    def rate(column: str) -> list[float | None]:
        return [None if v is None or v != v else round(float(v), 1)
                for v in frame.get(column, empty)]

    return {"services": whole("registered_services"), "beds": rate("beds_per_1000"),
            "senior_beds": rate("senior_beds_per_1000_65"),
            "services_change": whole("services_net_change")}


def _table_card(frame: pd.DataFrame, params: Mapping[str, str], snapshot: dict | None,
                lang: str) -> dbc.Card:
    columns = [
        {"field": "orp", "headerName": "ORP", "cellRenderer": "markdown", "minWidth": 150,
         "pinned": "left"},
        # widths that fit each header's longest word next to the sort and filter icons
        number_column("population", _(lang, "Obyvatel (2021)"), lang, minWidth=120),
        number_column("population_65_plus", _(lang, "Obyvatel 65+"), lang, minWidth=120),
        number_column("projects", _(lang, "Projekty"), lang, minWidth=115),
        number_column("no_budget", _(lang, "Projekty bez rozpočtu"), lang, minWidth=120),
        money_column("per_inh", _(lang, "Kč na obyvatele"), lang, minWidth=130),
        money_column("per_65", _(lang, "Kč na obyvatele 65+"), lang, minWidth=130),
        percent_column("indicators", _(lang, "Plnění indikátorů"), lang, minWidth=130),
        percent_column("measures", _(lang, "Splněná opatření"), lang, minWidth=120),
        {"field": "periods", "headerName": _(lang, "Období plánů"), "minWidth": 190},
        {"field": "gaps", "headerName": _(lang, "Roky bez plánu (2014–2027)"), "minWidth": 190},
        number_column("services", _(lang, "Registrované služby"), lang, minWidth=130),
        number_column("beds", _(lang, "Registrovaná lůžka na 1 000 obyvatel"), lang, minWidth=150),
        number_column("senior_beds", _(lang, "Lůžka pro seniory na 1 000 obyvatel 65+"), lang,
                      minWidth=150),
        number_column("services_change", _(lang, "Změna počtu služeb"), lang, minWidth=120),
        {"field": "demo", "headerName": _(lang, "Ukázková data"), "minWidth": 120,
         "headerTooltip": "DEMO"},
    ]
    for column in columns:
        column.update(wrapHeaderText=True, autoHeaderHeight=True)
    demo = bool(frame["is_demo"].any())
    title = [html.H2(_(lang, "ORP vedle sebe"), className="h5 d-inline")] \
        + ([demo_badge(lang)] if demo else [])
    notes = [note for note in (register_note(figures.METRICS["kapacita"], snapshot, lang),
                               register_note(figures.METRICS["sluzby_zmena"], snapshot, lang))
             if note]
    return dbc.Card(dbc.CardBody([
        html.Div(title, className="mb-2"),
        grid("orp-grid", table_frame(frame, lang), columns, lang),
        *[html.P(note, className="small text-muted mb-1 mt-1") for note in notes],
        export_links("orp-comparison", lang, params, link_id="orp-grid-export"),
    ]), className="shadow-sm mb-3")


def _coverage_card(frame: pd.DataFrame, params: Mapping[str, str], lang: str) -> dbc.Card:
    notes = []
    if len(frame) > 40:
        # The whole country: a row per ORP would be metres long; the ORPs without any
        # plan are counted instead (the table and the export list them).
        without = int((frame["plans"] == 0).sum())
        frame = frame[frame["plans"] > 0]
        note = n_(lang, "Zobrazeny jen ORP s komunitním plánem; {n} ORP nemá žádný načtený plán "
                        "(celé období bez plánu).", "Zobrazeny jen ORP s komunitním plánem; {n} ORP nemají "
                        "žádný načtený plán (celé období bez plánu).", without)
        notes.append(html.P(note, className="small text-muted"))
    figure = figures.coverage_grid(frame, COVERAGE_WINDOW, lang, _(lang, "Pokrytí komunitními plány "
                                                                                 "2014–2027"))
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


@callback(address_output(ORP_ADDRESS),
          Input("orp-filter-kraj", "value"), Input("orp-filter-ukazatel", "value"),
          Input("orp-lang", "data"), State("orp-query", "data"), prevent_initial_call=True)
def filters_to_url(kraj: str, ukazatel: str, lang: str, query: dict | None) -> str:
    """Write the region and the figure into the address (the page re-renders), keeping the
    earlier snapshot compared with."""
    metric_key = ukazatel if ukazatel != figures.DEFAULT_METRIC else None
    return search_for({"kraj": kraj, "ukazatel": metric_key,
                       "srovnani": _text(_params(query).get("srovnani"))}, lang)


@callback(address_output(ORP_ADDRESS),
          Input(COMPARE_ID, "value"), State("orp-query", "data"), prevent_initial_call=True)
def compare_to_url(day: str | None, query: dict | None) -> str:
    """Write the earlier snapshot chosen into the address, keeping the page's other choices."""
    lang = (query or {}).get("lang") if isinstance(query, dict) else None
    params = {k: _text(v) for k, v in _params(query).items() if k in ("kraj", "ukazatel", "kod")}
    chosen = parse_day(day)
    return search_for({**params, "srovnani": chosen.isoformat() if chosen else None},
                      language(lang if isinstance(lang, str) else None))


def _params(query: object) -> dict:
    """The page's parameters from its ``orp-query`` store (empty for anything else)."""
    params = query.get("params") if isinstance(query, dict) else None
    return params if isinstance(params, dict) else {}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


@callback(address_output(ORP_ADDRESS),
          Input("orp-chart", "clickData"), Input("orp-lang", "data"), prevent_initial_call=True)
def open_clicked_orp(click: dict | None, lang: str) -> str:
    """A click on an ORP (a map feature or a bar) opens its detail."""
    return _open(figures.clicked_orp(click), lang)


def _open(code: str | None, lang: str) -> str:
    if code is None:
        raise dash.exceptions.PreventUpdate
    return search_for({"kod": code}, lang)
