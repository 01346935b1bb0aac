"""The steering group's review drawn and named: status words, filter options, the address, the cost chart."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import plan as build
from dashboard.plan_review import filters_query
from dashboard.queries.plan import natural_key
from domain import plan_review as rules
from tests.domain.test_plan_review_rules import _evaluations, _measures

STATUSES = pd.DataFrame({
    "code": ["fulfilled", "partly", "ongoing", "not_fulfilled", "not_started"],
    "name": ["splněno", "částečně splněno", "průběžně plněno", "nesplněno", "nezahájeno"],
    "name_en": ["fulfilled", "partly fulfilled", "ongoing", "not fulfilled", "not started"],
    "sort_order": [1, 2, 3, 4, 5], "counts_as_fulfilled": [True, False, False, False, False],
})





@pytest.mark.parametrize(("state", "lang", "label"), [
    ("fulfilled", "cs", "splněno"), ("partly", "en", "partly fulfilled"),
    (rules.UNPUBLISHED, "cs", "nezveřejněno"), (rules.UNPUBLISHED, "en", "not published"),
    (rules.MISSING, "cs", "bez hodnocení"),
])
def test_pln007_status_labels(state: str, lang: str, label: str) -> None:
    assert build.status_label(state, STATUSES, lang) == label



def test_pln009_group_options_list_canonical_groups_then_local_names() -> None:
    options = build.group_options(_measures(), "cs")
    assert [o["value"] for o in options] == ["seniori", "I. Podpora seniorům", "ozp", "V. Postižení"]
    assert options[0]["label"] == "Senioři"
    assert build.group_options(_measures(), "en")[0]["label"] == "Older people"



def test_pln012_natural_order_of_measure_codes() -> None:
    assert sorted(["1.10", "2.1", "1.2", "A.3", "1.1"], key=natural_key) == [
        "1.1", "1.2", "1.10", "2.1", "A.3"]



@pytest.mark.parametrize(("values", "changed", "expected"), [
    (("ostrava-kp5", "2021", "", "ozp", "cs"), "plan-filter-skupina",
     "?plan=ostrava-kp5&rok=2021&skupina=ozp"),
    (("zabreh-kp2", "2021", "1 X", "ozp", "cs"), "plan-filter-plan", "?plan=zabreh-kp2"),
    (("ostrava-kp5", "2020", "", "", "en"), "plan-filter-rok", "?plan=ostrava-kp5&rok=2020&lang=en"),
])
def test_pln013_filters_go_to_the_address(values: tuple, changed: str, expected: str) -> None:
    assert filters_query(*values, changed) == expected
    shown = dict(zip(("plan", "rok", "priorita", "skupina"), values[:4], strict=True))
    assert filters_query(*values, changed, shown) is None  # what the page shows already



def test_pln014_cost_figure_has_planned_and_spent_bars_with_czech_amounts() -> None:
    costs = rules.costs(_measures(), _evaluations((1, 2021, "ongoing", "1234567")), 2021)
    figure = go.Figure(build.cost_figure(costs, 2021, "cs"))  # validated by plotly
    assert [t.name for t in figure.data] == ["Plánované náklady", "Vynaloženo do roku 2021"]
    assert figure.data[1].customdata[0] == "1\u00a0234\u00a0567\u00a0Kč"
    assert figure.layout.separators == ", "



@pytest.mark.parametrize(("shown", "expected"), [
    ({"plan": "a", "rok": "2021", "priorita": "", "skupina": "", "verejne": "1"},
     "?plan=a&rok=2020&verejne=1"),
    ({"plan": "a", "rok": "2021", "priorita": "", "skupina": "", "verejne": ""}, "?plan=a&rok=2020"),
])
def test_pln017_the_public_view_stays_when_filters_change(shown: dict, expected: str) -> None:
    assert filters_query("a", "2020", "", "", "cs", "plan-filter-rok", shown) == expected


def test_pln018_the_reviews_words_in_english_come_from_the_catalogs() -> None:
    costs = rules.costs(_measures(), _evaluations((1, 2021, "ongoing", "1234567")), 2021)
    figure = go.Figure(build.cost_figure(costs, 2021, "en"))
    assert [t.name for t in figure.data] == ["Planned cost", "Spent up to 2021"]
    assert figure.layout.xaxis.title.text == "CZK"
    counts = go.Figure(build.status_count_figure({"fulfilled": 2, rules.MISSING: 1}, STATUSES, "en"))
    assert list(counts.data[0].y) == ["fulfilled", "not evaluated"]
    assert counts.layout.xaxis.title.text == "measures"
    assert [build.change_label(kind, "en") for kind in (rules.IMPROVED, rules.WORSENED, rules.NEW)] \
        == ["improved", "worse", "newly evaluated"]
    assert build.change_label(rules.PUBLICATION, "cs") == "změna zveřejnění"
