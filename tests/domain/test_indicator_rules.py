"""Projection and at-risk rules."""

from __future__ import annotations

import datetime as dt

import pytest

from domain.indicators import (
    ACHIEVED,
    AT_RISK,
    MISSED,
    NO_DATA,
    NO_TARGET,
    ON_TRACK,
    settle,
    shortfall,
    time_elapsed,
)
from tests.domain.reference import assess, most_at_risk, project_value

START, END = dt.date(2017, 11, 1), dt.date(2019, 10, 31)


def test_rul001_elapsed_share_is_clamped() -> None:
    assert time_elapsed(START, END, dt.date(2016, 1, 1)) == 0
    assert time_elapsed(START, END, dt.date(2030, 1, 1)) == 1
    assert time_elapsed(START, END, dt.date(2018, 10, 31)) == pytest.approx(364 / 729)
    assert time_elapsed(None, END, dt.date(2018, 1, 1)) is None


def test_rul002_linear_projection_through_start() -> None:
    # 10 after half the period from 0 at the start: about 20 at the end.
    mid = START + (END - START) / 2
    assert project_value([(mid, 10.0)], START, END) == pytest.approx(20.0, rel=0.01)


def test_rul003_projection_never_below_latest() -> None:
    assert project_value([(dt.date(2018, 1, 1), 5.0), (dt.date(2019, 1, 1), 5.0)], None, END) == 5.0


@pytest.mark.parametrize(("values", "target", "status"), [
    ([(dt.date(2018, 4, 30), 4), (dt.date(2018, 10, 31), 8), (dt.date(2019, 4, 30), 11)], 20, AT_RISK),
    ([(dt.date(2018, 4, 30), 6), (dt.date(2018, 10, 31), 12)], 20, ON_TRACK),
    ([(dt.date(2019, 4, 30), 21)], 20, ACHIEVED),
    ([], 20, NO_DATA),
    ([(dt.date(2019, 4, 30), 3)], None, NO_TARGET),
])
def test_rul004_status(values: list, target: float | None, status: str) -> None:
    result = assess(values, target, START, END, dt.date(2019, 5, 1))
    assert result.status == status


def test_rul005_share_of_target() -> None:
    result = assess([(dt.date(2019, 4, 30), 11)], 20, START, END, dt.date(2019, 5, 1))
    assert result.share_of_target == pytest.approx(0.55)


def test_rul006_overview_lists_the_furthest_from_target_first() -> None:
    import pandas as pd

    progress = pd.DataFrame({"status": [AT_RISK, ACHIEVED, AT_RISK, AT_RISK],
                             "share_of_target": [0.5, 1.0, 0.2, 0.9], "key": ["a", "b", "c", "d"]})
    assert most_at_risk(progress, limit=2)["key"].tolist() == ["c", "a"]


def test_rul007_projection_from_sums_is_the_least_squares_line() -> None:
    """The sums kept per series give the same line as a fit through every point."""
    import random

    rng = random.Random(7)
    for _ in range(200):
        count = rng.randint(1, 30)
        days = sorted(rng.sample(range(1, 900), count))
        values = [(START + dt.timedelta(days=d), float(rng.randint(0, 500))) for d in days]
        baseline = rng.choice([None, 0.0, 3.0])
        points = [((START - values[0][0]).days, baseline or 0.0)] + [
            ((d - values[0][0]).days, v) for d, v in values]
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        slope = (sum((x - mean_x) * (y - mean_y) for x, y in points)
                 / sum((x - mean_x) ** 2 for x, _ in points))
        expected = max(mean_y + slope * ((END - values[0][0]).days - mean_x), values[-1][1])
        assert project_value(values, START, END, baseline) == pytest.approx(expected, rel=1e-9,
                                                                              abs=1e-9)


def test_rul008_a_finished_project_has_a_result_not_a_forecast() -> None:
    """Ostrava's pace (18 of 20 by its end) is at risk while it runs, missed once it ended."""
    values = [(dt.date(2018, 6, 30), 6), (dt.date(2019, 3, 31), 12)]
    running = assess(values, 20, START, END, dt.date(2019, 5, 1))
    assert running.status in (AT_RISK, ON_TRACK) and running.projected is not None
    on_end_day = assess(values, 20, START, END, END)
    assert on_end_day.status == running.status  # the last day still belongs to the period
    over = assess(values, 20, START, END, dt.date(2019, 11, 1))
    assert over.status == MISSED and over.projected is None and over.elapsed == 1
    assert shortfall(over.target, over.latest) == 8
    reached = assess([*values, (dt.date(2019, 10, 1), 21)], 20, START, END, dt.date(2026, 1, 1))
    assert reached.status == ACHIEVED and reached.projected is None
    assert assess([], 20, START, END, dt.date(2026, 1, 1)).status == NO_DATA


@pytest.mark.parametrize(("status", "end", "expected"), [
    (AT_RISK, dt.date(2019, 10, 31), MISSED), (ON_TRACK, dt.date(2019, 10, 31), MISSED),
    (ACHIEVED, dt.date(2019, 10, 31), ACHIEVED), (NO_DATA, dt.date(2019, 10, 31), NO_DATA),
    (AT_RISK, dt.date(2026, 1, 1), AT_RISK), (AT_RISK, None, AT_RISK),
])
def test_rul009_settle_turns_the_trend_into_the_result(status: str, end: dt.date | None,
                                                       expected: str) -> None:
    assert settle(status, end, dt.date(2026, 1, 1)) == expected
