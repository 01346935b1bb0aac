"""The ORP comparison's rules: population, budget per inhabitant, fulfilment and plan coverage.

Pure functions (``split_budget``, ``uncovered_years``, ``year_ranges``, ``orp_totals``,
``assemble``) tested without a database (``tests/domain/test_orp_rules.py``).
``dashboard.queries.orp`` reads their rows; the page's ``comparison`` reads the per-ORP totals
summed by the database (``dashboard.queries.orp_totals``), which
``tests/dashboard/test_orp_totals.py`` holds to ``orp_totals`` over the rows.

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

from collections.abc import Iterable, Sequence

import pandas as pd

from domain.frames import records

#: Per ORP, what the comparison sums up: ``orp_totals`` here from rows,
#: ``dashboard.queries.orp_totals.totals`` from the database, the same figures either way.
TOTALS_COLUMNS = ["orp_code", "projects", "projects_without_budget", "budget", "indicators",
                  "indicator_fulfilment", "indicator_demo", "measures_evaluated",
                  "measures_fulfilled", "measure_demo"]

#: The years checked for plan coverage: OPZ 2014–20 and OPZ+ 2021–27.
COVERAGE_WINDOW = (2014, 2027)

COMPARISON_COLUMNS = [
    "orp_code", "orp_name", "region_nuts3", "region_name", "population", "population_65_plus",
    "projects", "projects_without_budget", "budget", "budget_per_inhabitant",
    "budget_per_inhabitant_65", "indicators", "indicator_fulfilment", "measures_evaluated",
    "measures_fulfilled", "measures_fulfilled_share", "plans", "plan_periods", "uncovered_years",
    "uncovered_year_count", "uncovered_year_list", "is_demo",
]


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
