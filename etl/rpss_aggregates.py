"""Pre-aggregated register figures per snapshot and ORP (``rpss_orp_total``), rebuilt in each
register load's transaction, so the ORP pages read one row per ORP instead of summing thousands
of services and facilities on every uncached render.

The SQL here is the one statement of each sum; ``dashboard.queries.services`` reads the table
and tests hold it to a row-by-row count of the file.
"""

from __future__ import annotations

import sqlalchemy as sa

from etl import schema as s
from etl.rpss_counting import BEDS, RESIDENTIAL, SENIORS


def orp_totals_statement(snapshot_id: int) -> sa.Select:
    """Per ORP where any service counts: services, residential beds (registered), and of them
    the beds of services for seniors: the SQL of ``etl.rpss_counting.residential_beds`` and
    ``senior_beds`` (tests hold the sums to those functions, service by service)."""
    o, sv, c, g = (s.social_service_orp, s.social_service, s.social_service_capacity,
                   s.social_service_target_group)
    beds = (sa.select(c.c.service_id, c.c.capacity).where(
        c.c.form_code == RESIDENTIAL, c.c.capacity_type == BEDS).subquery("beds"))
    for_seniors = sa.select(g.c.service_id).where(g.c.canonical_code == SENIORS)
    return (sa.select(o.c.orp_code, sa.func.count(o.c.service_id).label("services"),
                      sa.func.sum(beds.c.capacity).label("beds"),
                      sa.func.sum(sa.case((o.c.service_id.in_(for_seniors), beds.c.capacity)))
                      .label("senior_beds"))
            .join(sv, sv.c.id == o.c.service_id)
            .outerjoin(beds, beds.c.service_id == o.c.service_id)
            .where(sv.c.snapshot_id == snapshot_id)
            .group_by(o.c.orp_code))


def counted_only_in(snapshot_id: int, other_id: int) -> sa.Select:
    """Per ORP: services counting there in ``snapshot_id`` but not in ``other_id`` (matched by
    the register's service id)."""
    o, sv = s.social_service_orp, s.social_service
    o2, sv2 = o.alias("o2"), sv.alias("sv2")
    there_too = (sa.select(sa.literal(1)).select_from(o2.join(sv2, sv2.c.id == o2.c.service_id))
                 .where(sv2.c.snapshot_id == other_id, sv2.c.register_id == sv.c.register_id,
                        o2.c.orp_code == o.c.orp_code))
    return (sa.select(o.c.orp_code, sa.func.count().label("services"))
            .join(sv, sv.c.id == o.c.service_id)
            .where(sv.c.snapshot_id == snapshot_id, ~there_too.exists())
            .group_by(o.c.orp_code))


def refresh(conn: sa.Connection) -> None:
    """Rebuild ``rpss_orp_total`` for every snapshot (each compared with the one before it)."""
    conn.execute(s.rpss_orp_total.delete())
    ids = conn.execute(sa.select(s.rpss_snapshot.c.id).order_by(s.rpss_snapshot.c.as_of)).scalars()
    previous = None
    for snapshot_id in list(ids):
        rows = {r.orp_code: {"snapshot_id": snapshot_id, "orp_code": r.orp_code,
                             "services": r.services, "beds": r.beds, "senior_beds": r.senior_beds,
                             "added": None, "ended": None}
                for r in conn.execute(orp_totals_statement(snapshot_id))}
        if previous is not None:
            added = dict(conn.execute(counted_only_in(snapshot_id, previous)).all())
            ended = dict(conn.execute(counted_only_in(previous, snapshot_id)).all())
            for code in set(added) | set(ended):  # an ORP can lose its last service
                rows.setdefault(code, {"snapshot_id": snapshot_id, "orp_code": code,
                                       "services": 0, "beds": None, "senior_beds": None})
            for code, row in rows.items():
                row["added"], row["ended"] = added.get(code, 0), ended.get(code, 0)
        if rows:
            conn.execute(s.rpss_orp_total.insert(), list(rows.values()))
        previous = snapshot_id
