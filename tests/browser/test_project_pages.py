"""The project page and the indicator page in a real browser: a project manager's journeys."""

from __future__ import annotations

import re
from urllib.parse import quote

from tests.browser.conftest import console_errors

NBSP = re.compile(r"[\u00a0\u202f]")
OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"


def _text(dash_duo, selector: str) -> str:  # noqa: ANN001
    return NBSP.sub(" ", dash_duo.find_element(selector).text)


def _open(dash_duo, path: str) -> None:  # noqa: ANN001
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}{path}")


def _full_page(dash_duo) -> None:  # noqa: ANN001
    """Make the window as tall as the page, so that a screenshot shows all of it."""
    height = dash_duo.driver.execute_script("return document.documentElement.scrollHeight")
    dash_duo.driver.set_window_size(1366, max(900, int(height) + 40))


def test_prj101_ostravas_project_shows_its_public_facts_without_demo(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, f"/projekt?id={quote(OSTRAVA, safe='')}")
    dash_duo.wait_for_element("#project-indicator-60000", timeout=10)
    assert OSTRAVA in _text(dash_duo, "#project-registration")
    assert "Statutární město Ostrava" in _text(dash_duo, "#project-beneficiary")
    assert _text(dash_duo, "#project-indicator-60000-target") == "20 (do 31. 10. 2019)"
    # The page states targets but no achieved values or drawdown: none are made up.
    assert _text(dash_duo, "#project-indicator-60000-status") == "bez dat"
    assert "DEMO" not in _text(dash_duo, "#app-main")
    assert dash_duo.find_elements("#project-no-drawdown")
    # Budget with the derived marks, ORP link, the plan it produced.
    assert "3 648 425,00 Kč" in _text(dash_duo, "#project-total")
    assert "odvozeno" in _text(dash_duo, "#project-share-eu")
    assert dash_duo.find_element("#project-orps a").get_attribute("href").endswith("/orp?kod=8119")
    assert dash_duo.find_element("#project-plans a").get_attribute("href").endswith(
        "/komunitni-plan?plan=ostrava-kp5")
    assert "cile_indikatoru.csv, řádek 2" in _text(dash_duo, "#project-indicator-60000-target-lineage")
    dash_duo.wait_for_element("#project-activities-graph .main-svg", timeout=10)
    _full_page(dash_duo)
    screenshot("project-ostrava-cs")
    assert console_errors(dash_duo) == []


def test_prj102_project_without_indicators_says_what_to_load(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, "/projekt?id=local%3Ajmk-planovani-ss")
    dash_duo.wait_for_element("#project-no-indicators", timeout=10)
    assert "registrační číslo neuvedeno" in _text(dash_duo, "#project-registration")
    assert "cile_indikatoru.csv" in _text(dash_duo, "#project-no-indicators")
    assert "cerpani.csv" in _text(dash_duo, "#project-no-drawdown")
    # 21 ORPs of South Moravia, each a link to its ORP page.
    assert len(dash_duo.find_elements("#project-orps a")) == 21
    predecessor = dash_duo.find_element("#project-predecessor a")
    assert "CZ.1.04/3.1.00/05.00052" in predecessor.text
    _full_page(dash_duo)
    screenshot("project-jmk-cs")
    predecessor.click()
    dash_duo.wait_for_text_to_equal(
        "#project-title", "Podpora plánování rozvoje sociálních služeb v Jihomoravském kraji II.",
        timeout=10)
    assert console_errors(dash_duo) == []


def test_prj103_unknown_project_is_an_empty_state(dash_duo, app) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, "/projekt?id=CZ.99%2F0000")
    dash_duo.wait_for_element("#project-missing", timeout=10)
    assert "CZ.99/0000" in _text(dash_duo, "#project-missing")
    assert console_errors(dash_duo) == []


def test_prj104_indicator_page_ranks_projects_and_links_back(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, "/indikatory?kod=60000")
    dash_duo.wait_for_element("#indicators-grid .ag-row", timeout=10)
    dash_duo.wait_for_element("#indicators-ranking .main-svg", timeout=10)
    grid_text = _text(dash_duo, "#indicators-grid")
    assert "Společné plánování udržitelné sítě sociálních služeb v Ostravě" in grid_text
    # the demo project that ended in 2019 has a result: 17 of 20, missed
    assert "nesplněno" in grid_text and "85 %" in grid_text
    bars = _text(dash_duo, "#indicators-ranking")
    assert "85 %" in bars and "nesplněno" in bars
    _full_page(dash_duo)
    screenshot("indicator-60000-cs")
    # Another indicator from the dropdown: the address follows, so the view can be shared.
    dash_duo.select_dcc_dropdown("#indicators-picker", index=1)
    dash_duo.wait_for_text_to_equal("#indicators-at-risk", "0", timeout=10)
    assert "kod=80500" in dash_duo.driver.current_url
    assert "splněno" in _text(dash_duo, "#indicators-grid")
    _full_page(dash_duo)
    screenshot("indicator-80500-cs")
    dash_duo.find_element("#indicators-grid a").click()
    dash_duo.wait_for_element("#project-indicator-80500", timeout=10)
    assert console_errors(dash_duo) == []


def test_prj105_project_page_in_english(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, f"/projekt?id={quote(OSTRAVA, safe='')}&lang=en")
    dash_duo.wait_for_element("#project-indicator-60000", timeout=10)
    assert _text(dash_duo, "#project-indicator-60000-status") == "no data"
    assert "CZK" in _text(dash_duo, "#project-total")
    _full_page(dash_duo)
    screenshot("project-ostrava-en")
    assert console_errors(dash_duo) == []


def test_prj106_derived_shares_drawdown_and_undated_activities(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, "/projekt?id=" + quote("CZ.03.2.63/0.0/0.0/16_063/0006540", safe=""))
    dash_duo.wait_for_element("#project-no-drawdown", timeout=10)
    # Nový Jičín's page states only the total: every share is derived by the call's rule.
    for source in ("eu", "state", "beneficiary"):
        assert "odvozeno" in _text(dash_duo, f"#project-share-{source}")
    assert "2 770 437,50 Kč" in _text(dash_duo, "#project-total")
    assert "cile_indikatoru.csv" in _text(dash_duo, "#project-no-indicators")
    # Its key activities have no dates: a list, no timeline.
    assert "KA 02" in _text(dash_duo, "#project-activity-list")
    assert not dash_duo.find_elements("#project-activities-graph")
    assert "Řídící skupina" in _text(dash_duo, "#project-bodies")
    _full_page(dash_duo)
    screenshot("project-novy-jicin-cs")
    assert console_errors(dash_duo) == []


def test_prj107_finished_demo_project_shows_its_result(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, "/projekt?id=local%3Ademo-ukazkov")
    dash_duo.wait_for_element("#project-indicator-60000", timeout=10)
    assert _text(dash_duo, "#project-indicator-60000-status") == "nesplněno"
    assert _text(dash_duo, "#project-indicator-60000-result") == "cíl nesplněn, chybí 3"
    assert "17 (85 % cíle)" in _text(dash_duo, "#project-indicator-60000-latest")
    assert "DEMO" in _text(dash_duo, "#project-indicator-60000")
    dash_duo.wait_for_element("#project-indicator-60000-graph .main-svg", timeout=10)
    legend = _text(dash_duo, "#project-indicator-60000-graph .legend")
    assert "cíl 20" in legend and "projekce" not in legend
    dash_duo.wait_for_element("#project-drawdown-graph .main-svg", timeout=10)
    _full_page(dash_duo)
    screenshot("project-demo-finished-cs")
    assert console_errors(dash_duo) == []
