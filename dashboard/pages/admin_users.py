"""/uzivatele — an admin adds users, changes their roles, disables and enables them.

The same operations as ``python -m dashboard users``; passwords of existing users
are changed there. Everyone below ``admin`` gets a notice; the callback refuses
them itself (and the request guard before it).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html

from dashboard import auth
from dashboard.components.common import dropdown
from dashboard.components.layout import href
from dashboard.i18n import N_, _, language
from dashboard.users import ROLES, UserError, UserStore

dash.register_page(__name__, path="/uzivatele", name="Uživatelé", title="KPSS Monitor – Uživatelé")

auth.protect_ids("admin-users-", auth.ADMIN)





def _store() -> UserStore:
    return auth.user_store()


def _table(lang: str) -> dbc.Table:
    rows = [html.Tr([html.Td(u.name), html.Td(u.role),
                     html.Td(_(lang, "ano") if u.is_active else _(lang, "ne"))]) for u in _store().all()]
    head = html.Thead(html.Tr([html.Th(_(lang, label))
                               for label in (N_("Jméno"), N_("Role"), N_("Aktivní"))]))
    return dbc.Table([head, html.Tbody(rows)], size="sm", bordered=True, id="admin-users-list")


def _names() -> list[str]:
    return [u.name for u in _store().all()]


def layout(lang: str | None = None, **_query: str) -> html.Div:
    """The user list and forms for admins; a notice for everyone else."""
    lang = language(lang)
    heading = html.H1(_(lang, "Uživatelé"), className="h3")
    if not auth.has_role(auth.ADMIN):
        return html.Div([heading, dbc.Alert([
            html.Strong(_(lang, "Uživatele spravují jen správci.")), " ",
            html.A(_(lang, "Přihlásit se"), href=href(auth.LOGIN_PATH, lang, next="/uzivatele"))],
            color="secondary", id="admin-users-denied")])
    roles = [{"label": r, "value": r} for r in ROLES]
    add = dbc.Row([
        dbc.Col([dbc.Label(_(lang, "Jméno")), dcc.Input(id="admin-users-name", type="text",
                                                         maxLength=100, className="form-control")], md=3),
        dbc.Col([dbc.Label(_(lang, "Role")), dropdown(lang, id="admin-users-role", options=roles,
                                                            value="editor", clearable=False)], md=2),
        dbc.Col([dbc.Label(_(lang, "Počáteční heslo (nejméně 10 znaků)")), dcc.Input(
            id="admin-users-password", type="password", autoComplete="new-password",
            className="form-control")], md=4),
        dbc.Col(html.Button(_(lang, "Přidat uživatele"), id="admin-users-add", className="btn btn-primary "
                                                                                         "mt-4"),
                md=3),
    ], className="g-2 mb-3")
    edit = dbc.Row([
        dbc.Col([dbc.Label(_(lang, "Uživatel")), dropdown(lang,
            id="admin-users-target", options=_names(), clearable=True)], md=3),
        dbc.Col([dbc.Label(_(lang, "Role")), dropdown(lang, id="admin-users-newrole", options=roles,
                                                            value="editor", clearable=False)], md=2),
        dbc.Col([html.Button(_(lang, "Změnit roli"), id="admin-users-setrole",
                             className="btn btn-outline-primary mt-4 me-2"),
                 html.Button(_(lang, "Zakázat"), id="admin-users-disable",
                             className="btn btn-outline-danger mt-4 me-2"),
                 html.Button(_(lang, "Povolit"), id="admin-users-enable",
                             className="btn btn-outline-success mt-4")], md=7),
    ], className="g-2 mb-3")
    return html.Div([
        heading,
        dcc.Store(id="admin-users-lang", data=lang),
        html.Div(_table(lang), id="admin-users-table"),
        html.H2(_(lang, "Přidat uživatele"), className="h5 mt-3"), add,
        html.H2(_(lang, "Změnit roli"), className="h5 mt-3"), edit,
        html.Div(id="admin-users-message"),
        html.P(_(lang, "Heslo existujícího uživatele se mění příkazem python -m dashboard users passwd "
                       "JMÉNO."), className="text-muted small"),
    ])


def apply_action(store: UserStore, action: str, admin_name: str, values: dict[str, object]) -> str:
    """Carry out one admin action; the name it touched. ``UserError`` when refused."""
    def text(key: str) -> str:
        value = values.get(key)
        if not isinstance(value, str):
            raise UserError("missing or invalid value")
        return value

    if action == "admin-users-add":
        return store.add(text("name"), text("password"), text("role")).name
    target = text("target").lower()
    if target == admin_name and action in ("admin-users-disable", "admin-users-setrole"):
        raise UserError("self")
    if action == "admin-users-setrole":
        store.set_role(target, text("newrole"))
    else:
        store.set_active(target, action == "admin-users-enable")
    return target


@callback(Output("admin-users-table", "children"), Output("admin-users-message", "children"),
          Output("admin-users-target", "options"), Output("admin-users-password", "value"),
          Input("admin-users-add", "n_clicks"), Input("admin-users-setrole", "n_clicks"),
          Input("admin-users-disable", "n_clicks"), Input("admin-users-enable", "n_clicks"),
          State("admin-users-name", "value"), State("admin-users-role", "value"),
          State("admin-users-password", "value"), State("admin-users-target", "value"),
          State("admin-users-newrole", "value"), State("admin-users-lang", "data"),
          prevent_initial_call=True)
def manage(_add: object, _role: object, _disable: object, _enable: object, name: object,
           role: object, password: object, target: object, new_role: object,
           lang: object):  # noqa: ANN201 - Dash outputs
    """Add a user, change a role, disable or enable; the list and a message come back."""
    auth.require_role(auth.ADMIN)
    lang = lang if lang in ("cs", "en") else "cs"
    action = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
    if action not in ("admin-users-add", "admin-users-setrole", "admin-users-disable",
                      "admin-users-enable"):
        raise dash.exceptions.PreventUpdate
    values = {"name": name, "role": role, "password": password, "target": target,
              "newrole": new_role}
    try:
        touched = apply_action(_store(), action, auth.current_user().name, values)
    except UserError as exc:
        message = _(lang, "Sami sebe zakázat nebo si odebrat správu "
                          "nemůžete.") if str(exc) == "self" else str(exc)
        alert = dbc.Alert(message, color="danger", id="admin-users-result")
    else:
        done = _(lang, "Uživatel {name} přidán.", name=touched) if action == "admin-users-add" \
            else _(lang, "Uživatel {name} upraven.", name=touched)
        alert = dbc.Alert(done, color="success",
                          id="admin-users-result")
    return _table(lang), alert, _names(), ""
