"""ORPs side by side: population, budget per inhabitant, fulfilment and plan coverage.

The rules that turn rows into the comparison are pure functions (``split_budget``,
``uncovered_years``, ``year_ranges``, ``orp_totals``, ``orp_comparison``) tested without a
database; the ``*_rows`` functions only read. The page's ``comparison`` reads the per-ORP
totals summed by the database instead (``dashboard.queries.orp_totals``); the tests hold
them to ``orp_totals`` over the rows.

Rules, as the page states them:

* A project's total eligible expenditure is split across the ORPs it covers in
  proportion to their population (2021 census); an ORP's budget is the sum of its
  shares over every project covering it. Per inhabitant divides by the whole
  population, per inhabitant 65+ by the population aged 65 and over. Projects
  whose pages state no total are counted, never guessed.
* Indicator fulfilment: the mean of the latest achieved value as a share of the
  target (capped at 100 %) over the indicators of the projects covering the ORP.
* Measures fulfilled: of the measures of the ORP's plans with a public
  evaluation, the share whose latest public evaluation has a status that counts
  as fulfilled.
* Years without a plan: the years of the window (2014–2027, the two ESF
  programming periods) that no community plan of the ORP covers.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.collation import sort_frame
from dashboard.db import Database
from dashboard.frames import records
from dashboard.queries.orp_totals import TOTALS_COLUMNS
from dashboard.queries.orp_totals import totals as database_totals
from etl import schema as s

#: The years checked for plan coverage: OPZ 2014–20 and OPZ+ 2021–27.
COVERAGE_WINDOW = (2014, 2027)

COMPARISON_COLUMNS = [
    "orp_code", "orp_name", "region_nuts3", "region_name", "population", "population_65_plus",
    "projects", "projects_without_budget", "budget", "budget_per_inhabitant",
    "budget_per_inhabitant_65", "indicators", "indicator_fulfilment", "measures_evaluated",
    "measures_fulfilled", "measures_fulfilled_share", "plans", "plan_periods", "uncovered_years",
    "uncovered_year_count", "uncovered_year_list", "is_demo",
]


# --- Pure rules ---------------------------------------------------------------

def split_budget(links: pd.DataFrame) -> pd.DataFrame:
    """Each project's total split over its ORPs by population: one row per project and ORP.

    ``links`` has project_id, orp_code, population and total (None where not stated);
    the result adds ``share`` (of the project's population, 0–1) and ``amount`` (Kč as
    float, NaN where the project states no total).
    """
    out = links.copy()
    if out.empty:
        return out.assign(share=pd.Series(dtype=float), amount=pd.Series(dtype=float))
    population = out["population"].astype(float)
    covered = population.groupby(out["project_id"]).transform("sum")
    out["share"] = (population / covered).where(covered > 0)
    total = out["total"].map(lambda v: float(v) if v is not None and v == v else float("nan"))
    out["amount"] = total * out["share"]
    return out


def per_inhabitant(amount: float | None, population: int | float | None) -> float | None:
    """Kč per inhabitant; None without an amount or people."""
    if amount is None or amount != amount or not population:
        return None
    return float(amount) / float(population)


def uncovered_years(periods: Iterable[tuple[int | None, int | None]],
                    first: int = COVERAGE_WINDOW[0], last: int = COVERAGE_WINDOW[1]) -> list[int]:
    """Years from ``first`` to ``last`` that none of the (from, to) periods covers.

    A period with only one end stated covers that one year; one with neither covers none.
    """
    covered: set[int] = set()
    for start, end in periods:
        if start is None and end is None:
            continue
        start = end if start is None else start
        end = start if end is None else end
        covered.update(range(int(start), int(end) + 1))
    return [year for year in range(first, last + 1) if year not in covered]


def year_ranges(years: Sequence[int]) -> str:
    """``[2014, 2015, 2016, 2023]`` as ``2014–2016, 2023``; empty text for no years."""
    parts: list[str] = []
    ordered = sorted(set(years))
    start = previous = None
    for year in ordered + [None]:
        if start is not None and (year is None or year != previous + 1):
            parts.append(str(start) if start == previous else f"{start}–{previous}")
            start = None
        if year is not None and start is None:
            start = year
        previous = year
    return ", ".join(parts)


def latest_status_share(evaluations: pd.DataFrame) -> tuple[int, int]:
    """(measures with a public evaluation, of them fulfilled by their latest public evaluation)."""
    counts = latest_status_counts(evaluations.assign(orp_code=""))
    if counts.empty:
        return 0, 0
    return int(counts["evaluated"].iloc[0]), int(counts["fulfilled"].iloc[0])


def latest_status_counts(evaluations: pd.DataFrame) -> pd.DataFrame:
    """Per ORP: measures with a public evaluation, of them fulfilled by the latest, any demo."""
    public = evaluations[evaluations["is_public"].astype(bool)]
    latest = public.sort_values("year").groupby(["orp_code", "measure_id"]).tail(1)
    fulfilled = latest["counts_as_fulfilled"].astype(bool).astype(int)
    counts = pd.DataFrame({"evaluated": latest.groupby("orp_code").size(),
                           "fulfilled": fulfilled.groupby(latest["orp_code"]).sum()})
    if "is_demo" in public:
        counts["demo"] = public["is_demo"].astype(bool).groupby(public["orp_code"]).any()
    return counts


def orp_totals(budgets: pd.DataFrame, progress: pd.DataFrame,
               evaluations: pd.DataFrame) -> pd.DataFrame:
    """Per ORP with any row: projects (with and without a budget), the budget split to it,
    indicators with a share and their mean (each capped at 100 %), measures evaluated and
    fulfilled by their latest public evaluation, and whether indicators or measures are demo.

    Each input is grouped by ORP once (not filtered once per ORP): the whole country
    is 206 ORPs over thousands of rows.
    """
    split = split_budget(budgets)
    by_split = split.groupby("orp_code")
    projects = by_split["project_id"].nunique().to_dict() if not split.empty else {}
    unstated = split["amount"].isna().groupby(split["orp_code"]).sum().to_dict() \
        if not split.empty else {}
    stated = split.dropna(subset=["amount"]).groupby("orp_code")["amount"].sum().to_dict() \
        if not split.empty else {}
    shares = progress.assign(share=progress["share_of_target"].astype(float).clip(upper=1.0)) \
        if not progress.empty else progress.assign(share=pd.Series(dtype=float))
    by_indicator = shares.groupby("orp_code")
    indicator_count = by_indicator["share"].count().to_dict()
    indicator_mean = by_indicator["share"].mean().to_dict()
    indicator_demo = shares["is_demo"].astype(bool).groupby(shares["orp_code"]).any().to_dict()
    measures = latest_status_counts(evaluations).to_dict("index") if not evaluations.empty else {}
    codes = sorted(set(projects) | set(indicator_count) | set(measures))
    return pd.DataFrame([{
        "orp_code": code, "projects": int(projects.get(code, 0)),
        "projects_without_budget": int(unstated.get(code, 0)),
        "budget": float(stated[code]) if code in stated else None,
        "indicators": int(indicator_count.get(code, 0)),
        "indicator_fulfilment": float(indicator_mean[code]) if indicator_count.get(code, 0) else None,
        "indicator_demo": bool(indicator_demo.get(code, False)),
        "measures_evaluated": int(measures.get(code, {}).get("evaluated", 0)),
        "measures_fulfilled": int(measures.get(code, {}).get("fulfilled", 0)),
        "measure_demo": bool(measures.get(code, {}).get("demo", False)),
    } for code in codes], columns=TOTALS_COLUMNS)


def orp_comparison(orps: pd.DataFrame, budgets: pd.DataFrame, progress: pd.DataFrame,
                   plans: pd.DataFrame, evaluations: pd.DataFrame,
                   window: tuple[int, int] = COVERAGE_WINDOW) -> pd.DataFrame:
    """One row per ORP with every compared figure (see the module's rules)."""
    return assemble(orps, orp_totals(budgets, progress, evaluations), plans, window)


def assemble(orps: pd.DataFrame, totals: pd.DataFrame, plans: pd.DataFrame,
             window: tuple[int, int] = COVERAGE_WINDOW) -> pd.DataFrame:
    """One row per ORP of ``orps``: its totals (``orp_totals``; none where it has no row),
    per-inhabitant figures, shares, plan periods and the years no plan covers."""
    by_code = {r["orp_code"]: r for r in records(totals)}
    # each ORP's plan periods, in the order of ``plans``: plain lists, not a DataFrame per ORP
    periods_of: dict[str, list[tuple]] = {}
    if not plans.empty:
        for code, start, end in zip(plans["orp_code"], plans["period_from"], plans["period_to"],
                                    strict=True):
            periods_of.setdefault(code, []).append((start, end))
    rows = []
    for orp in records(orps):
        code = orp["orp_code"]
        mine = by_code.get(code, {})
        budget = mine.get("budget")
        budget = None if budget is None or budget != budget else float(budget)
        shown = int(mine.get("indicators", 0))
        evaluated = int(mine.get("measures_evaluated", 0))
        fulfilled = int(mine.get("measures_fulfilled", 0))
        periods = periods_of.get(code, [])
        gaps = uncovered_years([(_int(a), _int(b)) for a, b in periods], *window)
        demo = (shown > 0 and bool(mine.get("indicator_demo"))) or \
               (evaluated > 0 and bool(mine.get("measure_demo")))
        rows.append({
            "orp_code": code, "orp_name": orp["orp_name"], "region_nuts3": orp["region_nuts3"],
            "region_name": orp["region_name"], "population": int(orp["population"]),
            "population_65_plus": int(orp["population_65_plus"]),
            "projects": int(mine.get("projects", 0)),
            "projects_without_budget": int(mine.get("projects_without_budget", 0)),
            "budget": budget,
            "budget_per_inhabitant": per_inhabitant(budget, orp["population"]),
            "budget_per_inhabitant_65": per_inhabitant(budget, orp["population_65_plus"]),
            "indicators": shown,
            "indicator_fulfilment": float(mine["indicator_fulfilment"]) if shown else None,
            "measures_evaluated": evaluated, "measures_fulfilled": fulfilled,
            "measures_fulfilled_share": fulfilled / evaluated if evaluated else None,
            "plans": len(periods),
            "plan_periods": ", ".join(period_text(a, b) for a, b in sorted(
                periods, key=lambda p: (_int(p[0]) or 0, _int(p[1]) or 0))),
            "uncovered_years": year_ranges(gaps), "uncovered_year_count": len(gaps),
            "uncovered_year_list": gaps,
            "is_demo": bool(demo),
        })
    return pd.DataFrame(rows, columns=COMPARISON_COLUMNS)


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return int(value)


def period_text(start: object, end: object) -> str:
    """A plan's period as ``2019–2022`` (one year alone, ``?`` where none is stated)."""
    start, end = _int(start), _int(end)
    if start is None and end is None:
        return "?"
    if start == end or end is None or start is None:
        return str(start if start is not None else end)
    return f"{start}–{end}"


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
    """Each measure's latest public evaluation, once per ORP of its plan, with whether its
    status counts as fulfilled and whether any of its public evaluations is demo.

    Only these decide the comparison (``latest_status_counts``); the database picks them
    rather than sending every evaluation over.
    """
    e, m = s.measure_evaluation, s.measure
    public = (
        sa.select(e.c.measure_id, sa.func.max(e.c.year).label("year"),
                  sa.func.max(sa.case((e.c.is_demo | m.c.is_demo, 1), else_=0)).label("demo"))
        .join(m, m.c.id == e.c.measure_id)
        .where(e.c.is_public.is_(True))
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
