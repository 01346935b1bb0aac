"""One status palette: a status has the same colour on the plan page, the target-group chart,
the overview's and project's badges and the indicator charts."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.components.common import status_badge
from dashboard.figures import plan as plan_figures
from dashboard.figures import target_groups
from dashboard.figures.style import STATUS_COLOURS, STATUS_PALETTE, status_style

MEASURE_STATUSES = ["fulfilled", "partly", "ongoing", "not_fulfilled", "not_started"]
GROUPS = pd.DataFrame([("seniori", "Senioři", "Older people", 1)],
                      columns=["canonical_code", "canonical_name", "canonical_name_en", "sort_order"])


def _target_group_colours() -> dict[str, str]:
    counts = pd.DataFrame([("seniori", "Senioři", "Older people", code, 1) for code in MEASURE_STATUSES],
                          columns=["canonical_code", "canonical_name", "canonical_name_en",
                                   "status_code", "measures"])
    statuses = pd.DataFrame([(code, code, code, code == "fulfilled") for code in MEASURE_STATUSES],
                            columns=["code", "name", "name_en", "counts_as_fulfilled"])
    chart = go.Figure(target_groups.status_bars(counts, statuses, GROUPS, "en", "Status"))
    return {trace.name: trace.marker.color for trace in chart.data}


@pytest.mark.parametrize("status", MEASURE_STATUSES)
def test_pal001_measure_status_same_colour_on_plan_page_and_target_group_chart(status: str) -> None:
    on_plan = plan_figures.STATUS_STYLE[status]["background"]
    assert _target_group_colours()[status] == on_plan == STATUS_PALETTE[status]["background"]


def test_pal002_reached_and_on_the_way_read_alike_for_measures_and_indicators() -> None:
    # "splněno" is green like an achieved indicator; blue is "on the way" in both
    assert STATUS_COLOURS["fulfilled"] == STATUS_COLOURS["achieved"]
    assert STATUS_COLOURS["ongoing"] == STATUS_COLOURS["on_track"]
    assert STATUS_COLOURS["not_fulfilled"] == STATUS_COLOURS["at_risk"]
    assert len({STATUS_COLOURS[s] for s in MEASURE_STATUSES}) == len(MEASURE_STATUSES)


@pytest.mark.parametrize("status", ["achieved", "on_track", "at_risk"])
def test_pal003_badges_take_the_palette_not_bootstrap_colours(status: str) -> None:
    badge = status_badge("x", status)
    assert badge.color == STATUS_PALETTE[status]["background"]
    assert badge.style["color"] == STATUS_PALETTE[status]["color"]


def test_pal004_text_on_every_status_colour_is_readable() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for status, style in STATUS_PALETTE.items():
        light, dark = sorted([luminance(style["background"]), luminance(style["color"])], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, status  # WCAG AA for normal text
    assert status_style("unknown") == status_style(None) == STATUS_PALETTE["none"]
