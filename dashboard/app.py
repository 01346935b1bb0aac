"""The app factory: ``create_app(settings) -> Dash``. The engine is made here, once."""

from __future__ import annotations

import secrets
from pathlib import Path

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, dcc, html
from flask import Response

from dashboard import api, auth, exports, security, workbooks
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
    reader = make_engine(settings.database_url)
    auth.init_app(server, settings.database_url, reader=reader)
    server.extensions[EXTENSION_KEY] = Database(reader)
    init_cache(server, settings)
    server.register_blueprint(api.blueprint)
    server.register_blueprint(exports.blueprint)
    server.register_blueprint(workbooks.blueprint)
    server.add_url_rule("/healthz", "healthz", lambda: Response("ok", mimetype="text/plain"))

    app.layout = html.Div([
        dcc.Location(id="app-url", refresh="callback-nav"),
        html.Div(id="app-navbar"),
        dbc.Container(dash.page_container, fluid="xl", className="py-3", id="app-main"),
        html.Div(id="app-footer"),
    ])
    _register_chrome_callback(app)
    return app


def _register_chrome_callback(app: dash.Dash) -> None:
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
                       extra=auth.user_menu(pathname or "/", lang)), footer(lang))
