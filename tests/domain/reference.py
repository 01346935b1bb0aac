"""The rules as the tests state them, composed of the domain's functions: what the fast
paths and the stored aggregates are held to, and what no production code calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from domain.indicators import AT_RISK, IndicatorProgress, assess_series, projection, summarise
from domain.orp import COVERAGE_WINDOW, assemble, latest_status_counts, orp_totals


def project_value(observations: Sequence[tuple[dt.date, float]], start: dt.date | None,
                  end: dt.date | None, baseline: float | None = None) -> float | None:
    """The cumulative value the trend reaches at ``end``; None when it cannot be told."""
    return projection(summarise(observations), start, end, baseline)


def assess(observations: Sequence[tuple[dt.date, float]], target: float | None,
           start: dt.date | None, end: dt.date | None, today: dt.date,
           baseline: float | None = None) -> IndicatorProgress:
    """Progress of one indicator: latest value, % of target, projection, status."""
    return assess_series(summarise(observations), target, start, end, today, baseline)


def latest_status_share(evaluations: pd.DataFrame) -> tuple[int, int]:
    """(measures with a public evaluation, of them fulfilled by their latest public evaluation)."""
    counts = latest_status_counts(evaluations.assign(orp_code=""))
    if counts.empty:
        return 0, 0
    return int(counts["evaluated"].iloc[0]), int(counts["fulfilled"].iloc[0])


def orp_comparison(orps: pd.DataFrame, budgets: pd.DataFrame, progress: pd.DataFrame,
                   plans: pd.DataFrame, evaluations: pd.DataFrame,
                   window: tuple[int, int] = COVERAGE_WINDOW) -> pd.DataFrame:
    """One row per ORP with every compared figure (see the module's rules)."""
    return assemble(orps, orp_totals(budgets, progress, evaluations), plans, window)


def most_at_risk(progress: pd.DataFrame, limit: int = 15) -> pd.DataFrame:
    """The at-risk indicators, furthest from their target first, at most ``limit`` of them;
    equal shares (common: many sit at exactly 50 %) keep the order of ``progress``."""
    at_risk = progress[progress["status"] == AT_RISK]
    return at_risk.sort_values("share_of_target", na_position="first", kind="stable").head(limit)
