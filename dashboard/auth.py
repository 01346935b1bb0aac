"""Sign-in, sessions and roles: who is asking, and may they have this?

Roles, each including the ones before it: ``anonymous`` (public pages, public
evaluations and published data), ``editor`` (uploads files), ``steering``
(also internal comments and unpublished evaluations), ``admin`` (also manages
users). Every route and callback that serves more than public data asks
``require_role`` itself; hiding a component is not protection.

Repeated failed sign-ins are slowed: after a few failures of one user name
(or one client address) the next attempt is refused, without the password
being checked, until a wait has passed that doubles with every failure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
import flask_login
import sqlalchemy as sa
from dash import html
from flask import Flask, current_app, has_request_context, redirect, request, session
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

from dashboard.components.layout import href
from dashboard.i18n import N_, _
from dashboard.users import MAX_NAME_LENGTH, User, UserStore

ANONYMOUS, EDITOR, STEERING, ADMIN = "anonymous", "editor", "steering", "admin"
RANK = {ANONYMOUS: 0, EDITOR: 1, STEERING: 2, ADMIN: 3}
STORE_KEY = "kpss_users"
WRITER_KEY = "kpss_writer"
# A request that must write gives up on a load's lock after this, with a clear
# message (HTTP 503, or a problem on the upload page), instead of hanging.
WRITE_WAIT_MS = 2000
CLOCK_KEY = "kpss_clock"
LOGIN_PATH = "/prihlaseni"
SESSION_HOURS = 8

ROLE_NAMES = {"editor": N_("editor"), "steering": N_("řídící skupina"), "admin": N_("správce")}


def role_name(role: str, lang: str) -> str:
    """The role as people call it ("řídící skupina"), not its code ("steering")."""
    return _(lang, ROLE_NAMES[role]) if role in ROLE_NAMES else role


# --- the throttle policy ------------------------------------------------------

@dataclass(frozen=True)
class Throttle:
    """How failed sign-ins slow the next attempt: free failures, then a doubling wait."""

    free_failures: int
    base_seconds: float = 1.0
    max_seconds: float = 300.0
    window: dt.timedelta = dt.timedelta(hours=1)

    def delay(self, failures: int) -> float:
        """Seconds the next attempt waits after ``failures`` failures in the window."""
        if failures <= self.free_failures:
            return 0.0
        return min(self.base_seconds * 2 ** (failures - self.free_failures - 1), self.max_seconds)


NAME_THROTTLE = Throttle(free_failures=3)
ADDRESS_THROTTLE = Throttle(free_failures=10)


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in attempt."""

    user: User | None
    wait_seconds: float = 0.0  # > 0: refused without checking, try again after this


def throttle_keys(name: str, address: str | None) -> dict[str, Throttle]:
    """The throttle counters an attempt counts against: its user name and its client address."""
    name_key = "name:" + (name or "").strip().lower()[:MAX_NAME_LENGTH]
    return {name_key: NAME_THROTTLE, f"ip:{address or '-'}"[:200]: ADDRESS_THROTTLE}


def attempt_sign_in(store: UserStore, name: str, password: str, address: str | None,
                    now: dt.datetime) -> SignIn:
    """Check a name and password unless the throttle says wait; count failures."""
    keys = throttle_keys(name, address)
    wait = store.blocked_for(list(keys), now)
    if wait > 0:
        return SignIn(None, wait)
    user = store.authenticate(name, password)
    if user is None:
        for key, policy in keys.items():
            store.record_failure(key, now, policy.delay, policy.window)
        return SignIn(None, store.blocked_for(list(keys), now))
    store.reset_failures(list(keys))
    return SignIn(user)


# --- who is asking --------------------------------------------------------------

def current_user() -> User | None:
    """The signed-in user of this request, or None."""
    if not has_request_context() or not hasattr(current_app, "login_manager"):
        return None
    user = flask_login.current_user
    return user if getattr(user, "is_authenticated", False) else None


def current_role() -> str:
    """``anonymous``, ``editor``, ``steering`` or ``admin`` for this request."""
    user = current_user()
    return user.role if user is not None and user.role in RANK else ANONYMOUS


def has_role(minimum: str) -> bool:
    """True when this request's role is ``minimum`` or above."""
    return RANK[current_role()] >= RANK[minimum]


def require_role(minimum: str) -> None:
    """Refuse (HTTP 403) unless this request's role is ``minimum`` or above."""
    if not has_role(minimum):
        raise Forbidden()


# Component id prefixes whose callbacks need a role: the request guard refuses
# them before any callback runs (the callbacks check again themselves).
PROTECTED_PREFIXES: dict[str, str] = {}


def protect_ids(prefix: str, minimum: str) -> None:
    """Callbacks touching a component whose id starts with ``prefix`` need ``minimum``."""
    PROTECTED_PREFIXES[prefix] = minimum


def callback_allowed(component_ids: list[str]) -> bool:
    """True when this request may run a callback touching these component ids."""
    for component_id in component_ids:
        for prefix, minimum in PROTECTED_PREFIXES.items():
            if component_id.startswith(prefix) and not has_role(minimum):
                return False
    return True


def user_store() -> UserStore:
    """The running app's user store."""
    return current_app.extensions[STORE_KEY]


def _clock() -> dt.datetime:
    return current_app.extensions.get(CLOCK_KEY, lambda: dt.datetime.now(dt.UTC))()


# --- routes ---------------------------------------------------------------------

def safe_next(target: object) -> str:
    """A local path to go to after signing in; anything else (other sites, ``//``) is ``/``."""
    if not isinstance(target, str) or len(target) > 2000 or not target.startswith("/"):
        return "/"
    if target.startswith("//") or "\\" in target or any(ord(c) < 32 for c in target):
        return "/"
    return target


def _login() -> Response:
    name = request.form.get("name", "")[:MAX_NAME_LENGTH + 1]
    password = request.form.get("password", "")
    target = safe_next(request.form.get("next"))
    result = attempt_sign_in(user_store(), name, password, request.remote_addr, _clock())
    if result.user is None:
        query = {"chyba": "pockejte", "za": int(result.wait_seconds + 0.999)} \
            if result.wait_seconds > 0 else {"chyba": "neplatne"}
        if target != "/":
            query["next"] = target
        current_app.logger.warning("failed sign-in for %r from %s", name[:MAX_NAME_LENGTH],
                                   request.remote_addr)
        return redirect(f"{LOGIN_PATH}?{urlencode(query)}", code=303)
    session.clear()  # nothing from before the sign-in carries over
    session.permanent = True
    flask_login.login_user(result.user)
    current_app.logger.info("sign-in of %s (%s)", result.user.name, result.user.role)
    return redirect(target, code=303)


def _logout() -> Response:
    user = current_user()
    if user is not None:  # the cookie may have been copied: end it on the server too
        user_store().end_sessions(user.id)
    flask_login.logout_user()
    session.clear()
    return redirect("/", code=303)


def init_app(server: Flask, *, writer: sa.Engine, reader: sa.Engine,
             clock: Callable[[], dt.datetime] | None = None) -> None:
    """Sessions, the user loader and the sign-in/sign-out routes on ``server``.

    Both engines are the app factory's: ``writer`` (the user store's and the upload
    page's, waiting at most ``WRITE_WAIT_MS`` for a load's lock) and ``reader`` (the
    pages' engine), which answers the user lookups that run on every request of a
    signed-in user: they must never wait for a load's write lock.
    """
    server.config.update(PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=SESSION_HOURS))
    server.extensions[WRITER_KEY] = writer
    server.extensions[STORE_KEY] = UserStore(writer, reader)
    if clock is not None:
        server.extensions[CLOCK_KEY] = clock
    manager = flask_login.LoginManager()
    manager.session_protection = "basic"
    manager.init_app(server)

    @manager.user_loader
    def load_user(session_id: str) -> User | None:
        return user_store().get_by_session_id(session_id)

    server.add_url_rule("/auth/login", "auth_login", _login, methods=["POST"])
    server.add_url_rule("/auth/logout", "auth_logout", _logout, methods=["POST"])


# --- the user's corner of the navigation bar -----------------------------------

def sign_in_href(pathname: str, search: str = "") -> str:
    """The sign-in page, told to come back to this address with its query (``rok=2021``…)."""
    if pathname == LOGIN_PATH:
        return LOGIN_PATH
    query = search if search.startswith("?") and len(search) > 1 else ""
    target = safe_next(pathname + query)
    return LOGIN_PATH if target == "/" else f"{LOGIN_PATH}?{urlencode({'next': target})}"


def user_menu(pathname: str, lang: str, search: str = "") -> list:
    """Sign-in link, or the user's name and role with upload and sign-out."""
    user = current_user()
    if user is None:
        return [dbc.NavItem(dbc.NavLink(_(lang, "Přihlásit"), href=sign_in_href(pathname, search),
                                        id="nav-signin"))]
    items = [dbc.NavItem(html.Span(f"{user.name} ({role_name(user.role, lang)})",
                                   className="navbar-text text-light text-nowrap ms-lg-3", id="nav-user"))]
    if RANK[user.role] >= RANK[EDITOR]:
        items.insert(0, dbc.NavItem(dbc.NavLink(_(lang, "Nahrát data"), href=href("/nahrat", lang),
                                                id="nav-upload")))
    if user.role == ADMIN:
        items.insert(1, dbc.NavItem(dbc.NavLink(_(lang, "Uživatelé"), href=href("/uzivatele", lang),
                                                id="nav-users")))
    items.append(dbc.NavItem(html.Form(
        html.Button(_(lang, "Odhlásit"), type="submit", id="nav-signout",
                    className="btn btn-sm btn-outline-light ms-2"),
        action="/auth/logout", method="POST", className="d-inline")))
    return items
