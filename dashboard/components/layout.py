"""The navigation bar (with the language switch) and the footer with the data credits."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

import dash_bootstrap_components as dbc
from dash import Output, dcc, html

from dashboard.i18n import N_, _

NAV_ITEMS = [
    ("/", N_("Přehled")), ("/projekty", N_("Projekty")), ("/indikatory", N_("Indikátory")),
    ("/orp", N_("ORP")), ("/cilove-skupiny", N_("Cílové skupiny")),
    ("/komunitni-plan", N_("Komunitní plán")), ("/data", N_("Data")),
]


#: Bootstrap breakpoint from which the whole menu shows in the bar (1200 px: the signed-in
#: menu fits one line from there); below it, ☰ opens it.
NAV_EXPAND = "xl"


def href(path: str, lang: str, **params: object) -> str:
    """An internal link that keeps the language (English adds ``lang=en``)."""
    query = {k: v for k, v in params.items() if v not in (None, "")}
    if lang == "en":
        query["lang"] = "en"
    return path + ("?" + urlencode(query) if query else "")


def page_address(component_id: str) -> dcc.Location:
    """The page's own handle on the address, for its filters to write their choice into.

    A callback whose output lies outside the part of the layout a page callback just drew
    runs as soon as its inputs appear there, ``prevent_initial_call`` or not: a filter writing
    the app's own location (``app-url``) cost every page a round of requests, and a repeat
    of the navigation bar, before it was ready. Written here, inside the page, the output
    belongs to the page and the filters wait for the visitor. ``callback-nav`` moves the
    browser to the new address without a reload; the app's locations follow it.
    """
    return dcc.Location(id=component_id, refresh="callback-nav")


def address_output(component_id: str) -> Output:
    """The output of a filter callback: the query string of ``page_address(component_id)`` (a
    page may have more than one such callback; each must prevent its initial call)."""
    return Output(component_id, "search", allow_duplicate=True)


def switch_language_href(pathname: str, search: str, lang: str) -> str:
    """The same address in the other language, every other filter kept."""
    query = {k: v[0] for k, v in parse_qs(search.lstrip("?")).items()}
    query["lang"] = "cs" if lang == "en" else "en"
    return pathname + "?" + urlencode(query)


def navbar(pathname: str, search: str, lang: str, extra: list | None = None) -> dbc.Navbar:
    """The top bar: brand, one link per page, the language switch, then ``extra`` items."""
    links = [
        dbc.NavItem(dbc.NavLink(_(lang, label), href=href(path, lang),
                                active=pathname == path or (path != "/" and pathname.startswith(path)),
                                id=f"nav-{path.strip('/') or 'home'}"))
        for path, label in NAV_ITEMS
    ]
    switch = dbc.NavItem(dbc.NavLink(_(lang, "English"), id="lang-switch",
                                     href=switch_language_href(pathname, search, lang),
                                     external_link=False, className="fw-semibold"))
    return dbc.Navbar(
        dbc.Container([
            dbc.NavbarBrand(_(lang, "KPSS Monitor"), href=href("/", lang)),
            # A plain button so that it can say whether the menu is open (aria-expanded);
            # NAV_TOGGLE in dashboard/app.py opens and closes the menu in the browser.
            html.Button(html.Span(className="navbar-toggler-icon"), id="nav-toggler", type="button",
                        className="navbar-toggler", **{"aria-controls": "nav-collapse",
                                                       "aria-expanded": "false",
                                                       "aria-label": _(lang, "Nabídka")}),
            # Closed until ☰ is pressed below the breakpoint; always shown above it. A new
            # address draws the bar again, so the menu closes after a link is followed.
            dbc.Collapse(dbc.Nav(links + [switch] + (extra or []), navbar=True,
                                 className="ms-auto kpss-nav"),
                         id="nav-collapse", navbar=True, is_open=False),
        ], fluid=True),  # the whole width: a signed-in admin's menu needs 1 260 px
        color="primary", dark=True, expand=NAV_EXPAND,
    )


def footer(lang: str) -> html.Footer:
    """Credits of the reference data and the demo note."""
    return html.Footer(
        dbc.Container([
            html.Small(_(lang, "Obyvatelstvo: © ČSÚ, SLDB 2021. Hranice ORP: © ČÚZK, RÚIAN (CC BY "
                               "4.0).")), html.Br(),
            html.Small(_(lang, "Údaje označené DEMO jsou vygenerovaná ukázková data, ne skutečné "
                               "hodnoty."), className="text-muted"),
        ], fluid="xl"),
        className="border-top mt-4 py-3 bg-light",
    )
