"""What stands between the internet and the app: headers, limits, request checks, error pages.

- A Content-Security-Policy (scripts only from the app itself plus the hashes of
  Dash's own inline scripts), and the usual hardening headers.
- Session cookies Secure, HttpOnly, SameSite=Lax; a POST from another site is refused.
- ``MAX_CONTENT_LENGTH``: anything larger is refused with 413 before it is read.
- ``/_dash-update-component`` bodies are checked for shape, size and role before
  Dash sees them: an unknown callback or a malformed body is a 400, a callback
  needing a role the request lacks is a 403, never a traceback.
- Errors show a friendly page; the details go to the log only.

Uploaded files are checked by content in ``dashboard.upload_checks``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from urllib.parse import parse_qsl, urlsplit

import dash
from dash.exceptions import DependencyException
from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import auth, boundary_file
from dashboard.config import usable_secret_key
from dashboard.i18n import N_, _
from etl.database import lock_timed_out, statement_timed_out

DASH_CALLBACK_PATH = "/_dash-update-component"
# A callback body of ordinary pages is small; only callbacks touching these
# component ids (the upload page) may carry up to MAX_CONTENT_LENGTH.
CALLBACK_BODY_LIMIT = 256 * 1024
LARGE_BODY_PREFIXES = ("upload-",)
MAX_ID_LENGTH = 200
#: Public files the same for everyone: the browser may keep them whoever is signed in.
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/", "/_favicon.ico", boundary_file.PREFIX)


class ConfigurationError(RuntimeError):
    """The app cannot start safely with these settings."""


def require_secret_key(environ: Mapping[str, str] = os.environ) -> None:
    """Refuse to start under gunicorn (production) without a ``SECRET_KEY`` (or with only blanks).

    gunicorn puts ``SERVER_SOFTWARE=gunicorn/…`` into the environment before it
    loads the app; the development server does not, and makes a throwaway key.
    """
    under_gunicorn = "gunicorn" in environ.get("SERVER_SOFTWARE", "")
    if under_gunicorn and usable_secret_key(environ.get("SECRET_KEY")) is None:
        raise ConfigurationError(
            "SECRET_KEY is not set: sessions cannot be signed. Set SECRET_KEY to a long random "
            "value (e.g. python -c 'import secrets; print(secrets.token_hex(32))').")


# --- headers --------------------------------------------------------------------

def content_security_policy(script_hashes: list[str]) -> str:
    """The policy: everything from the app's own origin, inline scripts only by hash."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *script_hashes],
        # Dash, Plotly and AG Grid set styles from JavaScript; styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def _add_headers(app: dash.Dash) -> None:
    policy: list[str] = []

    @app.server.after_request
    def headers(response: Response) -> Response:
        if not policy:  # hashed once, after every page has registered its callbacks
            policy.append(content_security_policy(list(app.csp_hashes())))
        response.headers.setdefault("Content-Security-Policy", policy[0])
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:  # behind HTTPS (with KPSS_PROXY_COUNT when a proxy ends TLS)
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if auth.current_user() is not None and not request.path.startswith(STATIC_PREFIXES):
            # pages of a signed-in user may hold internal data: never stored by a shared cache
            response.headers["Cache-Control"] = "private, no-store"
        return response


# --- request checks ----------------------------------------------------------------

def _refuse(status: int, message: str) -> Response:
    return Response(message, status=status, mimetype="text/plain")


def cross_site(origin: str | None, host: str) -> bool:
    """True when a browser says the request comes from a page of another site."""
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc.lower() != host.lower()


def _id_text(component_id: object) -> str | None:
    """A component id as text for the role check; None when it is not an id at all."""
    if isinstance(component_id, str) and len(component_id) <= MAX_ID_LENGTH:
        return component_id
    if isinstance(component_id, dict) and len(component_id) <= 10:
        return str(component_id.get("type", ""))[:MAX_ID_LENGTH]
    return None


# Properties whose type the component fixes (Dash core, Plotly graphs, AG Grid): a request
# sending anything else was not made by the component, and is refused before a callback
# has to cope with it.
EVENT_PROPERTY_TYPES: dict[str, tuple[type, ...]] = {
    "n_clicks": (int,), "n_submit": (int,), "n_blur": (int,), "n_intervals": (int,),
    "clickData": (dict,), "hoverData": (dict,), "selectedData": (dict,),
    "relayoutData": (dict,), "restyleData": (list,), "clickAnnotationData": (dict,),
    "cellClicked": (dict,), "cellValueChanged": (list, dict), "selectedRows": (list,),
    "cellDoubleClicked": (dict,), "rowData": (list,), "virtualRowData": (list,),
}


def valid_event_value(prop: str, value: object) -> bool:
    """A component event property (clicks, graph selections, grid events) has its component's type."""
    expected = EVENT_PROPERTY_TYPES.get(prop)
    if expected is None or value is None:
        return True
    return isinstance(value, expected) and not (int in expected and isinstance(value, bool))


def valid_location_value(prop: str, value: object) -> bool:
    """An address part (dcc.Location's pathname, search, hash, href) is short text of its shape.

    Dash Pages' router fails on a pathname that is not a path; such a request
    is refused here as malformed instead.
    """
    if prop not in ("pathname", "search", "hash", "href") or value is None:
        return True
    if not isinstance(value, str) or len(value) > 4000:
        return False
    if prop == "pathname":
        return value.startswith("/")
    if prop == "search":
        return value == "" or (value.startswith("?") and not repeated_names(value))
    if prop == "hash":
        return value == "" or value.startswith("#")
    return not repeated_names(urlsplit(value).query)


def repeated_names(query: str) -> bool:
    """True when a query string names a parameter twice (``?plan=a&plan=b``).

    The pages read each parameter as one text, and their own links never repeat one;
    Dash would hand a list to the page, so such an address is refused as malformed.
    """
    names = [name for name, _ in parse_qsl(query.lstrip("?"), keep_blank_values=True)]
    return len(names) != len(set(names))


# A browser cannot send an integer beyond JavaScript's exact range; larger ones in a
# callback body are hand-made (e.g. a grid's startRow of 2**63, past SQL's bigint).
MAX_SAFE_INTEGER = 2 ** 53 - 1


def has_huge_integer(value: object) -> bool:
    """True when a JSON value holds an integer outside JavaScript's exact range, at any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_SAFE_INTEGER:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def registered_ids(output: str, spec: Mapping[str, object]) -> list[str]:
    """The component ids a registered callback touches, from its registration (not the request)."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    ids = [part.rpartition(".")[0] for part in parts]
    for item in list(spec.get("inputs", [])) + list(spec.get("state", [])):
        ids.append(item.get("id") if isinstance(item.get("id"), str) else str(item.get("id")))
    return [i if not i.startswith("{") else _pattern_type(i) for i in ids]


def _pattern_type(component_id: str) -> str:
    try:
        return str(json.loads(component_id).get("type", ""))
    except (ValueError, AttributeError):
        return component_id


def check_callback_body(body: object, known: Mapping[str, Mapping]) -> tuple[int, str] | None:
    """Why a callback request body is refused (status, message), or None when it may run.

    ``known`` maps each server-side callback's output text to its registration; the
    role a callback needs is judged from the registration, whatever ids the request names.
    """
    if not isinstance(body, dict):
        return 400, "malformed callback request"
    output = body.get("output")
    if not isinstance(output, str) or output not in known:
        return 400, "unknown callback"
    for part in ("inputs", "state", "outputs", "changedPropIds"):
        if part in body and not isinstance(body[part], list | dict):
            return 400, "malformed callback request"
    if not isinstance(body.get("inputs"), list):
        return 400, "malformed callback request"
    ids = []
    for part in ("inputs", "state", "outputs"):
        for item in _flat(body.get(part, [])):
            if not isinstance(item, dict) or not isinstance(item.get("property"), str):
                return 400, "malformed callback request"
            text = _id_text(item.get("id"))
            if text is None:
                return 400, "malformed callback request"
            ids.append(text)
    for item in _flat(body.get("inputs", []) + list(_flat(body.get("state", [])))):
        if not valid_location_value(item["property"], item.get("value")):
            return 400, "malformed address"
        if not valid_event_value(item["property"], item.get("value")):
            return 400, "malformed event"
        if has_huge_integer(item.get("value")):
            return 400, "malformed number"
    if not all(isinstance(p, str) for p in body.get("changedPropIds", [])):
        return 400, "malformed callback request"
    if not auth.callback_allowed(ids + registered_ids(output, known[output])):
        return 403, "sign in with a role that may do this"
    if not matches_registration(body, output, known[output]):
        return 400, "the request does not match the callback"
    return None


def _plain(prop: object) -> object:
    """A property without Dash's ``@hash`` suffix of duplicate outputs."""
    return prop.partition("@")[0] if isinstance(prop, str) else prop


def matches_registration(body: dict, output: str, spec: Mapping[str, object]) -> bool:
    """The request's inputs, state and outputs are the callback's own, in its order.

    Pattern-matching ids (``{"type": …, "index": MATCH}``) stand for many
    components and are compared by count only.
    """
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    registered_outputs = [tuple(p.rpartition(".")[::2]) for p in parts]
    sent_outputs = body.get("outputs", [])
    sent_outputs = sent_outputs if isinstance(sent_outputs, list) else [sent_outputs]
    pairs = [(registered_outputs, sent_outputs)]
    for part in ("inputs", "state"):
        registered = [(str(i.get("id")), i.get("property")) for i in spec.get(part, [])]
        sent = body.get(part, [])
        pairs.append((registered, sent if isinstance(sent, list) else [sent]))
    for registered, sent in pairs:
        if len(registered) != len(sent):
            return False
        for (component_id, prop), item in zip(registered, sent, strict=True):
            if component_id.startswith("{"):
                continue
            if not isinstance(item, dict) or item.get("id") != component_id \
                    or _plain(item.get("property")) != _plain(prop):
                return False
    return True


def _flat(items: object) -> Iterator[object]:
    if isinstance(items, list):
        for item in items:
            yield from _flat(item)
    else:
        yield items


def chunked_past_limit(read: int, content_length: int | None, limit: int | None) -> bool:
    """True when a body sent without a length (chunked) reached the limit: it was larger.

    Werkzeug stops reading such a body at ``MAX_CONTENT_LENGTH`` without raising, so the
    cut-off body would otherwise be judged as malformed (400) instead of too large (413).
    """
    return content_length is None and limit is not None and read >= limit


def _add_request_checks(app: dash.Dash) -> None:
    server = app.server

    @server.before_request
    def check() -> Response | None:
        if request.method not in ("GET", "HEAD", "OPTIONS") and cross_site(
                request.headers.get("Origin"), request.host):
            return _refuse(403, "cross-site request refused")
        if request.path != DASH_CALLBACK_PATH or request.method != "POST":
            return None
        raw = request.get_data(cache=True)  # bounded by MAX_CONTENT_LENGTH
        if chunked_past_limit(len(raw), request.content_length, server.config["MAX_CONTENT_LENGTH"]):
            return _refuse(413, "request too large")
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):  # RecursionError: nesting deeper than Python's stack
            return _refuse(400, "malformed callback request")
        # clientside callbacks are in the map too, with nothing to run on the server
        known = {output: spec for output, spec in app.callback_map.items() if "callback" in spec}
        refused = check_callback_body(body, known)
        if refused:
            return _refuse(*refused)
        ids = registered_ids(body["output"], known[body["output"]])
        large = any(i.startswith(LARGE_BODY_PREFIXES) for i in ids)
        if len(raw) > CALLBACK_BODY_LIMIT and not large:
            return _refuse(413, "request too large")
        return None


# --- error pages ---------------------------------------------------------------------

FRIENDLY = {
    400: N_("Požadavek nelze zpracovat."),
    403: N_("K této akci nemáte oprávnění. Přihlaste se."),
    404: N_("Stránka nenalezena."),
    405: N_("Tato metoda není povolena."),
    413: N_("Soubor nebo požadavek je příliš velký."),
    429: N_("Příliš mnoho pokusů, zkuste to za chvíli."),
    500: N_("Něco se pokazilo. Chyba byla zaznamenána."),
    503: N_("Databáze je právě zaneprázdněná načítáním dat; nic nebylo změněno. Zkuste to prosím "
            "za minutu."),
}
BUSY_RETRY_SECONDS = 60
#: What a page says when one of its queries ran past the time limit (``KPSS_STATEMENT_TIMEOUT``).
TOO_SLOW = N_("Dotaz na data trval příliš dlouho a byl ukončen. Zkuste užší výběr, nebo to zkuste "
              "později.")


def error_page(status: int, message: str | None = None) -> Response:
    """A short page in Czech and English (the request may not say which): ``message``, else
    that of ``status``; no details of the error."""
    message = message or FRIENDLY.get(status, FRIENDLY[500] if status >= 500 else FRIENDLY[400])
    cs, en = _("cs", message), _("en", message)
    if request.path.startswith(("/_dash", "/api/")):
        return Response(f"{status}: {en}", status=status, mimetype="text/plain")
    body = (f"<!doctype html><html lang=\"cs\"><head><meta charset=\"utf-8\">"
            f"<title>KPSS Monitor – {status}</title></head><body>"
            f"<h1>KPSS Monitor</h1><p>{cs}</p><p lang=\"en\">{en}</p>"
            f"<p><a href=\"/\">Přehled / Overview</a></p></body></html>")
    return Response(body, status=status, mimetype="text/html")


def _add_error_handlers(server: Flask) -> None:
    @server.errorhandler(Exception)
    def handle(error: Exception) -> Response:
        if isinstance(error, HTTPException):
            return error_page(error.code or 500)
        if isinstance(error, DependencyException):
            # Dash's answer to an unknown /_dash-component-suites/ path: a file not found
            return error_page(404)
        if lock_timed_out(error):  # a write that gave up on a load's lock (etl.database)
            current_app.logger.warning("database locked by a load: %s %s refused",
                                       request.method, request.path)
            response = error_page(503)
            response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
            return response
        if statement_timed_out(error):  # a query past its time limit (etl.database)
            current_app.logger.warning("query stopped after its time limit: %s %s",
                                       request.method, request.path)
            return error_page(503, TOO_SLOW)
        current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return error_page(500)


def init_app(app: dash.Dash, *, max_upload_bytes: int, cookie_secure: bool,
             proxy_count: int = 0) -> None:
    """Limits, cookie flags, request checks, headers and error pages on the app's server."""
    server = app.server
    server.debug = False
    if proxy_count > 0:
        # client address, scheme and host as the trusted proxies saw them: the throttle
        # counts real clients, and the same-site check compares the public host
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxy_count, x_proto=proxy_count,
                                   x_host=proxy_count)
    server.config.update(
        # base64 in a JSON callback body: 4/3 of the file, plus the rest of the body
        MAX_CONTENT_LENGTH=max_upload_bytes * 4 // 3 + 64 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=cookie_secure,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SECURE=cookie_secure,
        REMEMBER_COOKIE_SAMESITE="Lax",
        PROPAGATE_EXCEPTIONS=False,
        TRAP_HTTP_EXCEPTIONS=False,
    )
    _add_request_checks(app)
    _add_headers(app)
    _add_error_handlers(server)
