"""Pre-aggregated tables the pages read instead of whole fact tables, rebuilt after each load.

``refresh`` runs inside the load's transaction (``etl.load``), so readers see the
facts and their aggregates change together, and a rolled-back load changes neither.
It rebuilds from the facts rather than patching: a load may insert, update or (with
``replace``) delete rows of any project, and one aggregate query over the table is
cheap next to the load itself (about a second for a million reported values).

``indicator_series``: per project and indicator, what the projection rule needs
(``domain.indicators.Series``): the count, first report, latest value and the sums
of x, x², y and x·y where x is days since the first report.

``indicator_progress``: per indicator target, the rule applied (``domain.indicators``,
the same function the pages used to apply on every uncached request): latest value,
share of the target, projection and status by the trend (``on_trend``), none of which
depends on the day; the pages settle a finished project's status into its result.

``measure_latest_public``: per measure with a published evaluation (marked public, of an
approved year: ``etl.publication.published``), its latest published evaluation, the sum of
its published actual costs and whether any published one is demo (what the target-group and
ORP pages count, from 12 772 rows instead of 51 088). An approval or a reopening of a year
rebuilds it too (``etl.plan_year``).

Fast path of: ``domain.indicators.summarise`` (the series' sums, computed by the database)
and ``domain.indicators.assess_series`` (the progress kept per target, by ``on_trend`` on those
sums); ``measure_latest_public`` of ``domain.target_groups.measure_status`` over public
evaluations. Parity tests: ``tests/etl/test_aggregates.py`` (the series against
``summarise`` over the reported values), ``tests/dashboard/test_indicator_progress.py``
(the kept progress against ``assess_series`` over the series), and the totals' tests below.
"""

from __future__ import annotations

import sqlalchemy as sa

from domain.indicators import Series, on_trend
from domain.projects import project_end
from etl import schema as s
from etl.publication import published

# The columns of ``indicator_series`` each form of its select gives, in order.
SERIES_COLUMNS = ("project_id", "indicator_code", "observations", "first_on", "last_on",
                  "latest_value", "sum_x", "sum_xx", "sum_y", "sum_xy", "is_demo")


def _days_between(conn: sa.Connection, later: sa.ColumnElement,
                  earlier: sa.ColumnElement) -> sa.ColumnElement:
    """Whole days from ``earlier`` to ``later`` (two DATE columns) as an integer."""
    if conn.dialect.name == "sqlite":  # dates are ISO text there
        return sa.cast(sa.func.round(sa.func.julianday(later) - sa.func.julianday(earlier)),
                       sa.Integer)
    # PostgreSQL: date - date is an INTEGER number of days, and x² of a series spanning
    # more than 127 years would overflow it: BIGINT, as SQLite's integers are.
    return sa.cast(later - earlier, sa.BigInteger)


def indicator_series_select(conn: sa.Connection) -> sa.Select | sa.TextualSelect:
    """One row per project and indicator with reported values, in ``indicator_series``'s columns."""
    if conn.dialect.name == "sqlite":
        return _series_from_bounds()
    return _series_by_windows(conn)


# ``CROSS JOIN`` makes SQLite read the values as the outer loop, in the order of their unique
# index (project, indicator, date): the groups then come in order, each value finds its series'
# first day in an automatic index on ``bounds``, and no temporary B-tree sorts a million rows
# for the GROUP BY (which it did with ``bounds`` outside: 1.65 s against 1.25 s).
_SERIES_FROM_BOUNDS = """
WITH bounds AS (
    SELECT project_id, indicator_code, min(reported_on) AS first_on, max(reported_on) AS last_on,
           julianday(min(reported_on)) AS first_day
    FROM indicator_achievement GROUP BY project_id, indicator_code)
SELECT ia.project_id, ia.indicator_code, count(*), bounds.first_on, bounds.last_on,
       (SELECT latest.achieved_value FROM indicator_achievement AS latest
        WHERE latest.project_id = bounds.project_id
          AND latest.indicator_code = bounds.indicator_code
          AND latest.reported_on = bounds.last_on),
       sum({x}), sum({x} * {x}), sum({y}), sum({x} * {y}),
       max(CASE WHEN ia.is_demo THEN 1 ELSE 0 END) = 1
FROM indicator_achievement AS ia CROSS JOIN bounds
WHERE ia.project_id = bounds.project_id AND ia.indicator_code = bounds.indicator_code
GROUP BY ia.project_id, ia.indicator_code
""".format(x="CAST(round(julianday(ia.reported_on) - bounds.first_day) AS INTEGER)",  # days from the first
           y="CAST(ia.achieved_value AS REAL)")


def _series_from_bounds() -> sa.TextualSelect:
    """SQLite: each series' first and last date from the unique index alone, then its rows.

    SQLite sorts every row once more for each window of ``_series_by_windows`` (about
    3.5 s for a million values); here the bounds come from the index in one scan, the
    values are read in index order with their series' bounds, and the latest value is
    one lookup. Written as SQL text for the ``CROSS JOIN``, which fixes SQLite's join order.
    """
    table = s.indicator_series
    return sa.text(_SERIES_FROM_BOUNDS).columns(
        *(sa.column(name, table.c[name].type) for name in SERIES_COLUMNS))


def _series_by_windows(conn: sa.Connection) -> sa.Select:
    """One pass over the reported values: window functions give each row its series' first
    date and latest value, then a group-by sums. (A join of the values back to their
    per-series bounds left PostgreSQL, without statistics for rows written in the same
    transaction, scanning the table once per series.)
    """
    ia = s.indicator_achievement
    series = (ia.c.project_id, ia.c.indicator_code)
    rows = sa.select(
        ia.c.project_id, ia.c.indicator_code, ia.c.reported_on, ia.c.achieved_value, ia.c.is_demo,
        sa.func.min(ia.c.reported_on).over(partition_by=series).label("first_on"),
        sa.func.first_value(ia.c.achieved_value).over(
            partition_by=series, order_by=ia.c.reported_on.desc()).label("latest"),
    ).subquery("rows")
    x = _days_between(conn, rows.c.reported_on, rows.c.first_on)
    y = sa.cast(rows.c.achieved_value, sa.Float)
    return (
        sa.select(rows.c.project_id, rows.c.indicator_code, sa.func.count(), rows.c.first_on,
                  sa.func.max(rows.c.reported_on), rows.c.latest,
                  sa.func.sum(x), sa.func.sum(x * x), sa.func.sum(y), sa.func.sum(x * y),
                  sa.func.max(sa.case((rows.c.is_demo, 1), else_=0)) == 1)
        .group_by(rows.c.project_id, rows.c.indicator_code, rows.c.first_on, rows.c.latest)
    )


def refresh_indicator_series(conn: sa.Connection) -> None:
    """Rebuild ``indicator_series`` from the reported values."""
    t = s.indicator_series
    conn.execute(t.delete())
    conn.execute(t.insert().from_select(list(SERIES_COLUMNS), indicator_series_select(conn)))


def indicator_progress_rows(conn: sa.Connection) -> list[dict]:
    """Every indicator target with where it stands (``indicator_progress``'s columns), from
    the targets, their projects' periods and ``indicator_series``."""
    t, p, series = s.indicator_target, s.project, s.indicator_series
    found = conn.execute(
        sa.select(t.c.project_id, t.c.indicator_code, t.c.target_value, t.c.baseline_value,
                  p.c.start_date, p.c.end_date, p.c.planned_end_date, series.c.observations,
                  series.c.first_on, series.c.latest_value, series.c.sum_x, series.c.sum_xx, series.c.sum_y,
                  series.c.sum_xy, series.c.is_demo)
        .join(p, p.c.id == t.c.project_id)
        .outerjoin(series, sa.and_(series.c.project_id == t.c.project_id,
                                   series.c.indicator_code == t.c.indicator_code))
    ).mappings()
    rows = []
    for r in found:
        summary = Series.stored(r)
        target = float(r["target_value"]) if r["target_value"] is not None else None
        baseline = float(r["baseline_value"]) if r["baseline_value"] is not None else None
        # a running project with no actual end works to its planned end
        end = project_end(r["end_date"], r["planned_end_date"])
        result = on_trend(summary, target, r["start_date"], end, baseline)
        rows.append({"project_id": r["project_id"], "indicator_code": r["indicator_code"],
                     "latest_value": result.latest, "share_of_target": result.share_of_target,
                     "projected": result.projected, "status": result.status,
                     "is_demo": bool(r["is_demo"])})
    return rows


def refresh_indicator_progress(conn: sa.Connection) -> None:
    """Rebuild ``indicator_progress`` (after ``indicator_series``, which it reads)."""
    conn.execute(s.indicator_progress.delete())
    rows = indicator_progress_rows(conn)
    if rows:
        conn.execute(s.indicator_progress.insert(), rows)


def measure_latest_public_select() -> sa.Select:
    """Per measure with a published evaluation, in ``measure_latest_public``'s columns.

    Published is the public's rule (``etl.publication.published``: marked public, of an
    approved year). Each measure is reduced to its latest published year first, then that
    evaluation is looked up by (measure, year), an index lookup on both databases.
    """
    e, m = s.measure_evaluation, s.measure
    public = (
        sa.select(e.c.measure_id, sa.func.max(e.c.year).label("year"),
                  # whole haléře summed: exact
                  sa.func.sum(sa.type_coerce(e.c.actual_cost, sa.BigInteger)).label("actual_cost"),
                  sa.func.max(sa.case((e.c.is_demo, 1), else_=0)).label("demo"))
        .join(m, m.c.id == e.c.measure_id)
        .where(published(e.c.is_public, m.c.plan_id, e.c.year))
        .group_by(e.c.measure_id)
        .subquery("public")
    )
    return (
        sa.select(public.c.measure_id, public.c.year, e.c.status_code, e.c.percent_fulfilled,
                  public.c.actual_cost, public.c.demo == 1)
        .select_from(public)
        .join(e, sa.and_(e.c.measure_id == public.c.measure_id, e.c.year == public.c.year))
    )


def refresh_measure_latest_public(conn: sa.Connection) -> None:
    """Rebuild ``measure_latest_public`` from the evaluations and the years' approvals."""
    t = s.measure_latest_public
    conn.execute(t.delete())
    conn.execute(t.insert().from_select(
        ["measure_id", "year", "status_code", "percent_fulfilled", "actual_cost", "evaluated_demo"],
        measure_latest_public_select()))


def refresh(conn: sa.Connection) -> None:
    """Rebuild every pre-aggregated table from the facts, in the caller's transaction."""
    refresh_indicator_series(conn)
    refresh_indicator_progress(conn)
    refresh_measure_latest_public(conn)
    if conn.dialect.name == "postgresql":
        # Fresh planner statistics for the rows just written (a sample per table, about a
        # second for the large demo scale): right after a big load, before autovacuum
        # gets to it, the planner would otherwise guess the tables' sizes.
        conn.exec_driver_sql("ANALYZE")
