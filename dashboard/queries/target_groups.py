"""Measures, money and fulfilment by canonical target group, read; each plan's local names mapped.

Plans name their target groups in their own way (Ostrava's nine areas, Zábřeh's four
working groups); every local name maps to one canonical group, so plans compare.
Only public evaluations count here: this is a public page. The rules (a measure's status
is that of its latest public evaluation, …) are ``domain.target_groups``'s.
"""
from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.db import Database
from domain.target_groups import by_group, measure_status
from etl import schema as s
from etl.publication import published

# --- Reading ------------------------------------------------------------------

def canonical_groups(db: Database) -> pd.DataFrame:
    """The canonical target groups in their order."""
    g = s.canonical_target_group
    return db.frame(sa.select(g.c.code.label("canonical_code"), g.c.name.label("canonical_name"),
                              g.c.name_en.label("canonical_name_en"), g.c.sort_order)
                    .order_by(g.c.sort_order))


def plans(db: Database) -> pd.DataFrame:
    """Plans that have measures or target-group names of their own: key, name, period."""
    p = s.community_plan
    used = sa.union(sa.select(s.measure.c.plan_id.label("id")),
                    sa.select(p.c.id).join(s.target_group, s.target_group.c.plan_key == p.c.key)
                    ).subquery()
    return db.frame(sa.select(p.c.key, p.c.name, p.c.period_from, p.c.period_to)
                    .where(p.c.id.in_(sa.select(used.c.id)))
                    .order_by(p.c.period_from.desc().nulls_last(), p.c.key))


def measure_rows(db: Database, plan: str | None = None) -> pd.DataFrame:
    """Measures with their plan, local and canonical target group and planned cost."""
    m, tg, cp = s.measure, s.target_group, s.community_plan
    statement = (
        sa.select(m.c.id.label("measure_id"), cp.c.key.label("plan_key"),
                  cp.c.name.label("plan_name"), m.c.code, m.c.name, m.c.planned_cost,
                  tg.c.local_name, tg.c.canonical_code, m.c.is_demo)
        .join(cp, cp.c.id == m.c.plan_id)
        .outerjoin(tg, tg.c.id == m.c.target_group_id)
        .order_by(cp.c.key, m.c.code)
    )
    if plan:
        statement = statement.where(cp.c.key == plan)
    return db.frame(statement)


def public_evaluation_rows(db: Database, plan: str | None = None) -> pd.DataFrame:
    """Per measure with a published evaluation (``etl.publication.published``: marked public,
    of an approved year): its latest published year, status and % fulfilled, the actual costs
    of all its published evaluations summed, and whether any of them is demo.

    One row per measure, already reduced by the database: ``measure_status`` reads it
    as it would every public evaluation, with the same result.
    """
    e, m, cp = s.measure_evaluation, s.measure, s.community_plan
    public = (
        sa.select(e.c.measure_id, sa.func.max(e.c.year).label("year"),
                  sa.func.sum(e.c.actual_cost).label("actual_cost"),  # whole haléře: exact
                  sa.func.max(sa.case((e.c.is_demo, 1), else_=0)).label("demo"))
        .join(m, m.c.id == e.c.measure_id)
        .join(cp, cp.c.id == m.c.plan_id)
        .where(published(e.c.is_public, m.c.plan_id, e.c.year))
        .group_by(e.c.measure_id)
    )
    if plan:
        public = public.where(cp.c.key == plan)
    public = public.subquery("public")
    return db.frame(
        sa.select(public.c.measure_id, public.c.year, e.c.status_code,
                  s.measure_status.c.name.label("status_name"),
                  s.measure_status.c.name_en.label("status_name_en"),
                  s.measure_status.c.counts_as_fulfilled, e.c.percent_fulfilled,
                  public.c.actual_cost, (public.c.demo == 1).label("is_demo"))
        .select_from(public)
        .join(e, sa.and_(e.c.measure_id == public.c.measure_id, e.c.year == public.c.year))
        .join(s.measure_status, s.measure_status.c.code == e.c.status_code)
        .order_by(public.c.measure_id)
    )


def statuses(db: Database) -> pd.DataFrame:
    """Measure statuses in their order (code, name, name_en)."""
    st = s.measure_status
    return db.frame(sa.select(st.c.code, st.c.name, st.c.name_en, st.c.counts_as_fulfilled)
                    .order_by(st.c.sort_order))


@cached_query("target-group-mapping")
def mapping(db: Database, plan: str | None = None) -> pd.DataFrame:
    """Each plan's local names and the canonical group they map to, with the measures using them.

    A mapping that holds for every plan (a canonical name used as a local name) is listed
    under each plan whose measures use it.
    """
    tg, m, cp, g = s.target_group, s.measure, s.community_plan, s.canonical_target_group
    own = (
        sa.select(tg.c.id, tg.c.plan_key, tg.c.local_name, tg.c.canonical_code, tg.c.sort_order)
        .where(tg.c.plan_key != "")
    )
    shared = (
        sa.select(tg.c.id, cp.c.key.label("plan_key"), tg.c.local_name, tg.c.canonical_code,
                  tg.c.sort_order)
        .join(m, m.c.target_group_id == tg.c.id).join(cp, cp.c.id == m.c.plan_id)
        .where(tg.c.plan_key == "").distinct()
    )
    names = sa.union_all(own, shared).subquery()
    counts = (sa.select(m.c.target_group_id, cp.c.key.label("plan_key"),
                        sa.func.count().label("measures"))
              .join(cp, cp.c.id == m.c.plan_id)
              .group_by(m.c.target_group_id, cp.c.key).subquery())
    statement = (
        sa.select(names.c.plan_key, cp.c.name.label("plan_name"), names.c.local_name,
                  names.c.canonical_code, g.c.name.label("canonical_name"),
                  g.c.name_en.label("canonical_name_en"),
                  sa.func.coalesce(counts.c.measures, 0).label("measures"))
        .join(g, g.c.code == names.c.canonical_code)
        .outerjoin(cp, cp.c.key == names.c.plan_key)
        .outerjoin(counts, sa.and_(counts.c.target_group_id == names.c.id,
                                   counts.c.plan_key == names.c.plan_key))
        .order_by(names.c.plan_key, names.c.sort_order.nulls_last(), g.c.sort_order, names.c.local_name)
    )
    if plan:
        statement = statement.where(names.c.plan_key == plan)
    return db.frame(statement)


# --- Assembled ----------------------------------------------------------------

# Not in the query cache: pickling these thousands of rows (Decimals, dates, lists)
# costs more than computing them; the pages that show them cache their layout.
def measures_with_status(db: Database, plan: str | None = None) -> pd.DataFrame:
    """The plan's (or every plan's) measures with their latest public evaluation."""
    return measure_status(measure_rows(db, plan), public_evaluation_rows(db, plan))


def summary(db: Database, plan: str | None = None) -> pd.DataFrame:
    """Measures, planned and actual cost and fulfilment per canonical group."""
    return by_group(measures_with_status(db, plan), canonical_groups(db))
