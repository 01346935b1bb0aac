"""/data — what was loaded, when and by whom; each load's files and their counts; warnings and
errors; and the empty import templates to download. ``?beh=<id>`` shows one load's files and
problems only.
"""

from __future__ import annotations

from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import Input, State, callback, dcc, html

from dashboard import auth, plan_edit
from dashboard.components.common import dropdown, empty_state, export_links
from dashboard.components.grid import grid, number_column
from dashboard.components.layout import address_output, page_address
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures.data import files_frame, problems_frame, run_query, runs_frame
from dashboard.i18n import N_, _, language
from dashboard.queries import loads
from dashboard.queries import plan as plan_queries
from domain.frames import records
from etl.entities import ENTITIES
from etl.template import entity_names

dash.register_page(__name__, path="/data", name="Data", title="KPSS Monitor – Data", order=6)

#: The page's own address, which its filters write (``components.layout.page_address``).
ADDRESS = "data-url"



def _selected_run(query: Mapping[str, str], runs: pd.DataFrame) -> int | None:
    try:
        wanted = int(query.get("beh", ""))
    except ValueError:
        return None
    return wanted if wanted in set(runs["id"]) else None


def _data(db: Database, query: Mapping[str, str],
          runs: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame, int | None]:
    """The runs shown (all, or the one ``beh`` names), their files and the selected run's id;
    ``runs``: every load run, when the caller has read them already."""
    runs = loads.load_runs(db) if runs is None else runs
    selected = _selected_run(query, runs) if not runs.empty else None
    shown = runs[runs["id"] == selected] if selected is not None else runs
    files = loads.load_files_of(db, [int(i) for i in shown["id"]]) if not shown.empty else \
        pd.DataFrame()
    return shown, files, selected


@dataset("data-loads")
def loads_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The load runs as listed on the page."""
    runs = loads.load_runs(db)
    files = loads.load_files_of(db, [int(i) for i in runs["id"]]) if not runs.empty else pd.DataFrame()
    return runs_frame(runs, files, language(args.get("lang")))


@dataset("data-files")
def files_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The files of all loads (or of ``beh``) with inserted / updated / unchanged counts."""
    _runs, files, _selected = _data(db, args)
    return files_frame(files)


@dataset("data-problems")
def problems_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Warnings and errors of all loads (or of ``beh``)."""
    runs, _files, _selected = _data(db, args)
    return problems_frame(runs, language(args.get("lang")))


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The data page."""
    lang = language(lang)
    db = get_db()
    all_runs = loads.load_runs(db)
    heading = html.H1(_(lang, "Data"), className="h3")
    if all_runs.empty:
        return html.Div([heading, empty_state(
            _(lang, "Zatím nebyla načtena žádná data."),
            _(lang, "Přihlášení editoři nahrávají soubory CSV a XLSX na stránce Nahrát data "
                    "(/nahrat); šablony souborů jsou níže."),
            "data-empty"), _templates(lang)])
    runs, files, selected = _data(db, query, all_runs)
    # every run is shown unless one is selected: its files are then all the files
    all_files = files if selected is None else loads.load_files_of(db, [int(i) for i in all_runs["id"]])
    listed = runs_frame(all_runs, all_files, lang)
    params = {"beh": selected, "lang": "en" if lang == "en" else None}
    run_options = [{"label": _(lang, "všechna načtení"), "value": ""}] + [
        {"label": f"#{r['id']} · {r['dataset']} · {r['started']}", "value": str(r["id"])}
        for r in records(listed)]
    return html.Div([
        page_address(ADDRESS),
        dcc.Store(id="data-lang", data=lang),
        dcc.Store(id="data-shown", data=str(selected) if selected else ""),
        heading,
        dbc.Card(dbc.CardBody([
            html.H2(_(lang, "Načtení dat"), className="h5"),
            grid("data-runs-grid", listed, _run_columns(lang), lang),
            export_links("data-loads", lang, {"lang": params["lang"]}),
        ]), className="shadow-sm mb-3"),
        dbc.Row(dbc.Col([dbc.Label(_(lang, "Soubory a problémy "
                                           "načtení"), html_for="data-filter-beh"), dropdown(lang,
            id="data-filter-beh", options=run_options, value=str(selected) if selected else "",
            clearable=False)], md=5), className="mb-2"),
        dbc.Card(dbc.CardBody([
            html.H2(_(lang, "Soubory a počty řádků"), className="h5"), _files_table(files, lang),
            export_links("data-files", lang, params),
        ]), className="shadow-sm mb-3"),
        dbc.Card(dbc.CardBody([
            html.H2(_(lang, "Varování a chyby"), className="h5"), _problems_table(runs, lang),
            export_links("data-problems", lang, params),
        ]), className="shadow-sm mb-3"),
        *_page_edits(db, selected, lang),
        _templates(lang),
    ])


def _page_edits(db: Database, run: int | None, lang: str) -> list:
    """What a load saved from the plan page changed, value before and after (the selected load
    only; internal comments and unpublished evaluations for the steering group only)."""
    if run is None:
        return []
    edits = plan_edit.edit_rows(db, plan_queries.page_edits(
        db, run_id=run, internal=auth.has_role(auth.STEERING)), lang)
    if not edits:
        return []
    headers = [_(lang, "Plán"), _(lang, "Opatření"), _(lang, "Rok"), _(lang, "Co"), _(lang, "Před"),
               _(lang, "Po")]
    rows = [html.Tr([html.Td(str(e[k])) for k in ("plan", "code", "year", "field", "before", "after")])
            for e in edits]
    return [dbc.Card(dbc.CardBody([
        html.H2(_(lang, "Změny uložené na stránce Komunitní plán"), className="h5"),
        html.Div(html.Table([html.Thead(html.Tr([html.Th(h) for h in headers])), html.Tbody(rows)],
                            className="table table-sm small", id="data-page-edits"),
                 className="table-responsive"),
    ]), className="shadow-sm mb-3")]


#: Count columns: no filter menu (its icon would push "Aktualizováno" to "Aktualizo…").
COUNT = {"filter": False, "minWidth": 105}


def _run_columns(lang: str) -> list[dict]:
    return [
        number_column("id", _(lang, "Č."), lang, **{**COUNT, "minWidth": 70}),
        {"field": "dataset", "headerName": _(lang, "Datová sada"), "minWidth": 180, "flex": 2},
        {"field": "user", "headerName": _(lang, "Uživatel"), "minWidth": 90},
        {"field": "started", "headerName": _(lang, "Zahájeno"), "minWidth": 160, "wrapText": False},
        {"field": "finished", "headerName": _(lang, "Dokončeno"), "minWidth": 160, "wrapText": False},
        {"field": "status", "headerName": _(lang, "Stav"), "minWidth": 90},
        number_column("files", _(lang, "Soubory"), lang, **{**COUNT, "minWidth": 95}),
        number_column("errors", _(lang, "Chyby"), lang, **{**COUNT, "minWidth": 80}),
        number_column("warnings", _(lang, "Varování"), lang, **COUNT),
    ]


def _files_table(files: pd.DataFrame, lang: str) -> html.Div:
    frame = files_frame(files)
    if frame.empty:
        return empty_state(_(lang, "Toto načtení nemá žádné soubory."), state_id="data-files-none")
    columns = [
        number_column("load_run_id", _(lang, "Načtení"), lang, **COUNT),
        {"field": "file_name", "headerName": _(lang, "Soubor"), "minWidth": 210, "flex": 2,
         "wrapText": False},
        {"field": "entity", "headerName": _(lang, "Entita"), "minWidth": 160},
        {"field": "sheet", "headerName": _(lang, "List"), "minWidth": 80},
        *[number_column(k, _(lang, label), lang, **{**COUNT, "minWidth": 110})
          for k, label in (("rows", N_("Řádků")), ("inserted", N_("Vloženo")),
                           ("updated", N_("Aktualizováno")), ("unchanged", N_("Beze změny")))],
    ]
    return grid("data-files-grid", frame.astype(object).where(frame.notna(), None), columns, lang)


def _problems_table(runs: pd.DataFrame, lang: str) -> html.Div:
    frame = problems_frame(runs, lang)
    if frame.empty:
        return html.P(_(lang, "Žádná varování ani chyby."), className="text-muted", id="data-problems-none")
    columns = [
        number_column("run", _(lang, "Načtení"), lang, **COUNT),
        {"field": "severity", "headerName": _(lang, "Závažnost"), "maxWidth": 120},
        {"field": "file", "headerName": _(lang, "Soubor")},
        {"field": "sheet", "headerName": _(lang, "List"), "maxWidth": 140},
        number_column("row", _(lang, "Řádek"), lang, maxWidth=100),
        {"field": "column", "headerName": _(lang, "Sloupec")},
        {"field": "value", "headerName": _(lang, "Hodnota")},
        {"field": "message", "headerName": _(lang, "Zpráva"), "minWidth": 260, "flex": 2},
    ]
    return grid("data-problems-grid", frame, columns, lang)


def _templates(lang: str) -> dbc.Card:
    rows = [html.Tr([
        html.Td(ENTITIES[name].title_cs if lang != "en" else name.replace("_", " ")),
        html.Td(html.Code(name)),
        html.Td(", ".join(ENTITIES[name].key), className="small"),
        html.Td(", ".join(c.name for c in ENTITIES[name].columns), className="small"),
        html.Td(html.A(_(lang, "CSV"), href=f"/sablony/{name}.csv", download=f"{name}.csv",
                       id=f"data-template-{name}", className="btn btn-sm btn-outline-secondary")),
    ]) for name in entity_names()]
    header = html.Tr([html.Th(_(lang, label)) for label in (N_("Obsah"), N_("Název listu / souboru"),
                                                        N_("Klíč"), N_("Sloupce"))]
                     + [html.Th("")])
    return dbc.Card(dbc.CardBody([
        html.H2(_(lang, "Šablony pro import"), className="h5"),
        html.P(_(lang, "Každá entita je jeden list sešitu XLSX nebo jeden soubor CSV. Druhý řádek šablony "
                       "začíná „Nápověda:“ a při načtení se přeskočí."), className="small"),
        html.A(_(lang, "Šablona XLSX (všechny "
                       "entity)"), href="/sablony/import.xlsx", download="kpss-sablona-importu.xlsx",
               id="data-template-xlsx", className="btn btn-primary btn-sm mb-2"),
        html.Div(html.Table([html.Thead(header), html.Tbody(rows)],
                            className="table table-sm align-middle", id="data-templates"),
                 className="table-responsive"),
        html.P(_(lang, "Nahrávání souborů na této stránce bude dostupné přihlášeným "
                       "editorům."), className="small text-muted mb-0"),
    ]), className="shadow-sm", id="data-templates-card")


@callback(address_output(ADDRESS), Input("data-filter-beh", "value"),
          State("data-lang", "data"), State("data-shown", "data"), prevent_initial_call=True)
def run_to_url(run: str, lang: str, shown: str | None) -> str:
    """Write the chosen load into the address (unless it is the one shown)."""
    query = run_query(run, lang, shown)
    return dash.no_update if query is None else query
