"""The app over a seeded database with one user per role, and clients signed in as each.

The seed's demo evaluations carry the steering group's internal comments
(``INTERNAL``); here the unpublished evaluations also get a comment of their own
(``UNPUBLISHED``), so that a leak of either is seen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.users import UserStore
from etl import schema as s
from etl.database import make_engine

INTERNAL = "Interní poznámka řídící skupiny (demo)"
UNPUBLISHED = "Neveřejné hodnocení – test úniku"
MARKERS = (INTERNAL, UNPUBLISHED)
PASSWORD = "správné-heslo-123"
ROLE_USERS = {"editor": "editor1", "steering": "ridici1", "admin": "spravce1"}
ROLES = ("anonymous", "editor", "steering", "admin")
SEES_INTERNAL = ("steering", "admin")


class FakeClock:
    """A clock the test moves by hand (the sign-in throttle reads it)."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def prepare_database(url: str) -> None:
    """Users of every role, and a marked comment on every unpublished evaluation."""
    engine = make_engine(url, writer=True)
    try:
        store = UserStore(engine)
        for role, name in ROLE_USERS.items():
            store.add(name, PASSWORD, role)
        with engine.begin() as conn:
            conn.execute(s.measure_evaluation.update()
                         .where(s.measure_evaluation.c.is_public.is_(False))
                         .values(comment=UNPUBLISHED))
            internal = conn.execute(sa.select(sa.func.count()).select_from(s.measure_evaluation)
                                    .where(s.measure_evaluation.c.internal_comment.like(f"{INTERNAL}%"))
                                    ).scalar()
            hidden = conn.execute(sa.select(sa.func.count()).select_from(s.measure_evaluation)
                                  .where(s.measure_evaluation.c.comment == UNPUBLISHED)).scalar()
        # the markers are really in the database, or the leak tests would prove nothing
        assert internal > 0 and hidden > 0
    finally:
        engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    """The throttle's clock."""
    return FakeClock()


@pytest.fixture
def secure_app(seeded_db_url: str, clock: FakeClock):  # noqa: ANN201 - a Dash app
    """The dashboard over a seeded database with users, a secret key and a fake clock."""
    prepare_database(seeded_db_url)
    app = create_app(Settings(database_url=seeded_db_url, secret_key="test-secret-key",
                              max_upload_mb=1))
    app.server.extensions["kpss_clock"] = clock
    app.server.testing = False  # errors take the production path: friendly page, log
    yield app
    app.server.extensions["kpss_db"].engine.dispose()
    app.server.extensions["kpss_writer"].dispose()


def sign_in(client: FlaskClient, name: str, password: str = PASSWORD, next_path: str = "/"):  # noqa: ANN201
    """POST the sign-in form; the response (a redirect)."""
    return client.post("/auth/login", data={"name": name, "password": password, "next": next_path})


@pytest.fixture
def client_as(secure_app) -> Callable[[str], FlaskClient]:  # noqa: ANN001
    """``client_as(role)``: a test client signed in with that role (or anonymous)."""
    def make(role: str) -> FlaskClient:
        client = secure_app.server.test_client()
        if role != "anonymous":
            response = sign_in(client, ROLE_USERS[role])
            assert response.status_code == 303 and response.headers["Location"] == "/"
        return client
    return make


@pytest.fixture
def anonymous(client_as) -> Iterator[FlaskClient]:  # noqa: ANN001
    """An anonymous client."""
    yield client_as("anonymous")
