"""/komunitni-plan — the steering group's yearly review of how the plan's measures were fulfilled.

``?plan=<key>&rok=<year>&priorita=<name>&skupina=<canonical code or local name>``;
``&tisk=1`` gives the print layout. The public sees published evaluations only
(marked public, of a year the steering group has approved; a draft year says so);
a signed-in steering member also sees drafts, unpublished evaluations and the internal
comments, clearly marked, unless ``&verejne=1`` asks for the public view (see
``dashboard.plan_review``). The role is checked on the server for every request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

import dash
import dash_bootstrap_components as dbc
import pandas as pd
import sqlalchemy as sa
from dash import Input, Output, State, callback, dcc, html
from flask import abort

from dashboard import auth, plan_actions, plan_edit, plan_review
from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, dropdown, empty_state, export_links, kpi_card
from dashboard.components.grid import grid, money_column, percent_column
from dashboard.components.layout import address_output, href, page_address
from dashboard.db import Database, get_db
from dashboard.exports import NOT_PUBLIC, dataset
from dashboard.figures import plan as build
from dashboard.i18n import _, language, n_
from dashboard.pages._plan_parts import (
    audience_note,
    changes_panel,
    costs_note,
    costs_table,
    internal_panel,
    legend,
    status_table,
)
from dashboard.pages._plan_year import edit_panel, form_notes, refused, year_panel
from dashboard.reports import report_url
from dashboard.uploads import writer_engine
from domain import plan_review as rules
from domain.frames import records
from etl.database import lock_timed_out
from etl.plan_year import PlanYearError

dash.register_page(__name__, path="/komunitni-plan", name="Komunitní plán",
                   title="KPSS Monitor – Komunitní plán", order=5)

#: The page's own address, which its filters write (``components.layout.page_address``).
ADDRESS = "plan-url"


def page_query(query: Mapping[str, str]) -> dict[str, str]:
    """The page's own parameters from the query string (what exports and links carry)."""
    return {k: str(query[k]) for k in plan_review.PARAMS if query.get(k)}


def export_params(review: plan_review.Review, lang: str,
                  query: Mapping[str, str] | None = None) -> dict[str, object]:
    """Query-string parameters of the exports: the view as shown (plan, year, filters, public
    view, language)."""
    params = {"plan": review.plan["key"] if review.plan else None, "rok": review.year,
              "priorita": review.priority, "skupina": review.group}
    if (query or {}).get(plan_review.PUBLIC_VIEW) == "1":
        params[plan_review.PUBLIC_VIEW] = "1"
    if lang == "en":
        params["lang"] = "en"
    return params


# --- Exports: every table of the page -------------------------------------------------

def _export(build_frame: Callable[[plan_review.Review, str], pd.DataFrame],
            db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """One table of the review for the role asking; a steering view is marked for its file name.

    A plan that is not loaded (or none at all) has no tables: 404, as for an unknown page.
    """
    review = plan_review.load_review(db, args, plan_review.sees_internal(args))
    if review.plan is None:
        abort(404)
    frame = build_frame(review, language(args.get("lang")))
    frame.attrs[NOT_PUBLIC] = review.internal
    return frame


@dataset("plan-grid")
def grid_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The measures × years grid with status names, as filtered on the page."""
    return _export(plan_review.grid_frame, db, args)


@dataset("plan-changes")
def changes_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Status changes since the previous year."""
    return _export(plan_review.changes_frame, db, args)


@dataset("plan-costs")
def costs_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Planned against spent money per measure."""
    return _export(plan_review.costs_frame, db, args)


@dataset("plan-history")
def history_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The plan's approvals, reopenings and page edits, as the page lists them to the role asking."""
    return _export(lambda review, lang: plan_edit.history_frame(
        db, review.plan["key"], signed_in=auth.current_user() is not None, internal=review.internal,
        lang=lang), db, args)


@dataset("plan-internal")
def internal_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The steering group's internal comments and unpublished evaluations (steering role only)."""
    auth.require_role(auth.STEERING)
    return _export(plan_review.internal_frame, db, args)


# --- Layout ---------------------------------------------------------------------------

def layout(lang: str | None = None, tisk: str | None = None, **query: str) -> html.Div:
    """The review page (or its print layout) for the plan, year and filters in the address."""
    lang = language(lang)
    review = plan_review.load_review(get_db(), page_query(query), plan_review.sees_internal(query))
    heading = html.H1(_(lang, "Komunitní plán"), className="h3")
    if review.plans.empty:
        return html.Div([heading, empty_state(_(lang, "Zatím není načten žádný komunitní "
                                                      "plán."), _(lang, "Načtěte soubory komunitni_plany, "
                                                                        "opatreni a plneni_opatreni (šablony "
                                                                        "na stránce Data)."),
                                              "plan-empty")])
    if review.plan is None:
        return html.Div([*_stores(review, query, lang), heading, _controls(review, lang),
                         empty_state(_(lang, "Komunitní plán „{key}“ neexistuje.", key=query.get("plan", "")),
                                     _(lang, "Vyberte plán ze seznamu výše."), "plan-unknown")])
    if tisk == "1":
        return _print_layout(review, query, lang)
    return html.Div([
        *_stores(review, query, lang), heading, _plan_title(review, lang), _controls(review, lang),
        html.Div(_body(review, query, lang), id="plan-body"),
    ], className="plan-page")


def _stores(review: plan_review.Review, query: Mapping[str, str], lang: str) -> list[dcc.Store]:
    """The language and the filters as rendered (no data: nothing private goes to the browser)."""
    shown = {"plan": review.plan["key"] if review.plan else "", "rok": str(review.year or ""),
             "priorita": review.priority or "", "skupina": review.group or "",
             plan_review.PUBLIC_VIEW: "1" if query.get(plan_review.PUBLIC_VIEW) == "1" else ""}
    return [page_address(ADDRESS), dcc.Store(id="plan-lang", data=lang),
            dcc.Store(id="plan-shown", data=shown)]


def _plan_title(review: plan_review.Review, lang: str) -> html.Div:
    plan = review.plan
    period = f"{plan['period_from'] or ''}–{plan['period_to'] or ''}"
    details = [f"{_(lang, 'Období')}: {period}"]
    if plan["orps"]:
        details.append(f"{_(lang, 'ORP')}: {', '.join(plan['orps'])}")
    return html.Div([
        html.H2([plan["name"]] + ([demo_badge(lang)] if review.is_demo else []), className="h5 mb-1",
                id="plan-name"),
        html.Div(" · ".join(details), className="text-muted small mb-2"),
    ])


def _options(values: list[str], lang: str) -> list[dict[str, str]]:
    return [{"label": _(lang, "vše"), "value": ""}] + [{"label": v, "value": v} for v in values]


def _controls(review: plan_review.Review, lang: str) -> dbc.Row:
    plans = [{"label": f"{r['name'][:80]}{'…' if len(r['name']) > 80 else ''} ({r['key']})",
              "value": r["key"]} for r in records(review.plans)]
    evaluated = sorted({int(y) for y in review.evaluations["year"]}) if review.has_evaluations else []
    measures = review.measures
    priorities = sorted(measures["priority"].dropna().unique()) if not measures.empty else []
    groups = build.group_options(measures, lang) if not measures.empty else []
    plan_key = review.plan["key"] if review.plan else None
    idle = not review.has_evaluations  # nothing to filter: the filters stay visible but disabled
    return dbc.Row([
        dbc.Col([dbc.Label(_(lang, "Plán"), html_for="plan-filter-plan"), dropdown(lang,
            id="plan-filter-plan", options=plans, value=plan_key, clearable=False)], lg=5),
        dbc.Col([dbc.Label(_(lang, "Hodnocený rok"), html_for="plan-filter-rok"), dropdown(lang,
            id="plan-filter-rok", options=[{"label": str(y), "value": str(y)} for y in evaluated],
            value=str(review.year) if review.year else None, clearable=False, disabled=idle)], lg=2),
        dbc.Col([dbc.Label(_(lang, "Priorita"), html_for="plan-filter-priorita"), dropdown(lang,
            id="plan-filter-priorita", options=_options(priorities, lang),
            value=review.priority or "", clearable=False, disabled=idle)], lg=2),
        dbc.Col([dbc.Label(_(lang, "Cílová skupina"), html_for="plan-filter-skupina"), dropdown(lang,
            id="plan-filter-skupina", options=[{"label": _(lang, "vše"), "value": ""}] + groups,
            value=review.group or "", clearable=False, disabled=idle)], lg=3),
    ], className="g-2 mb-2 no-print")


def _body(review: plan_review.Review, query: Mapping[str, str], lang: str,
          edit_year: int | None = None, saved: str | None = None) -> list:
    if not review.has_evaluations:
        editing = _editing(review, query, lang, edit_year, saved)
        return [*editing, empty_state(_(lang, "Plán zatím nemá žádné hodnocení plnění "
                                    "opatření."), _(lang, "Hodnocení se načítají souborem plneni_opatreni "
                                                          "(šablona na stránce Data)."),
                            "plan-no-evaluations"),
                html.A(_(lang, "Šablony a načtená data na stránce "
                               "Data"), href=href("/data", lang), id="plan-to-data",
                       className="btn btn-sm btn-outline-primary")]
    if review.shown.empty:
        return [empty_state(_(lang, "Filtrům neodpovídá žádné "
                                    "opatření."), _(lang, "Zrušte filtr priority nebo cílové "
                                                          "skupiny."), "plan-no-match")]
    params = export_params(review, lang, query)
    notes = [audience_note(review, params, lang), *_draft_alert(review, lang)]
    asked = query.get("rok")
    if asked and asked != str(review.year):
        notes.insert(0, dbc.Alert(_(lang, "Rok {asked} nemá hodnocení; zobrazen rok "
                                          "{shown}.", asked=asked, shown=review.year),
                                  color="warning", className="py-2", id="plan-year-missing"))
    actions = html.Div([
        html.A(_(lang, "Tisková verze"), href=href("/komunitni-plan", lang, **page_query(params), tisk=1),
               id="plan-print-link", className="btn btn-sm btn-outline-primary me-2"),
        html.A(_(lang, "Sešit pro jednání (XLSX)"), id="plan-meeting-xlsx", download="",
               href=_meeting_url(params), className="btn btn-sm btn-primary me-2"),
        *[html.A(_(lang, "Zpráva o vyhodnocení ({fmt})", fmt=kind.upper()), id=f"plan-report-{kind}",
                 download="", className="btn btn-sm btn-outline-primary",
                 href=report_url(review.plan["key"], review.year, kind, lang,
                                 public=query.get(plan_review.PUBLIC_VIEW) == "1"))
          for kind in ("docx", "pdf")],
    ], className="d-flex flex-wrap justify-content-end gap-1 mb-2 no-print")
    return [
        *notes, actions, _kpis(review, lang), year_panel(get_db(), review, lang, params),
        dbc.Card(dbc.CardBody([
            html.H2(_(lang, "Plnění opatření po letech"), className="h5"), legend(review, lang),
            status_table(review, lang), export_links("plan-grid", lang, params),
        ]), className="shadow-sm mb-3"),
        *_editing(review, query, lang, edit_year, saved),
        dbc.Row([
            dbc.Col(dbc.Card(dbc.CardBody(changes_panel(review, lang, params)),
                             className="shadow-sm h-100"), lg=5),
            dbc.Col(dbc.Card(dbc.CardBody(_costs_chart(review, lang)),
                             className="shadow-sm h-100"), lg=7),
        ], className="g-3 mb-3"),
        dbc.Card(dbc.CardBody(_costs_table_panel(review, lang, params)), className="shadow-sm mb-3"),
        *([internal_panel(review, lang, params)] if review.internal else []),
    ]


def _draft_alert(review: plan_review.Review, lang: str) -> list:
    """For the public, that the year under review is not approved and published yet (its
    column of the grid says "not published", which alone would look like missing data)."""
    note = plan_review.draft_note(review, lang)
    return [dbc.Alert(note, color="info", className="py-2", id="plan-year-draft")] if note else []


def _editing(review: plan_review.Review, query: Mapping[str, str], lang: str,
             edit_year: int | None, saved: str | None) -> list:
    """The form for recording evaluations: for editors and above, not in the public preview."""
    if not auth.has_role(auth.EDITOR) or query.get(plan_review.PUBLIC_VIEW) == "1":
        return []
    return [edit_panel(review, lang, edit_year, saved)]


def _meeting_url(params: Mapping[str, object]) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return "/export/plan-meeting.xlsx" + (f"?{query}" if query else "")


def _kpis(review: plan_review.Review, lang: str) -> dbc.Row:
    counts = rules.status_counts(review.matrix, review.year)
    unpublished = plan_review.unpublished_count(review)
    evaluated = sum(v for k, v in counts.items() if k not in (build.UNPUBLISHED, build.MISSING))
    fulfilled_codes = set(review.statuses[review.statuses["counts_as_fulfilled"].astype(bool)]["code"])
    fulfilled = sum(v for k, v in counts.items() if k in fulfilled_codes)
    costs = review.costs
    planned = [v for v in costs["planned"] if v is not None]
    spent = [v for v in costs["spent_to_date"] if v is not None]
    return dbc.Row([
        dbc.Col(kpi_card(_(lang, "Počet opatření"), fmt.number(len(review.shown), lang), None,
                         "plan-kpi-measures", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Splněno v roce {year}", year=review.year), fmt.number(fulfilled, lang),
                         n_(lang, "z {n} hodnocení vč. nezveřejněných", "z {n} hodnocení vč. nezveřejněných",
                            evaluated) if review.internal
                         else n_(lang, "z {n} zveřejněného hodnocení", "z {n} zveřejněných hodnocení",
                                 evaluated), "plan-kpi-fulfilled",
                         demo=review.is_demo, lang=lang), md=3),
        dbc.Col(kpi_card(_(lang, "Nezveřejněná hodnocení "
                                 "{year}", year=review.year), fmt.number(unpublished, lang),
                         None, "plan-kpi-unpublished", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Plánované náklady "
                                 "celkem"), fmt.money(sum(planned) if planned else None, lang,
                                                      context=fmt.PLAN),
                         None, "plan-kpi-planned", lang=lang), md=2),
        dbc.Col(kpi_card(_(lang, "Vynaloženo do roku {year}", year=review.year),
                         fmt.money(sum(spent) if spent else None, lang, context=fmt.PLAN), None,
                         "plan-kpi-spent", demo=review.is_demo, lang=lang), md=3),
    ], className="g-3 mb-3")


def _cost_rows(review: plan_review.Review) -> pd.DataFrame:
    def number(value: object) -> float | None:
        return None if value is None or value != value else float(value)

    c = review.costs
    return pd.DataFrame({
        "code": c["code"], "name": c["name"], "planned": c["planned"].map(number),
        "spent_year": c["spent_year"].map(number), "spent_to_date": c["spent_to_date"].map(number),
        "share": c["share"].map(number), "unpublished": c["unpublished_years"],
    })


def _cost_columns(review: plan_review.Review, lang: str) -> list[dict]:
    year = review.year
    money = {"minWidth": 150, "wrapText": False, "wrapHeaderText": True, "autoHeaderHeight": True}
    return [
        {"field": "code", "headerName": _(lang, "Kód"), "maxWidth": 80},
        {"field": "name", "headerName": _(lang, "Opatření"), "minWidth": 240, "flex": 2},
        money_column("planned", _(lang, "Plánováno"), lang, fmt.PLAN, **money),
        money_column("spent_year", _(lang, "Vynaloženo v roce {year}", year=year), lang, fmt.PLAN,
                     **money),
        money_column("spent_to_date", _(lang, "Vynaloženo do roku {year}", year=year), lang,
                     fmt.PLAN, **money),
        percent_column("share", _(lang, "Podíl z plánu"), lang, minWidth=110, wrapHeaderText=True,
                       autoHeaderHeight=True),
        {"field": "unpublished", "headerName": _(lang, "Nezveřejněné roky"), "minWidth": 120,
         "type": "rightAligned", "wrapHeaderText": True, "autoHeaderHeight": True},
    ]


def _costs_chart(review: plan_review.Review, lang: str) -> list:
    figure = build.cost_figure(review.costs, review.year, lang)
    return [
        html.H2(_(lang, "Plánované a vynaložené náklady"), className="h5"),
        html.P(costs_note(review, lang), className="small text-muted"),
        dcc.Graph(id="plan-costs-chart", figure=figure,
                  config={"displaylogo": False, "locale": "cs" if lang != "en" else "en"}),
    ]


def _costs_table_panel(review: plan_review.Review, lang: str, params: Mapping[str, object]) -> list:
    return [
        html.H2(f"{_(lang, 'Plánované a vynaložené náklady')} – {_(lang, 'Opatření').lower()}",
                className="h6"),
        grid("plan-costs-grid", _cost_rows(review), _cost_columns(review, lang), lang),
        export_links("plan-costs", lang, params),
    ]


# --- Print layout ---------------------------------------------------------------------

def _print_layout(review: plan_review.Review, query: Mapping[str, str], lang: str) -> html.Div:
    heading = html.H1([_(lang, "Komunitní plán"), ": ", review.plan["name"]]
                      + ([demo_badge(lang)] if review.is_demo else []), className="h4", id="plan-name")
    if not review.has_evaluations or review.shown.empty:
        return html.Div([heading, *_body(review, query, lang)], className="print-view")
    params = export_params(review, lang, query)
    filters = ", ".join(plan_review.filter_labels(review, lang)) or _(lang, "žádné")
    toolbar = html.Div([
        html.Button(_(lang, "Vytisknout"), id="plan-print-button", className="btn btn-primary me-2"),
        html.A(_(lang, "Zpět na interaktivní "
                       "zobrazení"), href=href("/komunitni-plan", lang, **page_query(params)),
               id="plan-print-back", className="btn btn-outline-secondary"),
        html.Span(id="plan-print-done", className="d-none"),
    ], className="no-print mb-3")
    return html.Div([
        toolbar, heading,
        html.P([html.Strong(f"{_(lang, 'Hodnocený rok')}: {review.year}"),
                f" · {_(lang, 'Filtry')}: {filters}",
                f" · {_(lang, 'Vytištěno')}: {fmt.date(dt.date.today(), lang)}"],
               id="plan-print-meta"),
        audience_note(review, None, lang), *_draft_alert(review, lang),
        legend(review, lang), status_table(review, lang),
        html.Div(changes_panel(review, lang), className="print-section"),
        html.Div([html.H2(_(lang, "Plánované a vynaložené náklady"), className="h5"),
                  html.P(costs_note(review, lang), className="small text-muted"),
                  costs_table(review, lang)], className="print-section"),
        *([html.Div(internal_panel(review, lang, None), className="print-section")]
          if review.internal else []),
    ], className="print-view" + (" print-internal" if review.internal else ""), id="plan-print")


# --- Callbacks ------------------------------------------------------------------------

@callback(address_output(ADDRESS),
          Input("plan-filter-plan", "value"), Input("plan-filter-rok", "value"),
          Input("plan-filter-priorita", "value"), Input("plan-filter-skupina", "value"),
          State("plan-lang", "data"), State("plan-shown", "data"), prevent_initial_call=True)
def filters_to_url(plan: str, year: str, priority: str, group: str, lang: str,
                   shown: dict | None) -> str:
    """Write the filters into the address, so that the view can be shared (the page re-renders)."""
    query = plan_review.filters_query(plan, year, priority, group, lang, dash.ctx.triggered_id, shown)
    return dash.no_update if query is None else query


dash.clientside_callback(
    "function (clicks) { if (clicks) { window.print(); } return ''; }",
    Output("plan-print-done", "children"), Input("plan-print-button", "n_clicks"),
    prevent_initial_call=True)


# --- Recording, approving and reopening the year (dashboard.plan_edit) -------------------

def _rebuilt(shown: dict | None, lang: str, edit_year: int | None = None,
             saved: str | None = None) -> list:
    """The page's body again, for the filters it shows, after a save, approval or reopening."""
    query = page_query(shown if isinstance(shown, dict) else {})
    review = plan_review.load_review(get_db(), query, plan_review.sees_internal(query))
    return _body(review, query, lang, edit_year, saved)


def _shown_plan(shown: object) -> tuple[str | None, int | None]:
    """The plan and year the page shows (from its store; anything malformed is none)."""
    if not isinstance(shown, dict):
        return None, None
    plan, year = shown.get("plan"), shown.get("rok")
    return (plan if isinstance(plan, str) and plan else None,
            int(year) if isinstance(year, str) and year.isdigit() else None)


@callback(Output("plan-edit-status", "value"), Output("plan-edit-percent", "value"),
          Output("plan-edit-cost", "value"), Output("plan-edit-comment", "value"),
          Output("plan-edit-internal", "value"), Output("plan-edit-public", "value"),
          Output("plan-edit-version", "data"), Output("plan-edit-lock", "children"),
          Output("plan-edit-save", "disabled"),
          Input("plan-edit-measure", "value"), Input("plan-edit-year", "value"),
          State("plan-shown", "data"), State("plan-lang", "data"), prevent_initial_call=True)
def fill_form(code: object, year: object, shown: object, lang: object) -> tuple:
    """The stored evaluation of the chosen measure and year, as this role may read it."""
    auth.require_role(auth.EDITOR)
    lang = language(lang if isinstance(lang, str) else None)
    plan, _year = _shown_plan(shown)
    if plan is None or not isinstance(code, str) or not isinstance(year, int):
        return None, "", "", "", "", False, 0, [], True
    db = get_db()
    values = plan_edit.form_values(db, plan, code, year, internal=plan_review.sees_internal(shown))
    lock = plan_edit.lock_text(db, plan, year, lang)
    return (values.status, values.percent, values.cost, values.comment, values.internal,
            values.public, values.version, form_notes(values, lock, lang), lock is not None)


@callback(Output("plan-body", "children", allow_duplicate=True),
          Output("plan-edit-message", "children"),
          Input("plan-edit-save", "n_clicks"),
          State("plan-edit-year", "value"), State("plan-edit-measure", "value"),
          State("plan-edit-status", "value"), State("plan-edit-percent", "value"),
          State("plan-edit-cost", "value"), State("plan-edit-comment", "value"),
          State("plan-edit-internal", "value"), State("plan-edit-public", "value"),
          State("plan-edit-version", "data"), State("plan-shown", "data"),
          State("plan-lang", "data"), prevent_initial_call=True)
def save_evaluation(clicks: object, year: object, code: object, status: object, percent: object,
                    cost: object, comment: object, internal: object, public: object,
                    version: object, shown: object, lang: object) -> tuple:
    """Save the form through the ETL's rules; the page again on success, the reasons if not."""
    auth.require_role(auth.EDITOR)
    lang = language(lang if isinstance(lang, str) else None)
    plan, _year = _shown_plan(shown)
    if not clicks or plan is None or not isinstance(code, str) or not isinstance(year, int):
        return dash.no_update, dash.no_update
    outcome = plan_edit.save(
        writer_engine(), auth.current_user().name, internal=plan_review.sees_internal(shown),
        plan_key=plan, code=code, year=year, lang=lang,
        values={"status": status, "percent": percent, "cost": cost, "comment": comment,
                "internal": internal, "public": public is True},
        version=version if isinstance(version, int) else 0)
    if not outcome.ok:
        return dash.no_update, refused(outcome.messages, lang)
    return _rebuilt(shown, lang, year, code), dash.no_update


@callback(Output("plan-body", "children", allow_duplicate=True),
          Output("plan-year-message", "children", allow_duplicate=True),
          Input("plan-approve-button", "n_clicks"),
          State("plan-shown", "data"), State("plan-lang", "data"), prevent_initial_call=True)
def approve_year(clicks: object, shown: object, lang: object) -> tuple:
    """A steering member approves the year the page shows."""
    auth.require_role(auth.STEERING)
    return _year_action(clicks, shown, lang, lambda engine, user, plan, year:
                        plan_actions.approve_year(engine, user, plan, year))


@callback(Output("plan-body", "children", allow_duplicate=True),
          Output("plan-year-message", "children", allow_duplicate=True),
          Input("plan-reopen-button", "n_clicks"), State("plan-reopen-reason", "value"),
          State("plan-shown", "data"), State("plan-lang", "data"), prevent_initial_call=True)
def reopen_year(clicks: object, reason: object, shown: object, lang: object) -> tuple:
    """An admin reopens the year the page shows, with a reason."""
    auth.require_role(auth.ADMIN)
    text = reason if isinstance(reason, str) else ""
    return _year_action(clicks, shown, lang, lambda engine, user, plan, year:
                        plan_actions.reopen_year(engine, user, plan, year, text))


def _year_action(clicks: object, shown: object, lang: object, act: Callable) -> tuple:
    lang = language(lang if isinstance(lang, str) else None)
    plan, year = _shown_plan(shown)
    if not clicks or plan is None or year is None:
        return dash.no_update, dash.no_update
    try:
        act(writer_engine(), auth.current_user(), plan, year)
    except PlanYearError as error:
        return dash.no_update, refused([error.message(lang)], lang, "plan-year-refused")
    except sa.exc.OperationalError as error:
        if not lock_timed_out(error):
            raise
        return dash.no_update, refused([_(lang, "Databáze je právě zaneprázdněná načítáním dat; nic "
                                               "nebylo uloženo. Zkuste to za chvíli.")], lang,
                                       "plan-year-refused")
    return _rebuilt(shown, lang), dash.no_update
