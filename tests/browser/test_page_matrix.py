"""Every page on a 390 × 844 phone and a 1366 × 900 laptop, in Czech and English, anonymous
and signed in, in one browser: the phone menu waits for ☰, no money or date breaks across
lines, nothing is wider than the screen except inside a scrolling table, no grid header is cut
short, the plan grid's years can be scrolled to, the signed-in menu stays on one line, the
console stays clean, the page needs no more callback rounds than its budget, and the page as
drawn (callbacks' output and charts included) shows no UI word of the other language. A
screenshot of each page at each size goes to test-artifacts/screenshots/matrix/.
"""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

import dash
import pytest

from bench.browser import ROUND_BUDGET, install_probe, wait_ready
from dashboard.app import create_app
from dashboard.config import Settings
from etl.demo import RUNNING
from tests.browser.conftest import ARTIFACTS
from tests.dashboard.test_i18n_leaks import _data_words, _vocabulary, _words
from tests.security.conftest import PASSWORD, ROLE_USERS, prepare_database

#: The demo data hold the reported values and evaluations a page draws its charts, dates and
#: percentages from: a running project (values and a projection) and the Ukázkov plan
#: (evaluations and costs) in ORP 8116, which also holds the finished demo project.
PAGES = {
    "prehled": "/", "projekty": "/projekty", "projekt": f"/projekt?id={quote(RUNNING, safe='')}",
    "indikatory": "/indikatory?kod=60000", "orp": "/orp", "orp-detail": "/orp?kod=8116",
    "cilove-skupiny": "/cilove-skupiny?plan=demo-ukazkov-kp",
    "komunitni-plan": "/komunitni-plan?plan=demo-ukazkov-kp", "data": "/data",
    "prihlaseni": "/prihlaseni", "404": "/neexistuje",
}
SIGNED_IN_PAGES = {"nahrat": "/nahrat", "uzivatele": "/uzivatele"}
#: The pages whose content depends on the role, seen by an editor and a steering member.
ROLE_PAGES = {"komunitni-plan": PAGES["komunitni-plan"], "cilove-skupiny": PAGES["cilove-skupiny"],
              "data": "/data", "nahrat": "/nahrat"}
PHONE, LAPTOP = (390, 844), (1366, 900)
SHOTS = ARTIFACTS / "matrix"

#: Measures one page in the browser. Money and dates are found by their pattern in the page's
#: text (outside charts), so that any, however it was written, is checked; a match laid out
#: on more than one line is broken. An element wider than the screen counts unless a scrolling
#: box (a grid, a table in .table-responsive) holds it.
MEASURE = r"""
const width = window.innerWidth;
const pattern = new RegExp([
  '\\d{1,3}(?:[ \u00a0\u202f]\\d{3})*(?:,\\d+)?[ \u00a0\u202f]Kč',
  'CZK[ \u00a0]\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)?',
  '\\d{1,2}\\.[ \u00a0]\\d{1,2}\\.[ \u00a0]\\d{4}',
  '\\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4}',
  '\\d+(?:,\\d+)?[ \u00a0\u202f]%'].join('|'), 'g');
const broken = [];
const walker = document.createTreeWalker(document.getElementById('react-entry-point'),
                                         NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const parent = node.parentElement;
  if (!parent || parent.closest('svg, script, style, .js-plotly-plot')) { continue; }
  if (!parent.getClientRects().length) { continue; }  // not shown
  for (const match of node.data.matchAll(pattern)) {
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0)
                          .map(r => Math.round(r.bottom)));
    if (lines.size > 1) { broken.push(match[0]); }
  }
}
const scroller = el => {
  for (let a = el.parentElement; a; a = a.parentElement) {
    const style = getComputedStyle(a);
    if (['auto', 'scroll', 'hidden'].includes(style.overflowX) && a.clientWidth <= width) {
      return true;
    }
  }
  return false;
};
const wide = [];
for (const el of document.querySelectorAll('#react-entry-point *')) {
  const r = el.getBoundingClientRect();
  if (r.width && r.right > width + 1 && !scroller(el)) {
    wide.push((el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className)
              .slice(0, 80) + ' ' + Math.round(r.right));
  }
}
// a grid header cut short ("Zdr…") instead of wrapped
const cut = Array.from(document.querySelectorAll('.ag-header-cell-text'))
  .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent);
// a number cell cut short ("CZK 1,020,00…"): numbers never wrap, so the column must hold them
const clipped = Array.from(document.querySelectorAll('.ag-right-aligned-cell .ag-cell-value'))
  .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.textContent).slice(0, 5);
// the plan grid's last year, scrolled to inside its box, is on the screen
let lastYear = null;
const plan = document.getElementById('plan-grid');
if (plan) {
  const box = plan.parentElement;
  box.scrollLeft = box.scrollWidth;
  const heads = plan.querySelectorAll('thead th');
  const r = heads[heads.length - 1].getBoundingClientRect();
  lastYear = r.left >= 0 && r.right <= width + 1;
  box.scrollLeft = 0;
}
// every text the page shows, charts' and grids' included (the leak check reads it)
const texts = [];
const all = document.createTreeWalker(document.getElementById('react-entry-point'),
                                      NodeFilter.SHOW_TEXT);
for (let node = all.nextNode(); node; node = all.nextNode()) {
  if (!node.parentElement.closest('script, style') && node.data.trim()) { texts.push(node.data); }
}
for (const el of document.querySelectorAll('#react-entry-point [placeholder]')) {
  texts.push(el.getAttribute('placeholder'));
}
const toggler = document.getElementById('nav-toggler');
const collapse = document.getElementById('nav-collapse');
const nav = document.querySelector('#app-navbar nav');
return {
  overflow: document.documentElement.scrollWidth - width,
  wide: wide.slice(0, 5), broken: broken, cut: cut, clipped: clipped, lastYear: lastYear,
  toggler: toggler && toggler.offsetParent !== null,
  expanded: toggler && toggler.getAttribute('aria-expanded'),
  menu: collapse ? collapse.getBoundingClientRect().height : null,
  bar: nav ? nav.getBoundingClientRect().height : null,
  innerWidth: width, text: texts.join('\n'),
};
"""


@pytest.fixture
def matrix_url(_backends: dict[str, object]) -> str:
    """A seeded SQLite copy with a user of every role."""
    url = _backends["sqlite"].fresh_url(seeded=True)
    prepare_database(url)
    return url


def _size(driver, size: tuple[int, int]) -> None:  # noqa: ANN001
    # device metrics, not the window: the page sees a phone's viewport exactly
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})


def _settled(driver, timeout: float = 20) -> None:  # noqa: ANN001
    """Wait until the page is drawn and its callbacks have answered (nothing loading, the
    content unchanged for a moment)."""
    end, last = time.monotonic() + timeout, None
    while time.monotonic() < end:
        state = driver.execute_script(
            "const main = document.getElementById('app-main');"
            "const nav = document.querySelector('#app-navbar nav');"
            "if (!main || !nav || document.querySelector('[data-dash-is-loading=\"true\"]'))"
            "  { return null; }"
            "return main.innerHTML.length + ':' + nav.innerHTML.length;")
        if state is not None and state == last:
            return
        last = state
        time.sleep(0.15)
    raise AssertionError(f"page did not settle: {driver.current_url}")


def _shot(driver, name: str) -> Path:  # noqa: ANN001
    """The whole page (up to 6000 px tall) at the emulated size."""
    import base64

    SHOTS.mkdir(parents=True, exist_ok=True)
    height = min(6000, driver.execute_script("return document.documentElement.scrollHeight"))
    width = driver.execute_script("return window.innerWidth")
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})["data"]
    path = SHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(data))
    return path


def _errors(driver, url: str) -> list[str]:  # noqa: ANN001
    """Console errors, less the 404 status of an unknown address's own page (that is its point)."""
    return [entry["message"] for entry in driver.get_log("browser")
            if entry["level"] == "SEVERE"
            and not ("/neexistuje" in url and entry["message"].startswith(url)
                     and "status of 404" in entry["message"])]


class Leaks:
    """Words of the other language on a drawn page, less the words the database holds."""

    def __init__(self, url: str) -> None:
        english, czech = _vocabulary()
        self.foreign = {"cs": english, "en": czech}
        self.data = _data_words(url)

    def check(self, text: str, lang: str, where: str, problems: list[str]) -> None:
        if found := sorted((_words(text) - self.data) & self.foreign[lang]):
            problems.append(f"{where}: words of the other language {found}")


def _check_pages(dash_duo, role: str, pages: dict[str, str], problems: list[str],  # noqa: ANN001
                 leaks: Leaks) -> None:
    """Each page loaded once per language and measured at both sizes (the window is resized
    between them, as a phone turned or a laptop window narrowed would be)."""
    driver = dash_duo.driver
    for lang in ("cs", "en"):
        for name, path in pages.items():
            url = f"{dash_duo.server_url}{path}{'&' if '?' in path else '?'}lang={lang}"
            _size(driver, PHONE)
            driver.get(url)
            _rounds(driver, url, path, f"{role} {lang} {name}", problems)
            for size in (PHONE, LAPTOP):
                _size(driver, size)
                _settled(driver)
                found = _check(driver, f"{role} {lang} {size[0]} {name}", size, url, problems)
                if size == LAPTOP:
                    leaks.check(found["text"], lang, f"{role} {lang} {name}", problems)
                _shot(driver, f"{role}-{lang}-{size[0]}-{name}")
        _size(driver, PHONE)
        _press_menu(dash_duo, f"{role} {lang}", problems)


def _rounds(driver, url: str, path: str, where: str, problems: list[str]) -> None:  # noqa: ANN001
    """The page needs no more rounds of callback requests than its budget
    (``bench.browser.ROUND_BUDGET``).

    Each round is a trip to the server the visitor waits for: a callback that runs as soon as
    the page is drawn, to compute what the page's layout could have drawn from its address, or
    one chained on another's output, makes a page slower in any browser on any data. Counted
    with the benchmark's own probe: a request is in round 1 when no other had answered before
    it was sent, else in one round more than the latest that had. Nothing is timed here.
    """
    report = wait_ready(driver, url, timeout=30)
    budget = ROUND_BUDGET.get(path.split("?")[0], ROUND_BUDGET["/404"])  # unknown: the 404 page
    if report["rounds"] < 1:  # the probe counts
        problems.append(f"{where}: no callback request counted")
    elif report["rounds"] > budget:
        problems.append(f"{where}: {report['rounds']} callback rounds, budget {budget}: "
                        f"{report['callbacks']}")


def _check(driver, where: str, size: tuple[int, int], url: str, problems: list[str]) -> dict:  # noqa: ANN001
    found = driver.execute_script(MEASURE)
    assert found["innerWidth"] == size[0], where  # the viewport does not grow
    if found["overflow"] > 0:
        problems.append(f"{where}: page {found['overflow']} px wider than the screen {found['wide']}")
    if found["broken"]:
        problems.append(f"{where}: broken across lines {found['broken']}")
    if found["cut"]:
        problems.append(f"{where}: grid headers cut short {found['cut']}")
    if found["clipped"]:
        problems.append(f"{where}: numbers cut short in grid cells {found['clipped']}")
    if found["lastYear"] is False:
        problems.append(f"{where}: the plan grid's last year cannot be scrolled to")
    if size == PHONE and (not found["toggler"] or found["expanded"] != "false" or found["menu"] > 1):
        problems.append(f"{where}: phone menu not collapsed behind ☰ {found}")
    if size == LAPTOP and (found["toggler"] or found["bar"] > 72):
        problems.append(f"{where}: menu not on one line ({found['bar']} px)")
    if errors := _errors(driver, url):
        problems.append(f"{where}: console errors {errors}")
    return found


def _press_menu(dash_duo, where: str, problems: list[str]) -> None:  # noqa: ANN001
    """☰ opens the menu (every link reachable) and closes it again."""
    driver = dash_duo.driver
    dash_duo.find_element("#nav-toggler").click()
    time.sleep(0.6)  # the collapse animates
    state = driver.execute_script(MEASURE)
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('#nav-collapse a'))"
        ".filter(a => a.offsetParent !== null && a.getBoundingClientRect().right <= innerWidth)"
        ".length")
    if state["expanded"] != "true" or state["menu"] < 200 or links < 8:
        problems.append(f"{where}: ☰ did not open the menu {state} ({links} links)")
    _shot(driver, f"{where.replace(' ', '-')}-390-menu-open")
    dash_duo.find_element("#nav-toggler").click()
    time.sleep(0.6)
    if driver.execute_script(MEASURE)["menu"] > 1:
        problems.append(f"{where}: ☰ did not close the menu")


def test_mtx001_every_page_on_phone_and_laptop_in_both_languages_and_roles(dash_duo, matrix_url) -> None:  # noqa: ANN001
    app = create_app(Settings(database_url=matrix_url, secret_key="browser-test"))
    dash_duo.start_server(app)
    install_probe(dash_duo.driver)  # counts each page's callback rounds
    dash_duo.driver.get_log("browser")  # start with an empty console
    problems: list[str] = []
    leaks = Leaks(matrix_url)
    _check_pages(dash_duo, "anonymous", PAGES, problems, leaks)
    # an editor and a steering member on the pages their role changes; then an admin on every
    # page and menu item there is
    for role, pages in (("editor", ROLE_PAGES), ("steering", ROLE_PAGES),
                        ("admin", {**PAGES, **SIGNED_IN_PAGES})):
        _sign_in(dash_duo, role)
        _check_pages(dash_duo, role, pages, problems, leaks)
    assert problems == [], "\n".join(problems)


def _sign_in(dash_duo, role: str) -> None:  # noqa: ANN001
    driver = dash_duo.driver
    _size(driver, LAPTOP)
    driver.delete_all_cookies()
    driver.get(f"{dash_duo.server_url}/prihlaseni?lang=cs")
    dash_duo.wait_for_element("#login-name", timeout=10).send_keys(ROLE_USERS[role])
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#nav-user", timeout=10)


def test_mtx002_every_page_has_a_round_budget(app) -> None:  # noqa: ANN001 - the app registers its pages
    registered = {page["path"] for page in dash.page_registry.values()}
    assert registered, "no pages registered"
    assert registered <= set(ROUND_BUDGET), registered - set(ROUND_BUDGET)
