"""Connecting to the warehouse and bringing its schema up to date.

SQLite by default (a file, no set-up); ``DATABASE_URL`` selects PostgreSQL
(``postgresql+psycopg://…``). SQLite runs in WAL mode so that readers are never
blocked by a load, and waits for the one writer instead of failing at once.

How long a writer waits for another one's lock is the engine's ``lock_wait_ms``:
a load queues behind another load (SQLite: up to ``SQLITE_BUSY_TIMEOUT_MS``;
PostgreSQL: without limit), while the web app's writes give up after a couple
of seconds, so that a request never hangs behind a long load (``lock_timed_out``
recognises that failure).

The web app's reading engine also bounds each statement (``statement_timeout_ms``): a
runaway query ends with an error (``statement_timed_out`` recognises it) instead of
holding a worker. PostgreSQL cancels it itself (``statement_timeout``); SQLite has no such
setting, so a progress handler interrupts a statement that has run past its deadline.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from etl import textfold

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "instance" / "kpss.sqlite"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url(environ: Mapping[str, str] = os.environ) -> str:
    """``DATABASE_URL``, or the default SQLite file under ``instance/``."""
    url = environ.get("DATABASE_URL")
    if url:
        # Heroku-style URLs name no driver; psycopg 3 is the driver here.
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        return url
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def make_engine(url: str | None = None, *, writer: bool = False,
                lock_wait_ms: int | None = None, statement_timeout_ms: int | None = None) -> sa.Engine:
    """An engine for ``url`` (default: ``database_url()``), with SQLite set up for concurrency.

    ``writer`` engines (the ETL) take SQLite's write lock when a transaction
    begins, so two loads queue instead of failing half-way; readers (the
    dashboard) begin deferred transactions and never wait for a load.
    ``lock_wait_ms`` bounds the wait for another writer's lock (default: SQLite
    ``SQLITE_BUSY_TIMEOUT_MS``, PostgreSQL no limit); past it a statement fails
    and ``lock_timed_out`` says so. ``statement_timeout_ms`` bounds how long one statement
    may run (default: no limit; ``statement_timed_out`` recognises the failure).
    """
    url = url or database_url()
    if url.startswith("sqlite"):
        path = sa.engine.make_url(url).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        wait_ms = SQLITE_BUSY_TIMEOUT_MS if lock_wait_ms is None else lock_wait_ms
        engine = sa.create_engine(url, connect_args={"timeout": wait_ms / 1000})
        sa.event.listen(engine, "connect",
                        lambda dbapi_connection, record: _sqlite_pragmas(dbapi_connection, wait_ms))
        # pysqlite's own transaction handling is switched off (isolation_level
        # None) and SQLAlchemy's begin issues BEGIN itself, so a load's
        # transaction really spans all its statements.
        begin = "BEGIN IMMEDIATE" if writer else "BEGIN"
        sa.event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
        if statement_timeout_ms is not None:
            _limit_sqlite_statements(engine, statement_timeout_ms)
        return engine
    settings = {"lock_timeout": lock_wait_ms, "statement_timeout": statement_timeout_ms}
    options = " ".join(f"-c {name}={int(ms)}" for name, ms in settings.items() if ms is not None)
    return sa.create_engine(url, pool_pre_ping=True,
                            **({"connect_args": {"options": options}} if options else {}))


#: How many SQLite virtual-machine steps pass between two looks at the clock: often enough
#: to stop within milliseconds of the deadline, rarely enough to cost nothing measurable.
PROGRESS_STEPS = 10_000
_DEADLINE = "kpss_statement_deadline"


def _limit_sqlite_statements(engine: sa.Engine, limit_ms: int) -> None:
    """Interrupt a statement of ``engine`` once it has run ``limit_ms`` (SQLite raises
    "interrupted"). The deadline is set when a statement starts and cleared when the
    connection ends its transaction or goes back to the pool, so that fetching a result's
    rows counts too but a connection held open between statements does not."""

    @sa.event.listens_for(engine, "connect")
    def handler(dbapi_connection, record) -> None:  # noqa: ANN001 - DB-API connection, pool record
        deadline = record.info[_DEADLINE] = [None]

        def over() -> int:
            return int(deadline[0] is not None and time.monotonic() > deadline[0])

        dbapi_connection.set_progress_handler(over, PROGRESS_STEPS)

    @sa.event.listens_for(engine, "before_cursor_execute")
    def start(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        conn.connection.info[_DEADLINE][0] = time.monotonic() + limit_ms / 1000

    def clear(dbapi_connection, record) -> None:  # noqa: ANN001
        if _DEADLINE in record.info:
            record.info[_DEADLINE][0] = None

    def clear_on_reset(dbapi_connection, record, reset_state) -> None:  # noqa: ANN001
        # the event's own signature: SQLAlchemy warns on every reset of another one
        clear(dbapi_connection, record)

    sa.event.listen(engine, "checkin", clear)
    sa.event.listen(engine, "reset", clear_on_reset)

    def clear_on(conn: sa.Connection) -> None:
        conn.connection.info[_DEADLINE][0] = None

    # before the transaction ends: COMMIT or ROLLBACK must never be the statement interrupted
    sa.event.listen(engine, "commit", clear_on)
    sa.event.listen(engine, "rollback", clear_on)


def statement_timed_out(error: BaseException) -> bool:
    """True when ``error`` is a statement stopped for running past its time limit."""
    cause = getattr(error, "orig", None) or error
    if isinstance(cause, sqlite3.OperationalError):
        return str(cause) == "interrupted"
    return getattr(cause, "sqlstate", None) == "57014"  # PostgreSQL query_canceled


def lock_timed_out(error: BaseException) -> bool:
    """True when ``error`` is a statement that gave up waiting for another writer's lock."""
    cause = getattr(error, "orig", None) or error
    if isinstance(cause, sqlite3.OperationalError):
        return "locked" in str(cause) or "busy" in str(cause)
    return getattr(cause, "sqlstate", None) == "55P03"  # PostgreSQL lock_not_available


# Any constant shared by every writer; PostgreSQL advisory locks are keyed by a number.
LOAD_LOCK_KEY = 0x4B505353  # "KPSS"


def serialise_writers(conn: sa.Connection) -> None:
    """Make concurrent loads (and approvals of a plan's year) queue, one after another, for the
    rest of the transaction.

    Two loads that touch the same keys would otherwise both see a key as new
    and the second would fail on the unique index (PostgreSQL, read committed);
    a load would check a year's lock before an approval commits. SQLite needs
    nothing here: the writer engine begins with BEGIN IMMEDIATE.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOAD_LOCK_KEY})


def _sqlite_pragmas(dbapi_connection, wait_ms: int) -> None:  # noqa: ANN001 - a DB-API connection
    dbapi_connection.isolation_level = None
    textfold.register(dbapi_connection)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(wait_ms)}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def alembic_config(url: str | None = None) -> Config:
    """Alembic's configuration for this project and database."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["url"] = url or database_url()
    return config


def migrate(engine: sa.Engine) -> None:
    """Create or upgrade the schema to the newest migration."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
