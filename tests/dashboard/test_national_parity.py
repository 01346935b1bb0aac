"""The same national demo data gives the same numbers on SQLite and PostgreSQL.

Both backends are loaded once for the module (the ``national`` demo scale through
the ETL, as ``python -m etl demo --scale national`` does), then every page-level
query and every page's rendered content are compared between them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterator

import pandas as pd
import pytest

from bench.pages import page_body
from dashboard.app import create_app
from dashboard.cache import cache
from dashboard.config import Settings
from dashboard.db import Database
from dashboard.queries import indicators, orp, project, projects, target_groups
from etl.cli import run_demo
from etl.database import make_engine
from tests.conftest import REQUIRE_POSTGRES

TODAY = dt.date(2026, 11, 23)
PAGES = [
    ("/", ""), ("/projekty", ""), ("/projekty", "?kraj=CZ080&stav=finished"),
    ("/projekt", "?id=CZ.03.2.63/0.0/0.0/16_063/0900001"),
    ("/indikatory", "?kod=60000"), ("/indikatory", "?kod=80500"),
    ("/orp", ""), ("/orp", "?kraj=CZ064"), ("/orp", "?kod=8119"), ("/orp", "?kod=3203"),
    ("/cilove-skupiny", ""), ("/cilove-skupiny", "?plan=demo-8119-2"),
    ("/komunitni-plan", "?plan=demo-6201-1"),
]
QUERIES: dict[str, Callable[[Database], pd.DataFrame]] = {
    "orp comparison": lambda db: orp.comparison(db),
    "orp comparison CZ080": lambda db: orp.comparison(db, "CZ080"),
    "orp projects 8119": lambda db: orp.orp_projects(db, "8119"),
    "indicator progress": lambda db: indicators.progress(db, TODAY),
    "indicator options": project.indicator_options,
    "projects": lambda db: projects.projects(db, TODAY),
    "target groups": lambda db: target_groups.summary(db),
    "target-group measures": lambda db: target_groups.measures_with_status(db),
    "target-group mapping": lambda db: target_groups.mapping(db),
}


@pytest.fixture(scope="module")
def national(_backends: dict[str, object]) -> Iterator[dict[str, str]]:
    """URL per backend of a database with seed, demo and national demo data."""
    missing = [b for b in _backends.values() if isinstance(b, str)]
    if missing:
        if REQUIRE_POSTGRES:
            pytest.fail(missing[0])
        pytest.skip(missing[0])
    urls = {}
    for name, backend in _backends.items():
        url = backend.fresh_url(seeded=True)
        engine = make_engine(url, writer=True)
        try:
            assert run_demo(engine, "national", None).status == "loaded"
        finally:
            engine.dispose()
        urls[name] = url
    yield urls
    for name, url in urls.items():
        _backends[name].drop(url)


def _normalised(value: object) -> object:
    """JSON-like data with floats rounded to 9 significant digits (the last bits of a float
    sum may differ between the two databases; a shown figure never has that many)."""
    if isinstance(value, float):
        return value if not math.isfinite(value) or value == 0 else float(f"{value:.9g}")
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalised(v) for v in value]
    return value


@pytest.mark.parametrize("name", list(QUERIES))
def test_par001_queries_give_the_same_frames(national: dict[str, str], name: str) -> None:
    frames = {}
    for backend, url in national.items():
        db = Database(make_engine(url))
        try:
            frames[backend] = QUERIES[name](db)
        finally:
            db.engine.dispose()
    sqlite, postgres = frames["sqlite"], frames["postgresql"]
    assert len(sqlite) > 0
    assert list(sqlite.columns) == list(postgres.columns)
    assert _normalised(json.loads(sqlite.to_json(orient="records", date_format="iso"))) == \
        _normalised(json.loads(postgres.to_json(orient="records", date_format="iso")))


def _render(url: str) -> dict[str, object]:
    app = create_app(Settings(database_url=url))
    client = app.server.test_client()
    with app.server.app_context():
        cache.clear()
    rendered = {}
    for pathname, search in PAGES:
        response = client.post("/_dash-update-component", data=page_body(pathname, search),
                               headers={"Content-Type": "application/json",
                                        "Origin": "http://localhost"})
        assert response.status_code == 200, (pathname, search)
        rendered[pathname + search] = response.get_json()
    app.server.extensions["kpss_db"].engine.dispose()
    return rendered


def test_par002_pages_render_the_same_content(national: dict[str, str]) -> None:
    sqlite, postgres = _render(national["sqlite"]), _render(national["postgresql"])
    for page in sqlite:
        assert _normalised(sqlite[page]) == _normalised(postgres[page]), page
