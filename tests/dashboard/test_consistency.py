"""One rounding of money per context and one way to write a share, in text, grids and axes."""

from __future__ import annotations

import datetime as dt
import json
import sys
from decimal import Decimal
from pathlib import Path

import dash
import pandas as pd
import plotly.graph_objects as go
import pytest
from plotly.utils import PlotlyJSONEncoder

from dashboard import formatting as fmt
from dashboard.app import create_app
from dashboard.components.grid import money_column
from dashboard.config import Settings
from dashboard.figures import orp as orp_figures

TOTAL = Decimal("6418862.50")


def _orp_frame() -> pd.DataFrame:
    return pd.DataFrame({"orp_code": ["8119", "8120"], "orp_name": ["Ostrava", "Opava"],
                         "budget": [float(TOTAL - 1000), 1000.0], "projects": [2, 1],
                         "plans": [1, 0], "population": [300000, 50000],
                         "population_65_plus": [60000, 10000], "indicator_fulfilment": [0.55, 0.425]})


@pytest.fixture(scope="module")
def orp_kpis(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - the page's function
    """The ORP page's KPI row (pages are modules of a running app, so an app is made)."""
    create_app(Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('con')}/empty.sqlite"))
    page = next(p for p in dash.page_registry.values() if p["path"] == "/orp")
    return sys.modules[page["module"]]._kpis


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_con001_orp_total_rounds_as_the_overview_does(orp_kpis, lang: str) -> None:  # noqa: ANN001
    cards = json.dumps(orp_kpis(_orp_frame(), lang), cls=PlotlyJSONEncoder, ensure_ascii=False)
    overview_total = fmt.money(TOTAL, lang)  # the overview's KPI card
    assert overview_total in cards
    assert overview_total.replace("\u00a0", " ") in ("6 418 862,50 Kč", "CZK 6,418,862.50")


def test_con002_each_context_has_one_rounding_in_text_and_grid() -> None:
    assert fmt.money(TOTAL, "cs", fmt.PROJECT) == "6\u00a0418\u00a0862,50\u00a0Kč"
    assert fmt.money(TOTAL, "cs", fmt.PLAN) == "6\u00a0418\u00a0863\u00a0Kč"
    for context, digits in fmt.MONEY_DIGITS.items():
        column = money_column("x", "X", "cs", context)
        assert column["valueFormatter"]["function"] == f"czk(params.value, 'cs', {digits})"


@pytest.mark.parametrize(("text", "expected"), [
    (fmt.money(Decimal("1033.72")), "1\u00a0033,72\u00a0Kč"),
    (fmt.money(Decimal("0.42"), "en"), "CZK\u00a00.42"),
    (fmt.date(dt.date(2019, 10, 31)), "31.\u00a010.\u00a02019"),
    (fmt.percent(0.55), "55\u00a0%"),
])
def test_con003_money_dates_and_shares_do_not_break(text: str, expected: str) -> None:
    assert text == expected and " " not in text


@pytest.mark.parametrize(("lang", "suffix"), [("cs", "\u00a0%"), ("en", "%")])
def test_con004_share_axes_write_the_per_cent_sign_as_the_text_does(lang: str, suffix: str) -> None:
    bars = go.Figure(orp_figures.ranked_bars(_orp_frame(), "indikatory", lang))
    assert bars.layout.xaxis.ticksuffix == suffix and bars.layout.xaxis.tickformat == ",.0f"
    assert list(bars.data[0].x) == pytest.approx([55.0, 42.5])  # per cent, not shares
    assert fmt.percent(0.55, lang) == "55" + suffix  # the same sign as in cards and tables
    assert fmt.percent_axis(lang)["ticksuffix"] == suffix


def test_con005_grids_wrap_headers_and_keep_money_on_one_line() -> None:
    from dashboard.components.grid import DEFAULT_COLUMN, MONEY_MIN_WIDTH

    # a header wraps instead of being cut to "Zdr…"; the grid scrolls sideways on a phone
    assert DEFAULT_COLUMN["wrapHeaderText"] and DEFAULT_COLUMN["autoHeaderHeight"]
    assert money_column("x", "X", "cs")["minWidth"] == MONEY_MIN_WIDTH
    assert money_column("x", "X", "cs", minWidth=200)["minWidth"] == 200  # a page may widen it
    css = (Path(__file__).resolve().parents[2] / "dashboard" / "assets" / "03-app.css").read_text()
    assert ".ag-right-aligned-cell" in css.split("white-space: nowrap")[0]
