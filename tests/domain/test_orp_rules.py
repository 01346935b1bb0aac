"""The ORP comparison's rules as pure functions: budget split, per inhabitant, plan gaps."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from domain.orp import (
    per_inhabitant,
    period_text,
    split_budget,
    uncovered_years,
    year_ranges,
)
from tests.domain.reference import latest_status_share, orp_comparison


def _links(rows: list[tuple[int, str, int, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["project_id", "orp_code", "population", "total"])


@pytest.mark.parametrize(("rows", "expected"), [
    # one ORP takes the whole project
    ([(1, "8119", 313857, Decimal("3648425.00"))], {("8119", 1): 3648425.0}),
    # two ORPs share it by population: 3 : 1
    ([(1, "A", 300, Decimal("1000")), (1, "B", 100, Decimal("1000"))],
     {("A", 1): 750.0, ("B", 1): 250.0}),
    # each project is split on its own; ORP A gets a share of both
    ([(1, "A", 100, Decimal("400")), (1, "B", 100, Decimal("400")), (2, "A", 100, Decimal("90"))],
     {("A", 1): 200.0, ("B", 1): 200.0, ("A", 2): 90.0}),
])
def test_orp_rul001_project_total_is_split_by_population(rows, expected) -> None:  # noqa: ANN001
    split = split_budget(_links(rows))
    got = {(r["orp_code"], r["project_id"]): r["amount"] for r in split.to_dict("records")}
    assert got == pytest.approx(expected)
    for _project, group in split.groupby("project_id"):
        assert group["share"].sum() == pytest.approx(1.0)


def test_orp_rul002_project_without_total_is_not_guessed() -> None:
    split = split_budget(_links([(1, "A", 100, None), (1, "B", 300, None)]))
    assert split["amount"].isna().all()
    assert list(split["share"]) == [0.25, 0.75]  # the share is known, the money is not


def test_orp_rul003_split_never_mutates_its_input() -> None:
    links = _links([(1, "A", 100, Decimal("10"))])
    before = links.copy()
    split_budget(links)
    pd.testing.assert_frame_equal(links, before)


@pytest.mark.parametrize(("amount", "population", "expected"), [
    (3648425.0, 313857, 3648425.0 / 313857),
    (None, 1000, None), (float("nan"), 1000, None), (1000.0, 0, None), (0.0, 1000, 0.0),
])
def test_orp_rul004_per_inhabitant(amount, population, expected) -> None:  # noqa: ANN001
    got = per_inhabitant(amount, population)
    assert got == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(("periods", "first", "last", "expected"), [
    ([], 2014, 2027, list(range(2014, 2028))),                        # no plan: every year
    ([(2019, 2022)], 2014, 2027, [2014, 2015, 2016, 2017, 2018, 2023, 2024, 2025, 2026, 2027]),
    ([(2008, 2010), (2012, 2015)], 2014, 2027, list(range(2016, 2028))),  # Zábřeh
    ([(2010, 2030)], 2014, 2027, []),                                 # covers the whole window
    ([(2014, 2016), (2016, 2020), (2021, 2027)], 2014, 2027, []),     # overlapping, no gap
    ([(2014, 2016), (2019, 2027)], 2014, 2027, [2017, 2018]),         # a gap between plans
    ([(None, 2020)], 2019, 2021, [2019, 2021]),                       # one end: that year only
    ([(None, None)], 2019, 2020, [2019, 2020]),                       # no period stated
])
def test_orp_rul005_uncovered_years(periods, first, last, expected) -> None:  # noqa: ANN001
    assert uncovered_years(periods, first, last) == expected


@pytest.mark.parametrize(("years", "text"), [
    ([], ""), ([2014], "2014"), ([2014, 2015, 2016], "2014–2016"),
    ([2014, 2015, 2016, 2017, 2018, 2023, 2024, 2025, 2026, 2027], "2014–2018, 2023–2027"),
    ([2020, 2017, 2018], "2017–2018, 2020"), ([2016, 2016, 2018], "2016, 2018"),
])
def test_orp_rul006_year_ranges(years, text) -> None:  # noqa: ANN001
    assert year_ranges(years) == text


@pytest.mark.parametrize(("start", "end", "text"), [
    (2019, 2022, "2019–2022"), (2019, 2019, "2019"), (None, 2020, "2020"), (None, None, "?"),
    (float("nan"), float("nan"), "?"),
])
def test_orp_rul007_period_text(start, end, text) -> None:  # noqa: ANN001
    assert period_text(start, end) == text


def test_orp_rul008_latest_public_evaluation_decides() -> None:
    evaluations = pd.DataFrame([
        # measure 1: fulfilled in 2020, an internal 2021 'not fulfilled' must not count
        (1, 2020, True, True), (1, 2021, False, False),
        # measure 2: fulfilled in 2019, not fulfilled in its latest public year
        (2, 2019, True, True), (2, 2020, True, False),
        # measure 3: only internal evaluations: not evaluated publicly
        (3, 2020, False, True),
    ], columns=["measure_id", "year", "is_public", "counts_as_fulfilled"])
    assert latest_status_share(evaluations) == (2, 1)


def test_orp_rul009_comparison_of_two_orps_sharing_a_project() -> None:
    orps = pd.DataFrame([
        ("A", "Alfa", "CZ0", "Kraj", 3000, 600), ("B", "Beta", "CZ0", "Kraj", 1000, 500),
    ], columns=["orp_code", "orp_name", "region_nuts3", "region_name", "population",
                "population_65_plus"])
    budgets = pd.DataFrame([
        (1, "A", 3000, Decimal("40000")), (1, "B", 1000, Decimal("40000")), (2, "B", 1000, None),
    ], columns=["project_id", "orp_code", "population", "total"])
    progress = pd.DataFrame([("A", 0.5, False), ("A", 1.5, True)],
                            columns=["orp_code", "share_of_target", "is_demo"])
    plans = pd.DataFrame([("A", 2019, 2022)], columns=["orp_code", "period_from", "period_to"])
    evaluations = pd.DataFrame(columns=["orp_code", "measure_id", "year", "is_public",
                                        "counts_as_fulfilled", "is_demo"])
    frame = orp_comparison(orps, budgets, progress, plans, evaluations, (2018, 2023)).set_index(
        "orp_code")
    assert frame.loc["A", "budget"] == pytest.approx(30000)
    assert frame.loc["B", "budget"] == pytest.approx(10000)
    # the same project split by population: the same Kč per inhabitant in both ORPs
    assert frame.loc["A", "budget_per_inhabitant"] == pytest.approx(10)
    assert frame.loc["B", "budget_per_inhabitant"] == pytest.approx(10)
    assert frame.loc["B", "budget_per_inhabitant_65"] == pytest.approx(20)
    assert frame.loc["B", "projects"] == 2 and frame.loc["B", "projects_without_budget"] == 1
    # fulfilment capped at 100 % per indicator: (0.5 + 1.0) / 2
    assert frame.loc["A", "indicator_fulfilment"] == pytest.approx(0.75)
    assert bool(frame.loc["A", "is_demo"]) is True
    assert pd.isna(frame.loc["B", "indicator_fulfilment"])
    assert frame.loc["A", "uncovered_years"] == "2018, 2023"
    assert frame.loc["B", "uncovered_year_count"] == 6
    assert pd.isna(frame.loc["A", "measures_fulfilled_share"])
