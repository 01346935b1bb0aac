"""The ORP comparison read from the seeded warehouse (SQLite and PostgreSQL)."""

from __future__ import annotations

import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import orp as queries
from etl.aggregates import refresh as refresh_aggregates

SOUTH_MORAVIA = "CZ064"


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


def test_orp_qry001_south_moravia_has_its_21_orps_all_covered_by_the_regional_project(db) -> None:  # noqa: ANN001
    frame = queries.comparison(db, SOUTH_MORAVIA)
    assert len(frame) == 21
    assert set(frame["region_nuts3"]) == {SOUTH_MORAVIA}
    assert (frame["projects"] == 1).all()
    # the regional project's page states no budget: no Kč per inhabitant, and said so
    assert (frame["projects_without_budget"] == 1).all()
    assert frame["budget_per_inhabitant"].isna().all()
    # no community plan of the region is loaded: every year of 2014–2027 is a gap
    assert (frame["uncovered_year_count"] == 14).all()
    assert set(frame["uncovered_years"]) == {"2014–2027"}
    assert frame["population"].sum() == 1197651  # the region's 2021 census population


def test_orp_qry002_ostrava_per_inhabitant_and_plan_gaps(db) -> None:  # noqa: ANN001
    frame = queries.comparison(db, "CZ080").set_index("orp_code")
    ostrava = frame.loc["8119"]
    assert ostrava["budget"] == pytest.approx(3648425.00)
    assert ostrava["budget_per_inhabitant"] == pytest.approx(3648425.00 / 313857)
    assert ostrava["budget_per_inhabitant_65"] == pytest.approx(3648425.00 / ostrava["population_65_plus"])
    assert ostrava["plan_periods"] == "2019–2022"
    assert ostrava["uncovered_years"] == "2014–2018, 2023–2027"
    # Ostrava's real plan has no evaluations loaded; the demo plan's ORP has, marked as demo
    assert ostrava["measures_evaluated"] == 0 and not bool(ostrava["is_demo"])
    demo = frame.loc["8116"]
    assert demo["measures_evaluated"] > 0
    assert 0 <= demo["measures_fulfilled_share"] <= 1
    assert bool(demo["is_demo"])
    nový_jičín = frame.loc["8115"]
    assert nový_jičín["budget_per_inhabitant"] == pytest.approx(2770437.50 / nový_jičín["population"])
    assert pd.isna(nový_jičín["measures_fulfilled_share"])  # no plan, no measures


def test_orp_qry003_only_public_evaluations_count(db, seeded_engine) -> None:  # noqa: ANN001
    from etl import schema as s

    before = queries.comparison(db, "CZ080").set_index("orp_code").loc["8116"]
    with seeded_engine.begin() as conn:  # every evaluation of the ORP's demo plan made internal
        plan_id = conn.execute(sa.select(s.community_plan.c.id)
                               .where(s.community_plan.c.key == "demo-ukazkov-kp")).scalar_one()
        measures = sa.select(s.measure.c.id).where(s.measure.c.plan_id == plan_id)
        conn.execute(sa.update(s.measure_evaluation)
                     .where(s.measure_evaluation.c.measure_id.in_(measures)).values(is_public=False))
        refresh_aggregates(conn)  # as every load does after writing
    after = queries.comparison(db, "CZ080").set_index("orp_code").loc["8116"]
    assert before["measures_evaluated"] > 0
    assert after["measures_evaluated"] == 0
    assert pd.isna(after["measures_fulfilled_share"])


def test_orp_qry004_zabreh_has_two_plans_and_gaps_after_2015(db) -> None:  # noqa: ANN001
    zabreh = queries.comparison(db, "CZ071").set_index("orp_code").loc["7113"]
    assert zabreh["plans"] == 2
    assert zabreh["plan_periods"] == "2008–2010, 2012–2015"
    assert zabreh["uncovered_years"] == "2016–2027"


def test_orp_qry005_whole_country(db) -> None:  # noqa: ANN001
    frame = queries.comparison(db)
    assert len(frame) == len(set(frame["orp_code"])) >= 205
    assert frame["region_nuts3"].nunique() == 14


def test_orp_qry006_projects_of_one_orp_with_its_share(db) -> None:  # noqa: ANN001
    blansko = queries.orp_projects(db, "6201")
    assert list(blansko["key"]) == ["local:jmk-planovani-ss"]
    assert blansko.iloc[0]["orp_count"] == 21
    assert 0 < blansko.iloc[0]["share"] < 1
    ostrava = queries.orp_projects(db, "8119")
    assert list(ostrava["key"]) == ["CZ.03.2.63/0.0/0.0/16_063/0006590"]
    assert ostrava.iloc[0]["share"] == pytest.approx(1.0)
    assert queries.orp_projects(db, "2101").empty  # Benešov: no project loaded


def test_orp_qry007_plans_of_one_orp(db) -> None:  # noqa: ANN001
    plans = queries.plan_rows(db, "7113")
    assert list(plans["key"]) == ["zabreh-kp1", "zabreh-kp2"]
    assert queries.plan_rows(db, "2101").empty


def test_orp_qry008_boundaries_unreadable_file_means_bars(tmp_path) -> None:  # noqa: ANN001
    assert queries.boundaries(tmp_path / "missing.geojson") is None
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json", encoding="utf-8")
    assert queries.boundaries(broken) is None
    good = tmp_path / "orp.geojson"
    good.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                    '"properties": {"kod_orp": "8119"}, "geometry": null}]}', encoding="utf-8")
    assert queries.boundaries(good)["features"][0]["properties"]["kod_orp"] == "8119"
