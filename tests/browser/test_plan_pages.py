"""The steering group's review and the data page in a real browser."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qs, urlparse

import openpyxl
import sqlalchemy as sa
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import WebDriverWait

from etl import schema as s
from tests.browser.conftest import console_errors

NBSP = re.compile(r"[\u00a0\u202f]")


def _text(dash_duo, selector: str) -> str:  # noqa: ANN001
    return NBSP.sub(" ", dash_duo.find_element(selector).text)


def _internal_comments(url: str) -> set[str]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        found = set(conn.scalars(sa.select(s.measure_evaluation.c.internal_comment)
                                 .where(s.measure_evaluation.c.internal_comment.is_not(None),
                                        s.measure_evaluation.c.internal_comment != "")))
    engine.dispose()
    return found


def _choose(dash_duo, dropdown_id: str, label: str | None = None, index: int | None = None) -> None:  # noqa: ANN001
    """Pick an option of a dcc.Dropdown by its text (or position)."""
    dash_duo.select_dcc_dropdown(f"#{dropdown_id}", value=label, index=index)


def _choose_starting(dash_duo, dropdown_id: str, prefix: str) -> None:  # noqa: ANN001
    """Pick the option of a dcc.Dropdown whose text starts with ``prefix``."""
    dash_duo.find_element(f"#{dropdown_id}").click()
    options = dash_duo.find_elements(".dash-dropdown-options .dash-dropdown-option")
    chosen = [o for o in options if o.text.startswith(prefix)]
    assert len(chosen) == 1, [o.text for o in options]
    chosen[0].click()


def test_plp001_steering_group_filters_and_exports_the_grid(
        dash_duo, app, screenshot, browser_db_url) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/komunitni-plan?plan=demo-ukazkov-kp")
    dash_duo.wait_for_element("#plan-grid", timeout=10)
    assert "DEMO – Ukázkov" in _text(dash_duo, "#plan-name")
    legend = _text(dash_duo, "#plan-legend")
    for status in ("splněno", "částečně splněno", "průběžně plněno", "nesplněno", "nezahájeno",
                   "nezveřejněno"):
        assert status in legend
    grid = _text(dash_duo, "#plan-grid")
    assert "nezveřejněno" in grid  # the demo has unpublished evaluations
    assert len(dash_duo.find_elements("#plan-grid tbody tr")) == 8
    for comment in _internal_comments(browser_db_url):
        assert comment not in dash_duo.driver.page_source
    screenshot("plan-cs")

    _choose(dash_duo, "plan-filter-skupina", "Osoby s duševním onemocněním")
    dash_duo.wait_for_text_to_equal("#plan-kpi-measures .kpi-value", "2", timeout=10)
    assert "skupina=dusevni" in dash_duo.driver.current_url
    assert len(dash_duo.find_elements("#plan-grid tbody tr")) == 2
    assert "II. Podpora občanům s duševním onemocněním" in _text(dash_duo, "#plan-grid")
    screenshot("plan-filtered-cs")

    link = dash_duo.find_element("#export-plan-grid-xlsx").get_attribute("href")
    query = parse_qs(urlparse(link).query)
    assert urlparse(link).path == "/export/plan-grid.xlsx"
    assert query["plan"] == ["demo-ukazkov-kp"] and query["skupina"] == ["dusevni"]
    assert query["rok"] == ["2022"]
    response = app.server.test_client().get(link.replace(dash_duo.server_url, ""))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    cells = [str(c.value) for sh in book for row in sh.iter_rows() for c in row if c.value is not None]
    assert any("duševním" in c for c in cells)
    assert not any("Podpora seniorům" in c for c in cells)  # the filter holds in the export
    for comment in _internal_comments(browser_db_url):
        assert not any(comment in c for c in cells)

    meeting = dash_duo.find_element("#plan-meeting-xlsx").get_attribute("href")
    assert "skupina=dusevni" in meeting
    workbook = app.server.test_client().get(meeting.replace(dash_duo.server_url, ""))
    sheets = openpyxl.load_workbook(io.BytesIO(workbook.data)).sheetnames
    assert sheets == ["Plnění opatření", "Změny", "Náklady"]
    assert console_errors(dash_duo) == []


def test_plp002_year_choice_goes_to_the_address_and_changes_compare_to_it(
        dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/komunitni-plan?plan=demo-ukazkov-kp")
    dash_duo.wait_for_element("#plan-grid", timeout=10)
    _choose(dash_duo, "plan-filter-rok", "2021")
    dash_duo.wait_for_contains_text("#plan-kpi-fulfilled", "2021", timeout=10)
    assert "rok=2021" in dash_duo.driver.current_url
    assert "2020" in dash_duo.find_element("h2.h5 + *").get_attribute("outerHTML") or \
        "oproti roku 2020" in dash_duo.driver.page_source
    assert dash_duo.find_elements("#plan-changes li")
    dash_duo.wait_for_element("#plan-costs-grid .ag-row", timeout=10)
    dash_duo.driver.set_window_size(1366, 2300)  # the whole page in one picture
    screenshot("plan-full-cs")
    assert console_errors(dash_duo) == []


def test_plp003_print_view_has_no_navigation_and_no_controls(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(
        url=f"{dash_duo.server_url}/komunitni-plan?plan=demo-ukazkov-kp&rok=2021&skupina=dusevni&tisk=1")
    dash_duo.wait_for_element("#plan-print", timeout=10)
    assert not dash_duo.find_element("#app-navbar").is_displayed()
    assert not dash_duo.find_elements("#plan-filter-plan")
    meta = _text(dash_duo, "#plan-print-meta")
    assert "Hodnocený rok: 2021" in meta
    assert "Cílová skupina: Osoby s duševním onemocněním" in meta
    assert len(dash_duo.find_elements("#plan-grid tbody tr")) == 2
    assert dash_duo.find_element("#plan-costs-table").is_displayed()
    screenshot("plan-print-cs")
    back = dash_duo.find_element("#plan-print-back").get_attribute("href")
    assert "tisk" not in back and "rok=2021" in back and "skupina=dusevni" in back
    assert console_errors(dash_duo) == []


def test_plp007_printing_the_normal_page_hides_navigation_filters_and_downloads(
        dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/komunitni-plan?plan=demo-ukazkov-kp")
    dash_duo.wait_for_element("#plan-grid", timeout=10)
    assert dash_duo.find_element("#app-navbar").is_displayed()
    dash_duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not dash_duo.find_element("#app-navbar").is_displayed()
    assert not dash_duo.find_element("#plan-filter-plan").is_displayed()
    assert not dash_duo.find_element("#export-plan-grid-xlsx").is_displayed()
    assert dash_duo.find_element("#plan-grid").is_displayed()
    screenshot("plan-print-media-cs")
    dash_duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_plp004_plan_without_evaluations_and_unknown_plan(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/komunitni-plan?plan=zabreh-kp1")
    dash_duo.wait_for_element("#plan-no-evaluations", timeout=10)
    assert "nemá žádné hodnocení" in _text(dash_duo, "#plan-no-evaluations")
    assert dash_duo.find_element("#plan-to-data").get_attribute("href").endswith("/data")
    screenshot("plan-no-evaluations-cs")
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/komunitni-plan?plan=neexistuje")
    dash_duo.wait_for_element("#plan-unknown", timeout=10)
    assert "„neexistuje“ neexistuje" in _text(dash_duo, "#plan-unknown")
    assert dash_duo.find_element("#plan-filter-plan").is_displayed()
    assert console_errors(dash_duo) == []


def test_plp005_english_plan_page(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/komunitni-plan?plan=demo-prikladov-kp&lang=en")
    dash_duo.wait_for_element("#plan-grid", timeout=10)
    assert "not published" in _text(dash_duo, "#plan-legend")
    assert "CZK" in _text(dash_duo, "#plan-kpi-planned")
    screenshot("plan-en")
    assert console_errors(dash_duo) == []


def test_plp006_data_page_lists_seed_and_demo_loads(dash_duo, app, screenshot) -> None:  # noqa: ANN001
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/data")
    dash_duo.wait_for_element("#data-runs-grid .ag-row", timeout=10)
    runs = _text(dash_duo, "#data-runs-grid")
    assert "výchozí data ze stránek projektů" in runs and "ukázková data (DEMO)" in runs
    files = _text(dash_duo, "#data-files-grid")
    assert "demo_plneni_opatreni.csv" in files and "projekty.csv" in files
    assert "Žádná varování ani chyby." in _text(dash_duo, "#data-problems-none")
    templates = _text(dash_duo, "#data-templates")
    assert "Plnění opatření" in templates
    assert dash_duo.find_element("#data-template-xlsx").get_attribute("href").endswith(
        "/sablony/import.xlsx")
    screenshot("data-cs")

    # the demo plans and projects are load #2 (the demo register's snapshots come after it)
    _choose_starting(dash_duo, "data-filter-beh", "#2 ·")
    WebDriverWait(dash_duo.driver, 10).until(lambda driver: "beh=2" in driver.current_url)
    WebDriverWait(dash_duo.driver, 10, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda driver: "organizacni_struktura.csv" not in _text(dash_duo, "#data-files-grid"))
    assert "demo_plneni_opatreni.csv" in _text(dash_duo, "#data-files-grid")
    dash_duo.driver.set_window_size(1366, 2200)  # the whole page, templates included
    screenshot("data-run-cs")
    assert console_errors(dash_duo) == []
