"""Test databases: real SQLite files and real PostgreSQL databases, fresh for every test.

Database tests take the ``engine`` fixture (migrated, reference data loaded) or
``seeded_engine`` (also seed and demo data). Both run once per backend:
SQLite always; PostgreSQL at ``KPSS_TEST_POSTGRES_URL`` (default: the
project machines' server, ``postgresql+psycopg://postgres@127.0.0.1:5432/test``)
when it answers. ``KPSS_REQUIRE_POSTGRES=1`` (set by CI) turns an unreachable
server into a failure instead of a skip.

Each backend builds template databases once per session and copies them per
test (PostgreSQL ``CREATE DATABASE … TEMPLATE``, a file copy for SQLite), so
a fresh database costs milliseconds.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl.database import make_engine, migrate
from etl.provision import ensure_database
from etl.reference import load_reference

POSTGRES_URL = os.environ.get(
    "KPSS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("KPSS_REQUIRE_POSTGRES") == "1"


def _prepare(url: str, seeded: bool) -> None:
    engine = make_engine(url, writer=True)
    try:
        if seeded:
            ensure_database(engine)
        else:
            migrate(engine)
            load_reference(engine)
    finally:
        engine.dispose()


class SqliteBackend:
    """Template files in a session folder; each test gets a copy."""

    name = "sqlite"

    def __init__(self, folder: Path):
        self.folder = folder
        self.templates: dict[bool, Path] = {}

    def fresh_url(self, seeded: bool) -> str:
        if seeded not in self.templates:
            path = self.folder / f"template-{'seeded' if seeded else 'empty'}.sqlite"
            _prepare(f"sqlite:///{path}", seeded)
            self.templates[seeded] = path
        copy = self.folder / f"{uuid.uuid4().hex}.sqlite"
        shutil.copyfile(self.templates[seeded], copy)
        return f"sqlite:///{copy}"

    def drop(self, url: str) -> None:
        Path(sa.engine.make_url(url).database).unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresBackend:
    """Template databases on the server; each test gets ``CREATE DATABASE … TEMPLATE``."""

    name = "postgresql"

    def __init__(self, admin_url: str):
        self.admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        self.prefix = f"kpss_t{os.getpid()}"
        self.templates: dict[bool, str] = {}
        self.created: list[str] = []

    def _url(self, database: str) -> str:
        return self.admin.url.set(database=database).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"{suffix}')
        self.created.append(name)

    def fresh_url(self, seeded: bool) -> str:
        if seeded not in self.templates:
            name = f"{self.prefix}_tpl_{'seeded' if seeded else 'empty'}"
            self._create(name)
            _prepare(self._url(name), seeded)
            self.templates[seeded] = name
        name = f"{self.prefix}_{uuid.uuid4().hex[:12]}"
        self._create(name, self.templates[seeded])
        return self._url(name)

    def drop(self, url: str) -> None:
        name = sa.engine.make_url(url).database
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.created:
            self.created.remove(name)

    def close(self) -> None:
        for name in list(self.created):
            with self.admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


def _postgres_available() -> str | None:
    try:
        engine = sa.create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means the server is not usable
        return f"PostgreSQL at {POSTGRES_URL} is not available: {exc}"


@pytest.fixture(scope="session")
def _backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    backends: dict[str, object] = {"sqlite": SqliteBackend(tmp_path_factory.mktemp("sqlite"))}
    reason = _postgres_available()
    backends["postgresql"] = PostgresBackend(POSTGRES_URL) if reason is None else reason
    yield backends
    for backend in backends.values():
        if not isinstance(backend, str):
            backend.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, _backends: dict[str, object]):  # noqa: ANN201
    """The database backend under test; PostgreSQL skips (or fails in CI) when absent."""
    found = _backends[request.param]
    if isinstance(found, str):
        if REQUIRE_POSTGRES:
            pytest.fail(found)
        pytest.skip(found)
    return found


def _fresh(backend, seeded: bool) -> Iterator[str]:  # noqa: ANN001
    url = backend.fresh_url(seeded)
    yield url
    backend.drop(url)


@pytest.fixture
def db_url(backend) -> Iterator[str]:  # noqa: ANN001
    """URL of a fresh database with the schema and reference data."""
    yield from _fresh(backend, seeded=False)


@pytest.fixture
def seeded_db_url(backend) -> Iterator[str]:  # noqa: ANN001
    """URL of a fresh database with reference, seed and demo data."""
    yield from _fresh(backend, seeded=True)


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    """A writer engine on a fresh database with the schema and reference data."""
    engine = make_engine(db_url, writer=True)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded_engine(seeded_db_url: str) -> Iterator[sa.Engine]:
    """A writer engine on a fresh database with reference, seed and demo data."""
    engine = make_engine(seeded_db_url, writer=True)
    yield engine
    engine.dispose()


@pytest.fixture
def fresh_engines(backend) -> Iterator[Callable[[], sa.Engine]]:  # noqa: ANN001
    """Call for a writer engine on a fresh database of the backend under test, as often as needed."""
    made: list[tuple[str, sa.Engine]] = []

    def make() -> sa.Engine:
        url = backend.fresh_url(seeded=False)
        made.append((url, make_engine(url, writer=True)))
        return made[-1][1]
    yield make
    for url, engine in made:
        engine.dispose()
        backend.drop(url)


def table_snapshot(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: compare before and after to prove nothing changed."""
    from etl.schema import metadata

    snapshot = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(sa.select(table)).all()
            snapshot[table.name] = sorted(tuple(map(repr, r)) for r in rows)
    return snapshot
