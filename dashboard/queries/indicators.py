"""Indicator targets and achievements (reported cumulative values), and each
project-indicator's progress."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from dashboard.db import Database
from domain.indicators import AT_RISK, SETTLED, settle, time_elapsed
from domain.projects import period_over, project_end, project_end_sql
from etl import schema as s


def targets(db: Database, indicator_code: str | None = None,
            project_key: str | None = None) -> pd.DataFrame:
    """Targets with their project's period and the indicator's name and unit."""
    return db.frame(targets_statement(indicator_code, project_key))


def targets_statement(indicator_code: str | None = None, project_key: str | None = None) -> sa.Select:
    """The statement behind ``targets``."""
    statement = (
        sa.select(
            s.project.c.id.label("project_id"), s.project.c.key, s.project.c.name,
            s.project.c.short_name, s.project.c.start_date, s.project.c.end_date,
            s.project.c.planned_end_date,
            s.indicator_target.c.indicator_code, s.indicator.c.name.label("indicator_name"),
            s.indicator.c.unit, s.indicator_target.c.baseline_value,
            s.indicator_target.c.target_value, s.indicator_target.c.target_date,
            s.indicator_target.c.description, s.indicator_target.c.source,
        )
        .join(s.project, s.project.c.id == s.indicator_target.c.project_id)
        .join(s.indicator, s.indicator.c.code == s.indicator_target.c.indicator_code)
        .order_by(s.project.c.key, s.indicator_target.c.indicator_code)
    )
    if indicator_code:
        statement = statement.where(s.indicator_target.c.indicator_code == indicator_code)
    if project_key:
        statement = statement.where(s.project.c.key == project_key)
    return statement


def indicator_achievements(db: Database, indicator_code: str | None = None,
                           project_key: str | None = None) -> pd.DataFrame:
    """Reported cumulative values, oldest first, with their lineage and demo flag."""
    statement = (
        sa.select(
            s.indicator_achievement.c.project_id, s.project.c.key,
            s.indicator_achievement.c.indicator_code, s.indicator_achievement.c.reported_on,
            s.indicator_achievement.c.achieved_value, s.indicator_achievement.c.report_label,
            s.indicator_achievement.c.source, s.indicator_achievement.c.is_demo,
            s.indicator_achievement.c.load_run_id, s.indicator_achievement.c.source_row,
        )
        .join(s.project, s.project.c.id == s.indicator_achievement.c.project_id)
        .order_by(s.indicator_achievement.c.project_id, s.indicator_achievement.c.indicator_code,
                  s.indicator_achievement.c.reported_on)
    )
    if indicator_code:
        statement = statement.where(s.indicator_achievement.c.indicator_code == indicator_code)
    if project_key:
        statement = statement.where(s.project.c.key == project_key)
    return db.frame(statement)


PROGRESS_COLUMNS = ["project_id", "key", "name", "short_name", "indicator_code", "indicator_name",
                    "unit", "target_value", "latest", "share_of_target", "projected", "elapsed",
                    "status", "is_demo", "start_date", "end_date", "planned_end_date",
                    "description"]


def progress_statement(indicator_code: str | None = None,
                       project_key: str | None = None) -> sa.Select:
    """Targets with where each stands, as the ETL keeps it (``indicator_progress``)."""
    ip = s.indicator_progress
    return (
        targets_statement(indicator_code, project_key)
        .add_columns(ip.c.latest_value.label("latest"), ip.c.share_of_target, ip.c.projected,
                     ip.c.status, ip.c.is_demo)
        .join(ip, sa.and_(ip.c.project_id == s.indicator_target.c.project_id,
                          ip.c.indicator_code == s.indicator_target.c.indicator_code))
    )


def status_on(today: dt.date) -> sa.ColumnElement:
    """``domain.indicators.settle`` in SQL: the kept status by the trend, or the result of a
    project whose period ended before ``today`` (the same ``SETTLED`` table; parity test:
    ``tests/dashboard/test_indicator_progress.py``, ``test_ipr004``)."""
    ip = s.indicator_progress
    end = project_end_sql(s.project.c.end_date, s.project.c.planned_end_date)
    over = sa.and_(end.is_not(None), end < today)
    return sa.case(*((sa.and_(over, ip.c.status == trend), result)
                     for trend, result in SETTLED.items()), else_=ip.c.status)


def _progress_frame(db: Database, statement: sa.Select, today: dt.date) -> pd.DataFrame:
    frame = db.frame(statement)
    if frame.empty:
        return pd.DataFrame(columns=PROGRESS_COLUMNS)
    # what moves with the day: the share of the project time gone by, and whether the
    # period is over (then the status is the result and there is no projection); a running
    # project with no actual end works to its planned end
    ends = [project_end(b, c) for b, c in zip(frame["end_date"], frame["planned_end_date"],
                                              strict=True)]
    frame["elapsed"] = [time_elapsed(a, end, today)
                        for a, end in zip(frame["start_date"], ends, strict=True)]
    over = [period_over(end, today) for end in ends]
    frame["status"] = [settle(status, end, today)
                       for status, end in zip(frame["status"], ends, strict=True)]
    frame["projected"] = [None if gone else value
                          for gone, value in zip(over, frame["projected"], strict=True)]
    frame["target_value"] = [None if v is None else float(v) for v in frame["target_value"]]
    frame["is_demo"] = frame["is_demo"].astype(bool)
    return frame[PROGRESS_COLUMNS]


# Not in the query cache: pickling these thousands of rows (Decimals, dates, lists)
# costs more than reading them; the pages that show them cache their layout.
def progress(db: Database, today: dt.date | None = None, indicator_code: str | None = None,
             project_key: str | None = None, period: str | None = None) -> pd.DataFrame:
    """One row per project and indicator: target, latest, % of target, projection, status;
    ``period``: only indicators of that programme period.

    The rule (``domain.indicators``) is applied by the ETL after each load
    (``indicator_progress``); ``tests/dashboard/test_indicator_progress.py`` applies it to the
stored series instead and holds the two to the same result.
    """
    statement = progress_statement(indicator_code, project_key)
    if period:
        statement = statement.where(s.indicator.c.period == period)
    return _progress_frame(db, statement, today or dt.date.today())


def status_counts(db: Database, period: str | None = None,
                  today: dt.date | None = None) -> dict[str, int]:
    """How many project indicators are in each status on ``today`` (of the indicators of
    ``period``): a finished project's indicators count by their result."""
    ip = s.indicator_progress
    status = status_on(today or dt.date.today()).label("status")
    statement = (sa.select(status, sa.func.count().label("n"))
                 .select_from(ip).join(s.project, s.project.c.id == ip.c.project_id))
    if period:
        statement = statement.join(s.indicator, s.indicator.c.code == ip.c.indicator_code).where(
            s.indicator.c.period == period)
    return {r["status"]: int(r["n"]) for r in db.rows(statement.group_by(status))}


def periods_with_progress(db: Database) -> list[str]:
    """The programme periods whose indicators some project has a target for, newest first."""
    ip = s.indicator_progress
    found = db.rows(sa.select(s.indicator.c.period).distinct()
                    .join(ip, ip.c.indicator_code == s.indicator.c.code)
                    .where(s.indicator.c.period.is_not(None)))
    return sorted((r["period"] for r in found), reverse=True)


def at_risk(db: Database, limit: int = 15, today: dt.date | None = None,
            period: str | None = None) -> pd.DataFrame:
    """The at-risk indicators furthest from their target (none reported first), at most
    ``limit`` of ``progress``, chosen by the database (``test_ipr002`` holds it to the same
choice made in Python); ``period``: only
    indicators of that programme period."""
    ip = s.indicator_progress
    statement = progress_statement().where(status_on(today or dt.date.today()) == AT_RISK)
    if period:
        statement = statement.where(s.indicator.c.period == period)
    statement = (statement
                 .order_by(None)
                 .order_by(ip.c.share_of_target.is_not(None), ip.c.share_of_target,
                           s.project.c.key, s.indicator_target.c.indicator_code)
                 .limit(limit))
    return _progress_frame(db, statement, today or dt.date.today())
