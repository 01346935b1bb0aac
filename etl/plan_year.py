"""A plan's year as the steering group closes it: approved (locked) or a draft, with its history.

A steering member approves a plan's year ("Schválit vyhodnocení roku 2021"); from then
on no write changes that year's measure evaluations: a file load (``--replace`` too)
is rejected with a problem of rule ``period-locked`` (``etl.validate`` asks
``Catalog.locked_years``, read here) and so is an edit on the page, which is saved as
a load. An admin reopens a year with a reason. Every approval and reopening is kept
(``plan_year_event``); the latest one of a year is its state.

Approving and reopening queue behind loads (``serialise_writers``), and a load reads
the locks after it has queued: a load and an approval never both pass.
The web actions and ``python -m dashboard plan`` call ``approve`` and ``reopen``.

Approval also publishes: from then on the public reads the year's evaluations marked
public (the rule is ``etl.publication.published``), and a reopening takes them back. Both
rebuild the stored public aggregate (``measure_latest_public``) in their transaction, as a
load does, so that the ORP and target-group pages change with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from etl import schema as s
from etl.aggregates import refresh_measure_latest_public
from etl.database import serialise_writers
from etl.publication import APPROVE, REOPEN

LOCKED_RULE = "period-locked"
LOCAL_TIME = ZoneInfo("Europe/Prague")  # the time the people who approve live in


class PlanYearError(Exception):
    """An approval or reopening that cannot be done, with the reason in Czech and English."""

    def __init__(self, message_cs: str, message_en: str):
        super().__init__(message_en)
        self.message_cs = message_cs
        self.message_en = message_en

    def message(self, lang: str) -> str:
        """The reason in ``lang`` (``en``, else Czech)."""
        return self.message_en if lang == "en" else self.message_cs


@dataclass(frozen=True)
class Event:
    """One approval or reopening of a plan's year."""

    plan_key: str
    year: int
    action: str  # approve / reopen
    user: str
    at: dt.datetime  # aware, UTC
    reason: str | None = None


@dataclass(frozen=True)
class YearState:
    """Where a plan's year stands: its latest event (None: a draft never approved)."""

    plan_key: str
    year: int
    last: Event | None = None

    @property
    def approved(self) -> bool:
        """Whether the year is approved and its evaluations locked."""
        return self.last is not None and self.last.action == APPROVE


def aware(at: dt.datetime) -> dt.datetime:
    """A stored time as an aware UTC time (SQLite gives it back without its zone)."""
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at.astimezone(dt.UTC)


def local_time(at: dt.datetime) -> str:
    """``7.12.2026 3:20`` in Prague time, for messages in both languages."""
    local = aware(at).astimezone(LOCAL_TIME)
    return f"{local.day}.{local.month}.{local.year} {local.hour}:{local.minute:02d}"


def locked_message(plan_key: str, year: int, user: str, at: dt.datetime) -> tuple[str, str]:
    """Why a year's evaluations cannot change (Czech, English): who approved it and when."""
    when = local_time(at)
    return (f"vyhodnocení roku {year} plánu {plan_key} je schválené ({user}, {when}) a nelze ho "
            f"měnit; změny jsou možné až poté, co správce rok znovu otevře",
            f"the {year} evaluation of plan {plan_key} is approved ({user}, {when}) and cannot "
            f"change; changes are possible once an admin reopens the year")


def _events_query() -> sa.Select:
    e, p = s.plan_year_event, s.community_plan
    return (sa.select(p.c.key, e.c.year, e.c.action, e.c.user_name, e.c.at, e.c.reason)
            .join(p, p.c.id == e.c.plan_id))


def _event(row: sa.Row) -> Event:
    return Event(row.key, int(row.year), row.action, row.user_name, aware(row.at), row.reason)


def history(conn: sa.Connection, plan_key: str, year: int | None = None) -> list[Event]:
    """The approvals and reopenings of a plan (of one year), oldest first."""
    e, p = s.plan_year_event, s.community_plan
    query = _events_query().where(p.c.key == plan_key)
    if year is not None:
        query = query.where(e.c.year == year)
    return [_event(row) for row in conn.execute(query.order_by(e.c.id))]


def _latest(conn: sa.Connection, plan_key: str | None = None) -> list[Event]:
    """The latest event of every (plan, year) that has one (of one plan)."""
    e, p = s.plan_year_event, s.community_plan
    newest = sa.select(sa.func.max(e.c.id)).group_by(e.c.plan_id, e.c.year)
    query = _events_query().where(e.c.id.in_(newest.scalar_subquery()))
    if plan_key is not None:
        query = query.where(p.c.key == plan_key)
    return [_event(row) for row in conn.execute(query)]


def locked_years(conn: sa.Connection) -> dict[tuple[str, int], Event]:
    """Every approved (locked) plan year, with the approval that locked it."""
    return {(event.plan_key, event.year): event for event in _latest(conn) if event.action == APPROVE}


def evaluated_years(conn: sa.Connection, plan_key: str) -> list[int]:
    """The years a plan has measure evaluations of."""
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    return sorted(conn.scalars(sa.select(e.c.year).distinct().join(m, m.c.id == e.c.measure_id)
                               .join(p, p.c.id == m.c.plan_id).where(p.c.key == plan_key)))


def year_states(conn: sa.Connection, plan_key: str) -> dict[int, YearState]:
    """Each year of a plan that is evaluated or was ever approved, and its state."""
    latest = {event.year: event for event in _latest(conn, plan_key)}
    years = sorted(set(evaluated_years(conn, plan_key)) | set(latest))
    return {year: YearState(plan_key, year, latest.get(year)) for year in years}


def year_state(conn: sa.Connection, plan_key: str, year: int) -> YearState:
    """The state of one plan year."""
    latest = [event for event in _latest(conn, plan_key) if event.year == year]
    return YearState(plan_key, year, latest[0] if latest else None)


def _plan_id(conn: sa.Connection, plan_key: str) -> int:
    plan_id = conn.scalar(sa.select(s.community_plan.c.id).where(s.community_plan.c.key == plan_key))
    if plan_id is None:
        raise PlanYearError(f"plán {plan_key} neexistuje", f"there is no plan {plan_key}")
    return plan_id


def _record(conn: sa.Connection, plan_id: int, year: int, action: str, user: str,
            at: dt.datetime, reason: str | None) -> None:
    conn.execute(s.plan_year_event.insert().values(plan_id=plan_id, year=year, action=action,
                                                   user_name=user, at=at, reason=reason))


def _who(user: str) -> str:
    name = (user or "").strip()
    if not name:
        raise PlanYearError("chybí jméno toho, kdo rok schvaluje nebo otevírá",
                            "the name of who approves or reopens the year is missing")
    return name


def _approve(conn: sa.Connection, plan_key: str, year: int, user: str, at: dt.datetime) -> None:
    plan_id = _plan_id(conn, plan_key)
    state = year_state(conn, plan_key, year)
    if state.approved:
        cs, en = locked_message(plan_key, year, state.last.user, state.last.at)
        raise PlanYearError(f"rok už je schválený: {cs}", f"the year is approved already: {en}")
    if year not in evaluated_years(conn, plan_key):
        raise PlanYearError(f"plán {plan_key} nemá za rok {year} žádné hodnocení opatření; "
                            f"není co schválit",
                            f"plan {plan_key} has no measure evaluation for {year}; "
                            f"there is nothing to approve")
    _record(conn, plan_id, year, APPROVE, user, at, None)


def approve(engine: sa.Engine, plan_key: str, year: int, user: str,
            now: dt.datetime | None = None) -> YearState:
    """Approve a plan's year: its evaluations are locked, and those marked public published,
    from now on. The year must have evaluations and be a draft. Waits for a running load,
    like another load."""
    return approve_years(engine, [(plan_key, year)], user, now)[0]


def approve_years(engine: sa.Engine, years: list[tuple[str, int]], user: str,
                  now: dt.datetime | None = None) -> list[YearState]:
    """Approve each (plan, year) as ``approve`` does, all in one transaction (none when one
    cannot be), rebuilding the public aggregate once."""
    user = _who(user)
    at = now or dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        serialise_writers(conn)
        for plan_key, year in years:
            _approve(conn, plan_key, year, user, at)
        # the years' evaluations are published: the public totals follow now
        refresh_measure_latest_public(conn)
        return [year_state(conn, plan_key, year) for plan_key, year in years]


def reopen(engine: sa.Engine, plan_key: str, year: int, user: str, reason: str,
           now: dt.datetime | None = None) -> YearState:
    """Reopen an approved year (an admin's act, with a reason): its evaluations may change again."""
    user = _who(user)
    reason = (reason or "").strip()
    if not reason:
        raise PlanYearError("uveďte důvod, proč se rok znovu otevírá",
                            "give the reason for reopening the year")
    at = now or dt.datetime.now(dt.UTC)
    with engine.begin() as conn:
        serialise_writers(conn)
        plan_id = _plan_id(conn, plan_key)
        if not year_state(conn, plan_key, year).approved:
            raise PlanYearError(f"rok {year} plánu {plan_key} není schválený; není co otevírat",
                                f"the year {year} of plan {plan_key} is not approved; there is "
                                f"nothing to reopen")
        _record(conn, plan_id, year, REOPEN, user, at, reason)
        refresh_measure_latest_public(conn)  # its evaluations are taken back from the public
        return year_state(conn, plan_key, year)
