"""The shared cache: a load invalidates it (local cache, and Redis where it runs)."""

from __future__ import annotations

import datetime
import json
import os

import pytest
import redis

from dashboard.app import create_app
from dashboard.cache import cache, cache_key, data_version, layout_key
from dashboard.cache_store import BoundedRedisCache, SizedCache
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
        key = layout_key("orp", data_version(get_db()), "cs", {"kod": "8119"})
        assert key == cache_key("layout:orp", data_version(get_db()),
                                (datetime.date.today().isoformat(), "cs"), {"kod": "8119"})
        assert cache.get(key) is not None
    writer = make_engine(seeded_db_url, writer=True)
    assert load_files(writer, blobs=[("projekty.csv", NEW_PROJECT)]).ok
    writer.dispose()
    assert shows_new_project(render())
    with app.server.app_context():
        cache.clear()
    app.server.extensions["kpss_db"].engine.dispose()


def test_cch007_an_approval_invalidates_cached_pages(seeded_db_url: str) -> None:
    """Approving a plan's year publishes its evaluations: the cached target-group page, which
    counts them, is rebuilt though no load ran."""
    from bench.pages import page_body
    from etl import plan_year

    app = create_app(Settings(database_url=seeded_db_url))
    client = app.server.test_client()

    def render() -> str:
        response = client.post("/_dash-update-component",
                               data=page_body("/cilove-skupiny", "?plan=demo-vzorov-kp"),
                               headers={"Content-Type": "application/json",
                                        "Origin": "http://localhost"})
        assert response.status_code == 200
        return json.dumps(response.get_json(), ensure_ascii=False)

    with app.server.app_context():
        cache.clear()
        before_version = data_version(get_db())
    before = render()
    assert render() == before  # served from the cache
    writer = make_engine(seeded_db_url, writer=True)
    plan_year.approve(writer, "demo-vzorov-kp", 2021, "jana")  # the demo's draft year
    writer.dispose()
    with app.server.app_context():
        assert data_version(get_db()) > before_version
    assert render() != before
    with app.server.app_context():
        cache.clear()
    app.server.extensions["kpss_db"].engine.dispose()


def _layout_keys(store: str) -> list[str]:
    """The cached pages' keys in the app's cache (local or Redis)."""
    backend = cache.cache
    if store == "redis":
        return [k.decode() for k in backend._read_client.scan_iter(f"{backend.key_prefix}q:layout:*")]
    return [k for k in backend._entries if k.startswith("q:layout:")]


def _render(client, pathname: str, search: str, cookie: str | None = None):  # noqa: ANN001, ANN202
    from bench.pages import page_body

    if cookie:
        client.set_cookie("kpss_lang", cookie)
    response = client.post("/_dash-update-component", data=page_body(pathname, search),
                           headers={"Content-Type": "application/json", "Origin": "http://localhost"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("store", ["local", "redis"])
def test_cch003_made_up_parameters_share_one_cached_page(seeded_db_url: str, store: str) -> None:
    redis_url = _redis_or_skip() if store == "redis" else None
    app = create_app(Settings(database_url=seeded_db_url, redis_url=redis_url))
    client = app.server.test_client()
    with app.server.app_context():
        cache.clear()
    first = _render(client, "/orp", "?junk=0")
    for n in range(1, 25):
        assert _render(client, "/orp", f"?junk={n}&x{n}=y") == first
    with app.server.app_context():
        assert len(_layout_keys(store)) == 1
    # what the page reads does make a page of its own: the region, and the language
    assert _render(client, "/orp", "?kraj=CZ080&junk=1") != first
    english = _render(client, "/orp", "?junk=0", cookie="en")  # the language from the cookie
    assert english != first
    assert _render(app.server.test_client(), "/orp", "") == first  # a Czech visitor after it
    with app.server.app_context():
        assert len(_layout_keys(store)) == 3
        cache.clear()
    app.server.extensions["kpss_db"].engine.dispose()


def test_cch004_a_page_gets_only_the_parameters_it_reads() -> None:
    from dashboard.cache import cached_layout

    seen: list[tuple] = []

    @cached_layout("test", reads=("kod", "obdobi"))
    def layout(lang: str | None = None, **query: str) -> str:
        seen.append((lang, query))
        return "page"

    layout("en", kod="8119", junk="1", obdobi=["a", "b"])
    layout(kod="1", obdobi="2021")
    assert seen == [("en", {"kod": "8119"}), ("cs", {"kod": "1", "obdobi": "2021"})]


def _fill(store, count: int, size: int) -> None:  # noqa: ANN001
    for n in range(count):
        assert store.set(f"k{n}", b"x" * size)


def test_cch005_the_local_cache_keeps_within_its_size_least_recently_used_out_first() -> None:
    store = SizedCache(max_bytes=100_000)
    _fill(store, 10, 9_000)
    assert store.get("k0") is not None  # k0 used again: k1 is now the least recent
    for n in range(10, 40):
        store.set(f"k{n}", b"x" * 9_000)
        assert store.size_bytes <= 100_000
    assert store.get("k1") is None and store.get("k39") is not None
    assert len(store) == 11  # entries of 9 003 bytes (value and key) under 100 000
    assert not store.set("huge", b"x" * 200_000) and store.get("huge") is None
    assert store.set("short", 1, timeout=1) and store.get("short") == 1
    store._entries["short"] = (1.0, store._entries["short"][1])  # expired long ago
    assert store.get("short") is None and not store.has("short")
    store.clear()
    assert store.size_bytes == 0 and len(store) == 0


def test_cch006_redis_keeps_within_its_size_whatever_its_maxmemory() -> None:
    client = redis.Redis.from_url(_redis_or_skip())
    client.flushdb()
    store = BoundedRedisCache(client, key_prefix="kpss-test:", max_bytes=100_000, default_timeout=60)
    _fill(store, 30, 9_000)
    held = sum(len(client.get(k) or b"") for k in client.scan_iter("kpss-test:k*"))
    assert store.size_bytes <= 100_000 and held <= 100_000
    assert store.get("k0") is None and store.get("k29") == b"x" * 9_000  # the oldest went first
    assert client.ttl("kpss-test:k29") > 0  # every entry expires on its own too
    store.set("k29", b"y" * 100)  # replacing an entry counts it once
    assert store.size_bytes < 100_000 - 8_000
    assert not store.set("huge", b"x" * 200_000) and store.get("huge") is None
    store.clear()
    assert store.size_bytes == 0 and not list(client.scan_iter("kpss-test:*"))
