"""Browser benchmark: what a visitor waits for, each page in headless Chromium.

Called by ``bench/pages.py`` (``make bench``) against the gunicorn server it starts, or alone
against any running server: ``python bench/browser.py http://127.0.0.1:8050``. Each page is
opened in a new Chromium (a fresh profile: empty cache, no cookies), then once more in the same
browser (the repeat visit: its cache warm). Measured per visit:

- **time to ready**: from the start of the navigation to the first moment when no Dash
  callback is pending (the renderer's callback queues are empty and no
  ``_dash-update-component`` request is open), every ``dcc.Graph`` of the page's layout has
  drawn its plot (its element holds plotly's ``.main-svg``; a map also the shapes of its ORPs,
  ``.choroplethlayer path``, which plotly.js draws once their boundary file has arrived) and
  every AG Grid has drawn its rows (``.ag-row``) or its "no rows" overlay and shows no
  loading overlay. The components
  are read from the renderer's own layout (``window.store``), so a chart whose code has not
  arrived yet counts as not drawn. The state must then hold for ``QUIET_MS`` with no new
  request before the visit counts as finished (the time recorded is the first moment);
- **callback rounds**: the depth of the chain of ``_dash-update-component`` requests: a
  request is in round 1 when no other had answered before it was sent, else in one round
  more than the latest round that had answered. Requests sent together are one round;
- **bytes**: ``transferSize`` of the document and every resource (Resource Timing:
  compressed bodies and headers; a resource from the cache counts 0, a revalidated one its
  304's headers);
- **scripting**: ``ScriptDuration`` of the Chrome DevTools Performance metrics.

Environment: ``KPSS_BENCH_BROWSER_REPEATS`` (3; the median of each figure is reported),
``KPSS_BENCH_CHROMIUM`` (/usr/bin/chromium), ``KPSS_BENCH_CHROMEDRIVER``
(/usr/bin/chromedriver).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time

CHROMIUM = os.environ.get("KPSS_BENCH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("KPSS_BENCH_CHROMEDRIVER", "/usr/bin/chromedriver")
REPEATS = int(os.environ.get("KPSS_BENCH_BROWSER_REPEATS", "3"))
#: The app shell: an address no page has (the 404 page, drawn by the same renderer).
SHELL = ("/neznama-adresa", "")
QUIET_MS = 500
TIMEOUT_S = 60
WIDTH, HEIGHT = 1366, 900

#: The most callback rounds a page may need before it is ready, by its path (every view of it:
#: any query string, either language, signed in or not). The one table of them: the test
#: ``tests/browser/test_page_matrix.py`` fails when a page needs more. Round 1 brings the
#: page's content and the navigation bar together; the project list's grid then asks for its
#: first rows (AG Grid's infinite model asks once it is drawn).
ROUND_BUDGET = {
    "/": 1, "/projekty": 2, "/projekt": 1, "/indikatory": 1, "/orp": 1, "/cilove-skupiny": 1,
    "/komunitni-plan": 1, "/data": 1, "/prihlaseni": 1, "/nahrat": 1, "/uzivatele": 1,
    "/404": 1,
}

#: Runs in every document before the page's own scripts: counts the callback requests and
#: notes the moment the page is ready (see the module's docstring).
PROBE = r"""
(function () {
  var probe = {requests: [], pending: 0, readyAt: null, blocking: ''};
  window.__kpssProbe = probe;
  performance.setResourceTimingBufferSize(2000);
  var fetchOriginal = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === 'string' ? input : (input && input.url) || '';
    if (url.indexOf('_dash-update-component') < 0) { return fetchOriginal.apply(this, arguments); }
    var now = performance.now(), round = 1;
    probe.requests.forEach(function (r) {
      if (r.end !== null && r.end <= now) { round = Math.max(round, r.round + 1); }
    });
    var output = '';
    try { output = JSON.parse(init && init.body).output; } catch (e) { output = '?'; }
    var entry = {start: now, end: null, round: round, output: output};
    probe.requests.push(entry);
    probe.pending += 1;
    probe.readyAt = null;
    return fetchOriginal.apply(this, arguments).finally(function () {
      entry.end = performance.now();
      probe.pending -= 1;
    });
  };
  function components(node, found) {
    if (Array.isArray(node)) { node.forEach(function (n) { components(n, found); }); return found; }
    if (!node || typeof node !== 'object') { return found; }
    if (node.type && node.props) {
      if (node.type === 'Graph' || node.type === 'AgGrid') {
        var data = (node.props.figure && node.props.figure.data) || [];
        // a map fetches its boundaries after drawing its frame: drawn once they are
        var map = data.some(function (t) { return t.type === 'choropleth' && (t.locations || []).length; });
        found.push([node.type, node.props.id, map]);
      }
      Object.keys(node.props).forEach(function (k) { components(node.props[k], found); });
    }
    return found;
  }
  function blocking() {
    var content = document.getElementById('_pages_content');
    if (!content || !content.children.length) { return 'no page content'; }
    if (probe.pending) { return 'callback request'; }
    var state = window.store && window.store.getState();
    if (!state) { return 'no renderer'; }
    var queues = state.callbacks || {};
    for (var key in queues) {
      if (Array.isArray(queues[key]) && queues[key].length) { return 'callbacks ' + key; }
    }
    var found = components(state.layout, []);
    for (var i = 0; i < found.length; i++) {
      var element = typeof found[i][1] === 'string' ? document.getElementById(found[i][1]) : null;
      if (!element) { return found[i][0] + ' ' + found[i][1] + ' missing'; }
      if (found[i][0] === 'Graph' && !element.querySelector('.main-svg')) { return 'graph ' + found[i][1]; }
      if (found[i][2] && !element.querySelector('.choroplethlayer path')) { return 'map ' + found[i][1]; }
      if (found[i][0] === 'AgGrid') {
        if (element.querySelector('.ag-overlay-loading-center')) { return 'grid loading ' + found[i][1]; }
        if (!element.querySelector('.ag-row') && !element.querySelector('.ag-overlay-no-rows-center')) {
          return 'grid ' + found[i][1];
        }
      }
    }
    return '';
  }
  setInterval(function () {
    probe.blocking = blocking();
    if (probe.blocking) { probe.readyAt = null; }
    else if (probe.readyAt === null) { probe.readyAt = performance.now(); }
  }, 10);
})();
"""

#: What the page reports once ready: the probe's figures and the bytes it fetched.
REPORT = r"""
var probe = window.__kpssProbe;
var entries = performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'));
var bytes = 0;
entries.forEach(function (e) { bytes += e.transferSize || 0; });
return {readyAt: probe.readyAt, now: performance.now(), blocking: probe.blocking,
        requests: probe.requests.length,
        rounds: probe.requests.reduce(function (m, r) { return Math.max(m, r.round); }, 0),
        lastRequest: probe.requests.reduce(function (m, r) { return Math.max(m, r.end || r.start); }, 0),
        pending: probe.pending, bytes: bytes, resources: entries.length,
        callbacks: probe.requests.map(function (r) { return [r.round, r.output]; })};
"""


def install_probe(driver) -> None:  # noqa: ANN001
    """Make every document ``driver`` opens from now on count its callback requests."""
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})


def wait_ready(driver, url: str, timeout: float = TIMEOUT_S) -> dict:  # noqa: ANN001
    """Wait until the page ``driver`` is showing is ready and quiet; the probe's report (with
    ``callbacks``: the round and the output of every callback request)."""
    deadline = time.monotonic() + timeout
    while True:
        report = driver.execute_script(REPORT)
        ready = report["readyAt"]
        if ready is not None and report["now"] - max(ready, report["lastRequest"]) >= QUIET_MS:
            return report
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not ready after {timeout} s: {report['blocking']}")
        time.sleep(0.05)


def _driver(profile: str):  # noqa: ANN202 - a selenium WebDriver
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-extensions", f"--window-size={WIDTH},{HEIGHT}",
                 "--lang=cs-CZ", f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    install_probe(driver)
    driver.execute_cdp_cmd("Performance.enable", {"timeDomain": "threadTicks"})
    return driver


def _script_seconds(driver) -> float:  # noqa: ANN001
    metrics = driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
    return next((m["value"] for m in metrics if m["name"] == "ScriptDuration"), 0.0)


def visit(driver, url: str) -> dict[str, float | int]:  # noqa: ANN001
    """Open ``url`` and wait until it is ready and quiet; the visit's figures."""
    driver.get("about:blank")
    script_before = _script_seconds(driver)
    driver.get(url)
    report = wait_ready(driver, url)
    script_after = _script_seconds(driver)
    # the metrics belong to the tab's renderer; a new document may get a new one
    scripting = script_after - script_before if script_after >= script_before else script_after
    return {"ready_ms": round(report["readyAt"], 1), "rounds": report["rounds"],
            "requests": report["requests"], "bytes": report["bytes"],
            "scripting_ms": round(scripting * 1000, 1)}


def _median(visits: list[dict], key: str) -> float:
    return round(statistics.median(v[key] for v in visits), 1)


def measure(base: str, pages: list[tuple[str, str]], repeats: int = REPEATS) -> dict[str, object]:
    """Per page (the shell first): the median first and repeat visit over ``repeats`` browsers."""
    addresses = [SHELL, *pages]
    visits: dict[str, dict[str, list]] = {p + s: {"fresh": [], "warm": []} for p, s in addresses}
    for _ in range(repeats):
        for pathname, search in addresses:
            profile = tempfile.mkdtemp(prefix="kpss-chromium-")
            driver = _driver(profile)
            try:
                url = base + pathname + search
                visits[pathname + search]["fresh"].append(visit(driver, url))
                visits[pathname + search]["warm"].append(visit(driver, url))
            finally:
                driver.quit()
                shutil.rmtree(profile, ignore_errors=True)
    pages_out: dict[str, dict] = {}
    for address, kinds in visits.items():
        pages_out[address] = {kind: {key: _median(runs, key) for key in runs[0]}
                              for kind, runs in kinds.items()}
    shell = pages_out[SHELL[0] + SHELL[1]]
    for figures in pages_out.values():
        for kind in ("fresh", "warm"):
            figures[kind]["shell_factor"] = round(figures[kind]["ready_ms"] / shell[kind]["ready_ms"], 2)
    return {"repeats": repeats, "shell": SHELL[0] + SHELL[1], "window": f"{WIDTH}×{HEIGHT}",
            "chromium": _chromium_version(), "pages": pages_out}


def _chromium_version() -> str:
    import subprocess

    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except OSError:
        return "unknown"


#: The goals of issue 19.
GOALS = {"shell_factor": 1.5, "first_visit_bytes": 1.5 * 1024 * 1024}


def goal_misses(backend: str, browser: dict) -> list[str]:
    """Each page that misses the browser goals, and by how much."""
    misses = []
    shell = browser["shell"]
    for page, figures in browser["pages"].items():
        if page == shell:
            continue
        for kind, name in (("fresh", "first visit"), ("warm", "repeat visit")):
            f = figures[kind]
            if f["shell_factor"] > GOALS["shell_factor"]:
                shell_ms = browser["pages"][shell][kind]["ready_ms"]
                misses.append(f"{backend} `{page}` {name}: ready in {f['ready_ms']:.0f} ms, "
                              f"{f['shell_factor']} × the shell's {shell_ms:.0f} ms "
                              f"(goal 1.5 ×; {f['rounds']:.0f} callback rounds, "
                              f"scripting {f['scripting_ms']:.0f} ms)")
        if figures["fresh"]["bytes"] >= GOALS["first_visit_bytes"]:
            misses.append(f"{backend} `{page}` first visit: {figures['fresh']['bytes'] / 1048576:.2f} MB "
                          "transferred (goal < 1.5 MB)")
    return misses


def markdown(backend: str, browser: dict) -> list[str]:
    """The browser table of one backend, for bench/RESULTS.md."""
    lines = [
        f"Browser ({browser['chromium']}, headless, {browser['window']}; median of "
        f"{browser['repeats']} visits each). Ready: no callback pending, every chart and grid "
        "drawn (bench/browser.py says how it is detected). First: a new browser profile; "
        "repeat: the same page again in that browser. × shell: time to ready over the app "
        f"shell's (`{browser['shell']}`, the unknown-address page) of the same kind of visit.", "",
        "| page | first: ready ms | × shell | KB | scripting ms | repeat: ready ms | × shell | KB | "
        "scripting ms | callback rounds | requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page, f in browser["pages"].items():
        fresh, warm = f["fresh"], f["warm"]
        lines.append(
            f"| `{page}` | {fresh['ready_ms']:.0f} | {fresh['shell_factor']} | {fresh['bytes'] / 1024:.0f} | "
            f"{fresh['scripting_ms']:.0f} | {warm['ready_ms']:.0f} | {warm['shell_factor']} | "
            f"{warm['bytes'] / 1024:.0f} | {warm['scripting_ms']:.0f} | {fresh['rounds']:.0f} | "
            f"{fresh['requests']:.0f} |")
    return lines + [""]


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from bench.pages import PAGES  # the page bench's list, when run alone

    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050"
    print(json.dumps(measure(base.rstrip("/"), PAGES), indent=2, ensure_ascii=False))
