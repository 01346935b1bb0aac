"""Measures, money and fulfilment by canonical target group; each plan's local names mapped.

Plans name their target groups in their own way (Ostrava's nine areas, Zábřeh's four
working groups); every local name maps to one canonical group, so plans compare.
Only public evaluations count here: this is a public page.

Rules (the page states them):

* a measure's status is that of its latest public evaluation;
* its actual cost is the sum of the actual costs of its public evaluations;
* fulfilled: measures whose latest public evaluation has a status that counts as fulfilled,
  as a share of the measures with a public evaluation.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.collation import czech_sorted
from dashboard.db import Database
from dashboard.frames import records
from etl import schema as s

UNASSIGNED = "_unassigned"
#: The catalogue row of the measures without a target group, listed after every group.
UNASSIGNED_GROUP = {"canonical_code": UNASSIGNED, "canonical_name": "(cílová skupina neuvedena)",
                    "canonical_name_en": "(target group not stated)", "sort_order": 999}

SUMMARY_COLUMNS = ["canonical_code", "canonical_name", "canonical_name_en", "sort_order", "measures",
                   "local_names", "planned_cost", "actual_cost", "evaluated", "fulfilled",
                   "fulfilled_share", "mean_percent_fulfilled", "is_demo"]


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
    """Per measure with a public evaluation: its latest public year, status and % fulfilled,
    the actual costs of all its public evaluations summed, and whether any of them is demo.

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
        .where(e.c.is_public.is_(True))
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


# --- Pure rules ---------------------------------------------------------------

def measure_status(measures: pd.DataFrame, evaluations: pd.DataFrame) -> pd.DataFrame:
    """Measures with their latest public status, % fulfilled and summed actual cost."""
    out = measures.copy()
    if evaluations.empty:
        for column in ("status_code", "status_name", "status_name_en", "counts_as_fulfilled",
                       "percent_fulfilled", "year"):
            out[column] = None
        out["actual_cost"] = None
        out["evaluated_demo"] = False
        return out
    latest = evaluations.sort_values(["measure_id", "year"]).groupby("measure_id").tail(1)
    latest = latest.set_index("measure_id")
    # exact Decimal sums (object columns add with Python's +), then float
    costs = evaluations.dropna(subset=["actual_cost"]).groupby("measure_id")["actual_cost"].sum(
    ).map(float)
    demo = evaluations.groupby("measure_id")["is_demo"].any()
    for column in ("status_code", "status_name", "status_name_en", "counts_as_fulfilled",
                   "percent_fulfilled", "year"):
        out[column] = out["measure_id"].map(latest[column])
    out["actual_cost"] = out["measure_id"].map(costs)
    out["evaluated_demo"] = out["measure_id"].map(demo).fillna(False).astype(bool)
    return out


def by_group(measures: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical group (every group, also those without measures).

    ``measures`` is the output of ``measure_status``. Measures without a target group
    are gathered in a last row (code ``_unassigned``) when there are any.
    """
    frame = measures.copy()
    frame["canonical_code"] = frame["canonical_code"].where(frame["canonical_code"].notna(), UNASSIGNED)
    rows = []
    catalogue = records(groups)
    if (frame["canonical_code"] == UNASSIGNED).any():
        catalogue.append(dict(UNASSIGNED_GROUP))
    for group in catalogue:
        mine = frame[frame["canonical_code"] == group["canonical_code"]]
        evaluated = mine[mine["status_code"].notna()]
        fulfilled = int(evaluated["counts_as_fulfilled"].astype(bool).sum()) if len(evaluated) else 0
        planned = [float(v) for v in mine["planned_cost"] if v is not None and v == v]
        actual = [float(v) for v in mine["actual_cost"] if v is not None and v == v]
        percents = [float(v) for v in evaluated["percent_fulfilled"] if v is not None and v == v]
        rows.append({
            **{k: group[k] for k in ("canonical_code", "canonical_name", "canonical_name_en",
                                     "sort_order")},
            "measures": len(mine),
            "local_names": "; ".join(czech_sorted({n for n in mine["local_name"] if isinstance(n, str)})),
            "planned_cost": sum(planned) if planned else None,
            "actual_cost": sum(actual) if actual else None,
            "evaluated": len(evaluated), "fulfilled": fulfilled,
            "fulfilled_share": fulfilled / len(evaluated) if len(evaluated) else None,
            "mean_percent_fulfilled": sum(percents) / len(percents) / 100 if percents else None,
            "is_demo": bool(mine["is_demo"].astype(bool).any() or mine["evaluated_demo"].any())
            if len(mine) else False,
        })
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def status_counts(measures: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Measures per canonical group and latest public status (``none``: not yet evaluated)."""
    frame = measures.copy()
    frame["canonical_code"] = frame["canonical_code"].where(frame["canonical_code"].notna(), UNASSIGNED)
    frame["status_code"] = frame["status_code"].where(frame["status_code"].notna(), "none")
    counts = frame.groupby(["canonical_code", "status_code"]).size().rename("measures").reset_index()
    return with_group_names(counts, groups)


def with_group_names(counts: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Counts per (canonical_code, status_code) with each group's names and order (the
    unassigned last), sorted by group and status."""
    names = groups.set_index("canonical_code")
    for column in ("canonical_name", "canonical_name_en", "sort_order"):
        counts[column] = counts["canonical_code"].map(names[column]).fillna(UNASSIGNED_GROUP[column])
    return counts.sort_values(["sort_order", "status_code"]).reset_index(drop=True)


# --- Assembled ----------------------------------------------------------------

# Not in the query cache: pickling these thousands of rows (Decimals, dates, lists)
# costs more than computing them; the pages that show them cache their layout.
def measures_with_status(db: Database, plan: str | None = None) -> pd.DataFrame:
    """The plan's (or every plan's) measures with their latest public evaluation."""
    return measure_status(measure_rows(db, plan), public_evaluation_rows(db, plan))


def summary(db: Database, plan: str | None = None) -> pd.DataFrame:
    """Measures, planned and actual cost and fulfilment per canonical group."""
    return by_group(measures_with_status(db, plan), canonical_groups(db))
