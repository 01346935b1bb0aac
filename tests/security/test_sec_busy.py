"""A load holding the write lock: reads and sign-ins go on, writes give up soon with a clear 503.

The lock is real: another connection in a transaction that has written, as a
load's has (SQLite ``BEGIN IMMEDIATE``; PostgreSQL the loads' advisory lock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.database import lock_timed_out, make_engine, serialise_writers
from tests.security.callbacks import body, call, dependencies, location_values
from tests.security.conftest import PASSWORD, ROLE_USERS, sign_in
from tests.security.test_sec_admin import _press
from tests.security.test_sec_uploads import GOOD_ROW, _dry_run, _upload_calls, workbook


@contextmanager
def load_lock_held(url: str) -> Iterator[None]:
    """Hold the write lock of the database at ``url`` as a running load does."""
    engine = make_engine(url, writer=True)
    try:
        with engine.connect() as conn:
            transaction = conn.begin()
            serialise_writers(conn)
            conn.execute(s.load_run.insert().values(
                dataset="user", started_at=dt.datetime.now(dt.UTC), status="running",
                dry_run=False))
            _assert_locked(url)
            yield
            transaction.rollback()
    finally:
        engine.dispose()


def _assert_locked(url: str) -> None:
    """Another writer really cannot get in (else the tests below would prove nothing)."""
    other = make_engine(url, writer=True, lock_wait_ms=100)
    try:
        with pytest.raises(sa.exc.OperationalError) as refused, other.begin() as conn:
            serialise_writers(conn)
            conn.execute(s.login_throttle.delete())
        assert lock_timed_out(refused.value)
    finally:
        other.dispose()


def test_sec080_reads_and_sign_ins_go_on_while_a_load_holds_the_lock(
        secure_app, seeded_db_url: str, client_as) -> None:  # noqa: ANN001
    admin = client_as("admin")
    store = secure_app.server.extensions["kpss_users"]
    store.record_failure("name:editor1", dt.datetime.now(dt.UTC), lambda n: 0.0,
                         dt.timedelta(hours=1))  # a failure the next sign-in would reset
    with load_lock_held(seeded_db_url):
        projects = secure_app.server.test_client().get("/api/v1/projects")
        assert projects.status_code == 200 and len(projects.json) > 0
        editor = secure_app.server.test_client()
        signed_in = sign_in(editor, ROLE_USERS["editor"])
        assert signed_in.status_code == 303 and signed_in.headers["Location"] == "/"
        assert editor.get("/api/v1/projects").status_code == 200
        # a signed-in session is recognised (its user looked up) and the admin page reads users
        pages = next(d for d in dependencies(admin) if "_pages_content" in d["output"])
        page = call(admin, body(pages, location_values(pages, "/uzivatele", "")))
        assert page.status_code == 200 and "editor1" in page.get_data(as_text=True)


def test_sec081_failed_sign_ins_still_count_while_the_database_is_locked(
        secure_app, seeded_db_url: str) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    with load_lock_held(seeded_db_url):
        for _ in range(4):  # three free failures, the fourth blocks the name for a second
            failed = sign_in(client, ROLE_USERS["steering"], "spatne-heslo-123")
            assert "chyba=" in failed.headers["Location"]
        blocked = sign_in(client, ROLE_USERS["steering"], PASSWORD)
        assert "chyba=pockejte" in blocked.headers["Location"]
    # the lock gone, the throttle still holds until the wait has passed
    assert "chyba=pockejte" in sign_in(client, ROLE_USERS["steering"], PASSWORD).headers["Location"]


def test_sec082_writes_while_a_load_holds_the_lock_fail_with_a_clear_message(
        secure_app, seeded_db_url: str, client_as) -> None:  # noqa: ANN001
    admin, editor = client_as("admin"), client_as("editor")
    store = secure_app.server.extensions["kpss_users"]
    check, _confirm = _upload_calls(editor)
    sqlite = seeded_db_url.startswith("sqlite")
    with load_lock_held(seeded_db_url):
        added = _press(admin, "admin-users-add", name="marie", role="editor",
                       password="heslo-marie-1")
        if sqlite:  # one writer for the whole file
            assert added.status_code == 503
            assert "busy with a data load" in added.get_data(as_text=True)
            assert added.headers["Retry-After"] == "60"
        else:  # PostgreSQL: only loads queue behind a load; other writes go on
            assert added.status_code == 200
        dry_run = _dry_run(editor, check, [("projekty.xlsx", workbook([GOOD_ROW]))])
        assert dry_run.status_code == 200
        outputs = dry_run.json["response"]
        assert "zaneprázdněná" in str(outputs["upload-result"])
        assert outputs["upload-confirm"]["disabled"] is True
    if sqlite:
        assert store.get_by_name("marie") is None  # nothing half-done
        added = _press(admin, "admin-users-add", name="marie", role="editor",
                       password="heslo-marie-1")
        assert added.status_code == 200
    assert store.get_by_name("marie") is not None
