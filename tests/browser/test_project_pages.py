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


def test_prj101_manager_sees_60000_at_risk_on_ostravas_project(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, f"/projekt?id={quote(OSTRAVA, safe='')}")
    dash_duo.wait_for_element("#project-indicator-60000", timeout=10)
    assert OSTRAVA in _text(dash_duo, "#project-registration")
    assert "Statutární město Ostrava" in _text(dash_duo, "#project-beneficiary")
    assert _text(dash_duo, "#project-indicator-60000-target") == "20 (do 31. 10. 2019)"
    assert "11 (55 % cíle)" in _text(dash_duo, "#project-indicator-60000-latest")
    assert _text(dash_duo, "#project-indicator-60000-status") == "ohroženo"
    assert _text(dash_duo, "#project-indicator-80500-status") == "splněno"
    # The achieved values are demo figures and say so.
    assert "DEMO" in _text(dash_duo, "#project-indicator-60000")
    # The chart is drawn, with the target line and the projection named in its legend.
    dash_duo.wait_for_element("#project-indicator-60000-graph .main-svg", timeout=10)
    legend = _text(dash_duo, "#project-indicator-60000-graph .legend")
    assert "cíl 20" in legend and "projekce" in legend
    # Budget with the derived marks, drawdown chart, ORP link, the plan it produced.
    assert "3 648 425,00 Kč" in _text(dash_duo, "#project-total")
    assert "odvozeno" in _text(dash_duo, "#project-share-eu")
    dash_duo.wait_for_element("#project-drawdown-graph .main-svg", timeout=10)
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
    assert "ohroženo" in grid_text and "55 %" in grid_text
    assert _text(dash_duo, "#indicators-at-risk") == "1"
    bars = _text(dash_duo, "#indicators-ranking")
    assert "55 %" in bars and "ohroženo" in bars
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
    assert _text(dash_duo, "#project-indicator-60000-status") == "at risk"
    assert "CZK" in _text(dash_duo, "#project-total")
    _full_page(dash_duo)
    screenshot("project-ostrava-en")
    assert console_errors(dash_duo) == []


def test_prj106_derived_shares_drawdown_and_undated_activities(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    _open(dash_duo, "/projekt?id=" + quote("CZ.03.2.63/0.0/0.0/16_063/0006540", safe=""))
    dash_duo.wait_for_element("#project-drawdown-graph .main-svg", timeout=10)
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
