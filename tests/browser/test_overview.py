"""The overview and project list in a real browser."""

from __future__ import annotations

import re

from tests.browser.conftest import console_errors

NBSP = re.compile(r"[\u00a0\u202f]")


def _text(dash_duo, selector: str) -> str:  # noqa: ANN001
    return NBSP.sub(" ", dash_duo.find_element(selector).text)


def test_brw001_overview_shows_totals_in_czech(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#kpi-total", timeout=10)
    # Ostrava 3 648 425,00 + Nový Jičín 2 770 437,50 (the only seed pages stating a total) and the
    # two demo projects' 5 400 000,00, which the card names
    total = _text(dash_duo, "#kpi-total")
    assert "11 818 862,50 Kč" in total and "z toho DEMO projekty: 5 400 000,00 Kč" in total
    assert dash_duo.find_elements("#kpi-total .demo-badge")
    # the count and the list follow one rule (its dates are tested with a fixed day)
    listed = len(dash_duo.find_elements("#overview-indicators tbody tr"))
    assert _text(dash_duo, "#overview-at-risk-count") == str(listed)
    screenshot("overview-cs")
    assert console_errors(dash_duo) == []


def test_brw002_project_list_has_every_seed_project(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/projekty")
    # the grid asks the server for its rows after it is drawn: wait for them, not for the frame
    dash_duo.wait_for_contains_text("#projects-grid", "registrační číslo neuvedeno", timeout=15)
    grid_text = _text(dash_duo, "#projects-grid")
    for number in ("CZ.03.2.63/0.0/0.0/16_063/0006590", "CZ.03.2.63/0.0/0.0/16_063/0006540",
                   "CZ.03.2.63/0.0/0.0/16_063/0006513", "CZ.1.04/3.1.00/05.00052"):
        assert number in grid_text
    assert "registrační číslo neuvedeno" in grid_text
    assert "3 648 425,00 Kč" in grid_text
    assert "2 770 437,50 Kč" in grid_text
    # the grid's own controls speak Czech too, not AG Grid's English
    assert "Stránka 1 z 1" in grid_text and "1 až 9 z 9" in grid_text
    assert "Page" not in grid_text
    screenshot("projects-cs")
    assert console_errors(dash_duo) == []


def test_brw003_language_switch_turns_the_page_english(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_element("#lang-switch", timeout=10).click()
    dash_duo.wait_for_text_to_equal("#nav-projekty", "Projects", timeout=10)
    assert "lang=en" in dash_duo.driver.current_url
    dash_duo.wait_for_element("#kpi-total", timeout=10)
    assert "CZK" in _text(dash_duo, "#kpi-total")
    screenshot("overview-en")


def test_brw004_unknown_address_shows_404_with_home_link(dash_duo, app) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/neexistuje")
    dash_duo.wait_for_element("#notfound-home", timeout=10)
    assert dash_duo.find_element("#notfound-home").get_attribute("href").endswith("/")


def test_brw005_deep_link_with_filters_opens_the_same_view(dash_duo, app) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/projekty?program=OP+LZZ")
    # the grid asks the server for its rows after it is drawn: wait for them, not for the frame
    dash_duo.wait_for_contains_text("#projects-grid", "CZ.1.04/3.1.00/05.00052", timeout=15)
    grid_text = _text(dash_duo, "#projects-grid")
    assert "0006590" not in grid_text
