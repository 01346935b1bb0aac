"""The user store: users with hashed passwords and roles, and the failed sign-in counter.

Passwords are hashed with ``werkzeug.security`` (scrypt); the plain text is never
stored or logged. The throttle lives in the database so that every gunicorn
worker sees the same failures.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from etl import schema as s

ROLES = ("editor", "steering", "admin")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 100
NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")

# Checked against when a name is unknown, so that a wrong name costs as much
# time as a wrong password and does not reveal which names exist.
_DUMMY_HASH = generate_password_hash("not a password of anyone")


class UserError(ValueError):
    """A user name, role or password that cannot be accepted (message in English)."""


@dataclass(frozen=True)
class User:
    """A user as the app sees it (never the password hash outside this module)."""

    id: int
    name: str
    role: str
    is_active: bool
    stamp: str  # changes with the password: signs every session of this user out
    epoch: int = 0  # raised by signing out: ends every session that began before

    # flask-login's user protocol
    @property
    def is_authenticated(self) -> bool:
        """Always true for a loaded user."""
        return True

    @property
    def is_anonymous(self) -> bool:
        """Never anonymous."""
        return False

    def get_id(self) -> str:
        """The session's user reference: id, password stamp and session epoch."""
        return f"{self.id}.{self.stamp}.{self.epoch}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def normalise_name(name: str) -> str:
    """A user name as stored: lower case, checked for length and characters."""
    if not isinstance(name, str):
        raise UserError("the user name must be text")
    name = name.strip().lower()
    if not name or len(name) > MAX_NAME_LENGTH or not set(name) <= NAME_CHARACTERS:
        raise UserError("a user name is 1–100 characters: letters a–z, digits, '.', '_', '-', '@'")
    return name


def check_password(password: str) -> str:
    """The password if it is acceptable, else ``UserError``."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")
    return password


def check_role(role: str) -> str:
    """The role if it is one of ``ROLES``, else ``UserError``."""
    if role not in ROLES:
        raise UserError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
    return role


class UserStore:
    """Users and sign-in failures in the warehouse database."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    # --- users -------------------------------------------------------------

    def add(self, name: str, password: str, role: str) -> User:
        """Create a user; ``UserError`` when the name exists or a value is refused."""
        name, role = normalise_name(name), check_role(role)
        hashed = generate_password_hash(check_password(password))
        now = _now()
        with self.engine.begin() as conn:
            if conn.execute(sa.select(s.app_user.c.id).where(s.app_user.c.name == name)).first():
                raise UserError(f"user {name!r} already exists")
            conn.execute(s.app_user.insert().values(
                name=name, password_hash=hashed, role=role, is_active=True,
                created_at=now, password_changed_at=now))
        user = self.get_by_name(name)
        assert user is not None
        return user

    def set_password(self, name: str, password: str) -> None:
        """Replace a user's password (their open sessions end)."""
        name = normalise_name(name)
        hashed = generate_password_hash(check_password(password))
        with self.engine.begin() as conn:
            done = conn.execute(s.app_user.update().where(s.app_user.c.name == name).values(
                password_hash=hashed, password_changed_at=_now())).rowcount
        if not done:
            raise UserError(f"no user {name!r}")

    def set_role(self, name: str, role: str) -> None:
        """Change a user's role."""
        name, role = normalise_name(name), check_role(role)
        with self.engine.begin() as conn:
            done = conn.execute(s.app_user.update().where(s.app_user.c.name == name)
                                .values(role=role)).rowcount
        if not done:
            raise UserError(f"no user {name!r}")

    def set_active(self, name: str, active: bool) -> None:
        """Enable or disable a user (a disabled user cannot sign in; sessions end)."""
        name = normalise_name(name)
        with self.engine.begin() as conn:
            done = conn.execute(s.app_user.update().where(s.app_user.c.name == name)
                                .values(is_active=active)).rowcount
        if not done:
            raise UserError(f"no user {name!r}")

    def end_sessions(self, user_id: int) -> None:
        """End every open session of a user (signing out): sessions hold the old epoch.

        The cookie is signed, not stored, so clearing it in one browser leaves a copy
        valid elsewhere; raising the epoch in the database is what makes it worthless.
        """
        with self.engine.begin() as conn:
            conn.execute(s.app_user.update().where(s.app_user.c.id == user_id)
                         .values(session_epoch=s.app_user.c.session_epoch + 1))

    def all(self) -> list[User]:
        """Every user, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(s.app_user).order_by(s.app_user.c.name)).mappings().all()
        return [self._user(r) for r in rows]

    def get_by_name(self, name: str) -> User | None:
        """The user called ``name`` (any case), or None."""
        try:
            name = normalise_name(name)
        except UserError:
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(s.app_user).where(s.app_user.c.name == name)).mappings().first()
        return self._user(row) if row else None

    def get_by_session_id(self, session_id: str) -> User | None:
        """The active user a session refers to (``id.stamp.epoch``), or None when it no longer holds."""
        if not isinstance(session_id, str) or len(session_id) > 64:
            return None
        user_id, _, rest = session_id.partition(".")
        stamp, _, epoch = rest.partition(".")
        if not user_id.isdigit() or not epoch.isdigit():
            return None
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(s.app_user).where(s.app_user.c.id == int(user_id))
                               ).mappings().first()
        if row is None or not row["is_active"] or _stamp(row["password_hash"]) != stamp \
                or row["session_epoch"] != int(epoch):
            return None
        return self._user(row)

    def authenticate(self, name: str, password: str) -> User | None:
        """The active user whose name and password match, else None (same cost either way)."""
        try:
            key = normalise_name(name)
        except UserError:
            key = None
        row = None
        if key is not None:
            with self.engine.connect() as conn:
                row = conn.execute(sa.select(s.app_user).where(s.app_user.c.name == key)
                                   ).mappings().first()
        if not isinstance(password, str) or len(password) > MAX_PASSWORD_LENGTH:
            password = ""
        hashed = row["password_hash"] if row is not None else _DUMMY_HASH
        matches = check_password_hash(hashed, password)
        if row is None or not matches or not row["is_active"]:
            return None
        return self._user(row)

    @staticmethod
    def _user(row: sa.RowMapping) -> User:
        return User(id=row["id"], name=row["name"], role=row["role"], is_active=row["is_active"],
                    stamp=_stamp(row["password_hash"]), epoch=row["session_epoch"])

    # --- the sign-in throttle ---------------------------------------------

    def blocked_for(self, keys: list[str], now: dt.datetime) -> float:
        """Seconds until any of ``keys`` may try to sign in again (0: now)."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(s.login_throttle.c.blocked_until)
                                .where(s.login_throttle.c.key.in_(keys))).all()
        waits = [(_aware(r.blocked_until) - now).total_seconds() for r in rows if r.blocked_until]
        return max([0.0, *waits])

    def record_failure(self, key: str, now: dt.datetime, delay_for: Callable[[int], float],
                       window: dt.timedelta) -> int:
        """Count one failure of ``key``; block it for ``delay_for(failures)`` seconds. Returns the count."""
        try:
            return self._record_failure(key, now, delay_for, window)
        except sa.exc.IntegrityError:  # another worker counted the first failure at the same time
            return self._record_failure(key, now, delay_for, window)

    def _record_failure(self, key: str, now: dt.datetime, delay_for: Callable[[int], float],
                        window: dt.timedelta) -> int:
        table = s.login_throttle
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(table).where(table.c.key == key)).mappings().first()
            failures = 1
            if row is not None and now - _aware(row["last_failure_at"]) <= window:
                failures = row["failures"] + 1
            delay = delay_for(failures)
            values = {"failures": failures, "last_failure_at": now,
                      "blocked_until": now + dt.timedelta(seconds=delay) if delay else None}
            if row is None:
                conn.execute(table.insert().values(key=key, **values))
            else:
                conn.execute(table.update().where(table.c.key == key).values(**values))
        return failures

    def reset_failures(self, keys: list[str]) -> None:
        """Forget the failures of ``keys`` (after a successful sign-in)."""
        with self.engine.begin() as conn:
            conn.execute(s.login_throttle.delete().where(s.login_throttle.c.key.in_(keys)))


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they were stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
