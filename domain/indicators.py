"""The projection and at-risk rules for indicators: pure functions, tested on their own.

A project's achieved values are cumulative. The projection fits a straight line
(least squares) through the reported values and the starting point (the
baseline, 0 where none is stated, at the project start) and reads it at the
project's end date. An indicator is *at risk* when that projection falls short
of the target; *achieved* once the latest value reaches the target.

Once the project's period is over there is nothing left to forecast: the indicator
has a result, *achieved* (the target reached) or *missed* (short of it by the
target minus the latest value), and no projection. The ETL keeps the status by the
trend (``on_trend``), which does not depend on the day; ``settle`` turns it into the
result once the period is over, in Python (``assess_series``) and, from the same
``SETTLED`` table, in SQL (``dashboard.queries.indicators``).

The ETL keeps the sums and the status by the trend per indicator (``etl.aggregates``,
held to these functions by ``tests/etl/test_aggregates.py``); the status in words is the
pages' (``dashboard.figures.indicators.status_label``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from domain.projects import period_over

ACHIEVED, ON_TRACK, AT_RISK, MISSED, NO_DATA, NO_TARGET = (
    "achieved", "on_track", "at_risk", "missed", "no_data", "no_target")

#: What a status by the trend becomes once the project's period is over: a target not
#: reached by then is missed, whatever the trend said; the other statuses stay.
SETTLED = {AT_RISK: MISSED, ON_TRACK: MISSED}


def settle(status: str, end: dt.date | None, today: dt.date) -> str:
    """The status on ``today``: the trend's status, or the result once the period is over."""
    return SETTLED.get(status, status) if period_over(end, today) else status


def time_elapsed(start: dt.date | None, end: dt.date | None, today: dt.date) -> float | None:
    """Share of the project period gone by today (0 to 1); None without both dates."""
    if start is None or end is None or end <= start:
        return None
    share = (today - start).days / (end - start).days
    return min(1.0, max(0.0, share))


@dataclass(frozen=True)
class Series:
    """What the projection needs of one indicator's reported values, in a few numbers.

    ``x`` is days since the first report. The ETL keeps these sums per project and
    indicator (``etl.aggregates``), so pages never read every reported value.
    """

    observations: int
    first_on: dt.date
    latest: float
    sum_x: int
    sum_xx: int
    sum_y: float
    sum_xy: float

    @classmethod
    def stored(cls, row: Mapping[str, object] | None) -> Series | None:
        """The series of an ``indicator_series`` row (its column names); None for a target
        with no reported value (no row, or the NULLs of an outer join)."""
        if row is None or row["observations"] is None:
            return None
        return cls(int(row["observations"]), row["first_on"], float(row["latest_value"]),
                   int(row["sum_x"]), int(row["sum_xx"]), float(row["sum_y"]), float(row["sum_xy"]))


def summarise(observations: Sequence[tuple[dt.date, float]]) -> Series | None:
    """The sums of reported (date, cumulative value) pairs; None without any."""
    if not observations:
        return None
    ordered = sorted(observations)
    origin = ordered[0][0]
    xs = [(d - origin).days for d, _ in ordered]
    ys = [float(v) for _, v in ordered]
    return Series(len(ordered), origin, ys[-1], sum(xs), sum(x * x for x in xs), sum(ys),
                  sum(x * y for x, y in zip(xs, ys, strict=True)))


def projection(series: Series | None, start: dt.date | None, end: dt.date | None,
               baseline: float | None = None) -> float | None:
    """The cumulative value the least-squares line reaches at ``end``; None when it cannot be told."""
    if series is None or end is None:
        return None
    n, sx, sxx = series.observations, series.sum_x, series.sum_xx
    sy, sxy = series.sum_y, series.sum_xy
    if start is not None and start < series.first_on:
        # the starting point: the baseline (0 where none is stated) at the project start
        x0, y0 = (start - series.first_on).days, float(baseline or 0)
        n, sx, sxx, sy, sxy = n + 1, sx + x0, sxx + x0 * x0, sy + y0, sxy + x0 * y0
    spread = n * sxx - sx * sx  # integers: exact, so a single date is told apart from a line
    if n < 2 or spread == 0:
        return None
    slope = (n * sxy - sx * sy) / spread
    at_end = sy / n + slope * ((end - series.first_on).days - sx / n)
    # A cumulative value never falls: the projection is at least the latest value.
    return max(at_end, series.latest)


@dataclass(frozen=True)
class IndicatorProgress:
    """Where one indicator of one project stands."""

    target: float | None
    latest: float | None
    share_of_target: float | None
    projected: float | None
    elapsed: float | None
    status: str


def assess_series(series: Series | None, target: float | None, start: dt.date | None,
                  end: dt.date | None, today: dt.date,
                  baseline: float | None = None) -> IndicatorProgress:
    """Progress of one indicator from the sums of its reported values (see ``Series``):
    latest value, % of target, projection and status on ``today``."""
    trend = on_trend(series, target, start, end, baseline)
    if period_over(end, today):
        return replace(trend, projected=None, elapsed=time_elapsed(start, end, today),
                       status=settle(trend.status, end, today))
    return replace(trend, elapsed=time_elapsed(start, end, today))


def on_trend(series: Series | None, target: float | None, start: dt.date | None,
             end: dt.date | None, baseline: float | None = None) -> IndicatorProgress:
    """Where the indicator stands by its trend, whatever the day (``elapsed`` left None):
    what the ETL keeps, and what ``settle`` turns into a result once the period is over."""
    latest = series.latest if series is not None else None
    projected = projection(series, start, end, baseline)
    if not target:
        status = NO_TARGET
    elif latest is None:
        status = NO_DATA
    elif latest >= target:
        status = ACHIEVED
    elif projected is not None and projected >= target:
        status = ON_TRACK
    else:
        status = AT_RISK
    share = latest / target if target and latest is not None else None
    return IndicatorProgress(target, latest, share, projected, None, status)


def shortfall(target: float | None, latest: float | None) -> float | None:
    """How much of the target a missed indicator lacks (0 when reached); None without both."""
    if target is None or latest is None:
        return None
    return max(0.0, target - latest)
