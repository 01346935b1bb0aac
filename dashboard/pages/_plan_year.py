"""Parts of /komunitni-plan for the steering group's year: its state, approval, reopening,
history, and the form on which editors record the year's evaluations.

Who sees what: everyone the year's state (draft, or approved by whom and when); signed-in
users the history with reasons and edits; editors and above the form (not in the public
preview); steering members the approve button, admins the reopening. The role is checked
again on the server by every callback (ids ``plan-edit-``, ``plan-approve-``,
``plan-reopen-`` are protected in ``dashboard.auth``).
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard import auth, plan_edit, plan_review
from dashboard.components.common import dropdown, export_links
from dashboard.components.grid import grid
from dashboard.db import Database
from dashboard.i18n import _, data_column

auth.protect_ids("plan-edit-", auth.EDITOR)
auth.protect_ids("plan-approve-", auth.STEERING)
auth.protect_ids("plan-reopen-", auth.ADMIN)


def year_panel(db: Database, review: plan_review.Review, lang: str,
               params: dict[str, object] | None) -> dbc.Card:
    """The year's state with the approve / reopen actions and the plan's history."""
    plan_key, year, state = review.plan["key"], review.year, review.year_state
    badge = dbc.Badge(_(lang, "Schváleno") if state.approved else _(lang, "Návrh"),
                      color="success" if state.approved else "secondary", className="me-2",
                      id="plan-year-badge")
    body = [html.H2(_(lang, "Vyhodnocení roku {year}", year=year), className="h5"),
            html.P([badge, html.Span(plan_edit.state_text(state, lang), id="plan-year-state")],
                   className="mb-2")]
    if state.approved:
        body.append(html.P(_(lang, "Hodnocení roku {year} jsou uzavřená: nemění je úprava na stránce ani "
                                   "načtení souboru, dokud rok znovu neotevře správce.", year=year),
                           className="small text-muted", id="plan-year-locked-note"))
    preview = review.internal is False and auth.has_role(auth.STEERING)
    if params is not None and not preview:
        body += _actions(state, year, lang)
    body.append(html.Div(id="plan-year-message"))
    body += _history(db, plan_key, lang, params, review.internal)
    return dbc.Card(dbc.CardBody(body), className="shadow-sm mb-3 no-print", id="plan-year")


def _actions(state: object, year: int, lang: str) -> list:
    actions = []
    if auth.has_role(auth.STEERING) and not state.approved:
        actions.append(html.P(_(lang, "Schválením se zveřejní hodnocení roku označená ke zveřejnění; "
                                      "neveřejná hodnocení a interní komentáře zůstanou jen pro řídící "
                                      "skupinu."), className="small text-muted mb-1",
                              id="plan-approve-publishes"))
        actions.append(html.Button(_(lang, "Schválit vyhodnocení roku {year}", year=year),
                                   id="plan-approve-button", className="btn btn-success btn-sm mb-2"))
    if auth.has_role(auth.ADMIN) and state.approved:
        actions.append(html.Div([
            dbc.Label(_(lang, "Důvod znovuotevření (povinný)"), html_for="plan-reopen-reason",
                      className="small"),
            dcc.Textarea(id="plan-reopen-reason", className="form-control form-control-sm mb-2",
                         style={"height": "4em"}, maxLength=2000),
            html.Button(_(lang, "Znovu otevřít rok {year}", year=year), id="plan-reopen-button",
                        className="btn btn-outline-danger btn-sm"),
        ], className="mb-2", id="plan-reopen-form"))
    return actions


def _history(db: Database, plan_key: str, lang: str, params: dict[str, object] | None,
             internal: bool) -> list:
    frame = plan_edit.history_frame(db, plan_key, signed_in=auth.current_user() is not None,
                                    internal=internal, lang=lang)
    title = html.H3(_(lang, "Historie schvalování a úprav"), className="h6 mt-2")
    if frame.empty:
        return [title, html.P(_(lang, "Zatím žádné schválení ani úprava na stránce."),
                              className="small text-muted", id="plan-history-none")]
    # a grid, paged like the page's other tables: every edit adds rows, year after year
    columns = [{"field": "when", "headerName": _(lang, "Kdy"), "minWidth": 130, "maxWidth": 170},
               {"field": "user", "headerName": _(lang, "Kdo"), "minWidth": 110, "maxWidth": 200},
               {"field": "year", "headerName": _(lang, "Rok"), "minWidth": 80, "maxWidth": 100},
               {"field": "what", "headerName": _(lang, "Co"), "minWidth": 260, "flex": 3}]
    table = grid("plan-history", frame.astype({"year": str}), columns, lang)
    links = [export_links("plan-history", lang, params)] if params is not None else []
    return [title, table, *links]


def edit_panel(review: plan_review.Review, lang: str, year: int | None = None,
               saved: str | None = None) -> dbc.Card:
    """The form on which an editor (or steering member) records a measure's evaluation
    (of ``year``, else the year under review; ``saved``: the measure code just saved)."""
    plan = review.plan
    evaluated = sorted({int(y) for y in review.evaluations["year"]}) if review.has_evaluations else []
    years = plan_edit.edit_years(plan, evaluated)
    measures = [{"label": f"{m['code']} {m['name'][:70]}", "value": m["code"]}
                for m in review.measures.to_dict("records")]
    statuses = [{"label": row[data_column("name", lang)], "value": row["code"]}
                for row in review.statuses.to_dict("records")]
    internal = review.internal
    internal_hint = None if internal else _(
        lang, "Uložený interní komentář vidí jen řídící skupina; prázdné pole ho ponechá beze změny.")
    return dbc.Card(dbc.CardBody([
        html.H2(_(lang, "Zapsat hodnocení opatření"), className="h5"),
        html.P(_(lang, "Každé uložení projde stejnými kontrolami jako načtení souboru a zapíše se jako "
                       "načtení dat pod vaším jménem (stránka Data)."), className="small text-muted"),
        dbc.Row([
            dbc.Col([dbc.Label(_(lang, "Rok"), html_for="plan-edit-year"), dropdown(
                lang, id="plan-edit-year", options=[{"label": str(y), "value": y} for y in years],
                value=year if year in years else review.year, clearable=False)], md=2),
            dbc.Col([dbc.Label(_(lang, "Opatření"), html_for="plan-edit-measure"), dropdown(
                lang, id="plan-edit-measure", options=measures, value=None, clearable=False,
                placeholder=_(lang, "Vyberte opatření"))], md=10),
        ], className="g-2 mb-2"),
        html.Div(id="plan-edit-lock"),
        dbc.Row([
            dbc.Col([dbc.Label(_(lang, "Stav"), html_for="plan-edit-status"), dropdown(
                lang, id="plan-edit-status", options=statuses, value=None, clearable=False)], md=4),
            dbc.Col([dbc.Label(_(lang, "Plnění (%)"), html_for="plan-edit-percent"), dbc.Input(
                id="plan-edit-percent", type="text", inputMode="decimal", maxLength=20,
                size="sm")], md=2),
            dbc.Col([dbc.Label(_(lang, "Skutečné náklady (Kč)"), html_for="plan-edit-cost"), dbc.Input(
                id="plan-edit-cost", type="text", inputMode="decimal", maxLength=30, size="sm")], md=3),
            dbc.Col([dbc.Checkbox(id="plan-edit-public", label=_(lang, "Zveřejnit"), value=False,
                                  className="mt-4")], md=3),
        ], className="g-2 mb-2"),
        dbc.Label(_(lang, "Komentář pro veřejnost"), html_for="plan-edit-comment"),
        dcc.Textarea(id="plan-edit-comment", className="form-control form-control-sm mb-2",
                     style={"height": "4em"}, maxLength=4000),
        dbc.Label(_(lang, "Interní komentář (jen pro řídící skupinu)"), html_for="plan-edit-internal"),
        dcc.Textarea(id="plan-edit-internal", className="form-control form-control-sm mb-1",
                     style={"height": "3em"}, maxLength=4000),
        *([html.Div(internal_hint, className="form-text mb-2")] if internal_hint else []),
        dcc.Store(id="plan-edit-version", data=0),
        html.Button(_(lang, "Uložit hodnocení"), id="plan-edit-save", disabled=True,
                    className="btn btn-primary btn-sm mt-2"),
        html.Div([saved_note(saved, lang)] if saved else [], id="plan-edit-message", className="mt-2"),
    ]), className="shadow-sm mb-3 no-print", id="plan-edit")


def form_notes(values: plan_edit.FormValues, lock: str | None, lang: str) -> list:
    """What the form says above its fields: why the year is locked, or that the role cannot read it."""
    notes = []
    if lock:
        notes.append(dbc.Alert(lock, color="warning", className="py-2", id="plan-edit-locked"))
    if values.hidden:
        notes.append(dbc.Alert(_(lang, "Toto hodnocení není zveřejněné; jeho obsah vidí jen řídící "
                                       "skupina. Uložením ho přepíšete."), color="info",
                               className="py-2", id="plan-edit-hidden"))
    return notes


def saved_note(code: str, lang: str) -> dbc.Alert:
    """The note a saved evaluation leaves on the rebuilt page."""
    return dbc.Alert(_(lang, "Hodnocení opatření {code} uloženo.", code=code), color="success",
                     className="py-2", id="plan-edit-saved", dismissable=True)


def refused(messages: list[str], lang: str, alert_id: str = "plan-edit-refused") -> dbc.Alert:
    """A refused save or action: every reason, nothing lost of what was typed."""
    return dbc.Alert([html.Strong(_(lang, "Neuloženo:")),
                      html.Ul([html.Li(m) for m in messages], className="mb-0")],
                     color="danger", className="py-2", id=alert_id)
