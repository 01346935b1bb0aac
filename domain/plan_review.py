"""The steering group's review of a community plan: the rules, as pure functions of DataFrames.

Inputs are the frames of ``dashboard.queries.plan``: for the public, evaluations
are already masked (an unpublished evaluation has no status). ``reveal=True``
is the steering group's view, where an unpublished evaluation counts with its
status and money; the caller passes it only after checking the role. Nothing
here touches the database or the request. ``dashboard.plan_review`` reads a plan year
through these rules; ``dashboard.figures.plan`` draws and names what they decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import pandas as pd

from domain.frames import records

UNPUBLISHED = "unpublished"  # an evaluation exists but is not public: its status is not shown
MISSING = "missing"  # no evaluation for that measure and year

#: Progress order used to call a change an improvement or a setback: a final "not
#: fulfilled" is the worst outcome, then not started, ongoing, partly, fulfilled.
PROGRESS_RANK = {"not_fulfilled": 0, "not_started": 1, "ongoing": 2, "partly": 3, "fulfilled": 4}

IMPROVED, WORSENED, NEW, DROPPED, PUBLICATION = (
    "improved", "worsened", "new", "dropped", "publication")


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def default_plan_key(plans: pd.DataFrame) -> str | None:
    """The plan shown when the address names none: the first one with evaluations."""
    if plans.empty:
        return None
    evaluated = plans[plans["evaluation_count"] > 0]
    return str((evaluated if not evaluated.empty else plans).iloc[0]["key"])


def cell_state(row: Mapping[str, object] | None, reveal: bool = False) -> str:
    """The grid state of one evaluation row: its status code, unpublished, or missing.

    Without ``reveal`` an unpublished row is "unpublished" even if it carries a
    status (a second guard behind the query's mask).
    """
    if row is None:
        return MISSING
    if (not row.get("is_public") and not reveal) or _blank(row.get("status_code")):
        return UNPUBLISHED
    return str(row["status_code"])


def plan_years(plan: Mapping[str, object] | None, evaluations: pd.DataFrame) -> list[int]:
    """Years of the grid: the plan period and every evaluated year, in order."""
    years = {int(y) for y in evaluations["year"]} if not evaluations.empty else set()
    if plan and plan.get("period_from") and plan.get("period_to"):
        years |= set(range(int(plan["period_from"]), int(plan["period_to"]) + 1))
    return sorted(years)


def choose_year(requested: object, evaluations: pd.DataFrame) -> int | None:
    """The requested year when it has evaluations, else the latest evaluated year."""
    if evaluations.empty:
        return None
    evaluated = sorted({int(y) for y in evaluations["year"]})
    try:
        wanted = int(str(requested))
    except (TypeError, ValueError):
        return evaluated[-1]
    return wanted if wanted in evaluated else evaluated[-1]


def filter_measures(measures: pd.DataFrame, priority: str | None = None,
                    group: str | None = None) -> pd.DataFrame:
    """Measures of one priority and one target group (canonical code or the plan's local name)."""
    mask = pd.Series(True, index=measures.index)
    if priority:
        mask &= measures["priority"] == priority
    if group:
        mask &= (measures["canonical_code"] == group) | (measures["target_group"] == group)
    return measures[mask]


def status_matrix(measures: pd.DataFrame, evaluations: pd.DataFrame, years: list[int],
                  reveal: bool = False) -> pd.DataFrame:
    """One row per measure, one column per year, each cell a grid state (see ``cell_state``)."""
    by_key = {(int(r["measure_id"]), int(r["year"])): r for r in records(evaluations)}
    rows = {int(mid): [cell_state(by_key.get((int(mid), year)), reveal) for year in years]
            for mid in measures["measure_id"]}
    return pd.DataFrame.from_dict(rows, orient="index", columns=years)


def status_counts(matrix: pd.DataFrame, year: int) -> dict[str, int]:
    """How many measures are in each state in ``year``."""
    if matrix.empty or year not in matrix.columns:
        return {}
    return {str(k): int(v) for k, v in matrix[year].value_counts().items()}


def status_changes(evaluations: pd.DataFrame, year: int, reveal: bool = False) -> pd.DataFrame:
    """What changed in ``year`` against the year before, one row per measure that changed.

    Without ``reveal`` it compares what the public may see: an unpublished
    evaluation counts as "unpublished", so a change between two unpublished
    years is never revealed. With it, statuses are compared whether published or not.
    Columns: measure_id, previous, current (grid states) and kind (improved,
    worsened, new, dropped, publication).
    """
    rows = {(int(r["measure_id"]), int(r["year"])): r for r in records(evaluations)}
    measure_ids = sorted({mid for mid, y in rows if y in (year, year - 1)})
    changes = []
    for mid in measure_ids:
        before = cell_state(rows.get((mid, year - 1)), reveal)
        now = cell_state(rows.get((mid, year)), reveal)
        if before == now:
            continue
        if before == MISSING:
            kind = NEW
        elif now == MISSING:
            kind = DROPPED
        elif UNPUBLISHED in (before, now):
            kind = PUBLICATION
        elif PROGRESS_RANK.get(now, 0) > PROGRESS_RANK.get(before, 0):
            kind = IMPROVED
        else:
            kind = WORSENED
        changes.append({"measure_id": mid, "previous": before, "current": now, "kind": kind})
    return pd.DataFrame(changes, columns=["measure_id", "previous", "current", "kind"])


def costs(measures: pd.DataFrame, evaluations: pd.DataFrame, year: int,
          reveal: bool = False) -> pd.DataFrame:
    """Planned cost of each measure against the money spent in ``year`` and up to it.

    ``unpublished_years`` counts the years up to ``year`` whose evaluation is not
    public. Without ``reveal`` their money is not in the sums, so the sums may be
    too low; with it, the sums include them.
    """
    # the evaluations up to the year grouped by measure in one pass (a filtered frame per
    # measure cost a millisecond each)
    by_measure: dict[object, list[dict]] = {}
    for e in records(evaluations[evaluations["year"] <= year]):
        by_measure.setdefault(e["measure_id"], []).append(e)
    out = []
    for m in records(measures):
        own = by_measure.get(m["measure_id"], [])
        counted = own if reveal else [e for e in own if bool(e["is_public"])]
        spent = [Decimal(e["actual_cost"]) for e in counted if not _blank(e["actual_cost"])]
        in_year = [Decimal(e["actual_cost"]) for e in counted
                   if e["year"] == year and not _blank(e["actual_cost"])]
        planned = None if _blank(m["planned_cost"]) else Decimal(m["planned_cost"])
        to_date = sum(spent, Decimal(0)) if spent else None
        out.append({
            "measure_id": m["measure_id"], "code": m["code"], "name": m["name"],
            "planned": planned, "spent_year": sum(in_year, Decimal(0)) if in_year else None,
            "spent_to_date": to_date,
            "share": float(to_date / planned) if planned and to_date is not None else None,
            "unpublished_years": sum(1 for e in own if not bool(e["is_public"])),
        })
    return pd.DataFrame(out, columns=["measure_id", "code", "name", "planned", "spent_year",
                                      "spent_to_date", "share", "unpublished_years"])
