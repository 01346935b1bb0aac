"""A workbook's own indicator code on the pages, in a real browser, by programme period."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from etl.database import make_engine
from etl.load import load_files
from tests.browser.conftest import console_errors
from tests.etl.codebook_files import PROJECT, full_workbook


@pytest.fixture
def codebook_app(_backends: dict[str, object]):  # noqa: ANN201 - a Dash app
    """The dashboard over a seeded copy with the 2021–2027 project and its code 67010 loaded."""
    url = _backends["sqlite"].fresh_url(seeded=True)
    engine = make_engine(url, writer=True)
    try:
        assert load_files(engine, blobs=[("opz-plus.xlsx", full_workbook())]).ok
    finally:
        engine.dispose()
    yield create_app(Settings(database_url=url))
    _backends["sqlite"].drop(url)


def test_brw_cbk001_new_code_on_the_indicator_page_and_overview_by_period(
        dash_duo, codebook_app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(codebook_app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/indikatory?kod=67010")
    dash_duo.wait_for_contains_text("#indicators-grid", PROJECT, timeout=15)
    assert "2021–2027" in dash_duo.find_element("#indicators-content").text
    screenshot("indicator-67010")
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/?obdobi=2021-2027")
    dash_duo.wait_for_contains_text("#overview-indicator-period", "2021–2027", timeout=10)
    assert dash_duo.find_element("#kpi-projects").text.splitlines()[1] == "1"
    assert console_errors(dash_duo) == []
