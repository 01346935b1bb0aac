"""No page needs more rounds of callback requests than its budget (``bench.browser.ROUND_BUDGET``).

Each round is a trip to the server the visitor waits for: a callback that runs as soon as the
page is drawn, to compute what the page's layout could have drawn from its address, or one
chained on another's output, makes a page slower in any browser on any data. Counted with the
benchmark's own probe (``bench/browser.py``): a request is in round 1 when no other had
answered before it was sent, else in one round more than the latest that had. Nothing is
timed here.
"""

from __future__ import annotations

import dash

from bench.browser import ROUND_BUDGET, install_probe, wait_ready
from dashboard.app import create_app
from dashboard.config import Settings
from tests.browser.test_page_matrix import PAGES, SIGNED_IN_PAGES
from tests.security.conftest import PASSWORD, ROLE_USERS, prepare_database


def _rounds(dash_duo, path: str) -> tuple[int, list]:  # noqa: ANN001
    url = dash_duo.server_url + path
    dash_duo.driver.get(url)
    report = wait_ready(dash_duo.driver, url, timeout=30)
    return report["rounds"], report["callbacks"]


def _budget(path: str) -> int:
    pathname = path.split("?")[0]
    return ROUND_BUDGET.get(pathname, ROUND_BUDGET["/404"])


def test_rnd001_every_page_has_a_budget(app) -> None:  # noqa: ANN001 - the app registers its pages
    registered = {page["path"] for page in dash.page_registry.values()}
    assert registered, "no pages registered"
    assert registered <= set(ROUND_BUDGET), registered - set(ROUND_BUDGET)


def test_rnd002_pages_stay_within_their_callback_rounds(dash_duo, _backends) -> None:  # noqa: ANN001
    url = _backends["sqlite"].fresh_url(seeded=True)
    prepare_database(url)
    dash_duo.start_server(create_app(Settings(database_url=url, secret_key="browser-test")))
    install_probe(dash_duo.driver)
    over = []
    for lang in ("cs", "en"):
        for path in PAGES.values():
            address = f"{path}{'&' if '?' in path else '?'}lang={lang}"
            rounds, requests = _rounds(dash_duo, address)
            assert rounds >= 1, f"{address}: no callback request counted"  # the probe works
            if rounds > _budget(path):
                over.append(f"{address}: {rounds} rounds, budget {_budget(path)}: {requests}")
    dash_duo.driver.get(f"{dash_duo.server_url}/prihlaseni")
    dash_duo.wait_for_element("#login-name", timeout=10).send_keys(ROLE_USERS["admin"])
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#nav-user", timeout=10)
    for path in {**PAGES, **SIGNED_IN_PAGES}.values():
        rounds, requests = _rounds(dash_duo, path)
        if rounds > _budget(path):
            over.append(f"admin {path}: {rounds} rounds, budget {_budget(path)}: {requests}")
    assert over == [], "\n".join(over)
