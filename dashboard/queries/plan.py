"""Community plans, their measures and the yearly evaluations of those measures.

The evaluation query is the gate for the steering group's non-public material.
Asked for the public (the default), it never selects ``internal_comment``, and
for an evaluation that is not published it returns only that the evaluation exists
(measure, year, not public) — status, percentage, money and comment come back as NULL
from the database. Published is ``etl.publication.published``: marked public *and* of a
year the steering group has approved (not reopened since); until the approval every
evaluation of the year, recorded on the page or loaded from a file, is a draft. Only a
caller that has checked the steering role asks for ``internal=True``, which reads the
drafts too.
"""

from __future__ import annotations

import re

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.db import Database
from domain.collation import czech_sorted
from etl import schema as s
from etl.publication import published


@cached_query("plans")
def plans(db: Database) -> pd.DataFrame:
    """Every plan with its period and how many measures and evaluations it has (the same for
    every visitor: cached under the data version)."""
    p, m, e = s.community_plan, s.measure, s.measure_evaluation
    # counted once per plan by GROUP BY (a correlated count per plan cost PostgreSQL 40 ms
    # over the 400 plans and 50 000 evaluations of the large demo data), measures and
    # evaluations apart: a count of distinct measures over their evaluations sorts them all
    measure_counts = (sa.select(m.c.plan_id, sa.func.count().label("n"))
                      .group_by(m.c.plan_id).subquery())
    evaluation_counts = (sa.select(m.c.plan_id, sa.func.count().label("n"))
                         .select_from(e.join(m, m.c.id == e.c.measure_id))
                         .group_by(m.c.plan_id).subquery())
    return db.frame(
        sa.select(p.c.id, p.c.key, p.c.name, p.c.period_from, p.c.period_to, p.c.is_demo,
                  sa.func.coalesce(measure_counts.c.n, 0).label("measure_count"),
                  sa.func.coalesce(evaluation_counts.c.n, 0).label("evaluation_count"))
        .select_from(p.outerjoin(measure_counts, measure_counts.c.plan_id == p.c.id)
                     .outerjoin(evaluation_counts, evaluation_counts.c.plan_id == p.c.id))
        .order_by(p.c.period_from.desc().nulls_last(), p.c.key))


def plan(db: Database, key: str) -> dict | None:
    """One plan by its key (with the ORPs it covers), or None when there is no such plan."""
    p = s.community_plan
    rows = db.rows(sa.select(p.c.id, p.c.key, p.c.name, p.c.period_from, p.c.period_to,
                             p.c.description, p.c.source, p.c.is_demo).where(p.c.key == key))
    if not rows:
        return None
    found = dict(rows[0])
    link = s.community_plan_orp
    found["orps"] = czech_sorted(r["name"] for r in db.rows(
        sa.select(s.orp.c.name).join(link, link.c.orp_code == s.orp.c.code)
        .where(link.c.plan_id == found["id"])))
    return found


def measures(db: Database, plan_key: str) -> pd.DataFrame:
    """The plan's measures with priority, local and canonical target group and planned cost."""
    m, p, tg, c = s.measure, s.priority, s.target_group, s.canonical_target_group
    frame = db.frame(
        sa.select(m.c.id.label("measure_id"), m.c.code, m.c.name, p.c.name.label("priority"),
                  tg.c.local_name.label("target_group"), c.c.code.label("canonical_code"),
                  c.c.name.label("canonical_name"), c.c.name_en.label("canonical_name_en"),
                  c.c.sort_order.label("canonical_order"), m.c.responsible, m.c.planned_cost,
                  m.c.is_demo, m.c.source)
        .select_from(m.join(s.community_plan, s.community_plan.c.id == m.c.plan_id)
                     .outerjoin(p, p.c.id == m.c.priority_id)
                     .outerjoin(tg, tg.c.id == m.c.target_group_id)
                     .outerjoin(c, c.c.code == tg.c.canonical_code))
        .where(s.community_plan.c.key == plan_key))
    if frame.empty:
        return frame
    order = sorted(range(len(frame)), key=lambda i: natural_key(frame["code"].iloc[i]))
    return frame.iloc[order].reset_index(drop=True)


def natural_key(code: str) -> tuple:
    """Sort key that puts measure 1.2 before 1.10 (numbers compared as numbers)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", str(code)) if part)


def evaluations(db: Database, plan_key: str, *, internal: bool = False) -> pd.DataFrame:
    """Evaluations of the plan's measures: as the public may see them, or whole for the steering group.

    One row per measure and year: ``is_public``, ``status_code``,
    ``percent_fulfilled`` (0–100), ``actual_cost`` and ``comment``; for the
    steering group also ``internal_comment``. ``is_public`` is whether the reader
    may count the evaluation as public: for the public whether it is published (of an
    approved year), for the steering group whether it is marked public. For the public
    (``internal`` false) the figures and the comment are NULL on rows not published, and
    ``internal_comment`` is neither selected nor in the frame.
    """
    e, m = s.measure_evaluation, s.measure
    public = e.c.is_public.is_(True) if internal else published(e.c.is_public, m.c.plan_id,
                                                                 e.c.year)

    def shown(column: sa.ColumnElement, name: str) -> sa.ColumnElement:
        if internal:
            return column.label(name)
        return sa.case((public, column), else_=sa.null()).label(name)

    steering_only = [e.c.internal_comment] if internal else []
    return db.frame(
        sa.select(e.c.measure_id, e.c.year, sa.type_coerce(public, sa.Boolean).label("is_public"),
                  shown(e.c.status_code, "status_code"),
                  shown(e.c.percent_fulfilled, "percent_fulfilled"),
                  shown(e.c.actual_cost, "actual_cost"),
                  shown(e.c.comment, "comment"),
                  *steering_only, e.c.is_demo)
        .join(m, m.c.id == e.c.measure_id)
        .join(s.community_plan, s.community_plan.c.id == m.c.plan_id)
        .where(s.community_plan.c.key == plan_key)
        .order_by(e.c.measure_id, e.c.year))


def statuses(db: Database) -> pd.DataFrame:
    """The measure statuses in their order (code, Czech and English name, counts as fulfilled)."""
    ms = s.measure_status
    return db.frame(sa.select(ms.c.code, ms.c.name, ms.c.name_en, ms.c.sort_order,
                              ms.c.counts_as_fulfilled).order_by(ms.c.sort_order))


def page_edits(db: Database, plan_key: str | None = None, *, run_id: int | None = None,
               internal: bool = False) -> pd.DataFrame:
    """What edits on the page changed in evaluations (field, before, after), newest first: of one
    plan, or of one load run; for anyone but the steering group only the changes the public may
    read (of a published evaluation, of a year approved now)."""
    c, p, r = s.measure_evaluation_change, s.community_plan, s.load_run
    query = (sa.select(c.c.load_run_id, r.c.user_name, r.c.started_at.label("at"),
                       p.c.key.label("plan_key"), c.c.measure_code, c.c.year, c.c.field, c.c.before,
                       c.c.after)
             .join(p, p.c.id == c.c.plan_id).join(r, r.c.id == c.c.load_run_id)
             .order_by(c.c.id.desc()))
    if plan_key is not None:
        query = query.where(p.c.key == plan_key)
    if run_id is not None:
        query = query.where(c.c.load_run_id == run_id)
    if not internal:
        query = query.where(published(c.c.is_public, c.c.plan_id, c.c.year))
    return db.frame(query)


def stored_evaluation(db: Database, plan_key: str, code: str, year: int) -> dict | None:
    """One measure's stored evaluation of a year, whole (callers mask it for the role)."""
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    rows = db.rows(sa.select(e.c.status_code, e.c.percent_fulfilled, e.c.actual_cost, e.c.comment,
                             e.c.internal_comment, e.c.is_public, e.c.row_version)
                   .join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
                   .where(p.c.key == plan_key, m.c.code == code, e.c.year == year))
    return dict(rows[0]) if rows else None


def evaluation_sources(db: Database, plan_key: str, year: int, *,
                       internal: bool = False) -> pd.DataFrame:
    """Where the year's evaluations came from: each load (its files, who, when) and the sources
    the rows state; for the public only of the published evaluations (``published``)."""
    e, m, p, r, f = (s.measure_evaluation, s.measure, s.community_plan, s.load_run, s.load_file)
    query = (sa.select(r.c.id.label("load_run_id"), r.c.user_name,
                       sa.func.coalesce(r.c.finished_at, r.c.started_at).label("at"),
                       f.c.file_name, e.c.source)
             .select_from(e).join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
             .outerjoin(r, r.c.id == e.c.load_run_id)
             .outerjoin(f, sa.and_(f.c.load_run_id == r.c.id, f.c.entity == "plneni_opatreni"))
             .where(p.c.key == plan_key, e.c.year == year).distinct()
             .order_by(r.c.id, f.c.file_name))
    if not internal:
        query = query.where(published(e.c.is_public, p.c.id, e.c.year))
    return db.frame(query)
