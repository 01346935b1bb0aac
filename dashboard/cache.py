"""The shared query cache, keyed by the data version so that a new load invalidates it.

Redis when ``REDIS_URL`` is set (shared by all gunicorn workers), otherwise a
cache local to the process; either holds at most ``KPSS_CACHE_MB`` (see
``dashboard.cache_store``). Every completed load creates a new load run, and every
approval or reopening of a plan's year (which publishes evaluations or takes them back)
a new ``plan_year_event``; the newest of both ids is the data version, and it is part of
every key, so results computed before a load or an approval are never served after it.

A cached page names the query parameters it reads; only those make its key, so
an address with made-up parameters is the same entry, not a new one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
from collections.abc import Callable, Mapping
from typing import TypeVar

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from flask_caching import Cache

from dashboard.cache_store import MAX_BYTES_KEY
from dashboard.config import Settings
from dashboard.db import Database
from etl import schema as s

T = TypeVar("T")
cache = Cache()


def init_cache(server: Flask, settings: Settings) -> None:
    """Attach the cache, bounded to ``settings.cache_mb``, to the Flask app."""
    if settings.redis_url:
        config = {"CACHE_TYPE": "dashboard.cache_store.BoundedRedisCache",
                  "CACHE_REDIS_URL": settings.redis_url, "CACHE_KEY_PREFIX": "kpss:"}
    else:
        config = {"CACHE_TYPE": "dashboard.cache_store.SizedCache"}
    config["CACHE_DEFAULT_TIMEOUT"] = settings.cache_timeout
    config[MAX_BYTES_KEY] = settings.cache_mb * 1024 * 1024
    cache.init_app(server, config=config)


def data_version(db: Database) -> tuple[int, int]:
    """The newest completed load's id and the newest approval's or reopening's (0 for none),
    read in one query."""
    loads = (sa.select(sa.func.coalesce(sa.func.max(s.load_run.c.id), 0))
             .where(s.load_run.c.status == "loaded", s.load_run.c.dry_run.is_(False))
             .scalar_subquery())
    events = sa.select(sa.func.coalesce(sa.func.max(s.plan_year_event.c.id), 0)).scalar_subquery()
    row = db.rows(sa.select(loads.label("load"), events.label("event")))[0]
    return int(row["load"] or 0), int(row["event"] or 0)


def cache_key(name: str, version: tuple[int, int], args: tuple, kwargs: dict) -> str:
    """A key naming the query, the data version and the arguments."""
    digest = hashlib.sha256(pickle.dumps((args, sorted(kwargs.items())))).hexdigest()[:24]
    return f"q:{name}:v{version[0]}.{version[1]}:{digest}"


def cached_query(name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a query function ``f(db, *args, **kwargs)`` inside a running app."""
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(function)
        def wrapper(db: Database, *args: object, **kwargs: object) -> T:
            if not has_app_context() or "cache" not in current_app.extensions:
                return function(db, *args, **kwargs)
            key = cache_key(name, data_version(db), args, kwargs)
            found = cache.get(key)
            if found is None:
                found = function(db, *args, **kwargs)
                cache.set(key, found)
            return found
        wrapper.uncached = function  # type: ignore[attr-defined]
        return wrapper
    return decorate


def page_args(reads: tuple[str, ...], query: Mapping[str, object]) -> dict[str, str]:
    """The parameters a page reads, from the query string: only those names, only text.

    A repeated name (a list from Dash) never gets here: the request guard refuses it.
    """
    return {name: value for name in reads if isinstance(value := query.get(name), str)}


def layout_key(name: str, version: tuple[int, int], lang: str, args: Mapping[str, str]) -> str:
    """The key of a cached page: its name, the data version, today's date, language and arguments."""
    return cache_key(f"layout:{name}", version, (dt.date.today().isoformat(), lang), dict(args))


def cached_layout(name: str, reads: tuple[str, ...] = ()) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Cache a public page's ``layout(lang, **query)``: the component tree, keyed by data
    version, today's date (statuses and elapsed time move with it), language and the
    query parameters named in ``reads``.

    ``reads`` is the one list of what the page reads from its address: the layout gets
    those parameters and no others (with or without a cache), so a parameter the page
    begins to read must be added here, and then it is part of the key too. Anything else
    in the address (``?junk=1``) leaves the key alone and cannot fill the cache.

    A warm page then costs one version query and an unpickle instead of unpickling the
    frames it reads and building the components again. Only for pages that look the
    same to every visitor: nothing signed-in users alone may see goes into the cache.
    """
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(function)
        def wrapper(lang: str | None = None, **query: object) -> T:
            from dashboard.i18n import language

            # the language as the page will resolve it (the parameter, else the cookie)
            lang, args = language(lang), page_args(reads, query)
            if not has_app_context() or "cache" not in current_app.extensions:
                return function(lang, **args)
            from dashboard.db import get_db

            key = layout_key(name, data_version(get_db()), lang, args)
            found = cache.get(key)
            if found is None:
                # this request gets the components; the cache keeps what Dash sends for them
                found = function(lang, **args)
                cache.set(key, plain_tree(found))
            return found
        return wrapper
    return decorate


def plain_tree(layout: object) -> object:
    """The layout as the JSON-ready dicts Dash would send for it (type, namespace, props).

    Read back from the cache, component objects and plotly figures would be rebuilt and
    validated again, then serialised again (most of a warm request's time); the dicts
    are sent as they are, and the browser receives exactly the same.
    """
    import json

    from dash._utils import to_json

    return json.loads(to_json(layout))
