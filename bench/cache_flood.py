"""Cache flood benchmark: how big the shared cache gets when an address is varied on purpose.

Renders the ORP page's content callback in-process (the Flask test client) on the seeded
demo database, with the local cache and with Redis, in three rounds:

- ``junk``: 1 500 requests for ``/orp?junk=N`` (a parameter the page does not read);
- ``read``: 1 500 requests for ``/orp?ukazatel=N`` (a parameter it reads, with made-up
  values: the page shows its default view, a full page, but every address is an entry
  of its own, so only the size bound holds the cache);
- the same ``read`` round with a small bound (``KPSS_BENCH_FLOOD_MB``, default 4 MB).

For each it records the cached pages, the bytes the cache counts (pickled values and
keys), for Redis also the bytes its values really take (``STRLEN``), and the time taken.
Writes ``bench/results/cache_flood.json``. Nothing here is a test: the figures are read
by people, never asserted.

Environment: ``KPSS_BENCH_FLOOD_REQUESTS`` (1 500), ``KPSS_BENCH_FLOOD_MB`` (4),
``KPSS_BENCH_REDIS_URL`` (redis://127.0.0.1:6379/14; flushed).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/etl.py would shadow the etl package: the project root goes first on the path.
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
REQUESTS = int(os.environ.get("KPSS_BENCH_FLOOD_REQUESTS", "1500"))
SMALL_MB = int(os.environ.get("KPSS_BENCH_FLOOD_MB", "4"))
REDIS_URL = os.environ.get("KPSS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def _database(folder: Path) -> str:
    from etl.database import make_engine
    from etl.provision import ensure_database

    url = f"sqlite:///{folder / 'flood.sqlite'}"
    engine = make_engine(url, writer=True)
    ensure_database(engine)
    engine.dispose()
    return url


def _redis_available() -> bool:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False
    return True


def _round(url: str, store: str, cache_mb: int, search: str) -> dict[str, object]:
    """``REQUESTS`` renders of /orp with ``search`` (``{n}`` replaced by the request's number)."""
    import redis

    from bench.pages import page_body
    from dashboard.app import create_app
    from dashboard.cache import cache
    from dashboard.config import Settings

    if store == "redis":
        redis.Redis.from_url(REDIS_URL).flushdb()
    app = create_app(Settings(database_url=url, redis_url=REDIS_URL if store == "redis" else None,
                              cache_mb=cache_mb))
    client = app.server.test_client()
    headers = {"Content-Type": "application/json", "Origin": "http://localhost"}
    with app.server.app_context():
        cache.clear()
    statuses: dict[int, int] = {}
    start = time.perf_counter()
    for n in range(REQUESTS):
        response = client.post("/_dash-update-component", data=page_body("/orp", search.format(n=n)),
                               headers=headers)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    seconds = time.perf_counter() - start
    with app.server.app_context():
        backend = cache.cache
        figures: dict[str, object] = {
            "store": store, "bound_mb": cache_mb, "search": search, "requests": REQUESTS,
            "statuses": statuses, "seconds": round(seconds, 1),
            "counted_bytes": backend.size_bytes,
            "counted_mb": round(backend.size_bytes / 1024 / 1024, 2),
        }
        if store == "redis":
            client_ = backend._read_client
            keys = list(client_.scan_iter(f"{backend.key_prefix}q:layout:*"))
            figures["layout_entries"] = len(keys)
            figures["stored_value_bytes"] = sum(client_.strlen(k) for k in client_.scan_iter(
                f"{backend.key_prefix}q:*"))
        else:
            figures["layout_entries"] = sum(1 for k in backend._entries if k.startswith("q:layout:"))
        cache.clear()
    app.server.extensions["kpss_db"].engine.dispose()
    return figures


def main() -> int:
    """Run the rounds and write ``bench/results/cache_flood.json``."""
    stores = ["local"] + (["redis"] if _redis_available() else [])
    results: dict[str, object] = {
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "note": "a shared machine, other work running; "
                            "the seeded demo database, not the large bench scale"},
        "rounds": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        url = _database(Path(folder))
        for store in stores:
            for cache_mb, search in ((64, "?junk={n}"), (64, "?ukazatel={n}"),
                                     (SMALL_MB, "?ukazatel={n}")):
                figures = _round(url, store, cache_mb, search)
                print(json.dumps(figures, ensure_ascii=False))
                results["rounds"].append(figures)  # type: ignore[union-attr]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "cache_flood.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
