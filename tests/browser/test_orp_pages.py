"""The ORP comparison, its drill-down and the target-group page in a real browser."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from dashboard.app import create_app
from dashboard.config import Settings
from tests.browser.conftest import console_errors

NBSP = re.compile(r"[\u00a0\u202f]")


def _tall(dash_duo) -> None:  # noqa: ANN001
    """A tall window, so that a screenshot shows the whole page."""
    dash_duo.driver.set_window_size(1366, 2600)


def _assert_nothing_fetched_from_elsewhere(dash_duo) -> None:  # noqa: ANN001
    """Every resource the page loaded (scripts, styles, tiles, fonts) came from the app itself."""
    urls = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);")
    foreign = [u for u in urls if not u.startswith(dash_duo.server_url)]
    assert urls and foreign == []


def _text(dash_duo, selector: str) -> str:  # noqa: ANN001
    return NBSP.sub(" ", dash_duo.find_element(selector).text)


@pytest.fixture
def map_app(browser_db_url: str):  # noqa: ANN201 - a Dash app
    """The dashboard as shipped: the ORP map from the boundaries in data/reference."""
    return create_app(Settings(database_url=browser_db_url))


@pytest.fixture
def bars_app(browser_db_url: str):  # noqa: ANN201 - a Dash app
    """The dashboard without ORP boundaries: ranked bars instead of the map."""
    return create_app(Settings(database_url=browser_db_url, boundary_file=None))


def test_orp001_coordinator_compares_the_21_orps_of_south_moravia(dash_duo, map_app,  # noqa: ANN001
                                                                  screenshot) -> None:
    dash_duo.start_server(map_app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/orp?kraj=CZ064")
    dash_duo.wait_for_element("#orp-grid .ag-row", timeout=10)
    assert _text(dash_duo, "#orp-kpi-count .kpi-value") == "21"
    # every ORP of the region is in the table, each linking to its drill-down
    rows = dash_duo.find_elements("#orp-grid .ag-center-cols-container .ag-row")
    assert len(rows) == 21
    grid_text = _text(dash_duo, "#orp-grid")
    for name in ("Blansko", "Brno", "Znojmo", "Židlochovice"):
        assert name in grid_text
    assert "Ostrava" not in grid_text
    # the region's project states no budget: said, not shown as zero
    assert "rozpočet projektů neuveden" in _text(dash_duo, "#orp-kpi-budget")
    assert "2014–2027" in grid_text  # no plan of the region is loaded: every year is a gap
    # the map is drawn from the boundary file: one path per ORP, nothing fetched
    dash_duo.wait_for_element("#orp-chart.orp-map .choroplethlayer path", timeout=10)
    # the boundary file holds the whole country; the map draws the region's 21
    assert len(dash_duo.find_elements("#orp-chart .choroplethlayer path")) == 21
    assert "podle počtu obyvatel" in _text(dash_duo, "#orp-rules")
    _assert_nothing_fetched_from_elsewhere(dash_duo)
    _tall(dash_duo)
    screenshot("orp-region-cz064")
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]


def test_orp002_region_dropdown_writes_kraj_into_the_address(dash_duo, bars_app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(bars_app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/orp?kraj=CZ064")
    dash_duo.wait_for_element("#orp-grid .ag-row", timeout=10)
    dash_duo.select_dcc_dropdown("#orp-filter-kraj", value="Moravskoslezský kraj (22 ORP)")
    dash_duo.wait_for_contains_text("#orp-grid", "Ostrava", timeout=10)
    assert "kraj=CZ080" in dash_duo.driver.current_url
    grid_text = _text(dash_duo, "#orp-grid")
    assert "Blansko" not in grid_text
    # Ostrava's 3 648 425 Kč over 313 857 inhabitants (no boundary file here: ranked bars)
    assert "11,62 Kč" in grid_text
    dash_duo.wait_for_element("#orp-chart.orp-bars .barlayer", timeout=10)
    _tall(dash_duo)
    screenshot("orp-region-cz080-bars")
    # a click on the highest bar (Odry, where the DEMO Ukázkov project is) opens that ORP
    bar = dash_duo.find_elements("#orp-chart .barlayer .point path")[0]
    ActionChains(dash_duo.driver).move_to_element(bar).click().perform()
    dash_duo.wait_for_contains_text("#orp-detail-title", "Odry", timeout=10)
    assert "kod=8116" in dash_duo.driver.current_url
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]


def test_orp003_drill_down_into_ostrava(dash_duo, map_app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(map_app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/orp?kraj=CZ080")
    dash_duo.wait_for_element("#orp-grid .ag-row", timeout=10)
    link = dash_duo.driver.find_element(By.LINK_TEXT, "Ostrava")
    assert link.get_attribute("href").endswith("/orp?kod=8119")
    # a script click: the page below may still be laying out the map, which would catch a pointer
    dash_duo.driver.execute_script("arguments[0].click();", link)
    dash_duo.wait_for_element("#orp-detail-title", timeout=10)
    assert "kod=8119" in dash_duo.driver.current_url
    assert "Ostrava" in _text(dash_duo, "#orp-detail-title")
    assert _text(dash_duo, "#orp-kpi-population .kpi-value") == "313 857"
    dash_duo.wait_for_element("#orp-projects-grid .ag-row", timeout=10)
    project = dash_duo.driver.find_element(
        By.CSS_SELECTOR, "#orp-projects-grid a[href*='/projekt?id=']")
    assert "16_063%2F0006590" in project.get_attribute("href") or \
        "16_063/0006590" in project.get_attribute("href")
    plan = dash_duo.driver.find_element(By.CSS_SELECTOR, "#orp-plans a[href*='/komunitni-plan?plan=']")
    assert plan.get_attribute("href").endswith("plan=ostrava-kp5")
    assert "2019–2022" in _text(dash_duo, "#orp-plans")
    _tall(dash_duo)
    screenshot("orp-detail-8119")
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]


def test_orp004_orp_without_projects_says_so(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/orp?kod=2101")
    dash_duo.wait_for_element("#orp-no-projects", timeout=10)
    assert "žádné projekty" in _text(dash_duo, "#orp-no-projects")
    assert "Benešov" in _text(dash_duo, "#orp-detail-title")
    dash_duo.wait_for_element("#orp-detail-coverage .heatmaplayer", timeout=10)
    _tall(dash_duo)
    screenshot("orp-detail-empty")
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]



def test_orp005_whole_country_in_english_with_the_map(dash_duo, map_app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(map_app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/orp?lang=en&ukazatel=mezery")
    dash_duo.wait_for_element("#orp-grid .ag-row", timeout=10)
    assert int(_text(dash_duo, "#orp-kpi-count .kpi-value").replace(",", "")) >= 205
    assert _text(dash_duo, "h1") == "ORPs compared"
    dash_duo.wait_for_element("#orp-chart.orp-map .choroplethlayer path", timeout=15)
    assert "Years without a plan" in _text(dash_duo, "#orp-chart")
    # only ORPs with a plan get a row in the coverage grid; the others are counted
    assert "have no plan loaded" in _text(dash_duo, "#app-main")
    _assert_nothing_fetched_from_elsewhere(dash_duo)
    screenshot("orp-country-en")
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]


def test_orp006_ostrava_in_english(dash_duo, app) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/orp?kod=8119&lang=en")
    dash_duo.wait_for_element("#orp-projects-grid .ag-row", timeout=10)
    assert _text(dash_duo, "#orp-kpi-population .kpi-value") == "313,857"
    assert "CZK" in _text(dash_duo, "#orp-kpi-budget")
    assert "10 years" in _text(dash_duo, "#orp-kpi-gaps")
    assert dash_duo.find_element("#orp-back").get_attribute("href").endswith("/orp?kraj=CZ080&lang=en")

OSTRAVA_AREAS = ("I. Podpora seniorům", "III. Podpora občanům se zrakovým postižením",
                 "VIII. Romské etnikum", "IX. Podpora protidrogové prevence a prevence kriminality")


def test_tgr001_target_groups_map_ostravas_nine_areas(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/cilove-skupiny?plan=ostrava-kp5")
    dash_duo.wait_for_element("#tg-mapping-grid .ag-row", timeout=10)
    rows = dash_duo.find_elements("#tg-mapping-grid .ag-center-cols-container .ag-row")
    assert len(rows) == 9
    mapping = _text(dash_duo, "#tg-mapping-grid")
    for area in OSTRAVA_AREAS:
        assert area in mapping
    assert "Osoby se zdravotním postižením" in mapping  # three of the areas map to it
    assert "Zábřeh" not in mapping
    # a demo plan's figures carry the mark; charts are drawn
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/cilove-skupiny?plan=demo-ukazkov-kp")
    dash_duo.wait_for_element("#tg-costs .barlayer", timeout=10)
    dash_duo.wait_for_element("#tg-status .barlayer", timeout=10)
    _assert_nothing_fetched_from_elsewhere(dash_duo)
    assert dash_duo.find_elements("#tg-kpi-measures .demo-badge")
    assert _text(dash_duo, "#tg-kpi-measures .kpi-value") == "8"
    _tall(dash_duo)
    screenshot("target-groups-ostrava")
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]


def test_tgr002_plan_dropdown_writes_plan_into_the_address(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/cilove-skupiny")
    dash_duo.wait_for_element("#tg-summary-grid .ag-row", timeout=10)
    # all plans: every canonical group has a row, Zábřeh's working groups among the local names
    assert "I.PS - Senioři" in _text(dash_duo, "#tg-summary-grid")
    _tall(dash_duo)
    screenshot("target-groups-all")
    dash_duo.select_dcc_dropdown(
        "#tg-filter-plan", "DEMO – Příkladov: komunitní plán sociálních služeb (ukázková data) (2012–2015)")
    dash_duo.wait_for_contains_text("#tg-mapping-grid", "IV.PS – Osoby v krizi", timeout=10)
    assert "plan=demo-prikladov-kp" in dash_duo.driver.current_url
    errors = console_errors(dash_duo)
    assert errors == [], [e["message"] for e in errors]
