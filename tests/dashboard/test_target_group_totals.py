"""The target-group figures summed by the database equal those of the rules over every measure."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import target_group_totals as totals
from dashboard.queries import target_groups as queries
from domain import target_groups as rules
from etl.aggregates import refresh as refresh_aggregates


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


def _by_rules(db: Database, plan: str | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    measures = queries.measures_with_status(db, plan)
    groups = queries.canonical_groups(db)
    return measures, rules.by_group(measures, groups), rules.status_counts(measures, groups)


@pytest.mark.parametrize("plan", [None, "demo-ukazkov-kp", "demo-prikladov-kp", "demo-vzorov-kp"])
def test_tgt_qry001_summary_and_status_counts_equal_the_rules(db: Database, plan: str | None) -> None:
    measures, expected, expected_counts = _by_rules(db, plan)
    rows = totals.group_status_rows(db, plan)
    groups = queries.canonical_groups(db)
    summary = totals.summary(rows, totals.group_local_names(db, plan), groups)
    pd.testing.assert_frame_equal(summary, expected, check_dtype=False, rtol=1e-12)
    counts = totals.status_counts(rows, groups)
    pd.testing.assert_frame_equal(counts[expected_counts.columns], expected_counts, check_dtype=False)
    figures = totals.totals(rows)
    assert figures["measures"] == len(measures)
    planned = [v for v in measures["planned_cost"] if v is not None and v == v]
    assert figures["planned_cost"] == (sum(planned) if planned else None)
    evaluated = measures[measures["status_code"].notna()]
    assert figures["evaluated"] == len(evaluated) > 0
    assert figures["fulfilled"] == int(evaluated["counts_as_fulfilled"].astype(bool).sum())


def test_tgt_qry002_internal_evaluations_do_not_count(db: Database, seeded_engine: sa.Engine) -> None:
    from etl import schema as s

    with seeded_engine.begin() as conn:
        conn.execute(sa.update(s.measure_evaluation).values(is_public=False))
        refresh_aggregates(conn)  # as every load does after writing
    rows = totals.group_status_rows(db, "demo-prikladov-kp")
    assert set(rows["status_code"]) == {totals.NOT_EVALUATED}
    summary = totals.summary(rows, totals.group_local_names(db, "demo-prikladov-kp"),
                             queries.canonical_groups(db))
    assert summary["evaluated"].sum() == 0 and summary["actual_cost"].isna().all()


def test_tgt_qry003_no_measures_no_rows(db: Database) -> None:
    assert totals.group_status_rows(db, "no-such-plan").empty
