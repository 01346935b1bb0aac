"""The progress the ETL keeps per indicator target equals the rule applied on request."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import indicators as q
from domain.indicators import Series, assess_series
from domain.projects import project_end
from etl import schema as s
from etl.load import load_files
from tests.domain.reference import most_at_risk

TODAY = dt.date(2026, 1, 1)
SHOWN = ["project_id", "key", "indicator_code", "target_value", "latest", "share_of_target",
         "projected", "elapsed", "status", "is_demo"]


def series_statement(indicator_code: str | None = None, project_key: str | None = None) -> sa.Select:
    """The pre-aggregated reported values per project and indicator (``etl.aggregates``)."""
    t = s.indicator_series
    statement = sa.select(t)
    if indicator_code:
        statement = statement.where(t.c.indicator_code == indicator_code)
    if project_key:
        statement = statement.join(s.project, s.project.c.id == t.c.project_id).where(
            s.project.c.key == project_key)
    return statement


def progress_by_rule(db: Database, today: dt.date | None = None, indicator_code: str | None = None,
                     project_key: str | None = None) -> pd.DataFrame:
    """``progress`` with the rule (``domain.indicators.assess_series``) applied here to the
    pre-aggregated series, one target at a time."""
    today = today or dt.date.today()
    # rows, not DataFrames: a few thousand of them go through the rule one by one
    sums = {(r["project_id"], r["indicator_code"]): r
            for r in db.rows(series_statement(indicator_code, project_key))}
    rows = []
    for goal in map(dict, db.rows(q.targets_statement(indicator_code, project_key))):
        found = sums.get((goal["project_id"], goal["indicator_code"]))
        summary = Series.stored(found)
        target = float(goal["target_value"]) if goal["target_value"] is not None else None
        baseline = float(goal["baseline_value"]) if goal["baseline_value"] is not None else None
        end = project_end(goal["end_date"], goal["planned_end_date"])
        result = assess_series(summary, target, goal["start_date"], end, today, baseline)
        rows.append({**goal, "latest": result.latest, "share_of_target": result.share_of_target,
                     "projected": result.projected, "elapsed": result.elapsed,
                     "status": result.status, "is_demo": bool(found and found["is_demo"]),
                     "target_value": target})
    return pd.DataFrame(rows, columns=q.PROGRESS_COLUMNS)



@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


@pytest.mark.parametrize("indicator", [None, "60000", "80500"])
def test_ipr001_kept_progress_is_the_rule_applied(db: Database, indicator: str | None) -> None:
    kept = q.progress(db, TODAY, indicator_code=indicator)
    assert len(kept) > 0
    pd.testing.assert_frame_equal(kept, progress_by_rule(db, TODAY, indicator_code=indicator),
                                  check_dtype=False)


def test_ipr002_counts_and_most_at_risk_as_from_the_whole_progress(db: Database) -> None:
    progress = q.progress(db, TODAY)
    assert q.status_counts(db, today=TODAY) == progress["status"].value_counts().to_dict()
    for limit in (1, 2, 15):
        expected = most_at_risk(progress, limit).reset_index(drop=True)
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
    pd.testing.assert_frame_equal(q.progress(db, TODAY), progress_by_rule(db, TODAY),
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
