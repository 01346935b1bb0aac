"""Projects with their funding split and ORPs."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.db import Database
from etl import schema as s

SHARE_COLUMNS = {"eu": "eu_amount", "state": "state_amount", "beneficiary": "beneficiary_amount"}


def _share(source: str) -> sa.ScalarSelect:
    return (sa.select(s.project_funding.c.amount)
            .where(s.project_funding.c.project_id == s.project.c.id,
                   s.project_funding.c.source_code == source)
            .scalar_subquery())


def _share_derived(source: str) -> sa.ScalarSelect:
    return (sa.select(s.project_funding.c.amount_derived)
            .where(s.project_funding.c.project_id == s.project.c.id,
                   s.project_funding.c.source_code == source)
            .scalar_subquery())


def projects_statement() -> sa.Select:
    """One row per project: identity, programme and call, period, total and the three shares."""
    p = s.project
    return (
        sa.select(
            p.c.id, p.c.key, p.c.registration_number_stated, p.c.name, p.c.short_name,
            p.c.beneficiary, p.c.programme_code, s.call.c.number.label("call_number"),
            p.c.start_date, p.c.end_date, p.c.total_eligible, p.c.support_eu_state,
            *[_share(src).label(col) for src, col in SHARE_COLUMNS.items()],
            _share_derived("eu").label("shares_derived"),
            p.c.predecessor_key, p.c.source, p.c.is_demo,
        )
        .select_from(p.outerjoin(s.call, s.call.c.id == p.c.call_id))
        .order_by(p.c.start_date.desc().nulls_last(), p.c.key)
    )


def project_orps_statement() -> sa.Select:
    """Project id, ORP code, ORP name and region for every covered ORP."""
    return (
        sa.select(s.project_orp.c.project_id, s.orp.c.code.label("orp_code"),
                  s.orp.c.name.label("orp_name"), s.orp.c.region_nuts3)
        .join(s.orp, s.orp.c.code == s.project_orp.c.orp_code)
        .order_by(s.project_orp.c.project_id, s.orp.c.code)
    )


@cached_query("projects")
def projects(db: Database, today: dt.date | None = None) -> pd.DataFrame:
    """All projects with ORP codes (a list), region codes and a status by today's date."""
    frame = db.frame(projects_statement())
    codes: dict[int, list[str]] = {}
    names: dict[int, list[str]] = {}
    regions: dict[int, set[str]] = {}
    # plain rows, not a pandas group-by with a Python function per project
    for row in db.rows(project_orps_statement()):
        codes.setdefault(row["project_id"], []).append(row["orp_code"])
        names.setdefault(row["project_id"], []).append(row["orp_name"])
        regions.setdefault(row["project_id"], set()).add(row["region_nuts3"])
    frame["orp_codes"] = [codes.get(i, []) for i in frame["id"]]
    frame["orp_names"] = [names.get(i, []) for i in frame["id"]]
    frame["regions"] = [sorted(regions.get(i, ())) for i in frame["id"]]
    frame["status"] = [project_status(start, end, today) for start, end in
                       zip(frame["start_date"], frame["end_date"], strict=True)]
    return frame


def project_status(start: dt.date | None, end: dt.date | None, today: dt.date | None = None) -> str:
    """``planned``, ``running``, ``finished`` or ``unknown`` (no dates stated)."""
    today = today or dt.date.today()
    if start is None and end is None:
        return "unknown"
    if start is not None and today < start:
        return "planned"
    if end is not None and today > end:
        return "finished"
    return "running"


def display_name(row: dict | pd.Series, lang: str = "cs") -> str:
    """The project's name, else its short name, else a label saying the source names none."""
    from dashboard.i18n import t

    for field in ("name", "short_name"):
        value = row.get(field)
        if isinstance(value, str) and value:
            return value
    return f"({t('name.not_stated', lang)})"
