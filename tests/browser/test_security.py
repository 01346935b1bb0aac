"""Security journeys in a real browser: stored XSS from a loaded file, sign-in, upload, sign-out."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from selenium.webdriver.common.by import By

from dashboard.app import create_app
from dashboard.config import Settings
from etl import plan_year
from etl import schema as s
from etl.database import make_engine
from etl.load import load_files
from tests.browser.conftest import console_errors
from tests.conftest import table_snapshot
from tests.security.conftest import PASSWORD, prepare_database
from tests.security.files import BAD_ROW, GOOD_KEY, GOOD_ROW, workbook

XSS_NAMES = {
    "CZ.03.2.63/0.0/0.0/16_063/0009001": '<img src=x onerror="window.__xss=1">',
    "CZ.03.2.63/0.0/0.0/16_063/0009002": "[klikni](javascript:window.__xss=2)",
    "CZ.03.2.63/0.0/0.0/16_063/0009003": "<script>window.__xss=3</script>",
}
HOSTILE_CSV = "\n".join(
    ["registracni_cislo;nazev;prijemce;program;vyzva;orp;zahajeni;ukonceni"]
    + [f'{key};"{name.replace(chr(34), chr(34) * 2)}";<b onmouseover=alert(1)>Obec</b>;OPZ;63;8119;'
       "1.1.2020;31.12.2021" for key, name in XSS_NAMES.items()]) + "\n"

HOSTILE_MEASURES = (
    "plan;kod;nazev;priorita;cilova_skupina\n"
    'demo-ukazkov-kp;9.9;"<img src=x onerror=""window.__xss=5"">";[p](javascript:window.__xss=6);Senioři\n')
HOSTILE_EVALUATIONS = (
    "plan;kod;rok;stav;plneni_procent;komentar;interni_komentar;verejne\n"
    "demo-ukazkov-kp;9.9;2020;splněno;100 %;<script>window.__xss=7</script> "
    "[odkaz](javascript:window.__xss=8);<img src=x onerror=alert(9)>;ano\n")


@pytest.fixture
def hostile_url(_backends: dict[str, object]) -> str:
    """A seeded SQLite copy with users and projects whose names and beneficiary are attacks."""
    url = _backends["sqlite"].fresh_url(seeded=True)
    prepare_database(url)
    engine = make_engine(url, writer=True)
    # the steering group's cycle: the approved year is reopened, changed by a file, approved
    # again, so that the public pages show the hostile evaluation too
    plan_year.reopen(engine, "demo-ukazkov-kp", 2020, "admin", "a file of hostile texts")
    result = load_files(engine, blobs=[("projekty.csv", HOSTILE_CSV.encode()),
                                       ("opatreni.csv", HOSTILE_MEASURES.encode()),
                                       ("plneni_opatreni.csv", HOSTILE_EVALUATIONS.encode())],
                        user="test")
    assert result.ok, [str(p) for p in result.errors]
    assert plan_year.approve(engine, "demo-ukazkov-kp", 2020, "steering").approved
    engine.dispose()
    return url


def _count(dash_duo, selector: str) -> int:  # noqa: ANN001
    """Elements matching ``selector`` now (find_elements would wait for some to appear)."""
    return dash_duo.driver.execute_script("return document.querySelectorAll(arguments[0]).length",
                                          selector)


def _no_script_ran(dash_duo) -> None:  # noqa: ANN001
    assert dash_duo.driver.execute_script("return window.__xss === undefined")
    assert _count(dash_duo, "img[src='x']") == 0
    assert _count(dash_duo, "a[href^='javascript'], a[href^='JAVASCRIPT']") == 0
    assert _count(dash_duo, "#app-main script, [onerror], [onmouseover]") == 0


def test_brw101_names_from_a_loaded_file_stay_text(dash_duo, hostile_url, screenshot) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=hostile_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/projekty")
    # the rows come from the server after the grid is drawn
    dash_duo.wait_for_contains_text("#projects-grid", next(iter(XSS_NAMES.values())), timeout=15)
    grid = dash_duo.find_element("#projects-grid").text
    for name in XSS_NAMES.values():
        assert name in grid  # shown literally, as text
    links = dash_duo.driver.find_elements(By.CSS_SELECTOR, "#projects-grid a")
    assert links and all(a.get_attribute("href").startswith(f"{dash_duo.server_url}/projekt?")
                         for a in links)
    _no_script_ran(dash_duo)
    screenshot("security-xss-projects")
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/")
    dash_duo.wait_for_element("#kpi-total", timeout=10)
    _no_script_ran(dash_duo)
    assert console_errors(dash_duo) == []  # no policy violation, no failed image


def test_brw104_no_page_runs_text_from_a_loaded_file(dash_duo, hostile_url) -> None:  # noqa: ANN001
    """Every registered page, with the hostile project and plan selected where a page takes them."""
    import dash

    app = create_app(Settings(database_url=hostile_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    key = next(iter(XSS_NAMES))
    paths = sorted({page["path"] for page in dash.page_registry.values()})
    for path in paths:
        for search in ("", f"?id={key}&plan=demo-ukazkov-kp&rok=2020"):
            dash_duo.wait_for_page(url=f"{dash_duo.server_url}{path}{search}")
            dash_duo.wait_for_element("#app-navbar nav", timeout=10)
            dash_duo.wait_for_no_elements("._dash-loading", timeout=10)
            _no_script_ran(dash_duo)
            assert "onerror=alert(9)" not in dash_duo.driver.page_source  # internal comment
    # the not-found page's own address answers 404, which the console notes; nothing else
    not_found = f"{dash_duo.server_url}/404"
    assert [e for e in console_errors(dash_duo) if not e["message"].startswith(not_found)] == []


def _sign_in(dash_duo, name: str) -> None:  # noqa: ANN001
    dash_duo.wait_for_element("#login-name", timeout=10).send_keys(name)
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()


def _choose_file(dash_duo, path: Path) -> None:  # noqa: ANN001
    """Pick one file in the upload field (the field keeps earlier picks unless emptied)."""
    field = dash_duo.find_element("#upload-input input[type=file]")
    dash_duo.driver.execute_script("arguments[0].value = '';", field)
    field.send_keys(str(path))


def test_brw102_editor_signs_in_uploads_and_signs_out(dash_duo, hostile_url, tmp_path: Path,
                                                       screenshot) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=hostile_url, secret_key="browser-test"))
    engine = app.server.extensions["kpss_writer"]
    dash_duo.start_server(app)
    # anonymous: the upload page only offers to sign in
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/nahrat")
    dash_duo.wait_for_element("#upload-denied", timeout=10)
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#upload-input") == []
    dash_duo.find_element("#upload-signin").click()
    _sign_in(dash_duo, "editor1")
    dash_duo.wait_for_element("#upload-input", timeout=10)
    assert "editor1" in dash_duo.find_element("#nav-user").text
    assert "/nahrat" in dash_duo.driver.current_url
    # a bad workbook: the problems are listed, the button stays disabled, nothing changes
    before = table_snapshot(engine)
    bad = tmp_path / "projekty.xlsx"
    bad.write_bytes(workbook([GOOD_ROW, BAD_ROW]))
    _choose_file(dash_duo, bad)
    dash_duo.wait_for_element("#upload-problems", timeout=15)
    assert "nic nebude načteno" in dash_duo.find_element("#upload-verdict").text
    assert dash_duo.find_element("#upload-confirm").get_attribute("disabled") == "true"
    screenshot("security-upload-bad")
    assert table_snapshot(engine) == before
    # a good workbook: dry run, then loaded on confirmation
    good = tmp_path / "good" / "projekty.xlsx"
    good.parent.mkdir()
    good.write_bytes(workbook([GOOD_ROW]))
    _choose_file(dash_duo, good)
    dash_duo.wait_for_text_to_equal("#upload-verdict", "Kontrola prošla: soubory lze načíst.",
                                    timeout=15)
    with engine.connect() as conn:
        assert conn.execute(sa.select(s.project.c.id).where(s.project.c.key == GOOD_KEY)).first() is None
    dash_duo.find_element("#upload-confirm").click()
    dash_duo.wait_for_contains_text("#upload-loaded", "Načteno", timeout=15)
    screenshot("security-upload-loaded")
    with engine.connect() as conn:
        assert conn.execute(sa.select(s.project.c.id).where(s.project.c.key == GOOD_KEY)).first()
    # sign out: the navigation bar offers sign-in again, the upload page refuses
    dash_duo.find_element("#nav-signout").click()
    dash_duo.wait_for_element("#nav-signin", timeout=10)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/nahrat")
    dash_duo.wait_for_element("#upload-denied", timeout=10)
    assert console_errors(dash_duo) == []


def test_brw103_wrong_password_shows_an_error(dash_duo, hostile_url, screenshot) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=hostile_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/prihlaseni")
    dash_duo.wait_for_element("#login-name", timeout=10).send_keys("editor1")
    dash_duo.find_element("#login-password").send_keys("nesprávné-heslo")
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_text_to_equal("#login-error", "Neplatné jméno nebo heslo.", timeout=10)
    screenshot("security-login-error")
    assert dash_duo.driver.find_elements(By.CSS_SELECTOR, "#nav-user") == []
    assert console_errors(dash_duo) == []


def _unpublished_evaluations(url: str, plan: str) -> int:
    engine = make_engine(url)
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(
            e.join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id))
            .where(p.c.key == plan, e.c.is_public.is_(False))).scalar()
    engine.dispose()
    return count


def test_brw105_steering_member_sees_internal_comments_as_text_and_can_preview_the_public_view(
        dash_duo, hostile_url, screenshot) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=hostile_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    plan_page = f"{dash_duo.server_url}/komunitni-plan?plan=demo-ukazkov-kp&rok=2020"
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/prihlaseni?next=/komunitni-plan")
    _sign_in(dash_duo, "ridici1")
    dash_duo.wait_for_element("#nav-user", timeout=10)
    dash_duo.wait_for_page(url=plan_page)
    dash_duo.wait_for_element("#plan-internal-note", timeout=15)
    table = dash_duo.wait_for_element("#plan-internal-table", timeout=10)
    # the hostile internal comment of measure 9.9 is shown, as text
    assert "<img src=x onerror=alert(9)>" in table.text
    _no_script_ran(dash_duo)
    # every unpublished evaluation of the plan is a marked cell of the grid, and only those
    assert _count(dash_duo, "#plan-grid .private-cell") == _unpublished_evaluations(hostile_url,
                                                                                     "demo-ukazkov-kp") > 0
    screenshot("plan-steering-view")
    size = dash_duo.driver.get_window_size()
    dash_duo.driver.set_window_size(size["width"], 3200)  # the whole page, internal panel included
    screenshot("plan-steering-whole-page")
    dash_duo.driver.set_window_size(size["width"], size["height"])
    # the public version, as a steering member previews it: nothing internal on the page
    dash_duo.find_element("#plan-to-public").click()
    dash_duo.wait_for_element("#plan-public-preview", timeout=15)
    assert _count(dash_duo, "#plan-internal, #plan-internal-note, .private-cell") == 0
    assert "onerror=alert(9)" not in dash_duo.driver.page_source
    screenshot("plan-steering-public-preview")
    dash_duo.find_element("#plan-to-internal").click()
    dash_duo.wait_for_element("#plan-internal-note", timeout=15)
    assert console_errors(dash_duo) == []
