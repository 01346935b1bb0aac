"""Pages by programme period: a 2021–2027 project with its own indicator code beside the
2014–2020 seed data; totals and counts never mix the two periods' indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest
from dash.exceptions import PreventUpdate

from dashboard.app import create_app
from dashboard.components.period import chosen_period
from dashboard.config import Settings
from dashboard.db import Database
from dashboard.queries import indicators
from dashboard.queries.projects import filter_choices, project_count, project_totals
from etl.database import make_engine
from etl.load import load_files
from tests.dashboard.page_tree import ids as _ids
from tests.dashboard.page_tree import page_module as _page
from tests.dashboard.page_tree import text as _text
from tests.etl.codebook_files import PROJECT, full_workbook

NEW, OLD = "2021–2027", "2014–2020"


@pytest.fixture
def url(seeded_db_url: str) -> str:
    """The seeded database with the 2021–2027 project and its indicator 67010 loaded."""
    engine = make_engine(seeded_db_url, writer=True)
    try:
        result = load_files(engine, blobs=[("opz-plus.xlsx", full_workbook())])
        assert result.ok, [str(p) for p in result.errors]
    finally:
        engine.dispose()
    return seeded_db_url


@pytest.fixture
def db(url: str) -> Database:
    return Database(make_engine(url))


@pytest.fixture
def app(url: str):  # noqa: ANN201 - a Dash app
    return create_app(Settings(database_url=url))


def test_per001_the_address_names_a_period_with_a_plain_hyphen() -> None:
    assert chosen_period({"obdobi": "2021-2027"}) == NEW
    assert chosen_period({"obdobi": "2014–2020"}) == OLD
    assert chosen_period({"obdobi": "1999-2000"}) is None
    assert chosen_period({}) is None


def test_per002_indicator_counts_are_of_one_period(db: Database) -> None:
    every = indicators.progress(db)
    new = indicators.progress(db, period=NEW)
    assert set(new["indicator_code"]) == {"67010"}
    assert indicators.status_counts(db, NEW) == new["status"].value_counts().to_dict()
    old = every[every["indicator_code"] != "67010"]
    assert indicators.status_counts(db, OLD) == old["status"].value_counts().to_dict()
    assert indicators.periods_with_progress(db) == [NEW, OLD]
    assert set(indicators.at_risk(db, 100, period=OLD)["indicator_code"]) <= {"60000", "80500"}


def test_per003_project_totals_and_list_by_period(db: Database) -> None:
    new = project_totals(db, NEW)
    assert (new["projects"], new["total"], new["orps"]) == (1, Decimal("2000000.00"), 0)
    old, every = project_totals(db, OLD), project_totals(db)
    assert every["projects"] > old["projects"] + new["projects"]  # other periods, none stated
    assert project_count(db, {"obdobi": NEW}) == 1
    assert project_count(db, {"obdobi": OLD}) == old["projects"]
    assert NEW in filter_choices(db)["periods"]


def test_per004_the_new_code_shows_on_the_project_and_indicator_pages(app) -> None:  # noqa: ANN001
    project, page = _page("/projekt"), _page("/indikatory")
    with app.server.test_request_context():
        ids = _ids(project.layout(id=PROJECT))
        assert _text(ids["project-indicator-67010-target"]).startswith("120")
        ids = _ids(page.layout(kod="67010"))
        every = [o["value"] for o in ids["indicators-picker"].options]
        rows = ids["indicators-grid"].rowData
        assert len(rows) == 1 and PROJECT in rows[0]["project"] and rows[0]["target"] == 120.0
        assert "2021–2027" in _text(ids["indicators-content"])
        # the unit in the page's language: "Unit: osoby" on an English page was a leak
        english = _text(_ids(page.layout(kod="60000", lang="en"))["indicators-content"])
        assert "Unit: persons" in english and "osoby" not in english
        new = _ids(page.layout(obdobi="2021-2027"))
        old = _ids(page.layout(obdobi="2014-2020"))
    assert every == ["60000", "67010", "80500"]  # every code that has data
    assert [o["value"] for o in new["indicators-picker"].options] == ["67010"]
    assert new["indicators-picker"].value == "67010" and new["indicators-period"].value == "2021-2027"
    assert [o["value"] for o in old["indicators-picker"].options] == ["60000", "80500"]
    assert page.picker_to_url("67010", "cs", "2021-2027") == "?obdobi=2021-2027&kod=67010"
    assert page.period_to_url("2014-2020", "en", "") == "?obdobi=2014-2020&lang=en"
    with pytest.raises(PreventUpdate):  # the select drawn with the address's own period
        page.period_to_url("2021-2027", "cs", "2021-2027")


def test_per005_the_overview_counts_one_period_and_names_it(app, db: Database) -> None:  # noqa: ANN001
    overview = _page("/")
    with app.server.test_request_context():
        default = _ids(overview.layout())
        old = _ids(overview.layout(obdobi="2014-2020"))
        new = _ids(overview.layout(obdobi="2021-2027"))
    # without a period: money of every project, indicators of the newest period with targets
    # the card's DEMO badge follows its title where demo projects count in it
    assert _text(default["kpi-projects"]).replace("DEMO", "", 1).startswith(
        f"Projekty{project_totals(db)['projects']}Pokryté")
    assert "2021–2027" in _text(default["overview-indicator-period"])
    assert _text(default["overview-at-risk-count"]) == str(indicators.status_counts(db, NEW).get(
        "at_risk", 0))
    assert _text(new["kpi-projects"]).replace("DEMO", "", 1).startswith(
        f"Projekty{project_totals(db, NEW)['projects']}Pokryté")
    assert _text(old["overview-at-risk-count"]) == str(indicators.status_counts(db, OLD)["at_risk"])
    assert "2014–2020" in _text(old["overview-indicator-period"])
    assert old["overview-period"].value == "2014-2020"
    assert "obdobi=2014-2020" in old["export-overview-indicators-csv"].href
    assert overview.period_to_url("2021-2027", "cs", "") == "?obdobi=2021-2027"
    assert overview.period_to_url("", "cs", "2021-2027") == ""
    with pytest.raises(PreventUpdate):
        overview.period_to_url("", "cs", "")


def test_per006_the_project_list_writes_and_reads_the_period(app) -> None:  # noqa: ANN001
    projects = _page("/projekty")
    assert projects.filters_to_url("", "", "", "", "cs", "", "2021-2027") == "?obdobi=2021-2027"
    assert projects._filters({"obdobi": "2021-2027"}) == {"obdobi": NEW}
    with app.server.test_client() as client:
        text = client.get("/export/projects.csv?obdobi=2021-2027").data.decode("utf-8-sig")
    assert PROJECT in text and "0006590" not in text
