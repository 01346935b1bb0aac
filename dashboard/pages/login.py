"""/prihlaseni — sign-in form (a plain POST to /auth/login), or who is signed in and sign-out."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.auth import LOGIN_PATH, current_user, role_name, safe_next
from dashboard.i18n import _, language

dash.register_page(__name__, path=LOGIN_PATH, name="Přihlášení", title="KPSS Monitor – Přihlášení")





def error_message(code: object, wait: object, lang: str) -> str | None:
    """The message for an error code from the query string (unknown codes show nothing)."""
    if code == "neplatne":
        return _(lang, "Neplatné jméno nebo heslo.")
    if code == "pockejte":
        seconds = int(wait) if isinstance(wait, str) and wait.isdigit() and len(wait) < 6 else 1
        return _(lang, "Příliš mnoho neúspěšných pokusů. Zkuste to znovu za {s} s.").format(s=seconds)
    return None


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The sign-in form, or the signed-in user with a sign-out button."""
    lang = language(lang)
    user = current_user()
    if user is not None:
        return html.Div([
            html.H1(_(lang, "Přihlášení"), className="h3"),
            html.P([_(lang, "Jste přihlášeni jako"), " ", html.Strong(user.name, id="login-user"),
                    f" ({role_name(user.role, lang)})."], id="login-signed-in"),
            html.Form(html.Button(_(lang, "Odhlásit"), type="submit", id="login-signout",
                                  className="btn btn-outline-primary"),
                      action="/auth/logout", method="POST"),
        ])
    message = error_message(query.get("chyba"), query.get("za"), lang)
    form = html.Form([
        dcc.Input(type="hidden", name="next", value=safe_next(query.get("next"))),
        dbc.Label(_(lang, "Uživatelské jméno"), html_for="login-name"),
        dcc.Input(id="login-name", name="name", type="text", autoComplete="username",
                  required=True, maxLength=100, className="form-control mb-2"),
        dbc.Label(_(lang, "Heslo"), html_for="login-password"),
        dcc.Input(id="login-password", name="password", type="password",
                  autoComplete="current-password", required=True, className="form-control mb-3"),
        html.Button(_(lang, "Přihlásit"), type="submit", id="login-submit", className="btn btn-primary"),
    ], action="/auth/login", method="POST", id="login-form")
    return html.Div([
        html.H1(_(lang, "Přihlášení"), className="h3"),
        html.P(_(lang, "Přihlášení je pro editory dat, řídící skupinu a správce. Veřejné stránky přihlášení "
                       "nepotřebují."), className="text-muted"),
        dbc.Alert(message, color="danger", id="login-error") if message else None,
        dbc.Card(dbc.CardBody(form), className="shadow-sm", style={"maxWidth": "28rem"}),
    ])
