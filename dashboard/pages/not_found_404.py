"""Any unknown address: a 404 page that links home."""

from __future__ import annotations

import dash
from dash import html

from dashboard.components.layout import href
from dashboard.i18n import language, t

dash.register_page(__name__, path="/404", title="KPSS Monitor – 404")


def layout(lang: str | None = None, **_query: str) -> html.Div:
    """The not-found page."""
    lang = language(lang)
    return html.Div([
        html.H1(t("notfound.title", lang), className="h3", id="notfound-title"),
        html.P(t("notfound.text", lang)),
        html.A(t("notfound.home", lang), href=href("/", lang), id="notfound-home",
               className="btn btn-primary"),
    ], className="py-5")
