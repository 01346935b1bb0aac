"""Community-plan queries on the seeded database (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from dashboard import plan_review
from dashboard.db import Database
from dashboard.queries import plan as queries
from domain import plan_review as rules
from etl import schema as s


def _raw_evaluations(engine: sa.Engine, plan_key: str) -> list[sa.RowMapping]:
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    with engine.connect() as conn:
        return list(conn.execute(
            sa.select(e, m.c.code).join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
            .where(p.c.key == plan_key)).mappings())


def test_plq001_plans_with_counts(seeded_engine: sa.Engine) -> None:
    frame = queries.plans(Database(seeded_engine)).set_index("key")
    assert {"demo-ukazkov-kp", "demo-vzorov-kp", "demo-prikladov-kp", "zabreh-kp1", "ostrava-kp5",
            "zabreh-kp2", "pelhrimov-2019"} <= set(frame.index)
    # the real plans carry what their pages state and no demo evaluations
    for real in ("ostrava-kp5", "zabreh-kp2", "pelhrimov-2019", "zabreh-kp1"):
        assert frame.loc[real, "evaluation_count"] == 0, real
    assert frame.loc["demo-ukazkov-kp", "period_from"] == 2019
    assert frame.loc["demo-ukazkov-kp", "period_to"] == 2022
    assert frame.loc["demo-ukazkov-kp", "evaluation_count"] == len(
        _raw_evaluations(seeded_engine, "demo-ukazkov-kp"))
    assert frame.loc["zabreh-kp1", "evaluation_count"] == 0
    assert rules.default_plan_key(queries.plans(Database(seeded_engine))) != "zabreh-kp1"


def test_plq002_plan_by_key(seeded_engine: sa.Engine) -> None:
    db = Database(seeded_engine)
    found = queries.plan(db, "demo-ukazkov-kp")
    assert found["name"].startswith("DEMO – Ukázkov")
    assert "Odry" in found["orps"]
    assert queries.plan(db, "no-such-plan") is None


def test_plq003_measures_with_priority_and_target_groups(seeded_engine: sa.Engine) -> None:
    frame = queries.measures(Database(seeded_engine), "demo-ukazkov-kp")
    assert len(frame) == 8
    assert list(frame["code"]) == sorted(frame["code"], key=queries.natural_key)
    assert frame["priority"].notna().all()
    seniors = frame[frame["target_group"] == "I. Podpora seniorům"]
    assert not seniors.empty and set(seniors["canonical_code"]) == {"seniori"}
    assert all(isinstance(v, Decimal) for v in frame["planned_cost"])


def test_plq004_unpublished_evaluations_come_back_empty(seeded_engine: sa.Engine) -> None:
    raw = _raw_evaluations(seeded_engine, "demo-ukazkov-kp")
    assert any(not r["is_public"] for r in raw), "the demo data has unpublished evaluations"
    frame = queries.evaluations(Database(seeded_engine), "demo-ukazkov-kp")
    assert "internal_comment" not in frame.columns
    assert len(frame) == len(raw)
    by_key = {(r["measure_id"], r["year"]): r for r in frame.to_dict("records")}
    for r in raw:
        shown = by_key[(r["measure_id"], r["year"])]
        if r["is_public"]:
            assert shown["status_code"] == r["status_code"]
            assert shown["actual_cost"] == r["actual_cost"]
            assert shown["comment"] == r["comment"]
        else:
            for column in ("status_code", "percent_fulfilled", "actual_cost", "comment"):
                assert rules._blank(shown[column]), (column, r)


def test_plq005_review_of_a_filtered_year(seeded_engine: sa.Engine) -> None:
    db = Database(seeded_engine)
    review = plan_review.load_review(db, {"plan": "demo-ukazkov-kp", "rok": "2021", "skupina": "seniori"})
    assert review.year == 2021
    assert review.years == [2019, 2020, 2021, 2022]
    assert set(review.shown["canonical_code"]) == {"seniori"}
    assert set(review.matrix.index) == set(review.shown["measure_id"])
    assert set(review.changes["measure_id"]) <= set(review.shown["measure_id"])
    raw = {(r["measure_id"], r["year"]): r for r in _raw_evaluations(seeded_engine, "demo-ukazkov-kp")}
    for mid in review.matrix.index:
        for year in review.years:
            r = raw.get((mid, year))
            expected = rules.MISSING if r is None else (
                r["status_code"] if r["is_public"] else rules.UNPUBLISHED)
            assert review.matrix.at[mid, year] == expected


def test_plq006_empty_states(seeded_engine: sa.Engine) -> None:
    db = Database(seeded_engine)
    assert plan_review.load_review(db, {"plan": "nope"}).plan is None
    no_evaluations = plan_review.load_review(db, {"plan": "zabreh-kp1"})
    assert no_evaluations.plan is not None and not no_evaluations.has_evaluations
    assert plan_review.grid_frame(no_evaluations, "cs").empty
    assert plan_review.changes_frame(no_evaluations, "cs").empty
    no_match = plan_review.load_review(db, {"plan": "demo-ukazkov-kp", "skupina": "nobody"})
    assert no_match.shown.empty and plan_review.costs_frame(no_match, "cs").empty


def test_plq007_filters_in_words(seeded_engine: sa.Engine) -> None:
    db = Database(seeded_engine)
    review = plan_review.load_review(db, {"plan": "demo-ukazkov-kp", "priorita": "3 Informovanost",
                                          "skupina": "seniori"})
    assert plan_review.filter_labels(review, "cs") == ["Priorita: 3 Informovanost",
                                                       "Cílová skupina: Senioři"]
    assert plan_review.filter_labels(review, "en")[1] == "Target group: Older people"
    local = plan_review.load_review(db, {"plan": "demo-ukazkov-kp", "skupina": "I. Podpora seniorům"})
    assert plan_review.filter_labels(local, "cs") == ["Cílová skupina: I. Podpora seniorům"]


def test_plq006_the_steering_view_has_everything(seeded_engine: sa.Engine) -> None:
    raw = _raw_evaluations(seeded_engine, "demo-ukazkov-kp")
    frame = queries.evaluations(Database(seeded_engine), "demo-ukazkov-kp", internal=True)
    assert any(r["internal_comment"] for r in raw), "the demo data has internal comments"
    by_key = {(r["measure_id"], r["year"]): r for r in frame.to_dict("records")}
    assert len(frame) == len(raw)
    for r in raw:
        shown = by_key[(r["measure_id"], r["year"])]
        for column in ("is_public", "status_code", "actual_cost", "comment", "internal_comment"):
            assert shown[column] == r[column] or (rules._blank(shown[column]) and r[column] is None), \
                (column, r)


def test_plq007_steering_review_marks_unpublished_cells_and_lists_internal_comments(
        seeded_engine: sa.Engine) -> None:
    db = Database(seeded_engine)
    every = _raw_evaluations(seeded_engine, "demo-ukazkov-kp")
    # a year with both an unpublished evaluation and an internal comment (the demo data has one)
    year = next(y for y in sorted({r["year"] for r in every})
                if any(not r["is_public"] for r in every if r["year"] == y)
                and any(r["internal_comment"] for r in every if r["year"] == y))
    raw = [r for r in every if r["year"] == year]
    review = plan_review.load_review(db, {"plan": "demo-ukazkov-kp", "rok": str(year)}, internal=True)
    grid = plan_review.grid_frame(review, "cs").set_index("Kód")
    internal = plan_review.internal_frame(review, "cs").set_index("Kód")
    for r in raw:
        cell = grid.loc[r["code"], str(year)]
        if r["is_public"]:
            assert "neveřejné" not in cell
        else:
            assert cell.endswith("(neveřejné)") and "nezveřejněno" not in cell
            assert internal.loc[r["code"], "Zveřejněno"] == "ne"
        if r["internal_comment"]:
            assert internal.loc[r["code"], "Interní komentář (neveřejné)"] == r["internal_comment"]
    assert plan_review.unpublished_count(review) == sum(not r["is_public"] for r in raw)
    public = plan_review.load_review(db, {"plan": "demo-ukazkov-kp", "rok": str(year)})
    assert plan_review.internal_frame(public, "cs").empty
    assert "Interní komentář (neveřejné)" not in plan_review.changes_frame(public, "cs").columns
