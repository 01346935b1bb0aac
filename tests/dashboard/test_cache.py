"""The shared cache: a load invalidates it (local cache, and Redis where it runs)."""

from __future__ import annotations

import datetime
import json
import os

import pytest
import redis

from dashboard.app import create_app
from dashboard.cache import cache, cache_key, data_version
from dashboard.config import Settings
from dashboard.db import get_db
from dashboard.queries.orp import orp_projects
from etl.database import make_engine
from etl.load import load_files

REDIS_URL = os.environ.get("KPSS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
NEW_PROJECT = (
    "registracni_cislo;nazev;orp;zahajeni;ukonceni\n"
    "CZ.03.2.63/0.0/0.0/16_063/0009999;Nový projekt po načtení;8119;1.1.2020;31.12.2021\n"
).encode()


def _redis_or_skip() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("KPSS_REQUIRE_POSTGRES") == "1":  # CI starts Redis beside PostgreSQL
            pytest.fail(f"Redis at {REDIS_URL} is not available: {exc}")
        pytest.skip(f"Redis at {REDIS_URL} is not available")
    return REDIS_URL


@pytest.mark.parametrize("store", ["local", "redis"])
def test_cch001_a_load_invalidates_cached_pages(seeded_db_url: str, store: str) -> None:
    redis_url = _redis_or_skip() if store == "redis" else None
    app = create_app(Settings(database_url=seeded_db_url, redis_url=redis_url))
    with app.server.app_context():
        cache.clear()
        db = get_db()
        before_version = data_version(db)
        before = orp_projects(db, "8119")
        assert "CZ.03.2.63/0.0/0.0/16_063/0009999" not in set(before["key"])
        # The result is in the cache under the current data version.
        assert cache.get(cache_key("orp-projects", before_version, ("8119",), {})) is not None
        writer = make_engine(seeded_db_url, writer=True)
        result = load_files(writer, blobs=[("projekty.csv", NEW_PROJECT)])
        writer.dispose()
        assert result.ok, result.problems
        assert data_version(db) > before_version
        after = orp_projects(db, "8119")
        assert "CZ.03.2.63/0.0/0.0/16_063/0009999" in set(after["key"])
        cache.clear()
    db.engine.dispose()


def test_cch002_a_load_invalidates_cached_page_layouts(seeded_db_url: str) -> None:
    """The rendered page is cached too; after a load the page shows the new data."""
    from bench.pages import page_body

    app = create_app(Settings(database_url=seeded_db_url))
    client = app.server.test_client()

    def render() -> dict:
        response = client.post("/_dash-update-component", data=page_body("/orp", "?kod=8119"),
                               headers={"Content-Type": "application/json",
                                        "Origin": "http://localhost"})
        assert response.status_code == 200
        return response.get_json()

    def shows_new_project(content: dict) -> bool:
        return "Nový projekt po načtení" in json.dumps(content, ensure_ascii=False)

    with app.server.app_context():
        cache.clear()
    before = render()
    assert not shows_new_project(before)
    assert render() == before
    with app.server.app_context():  # the rendered page is in the cache under the data version
        key = cache_key("layout:orp", data_version(get_db()),
                        (datetime.date.today().isoformat(), None), {"kod": "8119"})
        assert cache.get(key) is not None
    writer = make_engine(seeded_db_url, writer=True)
    assert load_files(writer, blobs=[("projekty.csv", NEW_PROJECT)]).ok
    writer.dispose()
    assert shows_new_project(render())
    with app.server.app_context():
        cache.clear()
    app.server.extensions["kpss_db"].engine.dispose()
