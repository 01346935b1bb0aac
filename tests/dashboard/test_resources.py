"""The app's resources: the factory owns every engine, and a runaway query is stopped.

Nothing here measures time: the limit is set far below what the runaway query needs, and
the tests check what the stop looks like (the error, the page), on both databases.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import auth
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.db import EXTENSION_KEY, get_db
from dashboard.security import TOO_SLOW
from etl.database import make_engine, statement_timed_out

ROOT = Path(__file__).resolve().parents[2]

#: Counts to a billion, one row at a time: minutes of work on either database, and standard
#: SQL, so the same text runs on both.
RUNAWAY = sa.text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000) "
                  "SELECT count(*) FROM c")
LIMIT_MS = 50


def test_res001_a_runaway_statement_is_stopped_and_the_engine_goes_on(db_url: str) -> None:
    engine = make_engine(db_url, statement_timeout_ms=LIMIT_MS)
    try:
        with pytest.raises(sa.exc.DBAPIError) as stopped, engine.connect() as conn:
            conn.execute(RUNAWAY).scalar()
        assert statement_timed_out(stopped.value)
        with engine.connect() as conn:  # the next statement has its own time
            assert conn.execute(sa.text("SELECT count(*) FROM orp")).scalar() >= 0
            assert conn.execute(sa.text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


def test_res002_an_engine_without_a_limit_is_not_stopped(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            count = sa.text("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                            "WHERE x < 100000) SELECT count(*) FROM c")
            assert conn.execute(count).scalar() == 100_000
    finally:
        engine.dispose()


def test_res003_a_runaway_query_of_a_page_ends_in_an_error_page(db_url: str) -> None:
    app = create_app(Settings(database_url=db_url, secret_key="test-secret-key",
                              statement_timeout=LIMIT_MS / 1000))
    app.server.testing = False  # errors take the production path: friendly page, log
    app.server.add_url_rule("/test-runaway", "test_runaway",
                            lambda: str(get_db().scalar(RUNAWAY)))
    try:
        response = app.server.test_client().get("/test-runaway")
        assert response.status_code == 503
        assert TOO_SLOW[1] in response.get_data(as_text=True)
    finally:
        app.server.extensions[EXTENSION_KEY].engine.dispose()
        app.server.extensions[auth.WRITER_KEY].dispose()


def test_res004_the_app_factory_owns_every_engine(db_url: str) -> None:
    app = create_app(Settings(database_url=db_url, secret_key="test-secret-key"))
    try:
        reader = app.server.extensions[EXTENSION_KEY].engine
        store = app.server.extensions[auth.STORE_KEY]
        assert store.reader is reader and store.engine is app.server.extensions[auth.WRITER_KEY]
    finally:
        app.server.extensions[EXTENSION_KEY].engine.dispose()
        app.server.extensions[auth.WRITER_KEY].dispose()
    # and no other module of the dashboard makes one (the user and plan command lines run
    # without the app)
    makers = [path.name for path in sorted((ROOT / "dashboard").rglob("*.py"))
              if any(isinstance(node, ast.Name) and node.id == "make_engine"
                     for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert makers == ["app.py", "cli_plan.py", "cli_users.py"]
