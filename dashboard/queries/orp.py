"""ORPs side by side: the rows the comparison reads, the projects of one ORP and the
boundary file.

The rules that turn these rows into the comparison are ``domain.orp``'s; the ``*_rows``
functions only read. The page's ``comparison`` reads the per-ORP totals summed by the
database instead (``dashboard.queries.orp_totals``); the tests hold them to
``domain.orp.orp_totals`` over the rows.
"""
from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.db import Database
from dashboard.queries.orp_totals import totals as database_totals
from domain.collation import sort_frame
from domain.orp import assemble, split_budget
from etl import schema as s
from etl.publication import published

# --- Reading ------------------------------------------------------------------

def regions(db: Database) -> pd.DataFrame:
    """Regions (nuts3, name, orp_count), by name."""
    return sort_frame(db.frame(sa.select(s.region.c.nuts3, s.region.c.name, s.region.c.orp_count)),
                      "name")


def orp_rows(db: Database, region: str | None = None, code: str | None = None) -> pd.DataFrame:
    """ORPs with their region and 2021 population (total, 0–14, 65+)."""
    statement = (
        sa.select(s.orp.c.code.label("orp_code"), s.orp.c.name.label("orp_name"),
                  s.orp.c.region_nuts3, s.region.c.name.label("region_name"),
                  s.orp.c.population_2021.label("population"),
                  s.orp.c.population_0_14_2021.label("population_0_14"),
                  s.orp.c.population_65_plus_2021.label("population_65_plus"),
                  s.orp.c.lat, s.orp.c.lon)
        .join(s.region, s.region.c.nuts3 == s.orp.c.region_nuts3)
    )
    if region:
        statement = statement.where(s.orp.c.region_nuts3 == region)
    if code:
        statement = statement.where(s.orp.c.code == code)
    return sort_frame(db.frame(statement), "orp_name")


def _projects_in(region: str | None = None, orp_code: str | None = None) -> sa.Select:
    """Ids of the projects covering an ORP of ``region`` (or ORP ``orp_code``)."""
    links = sa.select(s.project_orp.c.project_id).join(s.orp, s.orp.c.code == s.project_orp.c.orp_code)
    if region:
        links = links.where(s.orp.c.region_nuts3 == region)
    if orp_code:
        links = links.where(s.project_orp.c.orp_code == orp_code)
    return links


def budget_rows(db: Database, region: str | None = None, orp_code: str | None = None) -> pd.DataFrame:
    """Every project–ORP link with the project's total and the ORP's population.

    With ``region`` or ``orp_code``: the projects covering it, with all their links (a
    project's split needs the population of every ORP it covers).
    """
    statement = (
        sa.select(s.project.c.id.label("project_id"), s.project.c.key, s.project.c.name,
                  s.project.c.short_name, s.project.c.beneficiary, s.project.c.programme_code,
                  s.project.c.start_date, s.project.c.end_date,
                  s.project.c.total_eligible.label("total"), s.project.c.is_demo,
                  s.project_orp.c.orp_code, s.orp.c.population_2021.label("population"))
        .join(s.project_orp, s.project_orp.c.project_id == s.project.c.id)
        .join(s.orp, s.orp.c.code == s.project_orp.c.orp_code)
        .order_by(s.project.c.start_date.desc().nulls_last(), s.project.c.key, s.project_orp.c.orp_code)
    )
    if region or orp_code:
        statement = statement.where(s.project.c.id.in_(_projects_in(region, orp_code)))
    return db.frame(statement)


def plan_rows(db: Database, orp_code: str | None = None) -> pd.DataFrame:
    """Community plans per ORP they cover: key, name, period, the project that made it."""
    statement = (
        sa.select(s.community_plan.c.id.label("plan_id"), s.community_plan.c.key,
                  s.community_plan.c.name, s.community_plan.c.period_from,
                  s.community_plan.c.period_to, s.community_plan_orp.c.orp_code,
                  s.project.c.key.label("project_key"))
        .join(s.community_plan_orp, s.community_plan_orp.c.plan_id == s.community_plan.c.id)
        .outerjoin(s.project, s.project.c.id == s.community_plan.c.project_id)
        .order_by(s.community_plan.c.period_from, s.community_plan.c.key)
    )
    if orp_code:
        statement = statement.where(s.community_plan_orp.c.orp_code == orp_code)
    return db.frame(statement)


def _in_region(orp_code: sa.ColumnElement, region: str | None) -> sa.ColumnElement[bool]:
    """``orp_code`` is an ORP of ``region``; always true without a region."""
    if not region:
        return sa.true()
    return orp_code.in_(sa.select(s.orp.c.code).where(s.orp.c.region_nuts3 == region))


def evaluation_rows(db: Database, region: str | None = None) -> pd.DataFrame:
    """Each measure's latest published evaluation (``etl.publication.published``: marked
    public, of an approved year), once per ORP of its plan, with whether its status counts
    as fulfilled and whether any of its published evaluations is demo.

    Only these decide the comparison (``latest_status_counts``); the database picks them
    rather than sending every evaluation over.
    """
    e, m = s.measure_evaluation, s.measure
    public = (
        sa.select(e.c.measure_id, sa.func.max(e.c.year).label("year"),
                  sa.func.max(sa.case((e.c.is_demo | m.c.is_demo, 1), else_=0)).label("demo"))
        .join(m, m.c.id == e.c.measure_id)
        .where(published(e.c.is_public, m.c.plan_id, e.c.year))
        .group_by(e.c.measure_id)
        .subquery("public")
    )
    return db.frame(
        sa.select(public.c.measure_id, public.c.year, sa.true().label("is_public"), e.c.status_code,
                  s.measure_status.c.counts_as_fulfilled, (public.c.demo == 1).label("is_demo"),
                  s.community_plan_orp.c.orp_code)
        .select_from(public)
        .join(e, sa.and_(e.c.measure_id == public.c.measure_id, e.c.year == public.c.year))
        .join(m, m.c.id == public.c.measure_id)
        .join(s.measure_status, s.measure_status.c.code == e.c.status_code)
        .join(s.community_plan_orp, s.community_plan_orp.c.plan_id == m.c.plan_id)
        .where(_in_region(s.community_plan_orp.c.orp_code, region))
        .order_by(public.c.measure_id)
    )


def indicator_rows(db: Database, region: str | None = None) -> pd.DataFrame:
    """Each project indicator's share of its target, once per ORP the project covers.

    The share is the latest reported value over the target, as in
    ``indicators.progress``, read straight from the pre-aggregated series: the
    comparison needs neither the projection nor the status.
    """
    t, series, links = s.indicator_target, s.indicator_series, s.project_orp
    frame = db.frame(
        sa.select(t.c.project_id, t.c.indicator_code, t.c.target_value, series.c.latest_value,
                  series.c.is_demo, links.c.orp_code)
        .join(links, links.c.project_id == t.c.project_id)
        .outerjoin(series, sa.and_(series.c.project_id == t.c.project_id,
                                   series.c.indicator_code == t.c.indicator_code))
        .where(_in_region(links.c.orp_code, region))
        .order_by(t.c.project_id, t.c.indicator_code, links.c.orp_code)
    )
    target = pd.to_numeric(frame["target_value"], errors="coerce").astype(float)
    latest = pd.to_numeric(frame["latest_value"], errors="coerce").astype(float)
    share = (latest / target).where((target != 0) & target.notna() & latest.notna())
    return pd.DataFrame({"project_id": frame["project_id"], "indicator_code": frame["indicator_code"],
                         "orp_code": frame["orp_code"], "share_of_target": share,
                         "is_demo": frame["is_demo"].fillna(False).astype(bool)})


@cached_query("orp-comparison")
def comparison(db: Database, region: str | None = None) -> pd.DataFrame:
    """The ORPs of ``region`` (all ORPs without one) side by side."""
    # summed per ORP by the database (``orp_totals``): the rules of ``orp_totals`` over
    # thousands of links, indicators and measures, one row per ORP read
    return assemble(orp_rows(db, region), database_totals(db, region), plan_rows(db))


@cached_query("orp-projects")
def orp_projects(db: Database, orp_code: str) -> pd.DataFrame:
    """The projects covering one ORP, with the ORP's population share of each and its amount."""
    split = split_budget(budget_rows(db, orp_code=orp_code))
    if split.empty:
        return split
    split = split.assign(orp_count=split.groupby("project_id")["orp_code"].transform("count"))
    mine = split[split["orp_code"] == orp_code]
    return mine.drop(columns=["population"]).reset_index(drop=True)


def boundaries(path: str | Path) -> dict | None:
    """The ORP boundary GeoJSON at ``path``; None when it cannot be read."""
    path = Path(path)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    return _read_geojson(str(path), stamp)


@functools.lru_cache(maxsize=4)
def _read_geojson(path: str, _stamp: int) -> dict | None:
    # Keyed by modification time too: a replaced file is read again.
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("features") else None


def total_as_decimal(value: object) -> Decimal | None:
    """A float or Decimal amount as Decimal (for formatting); None where not stated."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    return Decimal(str(value))
