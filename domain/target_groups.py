"""The target-group rules: measures, money and fulfilment by canonical target group.

Plans name their target groups in their own way (Ostrava's nine areas, Zábřeh's four
working groups); every local name maps to one canonical group, so plans compare.
Only public evaluations count here: this is a public page.

Rules (the page states them):

* a measure's status is that of its latest public evaluation;
* its actual cost is the sum of the actual costs of its public evaluations;
* fulfilled: measures whose latest public evaluation has a status that counts as fulfilled,
  as a share of the measures with a public evaluation.

``dashboard.queries.target_groups`` reads the rows these rules take; the page reads the same
figures summed by the database (``dashboard.queries.target_group_totals``), which
``tests/dashboard/test_target_group_totals.py`` holds to ``by_group`` and ``status_counts``.
"""

from __future__ import annotations

import pandas as pd

from domain.collation import czech_sorted
from domain.frames import records

UNASSIGNED = "_unassigned"
#: The catalogue row of the measures without a target group, listed after every group.
UNASSIGNED_GROUP = {"canonical_code": UNASSIGNED, "canonical_name": "(cílová skupina neuvedena)",
                    "canonical_name_en": "(target group not stated)", "sort_order": 999}

SUMMARY_COLUMNS = ["canonical_code", "canonical_name", "canonical_name_en", "sort_order", "measures",
                   "local_names", "planned_cost", "actual_cost", "evaluated", "fulfilled",
                   "fulfilled_share", "mean_percent_fulfilled", "is_demo"]


def measure_status(measures: pd.DataFrame, evaluations: pd.DataFrame) -> pd.DataFrame:
    """Measures with their latest public status, % fulfilled and summed actual cost."""
    out = measures.copy()
    if evaluations.empty:
        for column in ("status_code", "status_name", "status_name_en", "counts_as_fulfilled",
                       "percent_fulfilled", "year"):
            out[column] = None
        out["actual_cost"] = None
        out["evaluated_demo"] = False
        return out
    latest = evaluations.sort_values(["measure_id", "year"]).groupby("measure_id").tail(1)
    latest = latest.set_index("measure_id")
    # exact Decimal sums (object columns add with Python's +), then float
    costs = evaluations.dropna(subset=["actual_cost"]).groupby("measure_id")["actual_cost"].sum(
    ).map(float)
    demo = evaluations.groupby("measure_id")["is_demo"].any()
    for column in ("status_code", "status_name", "status_name_en", "counts_as_fulfilled",
                   "percent_fulfilled", "year"):
        out[column] = out["measure_id"].map(latest[column])
    out["actual_cost"] = out["measure_id"].map(costs)
    out["evaluated_demo"] = out["measure_id"].map(demo).fillna(False).astype(bool)
    return out


def by_group(measures: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical group (every group, also those without measures).

    ``measures`` is the output of ``measure_status``. Measures without a target group
    are gathered in a last row (code ``_unassigned``) when there are any.
    """
    frame = measures.copy()
    frame["canonical_code"] = frame["canonical_code"].where(frame["canonical_code"].notna(), UNASSIGNED)
    rows = []
    catalogue = records(groups)
    if (frame["canonical_code"] == UNASSIGNED).any():
        catalogue.append(dict(UNASSIGNED_GROUP))
    for group in catalogue:
        mine = frame[frame["canonical_code"] == group["canonical_code"]]
        evaluated = mine[mine["status_code"].notna()]
        fulfilled = int(evaluated["counts_as_fulfilled"].astype(bool).sum()) if len(evaluated) else 0
        planned = [float(v) for v in mine["planned_cost"] if v is not None and v == v]
        actual = [float(v) for v in mine["actual_cost"] if v is not None and v == v]
        percents = [float(v) for v in evaluated["percent_fulfilled"] if v is not None and v == v]
        rows.append({
            **{k: group[k] for k in ("canonical_code", "canonical_name", "canonical_name_en",
                                     "sort_order")},
            "measures": len(mine),
            "local_names": "; ".join(czech_sorted({n for n in mine["local_name"] if isinstance(n, str)})),
            "planned_cost": sum(planned) if planned else None,
            "actual_cost": sum(actual) if actual else None,
            "evaluated": len(evaluated), "fulfilled": fulfilled,
            "fulfilled_share": fulfilled / len(evaluated) if len(evaluated) else None,
            "mean_percent_fulfilled": sum(percents) / len(percents) / 100 if percents else None,
            "is_demo": bool(mine["is_demo"].astype(bool).any() or mine["evaluated_demo"].any())
            if len(mine) else False,
        })
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def status_counts(measures: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Measures per canonical group and latest public status (``none``: not yet evaluated)."""
    frame = measures.copy()
    frame["canonical_code"] = frame["canonical_code"].where(frame["canonical_code"].notna(), UNASSIGNED)
    frame["status_code"] = frame["status_code"].where(frame["status_code"].notna(), "none")
    counts = frame.groupby(["canonical_code", "status_code"]).size().rename("measures").reset_index()
    return with_group_names(counts, groups)


def with_group_names(counts: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Counts per (canonical_code, status_code) with each group's names and order (the
    unassigned last), sorted by group and status."""
    names = groups.set_index("canonical_code")
    for column in ("canonical_name", "canonical_name_en", "sort_order"):
        counts[column] = counts["canonical_code"].map(names[column]).fillna(UNASSIGNED_GROUP[column])
    return counts.sort_values(["sort_order", "status_code"]).reset_index(drop=True)
