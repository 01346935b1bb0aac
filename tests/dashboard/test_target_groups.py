"""Target groups: local names mapped to canonical groups; measures, money, fulfilment per group."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.figures import target_groups as figures
from dashboard.formatting import PLOTLY_SEPARATORS
from dashboard.queries import target_groups as queries
from domain import target_groups as rules

GROUPS = pd.DataFrame([("seniori", "Senioři", "Older people", 1),
                       ("rodiny", "Rodiny s dětmi, děti a mládež", "Families, children and young people", 4)],
                      columns=["canonical_code", "canonical_name", "canonical_name_en", "sort_order"])


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


# --- pure rules ------------------------------------------------------------------

def _measures() -> pd.DataFrame:
    return pd.DataFrame([
        (1, "I. Podpora seniorům", "seniori", Decimal("1000.00"), True),
        (2, "I.PS - Senioři", "seniori", Decimal("500.00"), True),
        (3, "VI. Podpora rodinám s dětmi", "rodiny", None, False),
        (4, None, None, Decimal("10.00"), False),
    ], columns=["measure_id", "local_name", "canonical_code", "planned_cost", "is_demo"])


def _evaluations() -> pd.DataFrame:
    return pd.DataFrame([
        (1, 2019, "ongoing", "průběžně plněno", "ongoing", False, Decimal("40"), Decimal("100.00"), True),
        (1, 2020, "fulfilled", "splněno", "fulfilled", True, Decimal("100"), Decimal("300.00"), True),
        (2, 2020, "not_fulfilled", "nesplněno", "not fulfilled", False, Decimal("30"), None, True),
    ], columns=["measure_id", "year", "status_code", "status_name", "status_name_en",
                "counts_as_fulfilled", "percent_fulfilled", "actual_cost", "is_demo"])


def test_tg_rul001_latest_public_status_and_summed_cost() -> None:
    frame = rules.measure_status(_measures(), _evaluations()).set_index("measure_id")
    assert frame.loc[1, "status_code"] == "fulfilled" and frame.loc[1, "year"] == 2020
    assert frame.loc[1, "actual_cost"] == pytest.approx(400.0)
    assert frame.loc[2, "status_code"] == "not_fulfilled"
    assert pd.isna(frame.loc[2, "actual_cost"])  # no cost stated: not a zero
    assert pd.isna(frame.loc[3, "status_code"])  # never evaluated publicly


def test_tg_rul002_by_group_keeps_every_group_and_the_unassigned() -> None:
    summary = rules.by_group(rules.measure_status(_measures(), _evaluations()), GROUPS)
    rows = summary.set_index("canonical_code")
    assert list(summary["canonical_code"]) == ["seniori", "rodiny", rules.UNASSIGNED]
    assert rows.loc["seniori", "measures"] == 2
    assert rows.loc["seniori", "local_names"] == "I. Podpora seniorům; I.PS - Senioři"
    assert rows.loc["seniori", "planned_cost"] == pytest.approx(1500.0)
    assert rows.loc["seniori", "actual_cost"] == pytest.approx(400.0)
    assert rows.loc["seniori", "evaluated"] == 2 and rows.loc["seniori", "fulfilled"] == 1
    assert rows.loc["seniori", "fulfilled_share"] == pytest.approx(0.5)
    assert rows.loc["seniori", "mean_percent_fulfilled"] == pytest.approx(0.65)
    assert bool(rows.loc["seniori", "is_demo"])
    assert rows.loc["rodiny", "evaluated"] == 0 and pd.isna(rows.loc["rodiny", "fulfilled_share"])
    assert pd.isna(rows.loc["rodiny", "planned_cost"])
    assert rows.loc[rules.UNASSIGNED, "measures"] == 1


def test_tg_rul003_nothing_evaluated_yet() -> None:
    frame = rules.measure_status(_measures(), _evaluations().iloc[0:0])
    assert frame["status_code"].isna().all()
    summary = rules.by_group(frame, GROUPS)
    assert summary["evaluated"].sum() == 0


def test_tg_rul004_status_counts() -> None:
    counts = rules.status_counts(rules.measure_status(_measures(), _evaluations()), GROUPS)
    got = {(r["canonical_code"], r["status_code"]): r["measures"] for r in counts.to_dict("records")}
    assert got == {("seniori", "fulfilled"): 1, ("seniori", "not_fulfilled"): 1, ("rodiny", "none"): 1,
                   (rules.UNASSIGNED, "none"): 1}


# --- figures ---------------------------------------------------------------------

def test_tg_fig001_cost_bars_planned_and_actual_in_kc() -> None:
    summary = rules.by_group(rules.measure_status(_measures(), _evaluations()), GROUPS)
    fig = go.Figure(figures.cost_bars(summary, "cs", "Náklady"))  # validated by plotly
    assert [trace.name for trace in fig.data] == ["Plánované náklady",
                                                  "Skutečné náklady (veřejná hodnocení)"]
    assert all(isinstance(trace, go.Bar) for trace in fig.data)
    assert fig.data[0].x[0] == pytest.approx(1500.0)
    assert fig.layout.xaxis.title.text == "Kč"
    assert fig.layout.separators == PLOTLY_SEPARATORS["cs"]
    assert "1 500 Kč" in fig.data[0].hovertext[0].replace("\u00a0", " ")


def test_tg_fig002_status_bars_in_english_colour_per_status() -> None:
    measures = rules.measure_status(_measures(), _evaluations())
    statuses = pd.DataFrame([("fulfilled", "splněno", "fulfilled", True),
                             ("not_fulfilled", "nesplněno", "not fulfilled", False)],
                            columns=["code", "name", "name_en", "counts_as_fulfilled"])
    fig = go.Figure(figures.status_bars(rules.status_counts(measures, GROUPS), statuses, GROUPS, "en",
                                        "Status"))
    names = [trace.name for trace in fig.data]
    assert names == ["fulfilled", "not fulfilled", "no public evaluation"]
    assert fig.data[0].marker.color == figures.STATUS_COLOURS["fulfilled"]
    # long names wrap over lines (<br>), so that a phone keeps room for the bars
    assert list(fig.data[0].y)[:2] == ["Older people", "Families, children and<br>young people"]
    assert fig.layout.xaxis.title.text == "number of measures"


# --- the warehouse -----------------------------------------------------------------

def test_tg_qry001_ostravas_nine_areas_map_to_canonical_groups(db) -> None:  # noqa: ANN001
    mapping = queries.mapping(db, "ostrava-kp5")
    assert len(mapping) == 9
    assert mapping["local_name"].iloc[0] == "I. Podpora seniorům"
    by_name = dict(zip(mapping["local_name"], mapping["canonical_name"], strict=True))
    assert by_name["III. Podpora občanům se zrakovým postižením"] == "Osoby se zdravotním postižením"
    assert by_name["VIII. Romské etnikum (Podpora občanům v sociálně vyloučených lokalitách)"] == \
        "Osoby ohrožené sociálním vyloučením a osoby v krizi"
    assert mapping["measures"].sum() == len(queries.measure_rows(db, "ostrava-kp5"))


def test_tg_qry002_working_groups_and_canonical_names_as_local_names(db) -> None:  # noqa: ANN001
    working_groups = queries.mapping(db, "demo-prikladov-kp")
    assert list(working_groups["local_name"]) == ["I.PS - Senioři", "II.PS – Lidé s postižením",
                                          "III.PS – Děti, mládež a rodiny s dětmi",
                                          "IV.PS – Osoby v krizi"]
    # this plan's measures use the canonical names themselves, which map to themselves
    canonical_plan = queries.mapping(db, "demo-vzorov-kp")
    assert len(canonical_plan) > 0
    assert (canonical_plan["local_name"] == canonical_plan["canonical_name"]).all()


def test_tg_qry003_summary_covers_every_measure_once(db) -> None:  # noqa: ANN001
    everything = queries.summary(db)
    assert everything["measures"].sum() == len(queries.measure_rows(db))
    assert len(everything) >= 7  # every canonical group, also one without measures
    per_plan = sum(queries.summary(db, key)["measures"].sum() for key in queries.plans(db)["key"])
    assert per_plan == everything["measures"].sum()
    assert everything["is_demo"].any()


def test_tg_qry004_internal_evaluations_do_not_count(db, seeded_engine) -> None:  # noqa: ANN001
    from etl import schema as s

    before = queries.summary(db, "demo-prikladov-kp")
    with seeded_engine.begin() as conn:
        conn.execute(sa.update(s.measure_evaluation).values(is_public=False))
    after = queries.summary(db, "demo-prikladov-kp")
    assert before["evaluated"].sum() > 0
    assert after["evaluated"].sum() == 0
    assert after["actual_cost"].isna().all()
    assert after["measures"].sum() == before["measures"].sum()
