"""A running project has no actual end yet: its status and its indicators' projection work to
its planned end (``domain.projects.project_end``)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import indicators as qi
from dashboard.queries import projects as qp
from domain.projects import project_end, project_end_sql
from etl.load import load_files
from tests.dashboard.test_indicator_progress import progress_by_rule
from tests.domain.reference import project_value
from tests.etl.codebook_files import CODEBOOK, PROJECT, TARGETS, VALUES, workbook

START, PLANNED = dt.date(2023, 1, 1), dt.date(2025, 12, 31)
# the project of the codebook workbook, running: no actual end, a planned one
RUNNING = [("registracni_cislo", "nazev", "program", "zahajeni", "planovane_ukonceni"),
           (PROJECT, "Plánování sociálních služeb 2023–2025", "OPZ+", "1.1.2023", "31.12.2025")]
OBSERVATIONS = [(dt.date(2023, 6, 30), 15.0), (dt.date(2023, 12, 31), 40.0)]


@pytest.mark.parametrize(("end", "planned", "expected"), [
    (dt.date(2024, 6, 30), PLANNED, dt.date(2024, 6, 30)),  # ended otherwise than planned
    (None, PLANNED, PLANNED),  # running
    (dt.date(2024, 6, 30), None, dt.date(2024, 6, 30)),
    (None, None, None),
])
def test_pen001_the_actual_end_else_the_planned_one(end: dt.date | None, planned: dt.date | None,
                                                    expected: dt.date | None,
                                                    engine: sa.Engine) -> None:
    assert project_end(end, planned) == expected
    with engine.connect() as conn:  # the SQL form, on both databases, says the same
        found = conn.execute(sa.select(project_end_sql(
            sa.literal(end, sa.Date), sa.literal(planned, sa.Date)))).scalar_one()
    assert found == expected


@pytest.fixture
def db(engine: sa.Engine) -> Database:
    result = load_files(engine, blobs=[("projekt.xlsx", workbook(
        indikatory=CODEBOOK, projekty=RUNNING, cile_indikatoru=TARGETS, plneni_indikatoru=VALUES))])
    assert result.ok, [str(p) for p in result.errors]
    return Database(engine)


def test_pen002_the_projection_reaches_the_planned_end(db: Database) -> None:
    expected = project_value(OBSERVATIONS, START, PLANNED)
    assert expected is not None
    today = dt.date(2024, 6, 30)
    stored = qi.progress(db, today=today, project_key=PROJECT).iloc[0]
    by_rule = progress_by_rule(db, today=today, project_key=PROJECT).iloc[0]
    for row in (stored, by_rule):
        assert row["end_date"] is None or row["end_date"] != row["end_date"]  # no actual end
        assert row["projected"] == pytest.approx(expected)
        assert row["elapsed"] == pytest.approx((today - START).days / (PLANNED - START).days)
    assert stored["status"] == by_rule["status"]


@pytest.mark.parametrize(("today", "status"), [
    (dt.date(2022, 6, 1), "planned"), (dt.date(2024, 6, 1), "running"),
    (dt.date(2026, 3, 1), "finished")])
def test_pen003_the_status_follows_the_planned_end(db: Database, today: dt.date,
                                                   status: str) -> None:
    listed = qp.projects(db, today=today)
    assert listed.set_index("key").loc[PROJECT, "status"] == status
    page, total = qp.project_page(db, {"stav": status}, 0, 50, today=today)
    assert (total, list(page["key"]), list(page["status"])) == (1, [PROJECT], [status])
    others = {"planned", "running", "finished"} - {status}
    assert all(qp.project_count(db, {"stav": other}, today=today) == 0 for other in others)
