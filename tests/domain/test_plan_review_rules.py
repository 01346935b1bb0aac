"""The steering group's review as pure functions: grid states, changes, money, filters."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from domain import plan_review as rules


def _evaluations(*rows: tuple) -> pd.DataFrame:
    """Rows of (measure_id, year, status or None for unpublished[, actual_cost])."""
    records = []
    for row in rows:
        measure_id, year, status = row[:3]
        cost = row[3] if len(row) > 3 else None
        records.append({"measure_id": measure_id, "year": year, "is_public": status is not None,
                        "status_code": status, "percent_fulfilled": None,
                        "actual_cost": Decimal(cost) if cost is not None else None,
                        "comment": None, "is_demo": False})
    return pd.DataFrame(records, columns=["measure_id", "year", "is_public", "status_code",
                                          "percent_fulfilled", "actual_cost", "comment", "is_demo"])



def _measures() -> pd.DataFrame:
    return pd.DataFrame({
        "measure_id": [1, 2, 3], "code": ["1.1", "1.2", "2.1"],
        "name": ["Terénní služba", "Katalog", "Dobrovolníci"],
        "priority": ["1 Dostupnost", "1 Dostupnost", "2 Kvalita"],
        "target_group": ["I. Podpora seniorům", "V. Postižení", "Senioři"],
        "canonical_code": ["seniori", "ozp", "seniori"],
        "canonical_name": ["Senioři", "Osoby se zdravotním postižením", "Senioři"],
        "canonical_name_en": ["Older people", "People with disabilities", "Older people"],
        "canonical_order": [1, 2, 1],
        "planned_cost": [Decimal("100000.00"), None, Decimal("50000.00")],
        "is_demo": [False, False, False],
    })



@pytest.mark.parametrize(("before", "now", "kind"), [
    ("not_started", "ongoing", rules.IMPROVED),
    ("ongoing", "fulfilled", rules.IMPROVED),
    ("partly", "fulfilled", rules.IMPROVED),
    ("not_fulfilled", "partly", rules.IMPROVED),
    ("ongoing", "not_fulfilled", rules.WORSENED),
    ("fulfilled", "partly", rules.WORSENED),
    ("partly", "not_started", rules.WORSENED),
    (None, "fulfilled", rules.PUBLICATION),  # last year unpublished: its status stays hidden
    ("fulfilled", None, rules.PUBLICATION),
])
def test_pln001_change_kinds(before: str | None, now: str | None, kind: str) -> None:
    changes = rules.status_changes(_evaluations((1, 2020, before), (1, 2021, now)), 2021)
    assert changes.to_dict("records") == [{
        "measure_id": 1, "previous": before or rules.UNPUBLISHED, "current": now or rules.UNPUBLISHED,
        "kind": kind}]



@pytest.mark.parametrize("rows", [
    [(1, 2020, "ongoing"), (1, 2021, "ongoing")],  # same status
    [(1, 2020, None), (1, 2021, None)],  # both unpublished: whether it changed stays hidden
    [(1, 2019, "not_started"), (1, 2021, "not_started")],  # gap year, same both sides
])
def test_pln002_no_change_is_listed(rows: list[tuple]) -> None:
    evaluations = _evaluations(*rows)
    if rows[0][1] == 2019:
        evaluations = _evaluations(*rows, (1, 2020, "not_started"))
    assert rules.status_changes(evaluations, 2021).empty



def test_pln003_new_and_dropped_evaluations() -> None:
    evaluations = _evaluations((1, 2021, "ongoing"), (2, 2020, "partly"))
    changes = rules.status_changes(evaluations, 2021).set_index("measure_id")
    assert changes.loc[1, "kind"] == rules.NEW and changes.loc[1, "previous"] == rules.MISSING
    assert changes.loc[2, "kind"] == rules.DROPPED and changes.loc[2, "current"] == rules.MISSING



def test_pln004_changes_only_compare_the_year_before() -> None:
    evaluations = _evaluations((1, 2019, "not_started"), (1, 2020, "ongoing"), (1, 2021, "ongoing"))
    assert rules.status_changes(evaluations, 2021).empty
    assert list(rules.status_changes(evaluations, 2020)["kind"]) == [rules.IMPROVED]



def test_pln005_matrix_marks_unpublished_and_missing() -> None:
    evaluations = _evaluations((1, 2020, "fulfilled"), (1, 2021, None), (2, 2021, "ongoing"))
    matrix = rules.status_matrix(_measures(), evaluations, [2020, 2021])
    assert matrix.loc[1].tolist() == ["fulfilled", rules.UNPUBLISHED]
    assert matrix.loc[2].tolist() == [rules.MISSING, "ongoing"]
    assert matrix.loc[3].tolist() == [rules.MISSING, rules.MISSING]
    assert rules.status_counts(matrix, 2021) == {rules.UNPUBLISHED: 1, "ongoing": 1, rules.MISSING: 1}



def test_pln006_a_public_flag_without_status_is_still_unpublished() -> None:
    assert rules.cell_state({"is_public": True, "status_code": None}) == rules.UNPUBLISHED
    assert rules.cell_state({"is_public": False, "status_code": "fulfilled"}) == rules.UNPUBLISHED
    assert rules.cell_state(None) == rules.MISSING



@pytest.mark.parametrize(("priority", "group", "codes"), [
    (None, None, ["1.1", "1.2", "2.1"]),
    ("1 Dostupnost", None, ["1.1", "1.2"]),
    (None, "seniori", ["1.1", "2.1"]),  # canonical code: every local name mapped to it
    (None, "I. Podpora seniorům", ["1.1"]),  # the plan's own name
    ("2 Kvalita", "ozp", []),
    (None, "neexistuje", []),
])
def test_pln008_filters(priority: str | None, group: str | None, codes: list[str]) -> None:
    assert list(rules.filter_measures(_measures(), priority, group)["code"]) == codes



def test_pln010_costs_count_only_published_money_up_to_the_year() -> None:
    evaluations = _evaluations((1, 2019, "ongoing", "10000"), (1, 2020, None, "999999"),
                               (1, 2021, "fulfilled", "30000"), (1, 2022, "fulfilled", "50000"))
    evaluations.loc[evaluations["year"] == 2020, "actual_cost"] = None  # the query masks it
    costs = rules.costs(_measures(), evaluations, 2021).set_index("code")
    assert costs.loc["1.1", "spent_to_date"] == Decimal("40000")
    assert costs.loc["1.1", "spent_year"] == Decimal("30000")
    assert costs.loc["1.1", "share"] == pytest.approx(0.4)
    assert costs.loc["1.1", "unpublished_years"] == 1
    assert costs.loc["1.2", "planned"] is None and pd.isna(costs.loc["1.2", "share"])
    assert costs.loc["2.1", "spent_to_date"] is None



@pytest.mark.parametrize(("requested", "chosen"), [
    ("2020", 2020), (2021, 2021), ("2030", 2021), ("abc", 2021), (None, 2021)])
def test_pln011_year_choice(requested: object, chosen: int) -> None:
    evaluations = _evaluations((1, 2020, "ongoing"), (1, 2021, "ongoing"))
    assert rules.choose_year(requested, evaluations) == chosen
    assert rules.choose_year(requested, _evaluations()) is None



def _steering_evaluations(*rows: tuple) -> pd.DataFrame:
    """Rows of (measure_id, year, status, is_public[, actual_cost]) as the steering group gets them:
    an unpublished evaluation keeps its status and money."""
    frame = _evaluations(*[(r[0], r[1], r[2], *r[4:]) for r in rows])
    frame["is_public"] = [r[3] for r in rows]
    frame["internal_comment"] = None
    return frame



def test_pln015_steering_view_shows_the_status_of_unpublished_evaluations() -> None:
    evaluations = _steering_evaluations((1, 2020, "ongoing", True), (1, 2021, "fulfilled", False))
    assert rules.status_matrix(_measures(), evaluations, [2020, 2021], reveal=True).loc[1].tolist() == [
        "ongoing", "fulfilled"]
    # the same rows without reveal stay hidden even though they carry a status (the second guard)
    assert rules.status_matrix(_measures(), evaluations, [2020, 2021]).loc[1].tolist() == [
        "ongoing", rules.UNPUBLISHED]
    revealed = rules.status_changes(evaluations, 2021, reveal=True)
    assert revealed.to_dict("records") == [
        {"measure_id": 1, "previous": "ongoing", "current": "fulfilled", "kind": rules.IMPROVED}]
    assert list(rules.status_changes(evaluations, 2021)["kind"]) == [rules.PUBLICATION]



def test_pln016_steering_costs_include_unpublished_money() -> None:
    evaluations = _steering_evaluations((1, 2020, "ongoing", False, "10000"),
                                        (1, 2021, "fulfilled", True, "30000"))
    revealed = rules.costs(_measures(), evaluations, 2021, reveal=True).set_index("code")
    assert revealed.loc["1.1", "spent_to_date"] == Decimal("40000")
    assert revealed.loc["1.1", "unpublished_years"] == 1
    public = rules.costs(_measures(), evaluations, 2021).set_index("code")
    assert public.loc["1.1", "spent_to_date"] == Decimal("30000")
