"""The projection and at-risk rules for indicators: pure functions, tested on their own.

A project's achieved values are cumulative. The projection fits a straight line
(least squares) through the reported values and the starting point (the
baseline, 0 where none is stated, at the project start) and reads it at the
project's end date. An indicator is *at risk* when that projection falls short
of the target; *achieved* once the latest value reaches the target.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

ACHIEVED, ON_TRACK, AT_RISK, NO_DATA, NO_TARGET = (
    "achieved", "on_track", "at_risk", "no_data", "no_target")

STATUS_LABELS = {
    ACHIEVED: ("splněno", "achieved"), ON_TRACK: ("podle plánu", "on track"),
    AT_RISK: ("ohroženo", "at risk"), NO_DATA: ("bez dat", "no data"),
    NO_TARGET: ("bez cíle", "no target"),
}


def time_elapsed(start: dt.date | None, end: dt.date | None, today: dt.date) -> float | None:
    """Share of the project period gone by today (0 to 1); None without both dates."""
    if start is None or end is None or end <= start:
        return None
    share = (today - start).days / (end - start).days
    return min(1.0, max(0.0, share))


def project_value(observations: Sequence[tuple[dt.date, float]], start: dt.date | None,
                  end: dt.date | None, baseline: float | None = None) -> float | None:
    """The cumulative value the trend reaches at ``end``; None when it cannot be told."""
    if not observations or end is None:
        return None
    points = [((d - observations[0][0]).days, float(v)) for d, v in observations]
    origin = observations[0][0]
    if start is not None and start < origin:
        points.insert(0, ((start - origin).days, float(baseline or 0)))
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    at_end = mean_y + slope * ((end - origin).days - mean_x)
    # A cumulative value never falls: the projection is at least the latest value.
    return max(at_end, float(observations[-1][1]))


@dataclass(frozen=True)
class IndicatorProgress:
    """Where one indicator of one project stands."""

    target: float | None
    latest: float | None
    share_of_target: float | None
    projected: float | None
    elapsed: float | None
    status: str


def assess(observations: Sequence[tuple[dt.date, float]], target: float | None,
           start: dt.date | None, end: dt.date | None, today: dt.date,
           baseline: float | None = None) -> IndicatorProgress:
    """Progress of one indicator: latest value, % of target, projection, status."""
    ordered = sorted(observations)
    latest = float(ordered[-1][1]) if ordered else None
    elapsed = time_elapsed(start, end, today)
    projected = project_value(ordered, start, end, baseline)
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
    return IndicatorProgress(target, latest, share, projected, elapsed, status)
