"""The user store: users with hashed passwords and roles, and the failed sign-in counter.

Passwords are hashed with ``werkzeug.security`` (scrypt); the plain text is never
stored or logged. The throttle lives in the database so that every gunicorn
worker sees the same failures.

Looking a user up only reads (the reader engine: on SQLite a deferred
transaction, which a load's write lock never blocks), so signed-in pages and
sign-ins go on during a long load. Writes go through the writer engine and may
give up on a load's lock (``etl.database.lock_timed_out``). A failed sign-in
must still count then: it is kept in this process until the window passes, so
a load is no time to guess passwords freely; a successful sign-in whose reset
of the counters cannot be written leaves them to expire.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from etl import schema as s
from etl.database import lock_timed_out

ROLES = ("editor", "steering", "admin")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 100
NAME_CHARACTERS = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")
MAX_UNSAVED_FAILURES = 10_000  # throttle counters kept in memory while the database is locked

log = logging.getLogger(__name__)

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
    """Users and sign-in failures in the warehouse database.

    ``engine`` writes; ``reader`` (default: the same engine) answers the lookups.
    """

    def __init__(self, engine: sa.Engine, reader: sa.Engine | None = None):
        self.engine = engine
        self.reader = reader or engine
        # key → (failures, last failure, blocked until) not yet written: the database was locked
        self._unsaved: dict[str, tuple[int, dt.datetime, dt.datetime | None]] = {}

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
        with self.reader.connect() as conn:
            rows = conn.execute(sa.select(s.app_user).order_by(s.app_user.c.name)).mappings().all()
        return [self._user(r) for r in rows]

    def get_by_name(self, name: str) -> User | None:
        """The user called ``name`` (any case), or None."""
        try:
            name = normalise_name(name)
        except UserError:
            return None
        with self.reader.connect() as conn:
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
        with self.reader.connect() as conn:
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
            with self.reader.connect() as conn:
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
        with self.reader.connect() as conn:
            rows = conn.execute(sa.select(s.login_throttle.c.blocked_until)
                                .where(s.login_throttle.c.key.in_(keys))).all()
        until = [_aware(r.blocked_until) for r in rows if r.blocked_until]
        until += [self._unsaved[k][2] for k in keys if k in self._unsaved and self._unsaved[k][2]]
        return max([0.0, *((u - now).total_seconds() for u in until)])

    def record_failure(self, key: str, now: dt.datetime, delay_for: Callable[[int], float],
                       window: dt.timedelta) -> int:
        """Count one failure of ``key``; block it for ``delay_for(failures)`` seconds. Returns the count."""
        try:
            try:
                return self._record_failure(key, now, delay_for, window)
            except sa.exc.IntegrityError:  # another worker counted the first failure at once
                return self._record_failure(key, now, delay_for, window)
        except sa.exc.OperationalError as error:
            if not lock_timed_out(error):
                raise
            with self.reader.connect() as conn:
                row = conn.execute(sa.select(s.login_throttle).where(
                    s.login_throttle.c.key == key)).mappings().first()
            values = self._count(key, row, now, delay_for, window)
            self._keep_unsaved(key, values, now - window)
            log.warning("database locked: a failed sign-in is counted in this process only")
            return values["failures"]

    def _record_failure(self, key: str, now: dt.datetime, delay_for: Callable[[int], float],
                        window: dt.timedelta) -> int:
        table = s.login_throttle
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(table).where(table.c.key == key)).mappings().first()
            values = self._count(key, row, now, delay_for, window)
            if row is None:
                conn.execute(table.insert().values(key=key, **values))
            else:
                conn.execute(table.update().where(table.c.key == key).values(**values))
        self._unsaved.pop(key, None)  # written now, with what it held
        return values["failures"]

    def _count(self, key: str, row: sa.RowMapping | None, now: dt.datetime,
               delay_for: Callable[[int], float], window: dt.timedelta) -> dict[str, object]:
        """The throttle row of ``key`` after one more failure (stored and unsaved ones counted)."""
        earlier = [0]
        if row is not None and now - _aware(row["last_failure_at"]) <= window:
            earlier.append(row["failures"])
        unsaved = self._unsaved.get(key)
        if unsaved is not None and now - unsaved[1] <= window:
            earlier.append(unsaved[0])
        failures = max(earlier) + 1
        delay = delay_for(failures)
        return {"failures": failures, "last_failure_at": now,
                "blocked_until": now + dt.timedelta(seconds=delay) if delay else None}

    def _keep_unsaved(self, key: str, values: dict[str, object], expired: dt.datetime) -> None:
        if len(self._unsaved) >= MAX_UNSAVED_FAILURES:
            for old in [k for k, (_f, last, _b) in self._unsaved.items() if last < expired]:
                del self._unsaved[old]
        while len(self._unsaved) >= MAX_UNSAVED_FAILURES:
            del self._unsaved[next(iter(self._unsaved))]  # the oldest goes first
        self._unsaved[key] = (values["failures"], values["last_failure_at"], values["blocked_until"])

    def reset_failures(self, keys: list[str]) -> None:
        """Forget the failures of ``keys`` (after a successful sign-in).

        Only writes when there is something to forget, and gives up quietly on a
        load's lock: the counters then expire with their window.
        """
        for key in keys:
            self._unsaved.pop(key, None)
        table = s.login_throttle
        with self.reader.connect() as conn:
            if conn.execute(sa.select(table.c.key).where(table.c.key.in_(keys))).first() is None:
                return
        try:
            with self.engine.begin() as conn:
                conn.execute(table.delete().where(table.c.key.in_(keys)))
        except sa.exc.OperationalError as error:
            if not lock_timed_out(error):
                raise
            log.warning("database locked: sign-in failures are left to expire")


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they were stored as UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
