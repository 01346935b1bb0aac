"""The steering group's year in a real browser: record, conflict, approve, lock, reopen, history.

An editor records three evaluations on the plan page; a second session (another editor,
in a second browser) saves one of them first, so the editor's stale save is refused
with that editor's name; a steering member approves the year; the editor's next save
and an ``etl load`` of a file for that year are refused with the reason; an admin
reopens the year with a reason; the history on the page shows it all.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.users import UserStore
from etl.database import make_engine
from tests.browser.conftest import ARTIFACTS, console_errors, pytest_setup_options
from tests.security.conftest import PASSWORD, prepare_database

PLAN, YEAR = "demo-vzorov-kp", 2021
PAGE = f"/komunitni-plan?plan={PLAN}&rok={YEAR}"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def year_url(_backends: dict[str, object]) -> str:
    """A seeded SQLite copy with a user of every role and a second editor."""
    url = _backends["sqlite"].fresh_url(seeded=True)
    prepare_database(url)
    engine = make_engine(url, writer=True)
    UserStore(engine).add("editor2", PASSWORD, "editor")
    engine.dispose()
    return url


def _wait(driver: WebDriver, condition, timeout: float = 15) -> object:  # noqa: ANN001
    # the page's body is rebuilt after each save: an element read half-way may be gone
    return WebDriverWait(driver, timeout, ignored_exceptions=(StaleElementReferenceException,)
                         ).until(lambda d: condition(d))


def _text(driver: WebDriver, element_id: str) -> str:
    found = driver.find_elements(By.ID, element_id)
    return found[0].text if found else ""


def _sign_in(driver: WebDriver, base: str, name: str) -> None:
    driver.get(f"{base}/prihlaseni?next={PAGE.replace('&', '%26')}")
    _wait(driver, lambda d: d.find_elements(By.ID, "login-name"))[0].send_keys(name)
    driver.find_element(By.ID, "login-password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    _wait(driver, lambda d: name in _text(d, "nav-user"))
    driver.get(f"{base}{PAGE}")
    _wait(driver, lambda d: d.find_elements(By.ID, "plan-year-state"))


def _sign_out(driver: WebDriver) -> None:
    _visible(driver, "nav-signout").click()
    _wait(driver, lambda d: d.find_elements(By.ID, "nav-signin"))


def _visible(driver: WebDriver, element_id: str) -> object:
    element = _wait(driver, lambda d: d.find_elements(By.ID, element_id))[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    return element


def _choose(driver: WebDriver, dropdown_id: str, starts: str) -> None:
    """Pick the option of a dcc.Dropdown whose text starts with ``starts``."""
    _visible(driver, dropdown_id).click()
    option = _wait(driver, lambda d: [o for o in d.find_elements(
        By.CSS_SELECTOR, ".dash-dropdown-options .dash-dropdown-option") if o.text.startswith(starts)])
    option[0].click()


def _type(driver: WebDriver, element_id: str, text: str) -> None:
    field = _visible(driver, element_id)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)


def _open(driver: WebDriver, code: str) -> None:
    """Choose a measure and wait until the form holds its evaluation."""
    _choose(driver, "plan-edit-measure", f"{code} ")
    _wait(driver, lambda d: d.find_element(By.ID, "plan-edit-save").is_enabled()
          or d.find_elements(By.ID, "plan-edit-locked"))


def _record(driver: WebDriver, code: str, status: str, percent: str, comment: str) -> None:
    _open(driver, code)
    _choose(driver, "plan-edit-status", status)
    _type(driver, "plan-edit-percent", percent)
    _type(driver, "plan-edit-comment", comment)
    _visible(driver, "plan-edit-save").click()


def _second_browser() -> WebDriver:
    return webdriver.Chrome(options=pytest_setup_options())


def test_brw201_record_conflict_approve_lock_reopen(dash_duo, year_url: str, tmp_path: Path,
                                                   screenshot) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=year_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    base, editor = dash_duo.server_url, dash_duo.driver
    # the public reads that the demo's draft year is not approved and published yet
    editor.get(f"{base}{PAGE}")
    _wait(editor, lambda d: "zatím nebylo schváleno a zveřejněno" in _text(d, "plan-year-draft"))
    _sign_in(editor, base, "editor1")
    assert "zatím neschváleno" in _text(editor, "plan-year-state")
    assert not editor.find_elements(By.ID, "plan-approve-button")  # editors do not approve
    # 1. the editor records three evaluations of the year
    for code, status, percent, comment in (("1.1", "splněno", "100", "Služba zachována celý rok"),
                                           ("1.3", "částečně", "60", "Kapacita rozšířena o 2 místa"),
                                           ("2.6", "průběžně", "25", "Dobrovolníci od září")):
        _record(editor, code, status, percent, comment)
        _wait(editor, lambda d, c=code: f"Hodnocení opatření {c} uloženo." in _text(d, "plan-edit-message"))
    # an editor reads the page as the public does: the draft year is not published yet, and
    # neither are its edits in the history
    assert _text(editor, "plan-year-draft")
    assert "Dobrovolníci od září" not in _text(editor, "plan-history")
    screenshot("plan-year-recorded")
    # 2. a second session saves 1.3 first; the editor's save from the older form is refused
    _open(editor, "1.3")
    _type(editor, "plan-edit-comment", "Moje oprava komentáře")
    other = _second_browser()
    try:
        _sign_in(other, base, "editor2")
        _open(other, "1.3")
        _type(other, "plan-edit-comment", "Kapacita rozšířena o 3 místa")
        _visible(other, "plan-edit-save").click()
        _wait(other, lambda d: "uloženo" in _text(d, "plan-edit-message"))
        _visible(editor, "plan-edit-save").click()
        _wait(editor, lambda d: d.find_elements(By.ID, "plan-edit-refused"))
        refusal = _text(editor, "plan-edit-refused")
        assert "editor2" in refusal and "nebyly uloženy" in refusal
        assert editor.find_element(By.ID, "plan-edit-comment").get_attribute("value") == \
            "Moje oprava komentáře"  # nothing typed is lost
        screenshot("plan-year-conflict")
        # 3. the editor starts the next edit; meanwhile a steering member approves the year
        _open(editor, "2.4")
        _choose(editor, "plan-edit-status", "splněno")
        _sign_out(other)
        _sign_in(other, base, "ridici1")
        grid = _text(other, "plan-grid")  # the steering group reads the draft
        assert "částečně splněno" in grid and "60 %" in grid and "25 %" in grid
        _visible(other, "plan-approve-button").click()
        _wait(other, lambda d: "schválil(a) ridici1" in _text(d, "plan-year-state"))
        other.save_screenshot(str(ARTIFACTS / "plan-year-approved.png"))
        # 4. the editor's save is refused with the reason, and so is a file load of that year
        _visible(editor, "plan-edit-save").click()
        _wait(editor, lambda d: "ridici1" in _text(d, "plan-edit-refused"))
        assert "schválené" in _text(editor, "plan-edit-refused")
        screenshot("plan-year-locked-edit")
        evaluations = tmp_path / "plneni_opatreni.csv"
        evaluations.write_text(f"plan;kod;rok;stav\n{PLAN};2.4;{YEAR};splněno\n", encoding="utf-8")
        load = subprocess.run([sys.executable, "-m", "etl", "--database", year_url, "load",
                               str(evaluations), "--user", "editor1"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert load.returncode == 1
        assert "[period-locked]" in load.stdout and "ridici1" in load.stdout
        # 5. an admin reopens the year with a reason
        _sign_out(other)
        _sign_in(other, base, "spravce1")
        _visible(other, "plan-reopen-button").click()  # without a reason: refused
        _wait(other, lambda d: "důvod" in _text(d, "plan-year-message"))
        _type(other, "plan-reopen-reason", "Oprava nákladů opatření 2.4")
        _visible(other, "plan-reopen-button").click()
        _wait(other, lambda d: "znovu otevřel(a) spravce1" in _text(d, "plan-year-state"))
        # 6. the history shows all of it, newest first
        history = _text(other, "plan-history")
        for expected in ("znovu otevřel(a) rok; důvod: Oprava nákladů opatření 2.4",
                         "schválil(a) vyhodnocení roku", "Kapacita rozšířena o 3 místa",
                         "Dobrovolníci od září", "editor1", "editor2", "ridici1", "spravce1"):
            assert expected in history, expected
        assert history.index("znovu otevřel(a)") < history.index("schválil(a)")
        other.set_window_size(1366, 900)
        _visible(other, "plan-year")
        other.save_screenshot(str(ARTIFACTS / "plan-year-reopened.png"))
        other.set_window_size(390, 844)
        _visible(other, "plan-history")
        other.save_screenshot(str(ARTIFACTS / "plan-year-history-mobile.png"))
    finally:
        other.quit()
    # the editor may record again now
    editor.get(f"{base}{PAGE}")
    _wait(editor, lambda d: d.find_elements(By.ID, "plan-edit-measure"))
    _record(editor, "2.4", "splněno", "100", "Dokončeno po znovuotevření")
    _wait(editor, lambda d: "Hodnocení opatření 2.4 uloženo." in _text(d, "plan-edit-message"))
    editor.set_window_size(390, 844)
    _visible(editor, "plan-edit")
    screenshot("plan-year-edit-mobile")
    assert console_errors(dash_duo) == []
