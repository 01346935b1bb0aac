"""The per-ORP totals summed by the database equal those of the rules over every row."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import orp
from dashboard.queries.orp_totals import totals
from domain import orp as orp_rules
from etl.aggregates import refresh as refresh_aggregates
from tests.domain.reference import orp_comparison


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


def _by_rules(db: Database, region: str | None) -> pd.DataFrame:
    return orp_rules.orp_totals(orp.budget_rows(db, region), orp.indicator_rows(db, region),
                          orp.evaluation_rows(db, region))


@pytest.mark.parametrize("region", [None, "CZ064", "CZ080", "CZ071"])
def test_orpt_qry001_totals_equal_the_rules_over_rows(db: Database, region: str | None) -> None:
    expected = _by_rules(db, region)
    found = totals(db, region)
    if region:  # the rows of projects in the region also name their ORPs elsewhere
        codes = set(orp.orp_rows(db, region)["orp_code"])
        expected = expected[expected["orp_code"].isin(codes)].reset_index(drop=True)
    assert len(found) > 0
    pd.testing.assert_frame_equal(found, expected, check_dtype=False, rtol=1e-12)


def test_orpt_qry002_comparison_is_the_rules_over_rows(db: Database) -> None:
    rows = orp_comparison(orp.orp_rows(db), orp.budget_rows(db), orp.indicator_rows(db),
                              orp.plan_rows(db), orp.evaluation_rows(db))
    pd.testing.assert_frame_equal(orp.comparison.uncached(db), rows, check_dtype=False, rtol=1e-12)


def test_orpt_qry003_internal_evaluations_do_not_count(db: Database, seeded_engine: sa.Engine) -> None:
    from etl import schema as s

    with seeded_engine.begin() as conn:
        conn.execute(sa.update(s.measure_evaluation).values(is_public=False))
        refresh_aggregates(conn)  # as every load does after writing
    assert totals(db)["measures_evaluated"].sum() == 0
