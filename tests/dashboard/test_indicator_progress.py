"""The progress the ETL keeps per indicator target equals the rule applied on request."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import indicators as q
from etl import schema as s
from etl.load import load_files

TODAY = dt.date(2026, 1, 1)
SHOWN = ["project_id", "key", "indicator_code", "target_value", "latest", "share_of_target",
         "projected", "elapsed", "status", "is_demo"]


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


@pytest.mark.parametrize("indicator", [None, "60000", "80500"])
def test_ipr001_kept_progress_is_the_rule_applied(db: Database, indicator: str | None) -> None:
    kept = q.progress(db, TODAY, indicator_code=indicator)
    assert len(kept) > 0
    pd.testing.assert_frame_equal(kept, q.progress_by_rule(db, TODAY, indicator_code=indicator),
                                  check_dtype=False)


def test_ipr002_counts_and_most_at_risk_as_from_the_whole_progress(db: Database) -> None:
    progress = q.progress(db, TODAY)
    assert q.status_counts(db, today=TODAY) == progress["status"].value_counts().to_dict()
    for limit in (1, 2, 15):
        expected = q.most_at_risk(progress, limit).reset_index(drop=True)
        pd.testing.assert_frame_equal(q.at_risk(db, limit, TODAY)[SHOWN], expected[SHOWN],
                                      check_dtype=False)


def test_ipr003_a_load_rebuilds_the_progress(db: Database, seeded_engine: sa.Engine,
                                             tmp_path) -> None:  # noqa: ANN001
    progress = q.progress(db, TODAY)
    row = progress[progress["latest"].notna()].iloc[0]
    path = tmp_path / "plneni_indikatoru.csv"
    later = dt.date(2030, 1, 1)
    path.write_text("registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zdroj\n"
                    f"{row['key']};{row['indicator_code']};{later.isoformat()};987654;test\n",
                    encoding="utf-8")
    assert load_files(seeded_engine, [path]).status == "loaded"
    after = q.progress(db, TODAY).set_index(["key", "indicator_code"])
    assert after.loc[(row["key"], row["indicator_code"]), "latest"] == 987654.0
    pd.testing.assert_frame_equal(q.progress(db, TODAY), q.progress_by_rule(db, TODAY),
                                  check_dtype=False)
    with seeded_engine.connect() as conn:
        kept = conn.execute(sa.select(sa.func.count()).select_from(s.indicator_progress)).scalar()
    assert kept == len(after)


def test_ipr004_finished_projects_count_as_results_not_at_risk(db: Database) -> None:
    """On a day after every project ended nothing is at risk or on track: each target is
    reached or missed, in the counts and the overview's list alike; before, the trend rules."""
    early, late = dt.date(2000, 1, 1), dt.date(2100, 1, 1)
    trend = q.status_counts(db, today=early)
    assert trend.get("at_risk", 0) + trend.get("on_track", 0) > 0
    settled = q.status_counts(db, today=late)
    assert "at_risk" not in settled and "on_track" not in settled
    assert settled["missed"] == trend.get("at_risk", 0) + trend.get("on_track", 0)
    assert q.at_risk(db, 15, late).empty
    progress = q.progress(db, late)
    assert progress.loc[progress["status"] == "missed", "projected"].isna().all()
    assert settled == progress["status"].value_counts().to_dict()
