"""Small shared components: demo badge, KPI card, export links, empty state."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.exports import export_url, file_name
from dashboard.figures.style import status_style
from dashboard.i18n import _


def demo_badge(lang: str) -> dbc.Badge:
    """The mark every demo figure carries."""
    return dbc.Badge(_(lang, "DEMO"), color="warning", text_color="dark",
                     className="ms-1 demo-badge", title=_(lang, "Údaje označené DEMO jsou vygenerovaná "
                                                                "ukázková data, ne skutečné hodnoty."))


def status_badge(label: str, status: str | None, class_name: str = "",
                 badge_id: str | None = None) -> dbc.Badge:
    """A status in its colour from the one status palette, as the charts show it."""
    style = status_style(status)
    return dbc.Badge(label, color=style["background"], className=class_name, id=badge_id or "",
                     style={"color": style["color"]})


def kpi_card(title: str, value: str, note: object = None, card_id: str | None = None,
             demo: bool = False, lang: str = "cs") -> dbc.Card:
    """A headline figure with its label and an optional note underneath."""
    header = [title, demo_badge(lang)] if demo else [title]
    body = [html.Div(header, className="text-muted small"),
            html.Div(value, className="fs-5 fw-semibold kpi-value text-nowrap")]
    if note:
        body.append(html.Div(note, className="small text-muted"))
    return dbc.Card(dbc.CardBody(body), className="h-100 shadow-sm", id=card_id or "")


def export_links(name: str, lang: str, params: Mapping[str, object] | None = None,
                 link_id: str | None = None) -> html.Div:
    """Download links (CSV, XLSX) for a registered export dataset."""
    prefix = link_id or f"export-{name}"
    # The file comes in the page's language, whatever the cookie says when it is fetched.
    params = {**(params or {}), "lang": lang}
    return html.Div([
        html.Small(_(lang, "Stáhnout data:"), className="text-muted me-2"),
        html.A(_(lang, "CSV"), href=export_url(name, "csv", params), id=f"{prefix}-csv",
               className="btn btn-sm btn-outline-secondary me-1",
               download=file_name(name, "csv", lang)),
        html.A(_(lang, "XLSX"), href=export_url(name, "xlsx", params), id=f"{prefix}-xlsx",
               className="btn btn-sm btn-outline-secondary", download=file_name(name, "xlsx", lang)),
    ], className="d-flex align-items-center justify-content-end my-1 export-links")


def empty_state(message: str, hint: str | None = None, state_id: str | None = None) -> dbc.Alert:
    """Says what is missing and how to load it, instead of an empty chart."""
    children = [html.Strong(message)]
    if hint:
        children += [html.Br(), html.Span(hint)]
    return dbc.Alert(children, color="secondary", className="my-2", id=state_id or "")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The texts a dropdown shows itself (its search box, "select all" …) in ``lang``.

    Without them every dropdown's search box says "Search" on the Czech pages too.
    """
    return {"search": _(lang, "Hledat"), "clear_search": _(lang, "Vymazat hledání"),
            "select_all": _(lang, "Vybrat vše"), "deselect_all": _(lang, "Odznačit vše"),
            "clear_selection": _(lang, "Zrušit výběr"),
            "selected_count": _(lang, "vybráno: {num_selected}"),
            "no_options_found": _(lang, "Nic nenalezeno")}


def dropdown(lang: str, **props: object) -> dcc.Dropdown:
    """A dropdown whose own texts are in ``lang``."""
    return dcc.Dropdown(labels=dropdown_labels(lang), **props)
