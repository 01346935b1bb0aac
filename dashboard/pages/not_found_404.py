"""Any unknown address: a 404 page that links home."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.layout import href
from dashboard.i18n import _, language

dash.register_page(__name__, path="/404", title="KPSS Monitor – 404")


def layout(lang: str | None = None, **_query: str) -> html.Div:
    """The not-found page."""
    lang = language(lang)
    return html.Div([
        html.H1(_(lang, "Stránka nenalezena"), className="h3", id="notfound-title"),
        html.P(_(lang, "Tato adresa neexistuje.")),
        html.A(_(lang, "Zpět na přehled"), href=href("/", lang), id="notfound-home",
               className="btn btn-primary"),
    ], className="py-5")
