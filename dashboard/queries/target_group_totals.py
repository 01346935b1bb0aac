"""The target-group page's figures summed by the database: one row per group and status.

The rules are those of ``domain.target_groups`` (a measure's status is that of
its latest public evaluation, its actual cost the sum of its public evaluations' costs);
here the database applies them and groups, so the page reads a few dozen rows instead of
every measure and evaluation (12 772 measures at national scale). ``summary`` and
``status_counts`` give exactly the frames ``by_group`` and ``status_counts`` give from the
measures (tests compare them on both databases).

Fast path of: ``domain.target_groups.by_group`` and ``domain.target_groups.status_counts``.
Parity test: ``tests/dashboard/test_target_group_totals.py`` (``test_tgt_qry001``).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard.db import Database
from domain.collation import czech_sorted
from domain.frames import records
from domain.target_groups import SUMMARY_COLUMNS, UNASSIGNED, UNASSIGNED_GROUP, with_group_names
from etl import schema as s

NOT_EVALUATED = "none"


def group_status_rows(db: Database, plan: str | None = None) -> pd.DataFrame:
    """Per canonical group (``_unassigned`` for measures without one) and latest public status
    (``none``: no public evaluation): measures, planned and actual cost with how many measures
    state each, fulfilled, the sum and count of % fulfilled, whether any of it is demo.

    Each measure's latest public evaluation comes from ``measure_latest_public``, which
    the ETL rebuilds after each load.
    """
    m, tg, cp, st = s.measure, s.target_group, s.community_plan, s.measure_status
    latest = s.measure_latest_public
    group = sa.func.coalesce(tg.c.canonical_code, UNASSIGNED).label("canonical_code")
    status = sa.func.coalesce(latest.c.status_code, NOT_EVALUATED).label("status_code")
    demo = sa.case((m.c.is_demo, 1), (latest.c.evaluated_demo, 1), else_=0)
    statement = (
        sa.select(group, status, sa.func.count().label("measures"),
                  sa.func.sum(m.c.planned_cost).label("planned_cost"),
                  sa.func.count(m.c.planned_cost).label("planned_stated"),
                  sa.func.sum(latest.c.actual_cost).label("actual_cost"),
                  sa.func.count(latest.c.actual_cost).label("actual_stated"),
                  sa.func.sum(sa.case((st.c.counts_as_fulfilled, 1), else_=0)).label("fulfilled"),
                  sa.func.sum(latest.c.percent_fulfilled).label("percent_sum"),
                  sa.func.count(latest.c.percent_fulfilled).label("percent_stated"),
                  sa.func.max(demo).label("demo"))
        .select_from(m)
        .outerjoin(tg, tg.c.id == m.c.target_group_id)
        .outerjoin(latest, latest.c.measure_id == m.c.id)
        .outerjoin(st, st.c.code == latest.c.status_code)
        .group_by(group, status)
        .order_by(group, status)
    )
    if plan:
        statement = statement.where(m.c.plan_id.in_(sa.select(cp.c.id).where(cp.c.key == plan)))
    return db.frame(statement)


def group_local_names(db: Database, plan: str | None = None) -> pd.DataFrame:
    """The local target-group names the measures use, once per canonical group."""
    m, tg, cp = s.measure, s.target_group, s.community_plan
    statement = (sa.select(tg.c.canonical_code, tg.c.local_name).distinct()
                 .select_from(m).join(cp, cp.c.id == m.c.plan_id)
                 .join(tg, tg.c.id == m.c.target_group_id))
    if plan:
        statement = statement.where(cp.c.key == plan)
    return db.frame(statement)


# --- Pure: the grouped rows as the page's frames ------------------------------------

def _catalogue(rows: pd.DataFrame, groups: pd.DataFrame) -> list[dict]:
    catalogue = records(groups)
    if (rows["canonical_code"] == UNASSIGNED).any():
        catalogue.append(dict(UNASSIGNED_GROUP))
    return catalogue


def summary(rows: pd.DataFrame, local_names: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical group (every group, and the unassigned when any), as ``by_group``."""
    names: dict[str, set[str]] = {}
    for code, name in zip(local_names["canonical_code"], local_names["local_name"], strict=True):
        if isinstance(name, str):
            names.setdefault(code, set()).add(name)
    by_code: dict[str, list[dict]] = {}
    for row in records(rows):
        by_code.setdefault(row["canonical_code"], []).append(row)
    out = []
    for group in _catalogue(rows, groups):
        mine = by_code.get(group["canonical_code"], [])
        evaluated_rows = [r for r in mine if r["status_code"] != NOT_EVALUATED]
        evaluated = sum(int(r["measures"]) for r in evaluated_rows)
        fulfilled = sum(int(r["fulfilled"]) for r in evaluated_rows)
        percent_count = sum(int(r["percent_stated"]) for r in evaluated_rows)
        percent_sum = sum(float(r["percent_sum"]) for r in evaluated_rows if r["percent_stated"])
        planned = [r["planned_cost"] for r in mine if r["planned_stated"]]
        actual = [r["actual_cost"] for r in mine if r["actual_stated"]]
        out.append({
            **{k: group[k] for k in ("canonical_code", "canonical_name", "canonical_name_en",
                                     "sort_order")},
            "measures": sum(int(r["measures"]) for r in mine),
            "local_names": "; ".join(czech_sorted(names.get(group["canonical_code"], ()))),
            "planned_cost": float(sum(planned)) if planned else None,
            "actual_cost": float(sum(actual)) if actual else None,
            "evaluated": evaluated, "fulfilled": fulfilled,
            "fulfilled_share": fulfilled / evaluated if evaluated else None,
            "mean_percent_fulfilled": percent_sum / percent_count / 100 if percent_count else None,
            "is_demo": any(bool(r["demo"]) for r in mine),
        })
    return pd.DataFrame(out, columns=SUMMARY_COLUMNS)


def status_counts(rows: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Measures per canonical group and latest public status, as ``target_groups.status_counts``."""
    counts = rows[["canonical_code", "status_code", "measures"]].copy()
    counts["measures"] = counts["measures"].astype(int)
    return with_group_names(counts, groups)


def totals(rows: pd.DataFrame) -> dict[str, object]:
    """The page's headline figures: measures, planned and actual cost (None where no measure
    states one), evaluated and fulfilled measures."""
    found = records(rows)
    planned = [r["planned_cost"] for r in found if r["planned_stated"]]
    actual = [r["actual_cost"] for r in found if r["actual_stated"]]
    evaluated = [r for r in found if r["status_code"] != NOT_EVALUATED]
    return {"measures": sum(int(r["measures"]) for r in found),
            "planned_cost": sum(planned) if planned else None,
            "actual_cost": sum(actual) if actual else None,
            "evaluated": sum(int(r["measures"]) for r in evaluated),
            "fulfilled": sum(int(r["fulfilled"]) for r in evaluated)}
