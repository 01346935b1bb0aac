"""The project page's queries against the seeded warehouse, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import project as q
from dashboard.queries import projects as q_projects

OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
NOVY_JICIN = "CZ.03.2.63/0.0/0.0/16_063/0006540"
JMK = "local:jmk-planovani-ss"
JMK_PREDECESSOR = "CZ.1.04/3.1.00/05.00052"
DEMO_FINISHED = "local:demo-ukazkov"


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


def test_pq001_project_row_with_programme_call_and_lineage(db: Database) -> None:
    found = q.project(db, OSTRAVA)
    assert found["beneficiary"] == "Statutární město Ostrava"
    assert found["programme_code"] == "OPZ"
    assert found["programme_name"] == "Operační program Zaměstnanost"
    assert found["call_number"] == "63"
    assert found["start_date"] == dt.date(2017, 11, 1)
    assert found["end_date"] == dt.date(2019, 10, 31)
    assert found["total_eligible"] == Decimal("3648425.00")
    # Lineage: the file and row the project came from.
    assert found["file_name"] == "projekty.csv"
    assert found["source_row"] >= 2 and found["load_run_id"] is not None
    assert found["is_demo"] is False


def test_pq002_unknown_project_is_none(db: Database) -> None:
    assert q.project(db, "CZ.99/neexistuje") is None


def test_pq003_predecessor_and_successor_link_both_ways(db: Database) -> None:
    jmk = q.project(db, JMK)
    assert jmk["registration_number_stated"] is False
    assert jmk["predecessor_key"] == JMK_PREDECESSOR
    assert jmk["predecessor_found"] == JMK_PREDECESSOR
    assert jmk["predecessor_name"].startswith("Podpora plánování rozvoje sociálních služeb")
    assert list(q.successors(db, JMK_PREDECESSOR)["key"]) == [JMK]
    assert q.successors(db, OSTRAVA).empty


def test_pq004_orps_of_a_project(db: Database) -> None:
    assert list(q.orps(db, OSTRAVA)["code"]) == ["8119"]
    jmk = q.orps(db, JMK)
    assert len(jmk) == 21
    assert set(jmk["region"]) == {"Jihomoravský kraj"}


def test_pq005_funding_in_source_order_with_derived_marks(db: Database) -> None:
    frame = q.funding(db, OSTRAVA)
    assert list(frame["source_code"]) == ["eu", "state", "beneficiary"]
    rows = frame.set_index("source_code")
    assert rows.loc["eu", "amount"] == Decimal("3101161.25")
    assert bool(rows.loc["eu", "amount_derived"]) is True
    # The beneficiary's share is stated on the page as an amount: not derived.
    assert rows.loc["beneficiary", "amount"] == Decimal("182421.25")
    assert bool(rows.loc["beneficiary", "amount_derived"]) is False
    assert q.funding(db, JMK).empty


def test_pq006_drawdown_per_year_and_source_is_demo_with_its_file(db: Database) -> None:
    frame = q.drawdown(db, DEMO_FINISHED)
    assert list(frame["year"].unique()) == [2017, 2018, 2019]
    assert list(frame[frame["year"] == 2017]["source_code"]) == ["eu", "state", "beneficiary"]
    assert sum(frame["planned"]) == Decimal("3000000.00")
    assert frame["is_demo"].all()
    assert set(frame["file_name"]) == {"demo_cerpani.csv"}
    # a real project shows what its page states: no drawdown is stated, none is made up
    assert q.drawdown(db, OSTRAVA).empty
    assert q.drawdown(db, JMK).empty


def test_pq007_key_activities_in_number_order(db: Database) -> None:
    ostrava = q.key_activities(db, OSTRAVA)
    assert list(ostrava["code"]) == ["KA1", "KA2", "KA3", "KA4", "KA5"]
    assert ostrava.loc[1, "start_date"] == dt.date(2017, 11, 1)
    assert ostrava.loc[1, "end_date"] == dt.date(2018, 10, 31)
    jicin = q.key_activities(db, NOVY_JICIN)
    assert list(jicin["code"])[:2] == ["KA 02", "KA 03"]
    assert jicin["start_date"].isna().all()


def test_pq008_indicator_targets_values_and_progress(db: Database) -> None:
    targets = q.indicator_targets(db, OSTRAVA).set_index("indicator_code")
    assert float(targets.loc["60000", "target_value"]) == 20
    assert targets.loc["60000", "file_name"] == "cile_indikatoru.csv"
    # the real project: its stated targets, no values made up for it
    assert q.indicator_achievements(db, OSTRAVA).empty
    assert set(q.indicator_progress(db, OSTRAVA, dt.date(2026, 1, 1))["status"]) == {"no_data"}
    values = q.indicator_achievements(db, DEMO_FINISHED, "60000")
    assert [float(v) for v in values["achieved_value"]] == [4, 8, 11, 17]
    assert set(values["file_name"]) == {"demo_plneni_indikatoru.csv"}
    assert values["is_demo"].all()
    during = q.indicator_progress(db, DEMO_FINISHED, dt.date(2019, 5, 1)).set_index("indicator_code")
    assert during.loc["60000", "projected"] is not None
    # after the end: a result (missed by 3), not a forecast
    progress = q.indicator_progress(db, DEMO_FINISHED, dt.date(2026, 1, 1)).set_index("indicator_code")
    assert progress.loc["60000", "status"] == "missed"
    assert progress.loc["60000", "share_of_target"] == pytest.approx(0.85)
    assert progress.loc["60000", "projected"] is None
    assert progress.loc["80500", "status"] == "achieved"
    assert q.indicator_progress(db, JMK).empty
    assert q.indicator_achievements(db, JMK).empty


def test_pq009_plans_groups_and_bodies(db: Database) -> None:
    assert list(q.plans(db, OSTRAVA)["key"]) == ["ostrava-kp5"]
    assert q.plans(db, JMK).empty
    groups = q.target_groups(db, OSTRAVA)
    assert "Nestátní neziskové organizace (NNO)" in set(groups["name"])
    assert set(groups["file_name"]) == {"cilove_skupiny_projektu.csv"}
    bodies = q.planning_bodies(db, NOVY_JICIN).set_index("name")
    assert bodies.loc["Řídící skupina", "kind"] == "steering"
    assert bool(bodies.loc["Řídící skupina", "meetings_public"]) is False


def test_pq010_indicator_options_and_codebook(db: Database) -> None:
    options = q.indicator_options(db)
    assert list(options["code"]) == ["60000", "80500"]
    assert list(options["projects"]) == [3, 3]  # Ostrava and the two demo projects
    assert q.indicator(db, "60000")["unit"] == "osoby"
    assert q.indicator(db, "99999") is None


def test_pq011_totals_say_how_much_of_them_is_demo(db: Database) -> None:
    totals = q_projects.project_totals(db)
    assert totals["demo_projects"] == 2
    assert totals["demo_total"] == Decimal("5400000.00")
    # what the seed pages state: Ostrava 3 648 425,00 + Nový Jičín 2 770 437,50
    assert totals["total"] - totals["demo_total"] == Decimal("6418862.50")
