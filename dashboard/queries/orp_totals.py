"""The ORP comparison's per-ORP totals summed by the database.

The rules are those of ``domain.orp`` (budget split by population, indicator
shares capped at 100 %, measures by their latest public evaluation); here the database
applies them and groups by ORP, so the page reads one row per ORP instead of every
project–ORP link, project indicator and measure (4 000, 8 000 and 12 000 rows for the
whole country). ``totals`` gives the frame ``domain.orp.orp_totals`` computes from those rows
(tests compare them on both databases); floats are computed in the same order per row,
only the order of a sum's terms may differ (its last bits).

Fast path of: ``domain.orp.orp_totals`` (the comparison then ``domain.orp.assemble``).
Parity test: ``tests/dashboard/test_orp_totals.py`` (``test_orpt_qry001``, ``test_orpt_qry002``).
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard.db import Database
from domain.orp import TOTALS_COLUMNS
from etl import schema as s


def _region_orps(region: str) -> sa.Select:
    return sa.select(s.orp.c.code).where(s.orp.c.region_nuts3 == region)


def budget_totals(region: str | None = None) -> sa.Select:
    """Per ORP: projects covering it, of them without a stated budget, and the sum of its
    population shares of their totals (Kč; NULL where none states one)."""
    links, orp, project = s.project_orp, s.orp, s.project
    population = sa.cast(orp.c.population_2021, sa.Float)
    covered = sa.func.sum(population).over(partition_by=links.c.project_id)
    # stored in whole haléře: haléře / 100 is the float of the Kč amount, as in split_budget
    total = sa.cast(sa.type_coerce(project.c.total_eligible, sa.Integer), sa.Float) / 100.0
    amount = sa.case((sa.and_(covered > 0, project.c.total_eligible.is_not(None)),
                      total * (population / covered)))
    split = (sa.select(links.c.project_id, links.c.orp_code, amount.label("amount"))
             .join(orp, orp.c.code == links.c.orp_code)
             .join(project, project.c.id == links.c.project_id)
             .subquery("split"))  # over every link: a project's split needs all its ORPs
    statement = (
        sa.select(split.c.orp_code, sa.func.count(sa.distinct(split.c.project_id)).label("projects"),
                  sa.func.sum(sa.case((split.c.amount.is_(None), 1), else_=0))
                  .label("projects_without_budget"),
                  sa.func.sum(split.c.amount).label("budget"))
        .group_by(split.c.orp_code)
    )
    if region:
        statement = statement.where(split.c.orp_code.in_(_region_orps(region)))
    return statement


def indicator_totals(region: str | None = None) -> sa.Select:
    """Per ORP: project indicators with a share of their target, the mean share (each capped
    at 100 %), and whether any of the ORP's indicator series is demo."""
    t, series, links = s.indicator_target, s.indicator_series, s.project_orp
    target = sa.cast(t.c.target_value, sa.Float)
    share = sa.case((sa.and_(t.c.target_value.is_not(None), t.c.target_value != 0,
                             series.c.latest_value.is_not(None)),
                     sa.cast(series.c.latest_value, sa.Float) / target))
    capped = sa.case((share > 1.0, 1.0), else_=share)
    statement = (
        sa.select(links.c.orp_code, sa.func.count(share).label("indicators"),
                  sa.func.avg(capped).label("indicator_fulfilment"),
                  sa.func.max(sa.case((series.c.is_demo, 1), else_=0)).label("indicator_demo"))
        .select_from(t)
        .join(links, links.c.project_id == t.c.project_id)
        .outerjoin(series, sa.and_(series.c.project_id == t.c.project_id,
                                   series.c.indicator_code == t.c.indicator_code))
        .group_by(links.c.orp_code)
    )
    if region:
        statement = statement.where(links.c.orp_code.in_(_region_orps(region)))
    return statement


def measure_totals(region: str | None = None) -> sa.Select:
    """Per ORP: measures of its plans with a public evaluation, of them fulfilled by their
    latest public evaluation, and whether any of those measures or evaluations is demo.

    Each measure's latest public evaluation comes from ``measure_latest_public``, which
    the ETL rebuilds after each load.
    """
    latest, m, st, plan_orp = s.measure_latest_public, s.measure, s.measure_status, \
        s.community_plan_orp
    demo = sa.case((m.c.is_demo, 1), (latest.c.evaluated_demo, 1), else_=0)
    statement = (
        sa.select(plan_orp.c.orp_code, sa.func.count().label("measures_evaluated"),
                  sa.func.sum(sa.case((st.c.counts_as_fulfilled, 1), else_=0))
                  .label("measures_fulfilled"),
                  sa.func.max(demo).label("measure_demo"))
        .select_from(latest)
        .join(m, m.c.id == latest.c.measure_id)
        .join(st, st.c.code == latest.c.status_code)
        .join(plan_orp, plan_orp.c.plan_id == m.c.plan_id)
        .group_by(plan_orp.c.orp_code)
    )
    if region:
        statement = statement.where(plan_orp.c.orp_code.in_(_region_orps(region)))
    return statement


def totals(db: Database, region: str | None = None) -> pd.DataFrame:
    """Per ORP (of ``region``; every ORP without one) with any project, indicator or evaluated
    measure: the columns of ``domain.orp.orp_totals``, in ORP code order."""
    parts: dict[str, dict] = {}
    for statement in (budget_totals(region), indicator_totals(region), measure_totals(region)):
        for row in db.rows(statement):
            parts.setdefault(row["orp_code"], {}).update(row)
    rows = []
    for code in sorted(parts):
        found = parts[code]
        budget = found.get("budget")
        mean = found.get("indicator_fulfilment")
        rows.append({
            "orp_code": code, "projects": int(found.get("projects") or 0),
            "projects_without_budget": int(found.get("projects_without_budget") or 0),
            "budget": None if budget is None else float(budget),
            "indicators": int(found.get("indicators") or 0),
            "indicator_fulfilment": None if mean is None else float(mean),
            "indicator_demo": bool(found.get("indicator_demo")),
            "measures_evaluated": int(found.get("measures_evaluated") or 0),
            "measures_fulfilled": int(found.get("measures_fulfilled") or 0),
            "measure_demo": bool(found.get("measure_demo")),
        })
    return pd.DataFrame(rows, columns=TOTALS_COLUMNS)
