"""The upload page's "Návrh z dokumentu" in a real browser: an editor drafts from a plan and a scan."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from tests.browser.conftest import console_errors
from tests.security.conftest import PASSWORD, prepare_database

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


@pytest.fixture
def editor_url(_backends: dict[str, object]) -> str:
    """A seeded SQLite copy with the security tests' users."""
    url = _backends["sqlite"].fresh_url(seeded=True)
    prepare_database(url)
    return url


def _choose(dash_duo, path: Path) -> None:  # noqa: ANN001
    field = dash_duo.find_element("#upload-draft-input input[type=file]")
    dash_duo.driver.execute_script("arguments[0].value = '';", field)
    field.send_keys(str(path))


def test_brw201_editor_drafts_from_a_plan_and_is_told_why_a_scan_cannot_be_read(
        dash_duo, editor_url, screenshot) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=editor_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    dash_duo.wait_for_page(url=f"{dash_duo.server_url}/nahrat")
    dash_duo.wait_for_element("#upload-signin", timeout=10).click()
    dash_duo.wait_for_element("#login-name", timeout=10).send_keys("editor1")
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#upload-draft-input", timeout=10)
    dash_duo.find_element("#upload-draft-kind input[value=plan]").click()
    _choose(dash_duo, DATA / "plans" / "02_pdf.pdf")
    dash_duo.wait_for_contains_text("#upload-draft-verdict", "navrh-02_pdf.xlsx", timeout=20)
    report = dash_duo.find_element("#upload-draft-report pre").text
    assert "[opatreni]" in report and "NÁVRH" in report
    screenshot("upload-draft-plan")
    _choose(dash_duo, DATA / "unreadable" / "naskenovany_plan.pdf")
    dash_duo.wait_for_contains_text("#upload-draft-verdict", "nemá textovou vrstvu", timeout=20)
    screenshot("upload-draft-scan")
    assert console_errors(dash_duo) == []
