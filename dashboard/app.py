"""The app factory: ``create_app(settings) -> Dash``. The engine is made here, once."""

from __future__ import annotations

import secrets
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html
from flask import Response, request

from dashboard import (
    api,
    auth,
    boundary_file,
    exports,
    layout_check,
    page_assets,
    reports,
    security,
    workbooks,
)
from dashboard.cache import init_cache
from dashboard.components.layout import footer, navbar
from dashboard.config import Settings, usable_secret_key
from dashboard.db import EXTENSION_KEY, Database
from dashboard.i18n import COOKIE, LANGUAGES
from etl.database import make_engine

PACKAGE_DIR = Path(__file__).parent


def create_app(settings: Settings | None = None) -> dash.Dash:
    """Build the Dash app for ``settings`` (default: from the environment)."""
    settings = settings or Settings.from_env()
    app = dash.Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PACKAGE_DIR / "pages"),
        assets_folder=str(PACKAGE_DIR / "assets"),
        serve_locally=True,
        # pages draw their components on navigation; ids are checked at start-up (layout_check)
        suppress_callback_exceptions=True,
        title="KPSS Monitor",
        update_title=None,
        compress=True,  # flask-compress: gzip/brotli for assets and callback responses
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    server = app.server
    server.config["SECRET_KEY"] = usable_secret_key(settings.secret_key) or secrets.token_hex(32)
    server.config["KPSS_SETTINGS"] = settings
    security.init_app(app, max_upload_bytes=settings.max_upload_mb * 1024 * 1024,
                      cookie_secure=settings.cookie_secure, proxy_count=settings.proxy_count)
    # every engine of the app is made here: the pages' reader, whose queries have a time
    # limit, and one writer for the user store and the upload page (SQLite queues writers;
    # a web request gives up on a load's lock after ``auth.WRITE_WAIT_MS``)
    reader = make_engine(settings.database_url,
                         statement_timeout_ms=round(settings.statement_timeout * 1000))
    writer = make_engine(settings.database_url, writer=True, lock_wait_ms=auth.WRITE_WAIT_MS)
    auth.init_app(server, writer=writer, reader=reader)
    server.extensions[EXTENSION_KEY] = Database(reader)
    init_cache(server, settings)
    server.register_blueprint(api.blueprint)
    server.register_blueprint(exports.blueprint)
    server.register_blueprint(workbooks.blueprint)
    server.register_blueprint(reports.blueprint)
    server.register_blueprint(boundary_file.blueprint)
    server.add_url_rule("/healthz", "healthz", lambda: Response("ok", mimetype="text/plain"))

    app.layout = html.Div([
        dcc.Location(id="app-url", refresh="callback-nav"),
        html.Div(id="app-navbar"),
        dbc.Container(dash.page_container, fluid="xl", className="py-3", id="app-main"),
        html.Div(id="app-footer"),
    ])
    _register_chrome_callback(app)
    _register_not_found(app)
    page_assets.init_app(app)
    layout_check.check(app)  # a mistyped component id fails here, not in a visitor's browser
    return app


#: Opens and closes the menu under ☰ (below the navbar's breakpoint) and says so to screen
#: readers; in the browser, as a click needs no server.
NAV_TOGGLE = """function (clicks, open) {
    var next = clicks ? !open : false;
    return [next, next ? 'true' : 'false'];
}"""


def page_paths() -> set[str]:
    """The addresses of the registered pages (without slashes at the ends); the 404 page's own
    address is not one: it is what an unknown address shows."""
    return {page["path"].strip("/") for page in dash.page_registry.values()
            if page["path"] != "/404"}


def _register_not_found(app: dash.Dash) -> None:
    # Dash answers every address with its page shell, 200 OK, and draws the 404 page in the
    # browser. The status is set here so that links checkers, crawlers and caches see 404.
    known: set[str] = set()

    @app.server.after_request
    def not_found_status(response: Response) -> Response:
        if request.endpoint not in ("/", "/<path:path>") or response.status_code != 200:
            return response
        if not known:  # read once, after every page has registered
            known.update(page_paths())
        if request.path.strip("/") not in known:
            response.status_code = 404
        return response


def _register_chrome_callback(app: dash.Dash) -> None:
    app.clientside_callback(NAV_TOGGLE, Output("nav-collapse", "is_open"),
                            Output("nav-toggler", "aria-expanded"),
                            Input("nav-toggler", "n_clicks"), State("nav-collapse", "is_open"))

    @app.callback(Output("app-navbar", "children"), Output("app-footer", "children"),
                  Input("app-url", "pathname"), Input("app-url", "search"))
    def chrome(pathname: str | None, search: str | None):  # noqa: ANN202 - Dash children
        from urllib.parse import parse_qs

        # hand-made requests may send anything: only text is an address
        pathname = pathname if isinstance(pathname, str) and len(pathname) <= 2000 else "/"
        search = search if isinstance(search, str) and len(search) <= 2000 else ""
        requested = parse_qs((search or "").lstrip("?")).get("lang", [None])[0]
        if requested in LANGUAGES:
            dash.callback_context.response.set_cookie(COOKIE, requested, samesite="Lax",
                                                      max_age=365 * 24 * 3600)
        from dashboard.i18n import language

        lang = language(requested)
        return (navbar(pathname or "/", search or "", lang,
                       extra=auth.user_menu(pathname or "/", lang, search or "")), footer(lang))
