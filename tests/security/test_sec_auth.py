"""Sign-in, sign-out, sessions, the slowed brute force, the user store and its command line."""

from __future__ import annotations

import argparse
import functools
import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from dashboard import auth, cli_users
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.security import ConfigurationError, require_secret_key
from dashboard.users import UserError, UserStore
from etl import schema as s
from tests.security.conftest import PASSWORD, ROLE_USERS, sign_in

ROOT = Path(__file__).resolve().parents[2]


def role_of(client) -> str:  # noqa: ANN001
    """The role the server sees for this client (from the user menu of the navigation bar)."""
    response = client.get("/prihlaseni")
    assert response.status_code == 200
    from tests.security.callbacks import body, call, dependencies, location_values

    chrome = next(d for d in dependencies(client) if "app-navbar" in d["output"])
    text = call(client, body(chrome, location_values(chrome, "/", ""))).get_data(as_text=True)
    if "nav-signin" in text:
        return "anonymous"
    for role in ("editor", "steering", "admin"):
        if ROLE_USERS[role] in text:
            return role
    raise AssertionError(text[:500])


def test_sec010_sign_in_sets_a_hardened_session_cookie_and_goes_to_next(secure_app) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    response = sign_in(client, "EDITOR1", next_path="/nahrat")  # names are case-insensitive
    assert response.status_code == 303
    assert response.headers["Location"] == "/nahrat"
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert role_of(client) == "editor"
    assert client.get("/").headers["Cache-Control"] == "private, no-store"


def test_sec011_wrong_password_and_unknown_name_fail_alike(secure_app) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    wrong = sign_in(client, "editor1", "nesprávné-heslo")
    unknown = sign_in(client, "nikdo", PASSWORD)
    assert wrong.status_code == unknown.status_code == 303
    assert wrong.headers["Location"] == unknown.headers["Location"] == "/prihlaseni?chyba=neplatne"
    assert "Set-Cookie" not in wrong.headers
    assert role_of(client) == "anonymous"


def test_sec012_sign_out_ends_the_session(secure_app, client_as) -> None:  # noqa: ANN001
    client = client_as("steering")
    assert role_of(client) == "steering"
    response = client.post("/auth/logout")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert role_of(client) == "anonymous"


def test_sec012b_a_cookie_replayed_after_sign_out_is_anonymous(secure_app, client_as) -> None:  # noqa: ANN001
    client = client_as("steering")
    copied = client.get_cookie("session").value  # e.g. kept by an attacker or another tab
    assert role_of(client) == "steering"
    assert client.post("/auth/logout").status_code == 303
    replay = secure_app.server.test_client()
    replay.set_cookie("session", copied)
    assert role_of(replay) == "anonymous"
    assert "Cache-Control" not in replay.get("/").headers  # served as to anyone, not refreshed
    again = client_as("steering")  # signing in again starts a session that holds
    assert role_of(again) == "steering"
    assert role_of(replay) == "anonymous"


def test_sec012c_sessions_of_an_old_epoch_are_refused(engine: sa.Engine) -> None:
    store = UserStore(engine)
    user = store.add("odhlaseni", PASSWORD, "editor")
    assert store.get_by_session_id(user.get_id()) == user
    store.end_sessions(user.id)
    assert store.get_by_session_id(user.get_id()) is None
    renewed = store.get_by_name("odhlaseni")
    assert renewed.epoch == user.epoch + 1
    assert store.get_by_session_id(renewed.get_id()) == renewed
    for forged in (f"{user.id}.{user.stamp}", f"{user.id}.{user.stamp}.x", f"{user.id}.{user.stamp}.-1"):
        assert store.get_by_session_id(forged) is None


def test_sec013_sign_in_goes_only_to_local_pages() -> None:
    assert auth.safe_next("/nahrat?x=1") == "/nahrat?x=1"
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
                   "/a\r\nSet-Cookie: x=1", None, 5, "x" * 3000):
        assert auth.safe_next(target) == "/"


def test_sec014_repeated_failures_are_slowed(secure_app, clock) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    for _ in range(3):  # three free failures
        assert sign_in(client, "editor1", "špatně").headers["Location"].endswith("chyba=neplatne")
    # the fourth failure makes the next attempt wait one second
    assert sign_in(client, "editor1", "špatně").headers["Location"] == \
        "/prihlaseni?chyba=pockejte&za=1"
    # during the wait even the right password is refused, without being checked
    refused = sign_in(client, "editor1", PASSWORD)
    assert refused.headers["Location"] == "/prihlaseni?chyba=pockejte&za=1"
    assert role_of(client) == "anonymous"
    clock.advance(1)
    assert sign_in(client, "editor1", "špatně").headers["Location"].endswith("chyba=pockejte&za=2")
    clock.advance(2)
    assert sign_in(client, "editor1", PASSWORD).headers["Location"] == "/"
    assert role_of(client) == "editor"
    # a success forgets the failures
    client.post("/auth/logout")
    assert sign_in(client, "editor1", "špatně").headers["Location"].endswith("chyba=neplatne")


def test_sec015_the_wait_doubles_up_to_five_minutes() -> None:
    delays = [auth.NAME_THROTTLE.delay(n) for n in range(1, 15)]
    assert delays[:3] == [0, 0, 0]
    assert delays[3:8] == [1, 2, 4, 8, 16]
    assert max(delays) == 300 and delays[-1] == 300
    assert auth.ADDRESS_THROTTLE.delay(10) == 0 and auth.ADDRESS_THROTTLE.delay(11) == 1


def test_sec016_one_address_trying_many_names_is_slowed_too(secure_app, clock) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    for n in range(10):
        assert sign_in(client, f"jmeno{n}", "špatně").headers["Location"].endswith("neplatne")
    assert sign_in(client, "jmeno-dalsi", "špatně").headers["Location"].endswith("pockejte&za=1")
    assert sign_in(client, "editor1", PASSWORD).headers["Location"].endswith("pockejte&za=1")
    clock.advance(1)
    assert sign_in(client, "editor1", PASSWORD).headers["Location"] == "/"


def test_sec017_failures_older_than_the_window_are_forgotten(secure_app, clock) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    for _ in range(4):
        sign_in(client, "editor1", "špatně")
    clock.advance(2 * 3600)
    assert sign_in(client, "editor1", "špatně").headers["Location"].endswith("neplatne")


def test_sec018_cross_site_posts_are_refused(secure_app) -> None:  # noqa: ANN001
    client = secure_app.server.test_client()
    response = client.post("/auth/login", data={"name": "editor1", "password": PASSWORD},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    same = client.post("/auth/login", data={"name": "editor1", "password": PASSWORD},
                       headers={"Origin": "http://localhost"})
    assert same.status_code == 303 and same.headers["Location"] == "/"


def test_sec019_password_change_and_disabling_end_sessions(secure_app, client_as) -> None:  # noqa: ANN001
    store: UserStore = secure_app.server.extensions["kpss_users"]
    client = client_as("editor")
    store.set_password("editor1", "nové-heslo-456")
    assert role_of(client) == "anonymous"
    assert sign_in(client, "editor1", "nové-heslo-456").headers["Location"] == "/"
    store.set_active("editor1", False)
    assert role_of(client) == "anonymous"
    assert sign_in(client, "editor1", "nové-heslo-456").headers["Location"].endswith("neplatne")


def test_sec020_passwords_are_stored_only_hashed(engine: sa.Engine) -> None:
    store = UserStore(engine)
    store.add("Jana.Nova", "tajné-heslo-789", "steering")
    with engine.connect() as conn:
        row = conn.execute(sa.select(s.app_user)).mappings().one()
    assert row["name"] == "jana.nova" and row["role"] == "steering"
    assert "tajné" not in row["password_hash"] and row["password_hash"].startswith(("scrypt:", "pbkdf2:"))
    assert store.authenticate("jana.nova", "tajné-heslo-789").role == "steering"
    assert store.authenticate("jana.nova", "jiné-heslo-789") is None
    with pytest.raises(UserError):
        store.add("jana.nova", "tajné-heslo-789", "editor")
    with pytest.raises(UserError):
        store.add("petr", "krátké", "editor")
    with pytest.raises(UserError):
        store.add("petr", "dost-dlouhé-heslo", "superuser")
    with pytest.raises(UserError):
        store.add("<script>", "dost-dlouhé-heslo", "editor")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli_users.add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_sec021_users_command_reads_the_password_from_stdin_never_an_argument(engine) -> None:  # noqa: ANN001
    store = UserStore(engine)
    out = io.StringIO()
    assert cli_users.run(_parse(["users", "add", "pavel", "--role", "editor"]), store,
                         stdin=io.StringIO("heslo-ze-stdin-1\n"), out=out) == 0
    assert "added pavel (editor)" in out.getvalue()
    assert store.authenticate("pavel", "heslo-ze-stdin-1") is not None
    assert cli_users.run(_parse(["users", "passwd", "pavel"]), store,
                         stdin=io.StringIO("jine-heslo-ze-stdin\n"), out=out) == 0
    assert store.authenticate("pavel", "jine-heslo-ze-stdin") is not None
    assert cli_users.run(_parse(["users", "passwd", "pavel"]), store,
                         stdin=io.StringIO("kratke\n"), out=out) == 1
    assert cli_users.run(_parse(["users", "role", "pavel", "admin"]), store, out=out) == 0
    listing = io.StringIO()
    cli_users.run(_parse(["users", "list"]), store, out=listing)
    assert listing.getvalue() == "pavel\tadmin\n"
    with pytest.raises(SystemExit):  # there is no way to give a password as an argument
        _parse(["users", "add", "eva", "--role", "editor", "--password", "x"])


def test_sec022_prompt_asks_twice_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter(["heslo-jedna-11", "heslo-dva-2222"])
    with pytest.raises(UserError):
        cli_users.read_password(Tty(), prompt=lambda _text: next(answers))
    same = iter(["heslo-jedna-11", "heslo-jedna-11"])
    assert cli_users.read_password(Tty(), prompt=lambda _text: next(same)) == "heslo-jedna-11"


def test_sec023_no_secret_key_under_gunicorn_refuses_to_start() -> None:
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        require_secret_key({"SERVER_SOFTWARE": "gunicorn/23.0.0"})
    require_secret_key({"SERVER_SOFTWARE": "gunicorn/23.0.0", "SECRET_KEY": "k" * 64})
    for blank in ("", " ", "\t\n  "):
        with pytest.raises(ConfigurationError, match="SECRET_KEY"):
            require_secret_key({"SERVER_SOFTWARE": "gunicorn/23.0.0", "SECRET_KEY": blank})
        assert Settings.from_env({"SECRET_KEY": blank}).secret_key is None
    require_secret_key({})  # the development server makes a throwaway key


def test_sec024_dev_server_makes_a_throwaway_key_and_debug_is_off(db_url: str) -> None:
    app = create_app(Settings(database_url=db_url))
    assert len(app.server.config["SECRET_KEY"]) >= 32
    assert app.server.debug is False
    other = create_app(Settings(database_url=db_url))
    assert other.server.config["SECRET_KEY"] != app.server.config["SECRET_KEY"]
    blank = create_app(Settings(database_url=db_url, secret_key="   "))
    assert len(blank.server.config["SECRET_KEY"].strip()) >= 32


def test_sec025_gunicorn_without_secret_key_exits(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "SERVER_SOFTWARE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'kpss.sqlite'}"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    done = subprocess.run(
        [str(gunicorn), "dashboard.wsgi:server", "--bind", "127.0.0.1:0", "--workers", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "SECRET_KEY is not set" in done.stderr


def role_required(minimum: str) -> Callable:
    """A route decorator that runs ``auth.require_role(minimum)`` before the body: the check
    every route and callback makes."""
    def wrap(function: Callable) -> Callable:
        @functools.wraps(function)
        def checked(*args: object, **kwargs: object) -> object:
            auth.require_role(minimum)
            return function(*args, **kwargs)
        return checked
    return wrap


def test_sec026_routes_use_the_same_role_check(secure_app, client_as) -> None:  # noqa: ANN001
    @role_required(auth.STEERING)
    def internal_report() -> str:
        return f"report for {auth.current_role()}"

    secure_app.server.add_url_rule("/test-internal", "test_internal", internal_report)
    for role in ("anonymous", "editor", "steering", "admin"):
        response = client_as(role).get("/test-internal")
        if role in ("steering", "admin"):
            assert response.get_data(as_text=True) == f"report for {role}"
        else:
            assert response.status_code == 403
            assert "report" not in response.get_data(as_text=True)
    with secure_app.server.test_request_context("/"):
        assert auth.current_role() == "anonymous"  # no session: anonymous
    assert auth.current_role() == "anonymous"  # outside any request too
