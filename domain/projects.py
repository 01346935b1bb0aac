"""A project's end and its status by its dates: pure functions, tested on their own."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

PLANNED, RUNNING, FINISHED, UNKNOWN = "planned", "running", "finished", "unknown"


def project_end(end: dt.date | None, planned_end: dt.date | None) -> dt.date | None:
    """The end a project's status and its indicators' projection work to: its actual end, else
    its planned end (a running project has no actual end yet; MS2021+ states the planned one)."""
    return end if end is not None else planned_end


def project_end_sql(end: sa.ColumnElement, planned_end: sa.ColumnElement) -> sa.ColumnElement:
    """``project_end`` as SQL, for conditions on a project's status."""
    return sa.func.coalesce(end, planned_end)


def period_over(end: dt.date | None, today: dt.date) -> bool:
    """Whether the project's period ended before ``today`` (the end day itself still counts)."""
    return end is not None and end < today


def project_status(start: dt.date | None, end: dt.date | None, today: dt.date | None = None) -> str:
    """``planned``, ``running``, ``finished`` or ``unknown`` (no dates stated).

    ``dashboard.queries.projects.status_condition`` states the same rule in SQL.
    """
    today = today or dt.date.today()
    if start is None and end is None:
        return UNKNOWN
    if start is not None and today < start:
        return PLANNED
    if end is not None and today > end:
        return FINISHED
    return RUNNING
