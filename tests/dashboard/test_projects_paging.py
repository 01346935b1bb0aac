"""The project list is paged, sorted and filtered by the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.db import Database
from dashboard.queries.projects import filter_projects, project_count, project_page, projects

TODAY = dt.date(2026, 11, 23)
QUERIES = [{}, {"kraj": "CZ080"}, {"stav": "finished"}, {"stav": "running"}, {"stav": "unknown"},
           {"stav": "planned"}, {"program": "OPZ"}, {"vyzva": "63"}, {"orp": "8119"},
           {"kraj": "CZ064", "stav": "finished"}, {"stav": "no-such-status"}]


def _text(*values: object) -> str:
    """The first of the values that is text (the name, else the short name), else ''."""
    return next((v for v in values if isinstance(v, str) and v), "")


@pytest.fixture
def db(seeded_engine: sa.Engine) -> Database:
    return Database(seeded_engine)


@pytest.mark.parametrize("query", QUERIES)
def test_pag001_the_database_filters_as_the_list_does(db: Database, query: dict) -> None:  # noqa: ANN001
    expected = filter_projects(projects(db, TODAY), query)
    page, total = project_page(db, query, 0, 500, today=TODAY)
    assert total == len(expected) == project_count(db, query, TODAY)
    assert list(page["key"]) == list(expected["key"])
    assert [list(c) for c in page["orp_codes"]] == [list(c) for c in expected["orp_codes"]]
    assert list(page["status"]) == list(expected["status"])


def test_pag002_pages_follow_on_without_overlap(db: Database) -> None:
    whole, total = project_page(db, {}, 0, 500, [{"colId": "name", "sort": "asc"}], today=TODAY)
    assert total >= 4
    parts = [project_page(db, {}, start, start + 2, [{"colId": "name", "sort": "asc"}],
                          today=TODAY)[0] for start in range(0, total, 2)]
    assert [k for part in parts for k in part["key"]] == list(whole["key"])
    assert all(len(part) <= 2 for part in parts)


def test_pag003_sorting_by_total_puts_unstated_last(db: Database) -> None:
    page, _ = project_page(db, {}, 0, 500, [{"colId": "total", "sort": "desc"}], today=TODAY)
    totals = [float(v) if v is not None else None for v in page["total_eligible"]]
    stated = [v for v in totals if v is not None]
    assert stated == sorted(stated, reverse=True)
    assert totals == stated + [None] * (len(totals) - len(stated))


def test_pag004_grid_column_filters(db: Database) -> None:
    everything = projects(db, TODAY)
    name = {"name": {"filterType": "text", "type": "contains", "filter": "OSTRAV"}}
    page, total = project_page(db, {}, 0, 500, filter_model=name, today=TODAY)
    expected = [k for k, n, short in zip(everything["key"], everything["name"],
                                         everything["short_name"], strict=True)
                if "ostrav" in _text(n, short).lower()]
    assert total == len(expected) > 0 and sorted(page["key"]) == sorted(expected)
    big = {"total": {"filterType": "number", "type": "greaterThan", "filter": 3_000_000}}
    page, total = project_page(db, {}, 0, 500, filter_model=big, today=TODAY)
    assert total == sum(1 for v in everything["total_eligible"] if v is not None and v > 3_000_000)
    assert all(float(v) > 3_000_000 for v in page["total_eligible"])
    # a percent sign is text to look for, not a wildcard
    page, total = project_page(db, {}, 0, 500, filter_model={
        "name": {"filterType": "text", "type": "contains", "filter": "%"}}, today=TODAY)
    assert total == sum(1 for n, short in zip(everything["name"], everything["short_name"],
                                              strict=True) if "%" in _text(n, short))


@pytest.mark.parametrize("typed", ["jičín", "JIČÍN", "jicin", "Jicin", "novém JIČÍ"])
def test_pag006_text_filters_ignore_case_and_diacritics(db: Database, typed: str) -> None:
    """On both databases: what a user types finds "Nový Jičín" with or without accents."""
    everything = projects(db, TODAY)
    expected = [k for k, n, short in zip(everything["key"], everything["name"],
                                         everything["short_name"], strict=True)
                if "jičín" in _text(n, short).lower()]
    name = {"name": {"filterType": "text", "type": "contains", "filter": typed}}
    page, total = project_page(db, {}, 0, 500, filter_model=name, today=TODAY)
    assert total == len(expected) > 0 and sorted(page["key"]) == sorted(expected)
    # and "not contains" is its exact complement
    name["name"]["type"] = "notContains"
    _, rest = project_page(db, {}, 0, 500, filter_model=name, today=TODAY)
    assert rest == len(everything) - total


def test_pag005_the_page_sends_no_rows_and_the_grid_asks_for_one_page(seeded_db_url: str) -> None:
    from bench.pages import page_body

    app = create_app(Settings(database_url=seeded_db_url))
    client = app.server.test_client()
    headers = {"Content-Type": "application/json", "Origin": "http://localhost"}
    page = client.post("/_dash-update-component", data=page_body("/projekty", "?stav=finished"),
                       headers=headers)
    assert page.status_code == 200
    assert "rowData" not in page.get_data(as_text=True)
    request = {"startRow": 0, "endRow": 2, "sortModel": [{"colId": "registration", "sort": "asc"}],
               "filterModel": {}}
    response = client.post("/_dash-update-component", headers=headers, json={
        "output": "projects-grid.getRowsResponse",
        "outputs": {"id": "projects-grid", "property": "getRowsResponse"},
        "inputs": [{"id": "projects-grid", "property": "getRowsRequest", "value": request}],
        "state": [{"id": "projects-query", "property": "data",
                   "value": {"query": {"stav": "finished"}, "lang": "en"}}],
        "changedPropIds": ["projects-grid.getRowsRequest"]})
    assert response.status_code == 200
    answer = response.get_json()["response"]["projects-grid"]["getRowsResponse"]
    db = app.server.extensions["kpss_db"]
    finished = filter_projects(projects(db), {"stav": "finished"})
    assert answer["rowCount"] == len(finished)
    assert [r["key"] for r in answer["rowData"]] == sorted(finished["key"])[:2]
    assert {r["status"] for r in answer["rowData"]} == {"finished"}
    db.engine.dispose()


def test_pgn_qry_filter_choices_are_those_of_every_project(seeded_engine) -> None:  # noqa: ANN001
    from dashboard.db import Database
    from dashboard.queries.projects import filter_choices, projects

    db = Database(seeded_engine)
    frame = projects(db)
    choices = filter_choices(db)
    assert choices["projects"] == len(frame) > 0
    # regions by name, not by code (CZ064 is Jihomoravský kraj)
    assert {r["value"] for r in choices["regions"]} == {r for rs in frame["regions"] for r in rs}
    labels = [r["label"] for r in choices["regions"]]
    assert labels == sorted(labels) and "Jihomoravský kraj" in labels
    assert not any(label.startswith("CZ0") for label in labels)
    assert choices["programmes"] == sorted(frame["programme_code"].dropna().unique())
    assert choices["calls"] == sorted(frame["call_number"].dropna().unique())


def test_pag005_a_region_finds_its_projects_and_their_orp_less_predecessors(db: Database) -> None:
    """South Moravia's 2011–2013 project names no ORP: it belongs to the region of the
    project that continues it, in the list's filter and in its export alike."""
    page, total = project_page(db, {"kraj": "CZ064"}, 0, 500, today=TODAY)
    assert set(page["key"]) == {"local:jmk-planovani-ss", "CZ.1.04/3.1.00/05.00052"}
    exported = filter_projects(projects(db, TODAY), {"kraj": "CZ064"})
    assert set(exported["key"]) == set(page["key"]) and total == 2
    assert "CZ.1.04/3.1.00/05.00052" not in set(project_page(db, {"kraj": "CZ080"}, 0, 500,
                                                             today=TODAY)[0]["key"])
