"""/prihlaseni — sign-in form (a plain POST to /auth/login), or who is signed in and sign-out."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.auth import LOGIN_PATH, current_user, role_name, safe_next
from dashboard.i18n import language, translator

dash.register_page(__name__, path=LOGIN_PATH, name="Přihlášení", title="KPSS Monitor – Přihlášení")

TEXT = {
    "heading": ("Přihlášení", "Sign in"),
    "intro": ("Přihlášení je pro editory dat, řídící skupinu a správce. Veřejné stránky přihlášení "
              "nepotřebují.", "Signing in is for data editors, the steering group and admins. "
              "Public pages need no sign-in."),
    "name": ("Uživatelské jméno", "User name"), "password": ("Heslo", "Password"),
    "submit": ("Přihlásit", "Sign in"), "signout": ("Odhlásit", "Sign out"),
    "signed_in": ("Jste přihlášeni jako", "You are signed in as"),
    "neplatne": ("Neplatné jméno nebo heslo.", "Wrong user name or password."),
    "pockejte": ("Příliš mnoho neúspěšných pokusů. Zkuste to znovu za {s} s.",
                 "Too many failed attempts. Try again in {s} s."),
}


_t = translator(TEXT)


def error_message(code: object, wait: object, lang: str) -> str | None:
    """The message for an error code from the query string (unknown codes show nothing)."""
    if code == "neplatne":
        return _t("neplatne", lang)
    if code == "pockejte":
        seconds = int(wait) if isinstance(wait, str) and wait.isdigit() and len(wait) < 6 else 1
        return _t("pockejte", lang).format(s=seconds)
    return None


def layout(lang: str | None = None, **query: str) -> html.Div:
    """The sign-in form, or the signed-in user with a sign-out button."""
    lang = language(lang)
    user = current_user()
    if user is not None:
        return html.Div([
            html.H1(_t("heading", lang), className="h3"),
            html.P([_t("signed_in", lang), " ", html.Strong(user.name, id="login-user"),
                    f" ({role_name(user.role, lang)})."], id="login-signed-in"),
            html.Form(html.Button(_t("signout", lang), type="submit", id="login-signout",
                                  className="btn btn-outline-primary"),
                      action="/auth/logout", method="POST"),
        ])
    message = error_message(query.get("chyba"), query.get("za"), lang)
    form = html.Form([
        dcc.Input(type="hidden", name="next", value=safe_next(query.get("next"))),
        dbc.Label(_t("name", lang), html_for="login-name"),
        dcc.Input(id="login-name", name="name", type="text", autoComplete="username",
                  required=True, maxLength=100, className="form-control mb-2"),
        dbc.Label(_t("password", lang), html_for="login-password"),
        dcc.Input(id="login-password", name="password", type="password",
                  autoComplete="current-password", required=True, className="form-control mb-3"),
        html.Button(_t("submit", lang), type="submit", id="login-submit", className="btn btn-primary"),
    ], action="/auth/login", method="POST", id="login-form")
    return html.Div([
        html.H1(_t("heading", lang), className="h3"),
        html.P(_t("intro", lang), className="text-muted"),
        dbc.Alert(message, color="danger", id="login-error") if message else None,
        dbc.Card(dbc.CardBody(form), className="shadow-sm", style={"maxWidth": "28rem"}),
    ])
