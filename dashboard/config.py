"""Settings, in one place, from the environment. Each is documented in the README."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from etl.database import database_url
from etl.reference import REFERENCE_DIR

#: The ORP boundaries shipped with the project, so the ORP map works out of the box.
DEFAULT_BOUNDARY_FILE = REFERENCE_DIR / "orp_boundaries.geojson"

#: Every setting the app reads, with its meaning (the README lists the same; a test checks).
SETTINGS_DOC: dict[str, str] = {
    "DATABASE_URL": "database URL; default a SQLite file in instance/ "
                    "(PostgreSQL: postgresql+psycopg://user@host/db)",
    "PORT": "port of `make run` / `python -m dashboard serve` (default 8050)",
    "SECRET_KEY": "Flask session key; required under gunicorn (blanks only count as unset), "
                  "the dev server makes a throwaway one",
    "REDIS_URL": "Redis for the shared page cache (default: a cache local to each process)",
    "KPSS_BOUNDARY_FILE": "GeoJSON of ORP boundaries (property kod_orp) for the ORP map; default "
                          "the shipped data/reference/orp_boundaries.geojson (ČÚZK RÚIAN, CC BY 4.0); "
                          "a file that cannot be read leaves the ORP page with ranked bars",
    "KPSS_CACHE_TIMEOUT": "seconds a cached query result lives (default 300)",
    "KPSS_CACHE_MB": "largest size of the page and query cache in MB (default 64): per process for "
                     "the local cache, in all for Redis; the least recently used (Redis: oldest) "
                     "entries go first",
    "KPSS_MAX_UPLOAD_MB": "largest file an editor may upload, in MB (default 10; larger requests get 413)",
    "KPSS_COOKIE_SECURE": "1 (default): the session cookie is sent over HTTPS only; "
                          "0 for plain-HTTP development on another host than localhost",
    "KPSS_PROXY_COUNT": "number of reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host "
                        "headers are trusted (default 0); the sign-in throttle counts client addresses",
    "KPSS_STATEMENT_TIMEOUT": "seconds one database query of the pages may run before it is stopped and "
                              "the request answered with an error page (default 30)",
}


def usable_secret_key(value: str | None) -> str | None:
    """A ``SECRET_KEY`` that holds more than whitespace, else None (treated as not set).

    A key of blanks signs sessions that anyone can forge as easily as with no key.
    """
    return value if value and value.strip() else None


@dataclass(frozen=True)
class Settings:
    """The app's settings; ``from_env`` reads them, tests build them directly."""

    database_url: str
    port: int = 8050
    secret_key: str | None = None
    redis_url: str | None = None
    boundary_file: Path | None = DEFAULT_BOUNDARY_FILE  # None: ranked bars instead of the map
    cache_timeout: int = 300
    cache_mb: int = 64
    max_upload_mb: int = 10
    cookie_secure: bool = True
    proxy_count: int = 0
    statement_timeout: float = 30.0  # seconds; a runaway query is stopped, not waited for

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Settings from environment variables (see ``SETTINGS_DOC``)."""
        boundary = environ.get("KPSS_BOUNDARY_FILE")
        return cls(
            database_url=database_url(environ),
            port=int(environ.get("PORT", "8050")),
            secret_key=usable_secret_key(environ.get("SECRET_KEY")),
            redis_url=environ.get("REDIS_URL") or None,
            boundary_file=Path(boundary) if boundary else DEFAULT_BOUNDARY_FILE,
            cache_timeout=int(environ.get("KPSS_CACHE_TIMEOUT", "300")),
            cache_mb=int(environ.get("KPSS_CACHE_MB", "64")),
            max_upload_mb=int(environ.get("KPSS_MAX_UPLOAD_MB", "10")),
            cookie_secure=environ.get("KPSS_COOKIE_SECURE", "1") != "0",
            proxy_count=int(environ.get("KPSS_PROXY_COUNT", "0")),
            statement_timeout=float(environ.get("KPSS_STATEMENT_TIMEOUT", "30")),
        )
