"""What the public may read of the steering group's evaluations: one rule, as SQL.

An evaluation of a measure is *published* when it is marked public (``verejne``,
``measure_evaluation.is_public``) and its plan's year is approved now: the latest
approval or reopening of that year (``plan_year_event``) is an approval. Until then the
evaluation is a draft that only the steering group reads, however it came in: recorded
on the plan page or loaded from a file (a file states ``verejne`` as the intent to
publish; the approval publishes). Reopening a year takes its evaluations back from the
public until the year is approved again; internal comments are never published.

Every read the public makes of evaluations asks this expression: the plan page and its
exports and report (``dashboard.queries.plan``), the ORP and target-group comparisons
(``dashboard.queries.orp``, ``dashboard.queries.target_groups``) and the stored
``measure_latest_public`` (``etl.aggregates``), which an approval and a reopening rebuild
(``etl.plan_year``). ``etl.plan_year.YearState.approved`` is the same state read in Python.
"""

from __future__ import annotations

import sqlalchemy as sa

from etl import schema as s

#: The actions of ``plan_year_event``: a year approved (locked, published) or reopened.
APPROVE, REOPEN = "approve", "reopen"


def year_approved(plan_id: sa.ColumnElement, year: sa.ColumnElement) -> sa.ColumnElement[bool]:
    """Whether the plan's year is approved now: its latest event is an approval (never
    approved, or reopened since: false, not NULL)."""
    event = s.plan_year_event.alias("latest_event")
    latest = (sa.select(event.c.action)
              .where(event.c.plan_id == plan_id, event.c.year == year)
              .order_by(event.c.id.desc()).limit(1).scalar_subquery())
    return sa.func.coalesce(latest, "") == APPROVE


def published(is_public: sa.ColumnElement, plan_id: sa.ColumnElement,
              year: sa.ColumnElement) -> sa.ColumnElement[bool]:
    """Whether the public may read an evaluation (or a change of one): marked public and of
    a year approved now."""
    return sa.and_(is_public.is_(True), year_approved(plan_id, year))
