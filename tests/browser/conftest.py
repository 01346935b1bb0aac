"""Browser tests: the real app in headless Chromium (Debian's chromium + chromium-driver).

Each test gets ``dash_duo`` serving an app over a seeded SQLite copy. Screenshots
go to ``test-artifacts/screenshots/`` (kept as CI artefacts).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.chrome.options import Options

from dashboard.app import create_app
from dashboard.config import Settings

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_setup_options() -> Options:
    """Chrome options for dash.testing: headless Debian Chromium with no network chatter."""
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1366,900", "--lang=cs-CZ"):
        options.add_argument(flag)
    return options


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here is a browser test; skip them all where no Chromium is installed."""
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not shutil.which("chromedriver"):
                item.add_marker(pytest.mark.skip(reason="chromium-driver is not installed"))


@pytest.fixture(scope="session")
def browser_db_url(_backends: dict[str, object]) -> str:
    """One seeded SQLite database shared by the browser tests (they only read)."""
    return _backends["sqlite"].fresh_url(seeded=True)


@pytest.fixture
def app(browser_db_url: str):  # noqa: ANN201 - a Dash app
    """The dashboard over the seeded database."""
    return create_app(Settings(database_url=browser_db_url))


@pytest.fixture
def screenshot(dash_duo) -> Iterator:  # noqa: ANN001
    """``screenshot(name)`` saves the current page as test-artifacts/screenshots/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        dash_duo.driver.save_screenshot(str(path))
        return path

    yield take


def console_errors(dash_duo) -> list[dict]:  # noqa: ANN001
    """Severe messages from the browser console (errors), ignoring none."""
    return [entry for entry in dash_duo.driver.get_log("browser") if entry["level"] == "SEVERE"]
