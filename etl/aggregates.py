"""Pre-aggregated tables the pages read instead of whole fact tables, rebuilt after each load.

``refresh`` runs inside the load's transaction (``etl.load``), so readers see the
facts and their aggregates change together, and a rolled-back load changes neither.
It rebuilds from the facts rather than patching: a load may insert, update or (with
``replace``) delete rows of any project, and one aggregate query over the table is
cheap next to the load itself (about a second for a million reported values).

``indicator_series``: per project and indicator, what the projection rule needs
(``dashboard.rules.Series``): the count, first report, latest value and the sums
of x, x², y and x·y where x is days since the first report.
"""

from __future__ import annotations

import sqlalchemy as sa

from etl import schema as s


def _days_between(conn: sa.Connection, later: sa.ColumnElement,
                  earlier: sa.ColumnElement) -> sa.ColumnElement:
    """Whole days from ``earlier`` to ``later`` (two DATE columns) as an integer."""
    if conn.dialect.name == "sqlite":  # dates are ISO text there
        return sa.cast(sa.func.round(sa.func.julianday(later) - sa.func.julianday(earlier)),
                       sa.Integer)
    return later - earlier  # PostgreSQL: date - date is an integer number of days


def indicator_series_select(conn: sa.Connection) -> sa.Select:
    """One row per project and indicator with reported values, in ``indicator_series``'s columns."""
    ia = s.indicator_achievement
    bounds = (
        sa.select(ia.c.project_id, ia.c.indicator_code,
                  sa.func.count().label("observations"),
                  sa.func.min(ia.c.reported_on).label("first_on"),
                  sa.func.max(ia.c.reported_on).label("last_on"),
                  sa.func.max(sa.case((ia.c.is_demo, 1), else_=0)).label("demo"))
        .group_by(ia.c.project_id, ia.c.indicator_code)
        .subquery("bounds")
    )
    value = ia.alias("value")
    last = ia.alias("last")
    x = _days_between(conn, value.c.reported_on, bounds.c.first_on)
    y = sa.cast(value.c.achieved_value, sa.Float)
    return (
        sa.select(bounds.c.project_id, bounds.c.indicator_code, bounds.c.observations,
                  bounds.c.first_on, bounds.c.last_on, last.c.achieved_value,
                  sa.func.sum(x), sa.func.sum(x * x), sa.func.sum(y), sa.func.sum(x * y),
                  bounds.c.demo == 1)
        .select_from(bounds)
        .join(value, sa.and_(value.c.project_id == bounds.c.project_id,
                             value.c.indicator_code == bounds.c.indicator_code))
        # (project, indicator, date) is unique: one latest row
        .join(last, sa.and_(last.c.project_id == bounds.c.project_id,
                            last.c.indicator_code == bounds.c.indicator_code,
                            last.c.reported_on == bounds.c.last_on))
        .group_by(bounds.c.project_id, bounds.c.indicator_code, bounds.c.observations,
                  bounds.c.first_on, bounds.c.last_on, last.c.achieved_value, bounds.c.demo)
    )


def refresh(conn: sa.Connection) -> None:
    """Rebuild every pre-aggregated table from the facts, in the caller's transaction."""
    t = s.indicator_series
    conn.execute(t.delete())
    conn.execute(t.insert().from_select(
        ["project_id", "indicator_code", "observations", "first_on", "last_on", "latest_value",
         "sum_x", "sum_xx", "sum_y", "sum_xy", "is_demo"], indicator_series_select(conn)))
    if conn.dialect.name == "postgresql":
        # Fresh planner statistics for the rows just written (a sample per table, about a
        # second for the large demo scale): right after a big load, before autovacuum
        # gets to it, the planner would otherwise guess the tables' sizes.
        conn.exec_driver_sql("ANALYZE")
