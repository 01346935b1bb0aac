"""Page benchmark: every page's content callback over HTTP, under gunicorn, on the demo data.

Run by ``make bench``. For each database (SQLite always; PostgreSQL when its server
answers) it builds a database with the ``large`` demo scale (206 ORPs, 2 000
projects, 1 000 000 achieved values, 51 088 measure evaluations) through the ETL,
starts gunicorn with 2 workers and the shared (Redis) cache, and measures:

- per page, the content callback's p50 / p95 over HTTP with a cold cache (the
  shared cache flushed before each request) and a warm one;
- the same page's SQL statements run alone, straight on the driver (captured while
  the page renders uncached), and the whole uncached render in-process;
- requests/s and errors for the overview and ORP callbacks at 50 concurrent clients
  for 30 s (wrk);
- the bytes of the first visit and of each callback response (gzip, as sent);
- signed in as an editor (never cached: a signed-in page is private), the plan page with its
  editing form and the form's fill callback; and the time to produce the yearly evaluation
  report (DOCX and PDF, charts included) of the largest demo plan's latest year;
- in headless Chromium (``bench/browser.py``), every page and the app shell on a first and a
  repeat visit: time to ready, callback rounds, bytes transferred, scripting time.

It writes ``bench/results/pages.json`` and ``bench/RESULTS.md`` (with the ETL figures
of ``bench/results/etl.json`` when present, and the notes of ``bench/pages-notes.md``).
Nothing here is a test: the figures are read by people, never asserted.

Environment: ``KPSS_BENCH_SCALE`` (large), ``KPSS_BENCH_REQUESTS`` (200 warm and 200
cold per page), ``KPSS_BENCH_COLD_REQUESTS``, ``KPSS_BENCH_POSTGRES_URL``
(postgresql+psycopg://postgres@127.0.0.1:5432/kpss_bench; the database is dropped and
made again), ``KPSS_BENCH_REDIS_URL`` (redis://127.0.0.1:6379/14; flushed),
``KPSS_BENCH_DURATION`` (30 s of wrk per callback), ``KPSS_BENCH_REPORTS`` (10 downloads of
each report format), ``KPSS_BENCH_BACKENDS``
(sqlite,postgresql; a backend left out keeps its figures from ``pages.json``),
``KPSS_BENCH_BROWSER`` (1; 0 leaves the browser out), ``KPSS_BENCH_BROWSER_REPEATS`` (3).
For a quick check: ``KPSS_BENCH_SCALE=seed KPSS_BENCH_BACKENDS=sqlite KPSS_BENCH_REQUESTS=5
KPSS_BENCH_DURATION=2 KPSS_BENCH_BROWSER_REPEATS=1 KPSS_BENCH_REPORTS=2``.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/etl.py would shadow the etl package: the project root goes first on the path.
sys.path.insert(0, str(ROOT))
from bench import browser  # noqa: E402 - after the path is set

RESULTS = ROOT / "bench" / "results"
NOTES = ROOT / "bench" / "pages-notes.md"
# The project and plan pages are measured on the seed demo project and plan: reported values,
# drawdown and evaluations (real seed projects and plans carry only what their pages state).
PAGES = [
    ("/", ""), ("/projekty", ""), ("/projekt", "?id=local:demo-ukazkov"),
    ("/indikatory", "?kod=60000"), ("/orp", ""), ("/orp", "?kraj=CZ064"), ("/orp", "?kod=8119"),
    ("/cilove-skupiny", ""), ("/komunitni-plan", "?plan=demo-ukazkov-kp"), ("/data", ""),
    # the register's measures (the demo register: two snapshots, a year apart): capacity for
    # older people per 1 000 aged 65+ over the country, the change since the earlier snapshot
    # the drop-down chose in a region, and one ORP's network compared with it
    ("/orp", "?ukazatel=kapacita65"),
    ("/orp", "?kraj=CZ064&ukazatel=sluzby_zmena&srovnani=2025-01-01"),
    ("/orp", "?kod=8119&srovnani=2025-01-01"),
]
THROUGHPUT = [("/", ""), ("/orp", "?kraj=CZ064")]  # the overview and ORP callbacks
SCALE = os.environ.get("KPSS_BENCH_SCALE", "large")
WARM_REQUESTS = int(os.environ.get("KPSS_BENCH_REQUESTS", "200"))
COLD_REQUESTS = int(os.environ.get("KPSS_BENCH_COLD_REQUESTS", str(WARM_REQUESTS)))
DURATION = int(os.environ.get("KPSS_BENCH_DURATION", "30"))
REPORTS = int(os.environ.get("KPSS_BENCH_REPORTS", "10"))
EDITOR, EDITOR_PASSWORD = "bench-editor", "bench-editor-password"
BROWSER = os.environ.get("KPSS_BENCH_BROWSER", "1") != "0"
POSTGRES_URL = os.environ.get("KPSS_BENCH_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/kpss_bench")
REDIS_URL = os.environ.get("KPSS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PORT = int(os.environ.get("KPSS_BENCH_PORT", "8099"))
BASE = f"http://127.0.0.1:{PORT}"
# The goals of issue 5.
GOALS = {"warm_p95_ms": 100, "cold_p95_ms": 300, "sql_factor": 2, "sql_margin_ms": 20,
         "overview_rps": 300, "first_visit_bytes": 2 * 1024 * 1024, "response_bytes": 300 * 1024}


def page_body(pathname: str, search: str) -> bytes:
    """The request the browser sends for a page's content (``dash.page_container``)."""
    return json.dumps({
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"], "state": [],
    }).encode()


def grid_rows_body(start: int, end: int, sort: list[dict], query: dict[str, str]) -> bytes:
    """The request the project list's grid sends for one page of rows."""
    return json.dumps({
        "output": "projects-grid.getRowsResponse",
        "outputs": {"id": "projects-grid", "property": "getRowsResponse"},
        "inputs": [{"id": "projects-grid", "property": "getRowsRequest",
                    "value": {"startRow": start, "endRow": end, "sortModel": sort, "filterModel": {}}}],
        "state": [{"id": "projects-query", "property": "data", "value": {"query": query, "lang": "cs"}}],
        "changedPropIds": ["projects-grid.getRowsRequest"],
    }).encode()


def callbacks() -> list[tuple[str, bytes]]:
    """Every measured callback: each page's content, and pages of the project grid's rows."""
    return [(pathname + search, page_body(pathname, search)) for pathname, search in PAGES] + [
        ("/projekty grid rows 0–50", grid_rows_body(0, 50, [], {})),
        ("/projekty grid rows 1000–1050 by total, finished",
         grid_rows_body(1000, 1050, [{"colId": "total", "sort": "desc"}], {"stav": "finished"})),
    ]


HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip", "Origin": BASE}


def _post(body: bytes, cookie: str | None = None) -> tuple[float, int, int]:
    headers = {**HEADERS, "Cookie": cookie} if cookie else HEADERS
    request = urllib.request.Request(BASE + "/_dash-update-component", data=body, method="POST",
                                     headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        data = response.read()
        status = response.status
    return time.perf_counter() - start, status, len(data)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


# --- Databases ------------------------------------------------------------------

def _etl(url: str) -> float:
    """Schema, reference, seed and demo data, then the demo scale; returns the load's seconds."""
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "etl", "init"], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "etl", "demo", "--scale", SCALE], check=True, env=env,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def build_sqlite(folder: Path) -> tuple[str, float]:
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    return url, _etl(url)


def build_postgres() -> tuple[str, float] | None:
    """A fresh database on the PostgreSQL server; None when the server does not answer."""
    import sqlalchemy as sa

    url = sa.engine.make_url(POSTGRES_URL)
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT",
                             connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
            conn.exec_driver_sql(f'CREATE DATABASE "{url.database}"')
    except sa.exc.OperationalError as exc:
        print(f"PostgreSQL not measured: {exc}", file=sys.stderr)
        return None
    finally:
        admin.dispose()
    text = url.render_as_string(hide_password=False)
    return text, _etl(text)


# --- Measuring ------------------------------------------------------------------

def sql_alone(url: str) -> dict[str, dict[str, float]]:
    """Per page: the uncached render in-process, and its SQL statements run alone on the driver."""
    import sqlalchemy as sa

    from dashboard.app import create_app
    from dashboard.cache import cache
    from dashboard.config import Settings

    app = create_app(Settings(database_url=url))
    engine = app.server.extensions["kpss_db"].engine
    client = app.server.test_client()
    captured: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many) -> None:  # noqa: ANN001
        if statement.split()[0].upper() not in ("BEGIN", "COMMIT", "ROLLBACK"):
            captured.append((statement, parameters))

    figures = {}
    for label, body in callbacks():
        renders, sql = [], []
        for attempt in range(5):
            with app.server.app_context():
                cache.clear()
            captured.clear()
            if attempt == 0:
                sa.event.listen(engine, "before_cursor_execute", record)
            start = time.perf_counter()
            client.post("/_dash-update-component", data=body,
                        headers={"Content-Type": "application/json", "Origin": "http://localhost"})
            renders.append(time.perf_counter() - start)
            if attempt == 0:
                sa.event.remove(engine, "before_cursor_execute", record)
                statements = list(captured)
        for _ in range(5):
            raw = engine.raw_connection()
            try:
                start = time.perf_counter()
                for statement, parameters in statements:
                    cursor = raw.cursor()
                    cursor.execute(statement, parameters)
                    cursor.fetchall()
                    cursor.close()
                sql.append(time.perf_counter() - start)
            finally:
                raw.close()
        figures[label] = {"in_process_uncached_ms": _ms(statistics.median(renders)),
                                      "sql_ms": _ms(statistics.median(sql)),
                                      "sql_statements": len(statements)}
    engine.dispose()
    return figures


def _flush_cache(redis_url: str | None) -> None:
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()


def measure_pages(redis_url: str | None) -> dict[str, dict]:
    """Cold (cache flushed before each request; only the first without Redis) and warm timings."""
    pages = {}
    for label, body in callbacks():
        cold = []
        for _ in range(COLD_REQUESTS if redis_url else 1):
            _flush_cache(redis_url)
            seconds, status, size = _post(body)
            cold.append(seconds)
        warm, statuses = [], set()
        for _ in range(WARM_REQUESTS):
            seconds, status, size = _post(body)
            warm.append(seconds)
            statuses.add(status)
        pages[label] = {
            "statuses": sorted(statuses), "cold_requests": len(cold),
            "cold_p50_ms": _ms(_percentile(cold, 0.5)), "cold_p95_ms": _ms(_percentile(cold, 0.95)),
            "warm_requests": len(warm),
            "warm_p50_ms": _ms(_percentile(warm, 0.5)), "warm_p95_ms": _ms(_percentile(warm, 0.95)),
            "response_bytes_gzip": size,
        }
    return pages


def throughput(pathname: str, search: str) -> dict[str, object]:
    """wrk: 50 connections, 2 threads, ``DURATION`` seconds, warm cache."""
    if not shutil.which("wrk"):
        return {"error": "wrk is not installed (apt-get install -y wrk)"}
    _post(page_body(pathname, search))  # warm
    body = page_body(pathname, search).decode()
    script = "\n".join([
        'wrk.method = "POST"', f"wrk.body = {json.dumps(body)}",
        *[f'wrk.headers["{k}"] = "{v}"' for k, v in HEADERS.items()],
        "done = function(summary, latency, requests)",
        '  io.write(string.format("P95_US %d\\n", latency:percentile(95)))',
        "end",
    ])
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        output = subprocess.run(
            ["wrk", "-t2", "-c50", f"-d{DURATION}s", "-s", handle.name,
             BASE + "/_dash-update-component"], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(handle.name)

    def number(pattern: str) -> float:
        found = re.search(pattern, output)
        return float(found.group(1)) if found else 0.0

    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "connections": 50, "seconds": DURATION,
        "requests": int(number(r"(\d+) requests in")),
        "requests_per_second": round(number(r"Requests/sec:\s+([\d.]+)"), 1),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": sum(int(v) for v in socket.groups()) if socket else 0,
        "p95_ms": round(number(r"P95_US (\d+)") / 1000, 1),
    }


def first_visit_bytes() -> int:
    """Bytes of the index page and every script and stylesheet it names, gzip-compressed."""
    def fetch(path: str) -> bytes:
        request = urllib.request.Request(BASE + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    index = fetch("/")
    html = gzip.decompress(index).decode() if index[:2] == b"\x1f\x8b" else index.decode()
    total = len(index)
    for path in set(re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html)):
        total += len(fetch(path))
    return total


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # noqa: ANN002, ANN003
        return None


def editor_cookie() -> str:
    """The session cookie of the bench's editor, signed in through the sign-in form."""
    form = urllib.parse.urlencode({"name": EDITOR, "password": EDITOR_PASSWORD, "next": "/"}).encode()
    request = urllib.request.Request(BASE + "/auth/login", data=form, method="POST",
                                     headers={"Origin": BASE})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as answer:  # the 303 to the next page
        cookies = answer.headers.get_all("Set-Cookie") or []
        return "; ".join(c.split(";", 1)[0] for c in cookies)
    raise RuntimeError("the bench editor could not sign in")


def largest_plan(url: str) -> tuple[str, int]:
    """The demo plan with the most evaluations, and its latest evaluated year."""
    import sqlalchemy as sa

    from etl import schema as s
    from etl.database import make_engine

    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    engine = make_engine(url)
    with engine.connect() as conn:
        key, year = conn.execute(
            sa.select(p.c.key, sa.func.max(e.c.year)).join(m, m.c.plan_id == p.c.id)
            .join(e, e.c.measure_id == m.c.id).group_by(p.c.key)
            .order_by(sa.func.count().desc(), p.c.key).limit(1)).one()
    engine.dispose()
    return key, int(year)


def edit_form_body(plan: str, year: int, code: str) -> bytes:
    """The request the plan page's form sends when a measure is chosen (it fills the form)."""
    outputs = [("plan-edit-status", "value"), ("plan-edit-percent", "value"),
               ("plan-edit-cost", "value"), ("plan-edit-comment", "value"),
               ("plan-edit-internal", "value"), ("plan-edit-public", "value"),
               ("plan-edit-version", "data"), ("plan-edit-lock", "children"),
               ("plan-edit-save", "disabled")]
    return json.dumps({
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": "plan-edit-measure", "property": "value", "value": code},
                   {"id": "plan-edit-year", "property": "value", "value": year}],
        "state": [{"id": "plan-shown", "property": "data",
                   "value": {"plan": plan, "rok": str(year), "priorita": "", "skupina": "",
                             "verejne": ""}},
                  {"id": "plan-lang", "property": "data", "value": "cs"}],
        "changedPropIds": ["plan-edit-measure.value"],
    }).encode()


def _timings(values: list[float]) -> dict[str, float]:
    return {"requests": len(values), "p50_ms": _ms(_percentile(values, 0.5)),
            "p95_ms": _ms(_percentile(values, 0.95)), "max_ms": _ms(max(values))}


def measure_signed_in(url: str) -> dict[str, dict]:
    """The plan page with the editing form, and the form's fill callback, as a signed-in editor."""
    plan, year = largest_plan(url)
    cookie = editor_cookie()
    code = _first_measure(url, plan)
    figures = {}
    for label, body in ((f"/komunitni-plan?plan={plan}&rok={year} (editor, editing form)",
                         page_body("/komunitni-plan", f"?plan={plan}&rok={year}")),
                        (f"plan edit form: {plan} {code} {year}", edit_form_body(plan, year, code))):
        times, sizes = [], set()
        for _ in range(WARM_REQUESTS):
            seconds, status, size = _post(body, cookie)
            if status != 200:
                raise RuntimeError(f"{label}: status {status}")
            times.append(seconds)
            sizes.add(size)
        figures[label] = {**_timings(times), "response_bytes_gzip": max(sizes)}
    return figures


def _first_measure(url: str, plan: str) -> str:
    import sqlalchemy as sa

    from etl import schema as s
    from etl.database import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        code = conn.execute(sa.select(s.measure.c.code).join(
            s.community_plan, s.community_plan.c.id == s.measure.c.plan_id)
            .where(s.community_plan.c.key == plan).order_by(s.measure.c.id).limit(1)).scalar_one()
    engine.dispose()
    return code


def measure_reports(url: str) -> dict[str, dict]:
    """Seconds to produce the evaluation report of the largest plan's latest year, per format
    (the first download of a worker also starts its chart-image browser: reported apart)."""
    plan, year = largest_plan(url)
    figures = {}
    for fmt in ("docx", "pdf"):
        times, size = [], 0
        for _ in range(REPORTS):
            start = time.perf_counter()
            with urllib.request.urlopen(f"{BASE}/vyhodnoceni/{plan}/{year}.{fmt}", timeout=300) as answer:
                size = len(answer.read())
            times.append(time.perf_counter() - start)
        figures[f"/vyhodnoceni/{plan}/{year}.{fmt}"] = {
            "first_ms": _ms(times[0]), **_timings(times[1:] or times), "bytes": size}
    return figures


def _redis() -> str | None:
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
        return REDIS_URL
    except Exception as exc:  # noqa: BLE001 - any failure: measure without the shared cache
        print(f"Redis not available ({exc}): cache local to each worker, cold = first request",
              file=sys.stderr)
        return None


def run_backend(url: str, redis_url: str | None) -> dict[str, object]:
    """Everything measured on one database."""
    alone = sql_alone(url)
    _add_editor(url)
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-only-key",
           "KPSS_COOKIE_SECURE": "0"}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dashboard.wsgi:server", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"], env=env, cwd=ROOT)
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        first_visit = first_visit_bytes()
        # the browser first, while the server is as fresh as for the callbacks below
        in_browser = browser.measure(BASE, PAGES) if BROWSER else None
        pages = measure_pages(redis_url)
        for key, figures in pages.items():
            figures.update(alone[key])
        rates = {pathname + search: throughput(pathname, search) for pathname, search in THROUGHPUT}
        signed_in = measure_signed_in(url)
        reports = measure_reports(url)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    figures = {"first_visit_bytes_gzip": first_visit, "pages": pages, "throughput": rates,
               "signed_in": signed_in, "reports": reports,
               "shared_cache": "redis" if redis_url else "local to each worker"}
    if in_browser:
        figures["browser"] = in_browser
    return figures


def _add_editor(url: str) -> None:
    """The editor the signed-in pages are measured as (kept if the database has them)."""
    from dashboard.users import UserStore
    from etl.database import make_engine

    engine = make_engine(url, writer=True)
    store = UserStore(engine)
    if store.get_by_name(EDITOR) is None:
        store.add(EDITOR, EDITOR_PASSWORD, "editor")
    engine.dispose()


def main() -> int:
    """Build, serve, measure, write the results."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="kpss-bench-"))
    redis_url = _redis()
    results: dict[str, object] = {
        "scale": SCALE, "backends": {},
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                    "memory_gib": _memory_gib(), "load_average_start": os.getloadavg()},
    }
    wanted = os.environ.get("KPSS_BENCH_BACKENDS", "sqlite,postgresql").split(",")
    try:
        builds = {"sqlite": lambda: build_sqlite(folder), "postgresql": build_postgres}
        for name, build in builds.items():
            if name not in wanted:
                continue
            load_before = os.getloadavg()
            built = build()
            if built is None:
                continue
            url, load_seconds = built
            figures = run_backend(url, redis_url)
            figures["demo_load_seconds"] = round(load_seconds, 1)
            figures["load_average"] = {"start": load_before, "end": os.getloadavg()}
            results["backends"][name] = figures
            print(json.dumps({name: figures}, indent=2, ensure_ascii=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _keep_earlier(results, wanted)
    results["machine"]["load_average_end"] = os.getloadavg()
    etl = RESULTS / "etl.json"
    if etl.exists():
        results["etl"] = json.loads(etl.read_text())
    (RESULTS / "pages.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (ROOT / "bench" / "RESULTS.md").write_text(markdown(results))
    return 0


def _keep_earlier(results: dict, wanted: list[str]) -> None:
    """Backends left out of this run (``KPSS_BENCH_BACKENDS``) keep their earlier figures,
    marked as such."""
    earlier_file = RESULTS / "pages.json"
    if not earlier_file.exists():
        return
    earlier = json.loads(earlier_file.read_text())
    if earlier.get("scale") != results["scale"]:
        return
    for name, figures in earlier.get("backends", {}).items():
        if name not in wanted and name not in results["backends"]:
            results["backends"][name] = {**figures, "earlier_run": True}


def _memory_gib() -> float:
    with open("/proc/meminfo") as handle:
        kib = int(handle.readline().split()[1])
    return round(kib / 1024 / 1024, 1)


# --- The report -----------------------------------------------------------------

def goal_misses(backend: str, figures: dict) -> list[str]:
    """Each goal a backend's figures miss, and by how much."""
    misses = []
    for page, f in figures["pages"].items():
        if f["warm_p95_ms"] >= GOALS["warm_p95_ms"]:
            misses.append(f"{backend} `{page}`: warm p95 {f['warm_p95_ms']} ms, "
                          f"{f['warm_p95_ms'] - GOALS['warm_p95_ms']:.0f} ms over 100 ms")
        if f["cold_p95_ms"] >= GOALS["cold_p95_ms"]:
            misses.append(f"{backend} `{page}`: cold p95 {f['cold_p95_ms']} ms, "
                          f"{f['cold_p95_ms'] - GOALS['cold_p95_ms']:.0f} ms over 300 ms")
        limit = GOALS["sql_factor"] * f["sql_ms"] + GOALS["sql_margin_ms"]
        if f["cold_p95_ms"] > limit:
            misses.append(f"{backend} `{page}`: cold p95 {f['cold_p95_ms']} ms against "
                          f"2 × SQL {f['sql_ms']} ms + 20 ms = {limit:.0f} ms "
                          f"({f['cold_p95_ms'] / limit:.1f}×)")
        if f["response_bytes_gzip"] > GOALS["response_bytes"]:
            misses.append(f"{backend} `{page}`: response {f['response_bytes_gzip'] / 1024:.0f} KB "
                          "over 300 KB")
    for page, f in figures.get("signed_in", {}).items():  # never cached: the cold goal holds
        if f["p95_ms"] >= GOALS["cold_p95_ms"]:
            misses.append(f"{backend} `{page}` (signed in): p95 {f['p95_ms']} ms, "
                          f"{f['p95_ms'] - GOALS['cold_p95_ms']:.0f} ms over 300 ms")
        if f["response_bytes_gzip"] > GOALS["response_bytes"]:
            misses.append(f"{backend} `{page}` (signed in): response "
                          f"{f['response_bytes_gzip'] / 1024:.0f} KB over 300 KB")
    overview = figures["throughput"].get("/", {})
    rate = overview.get("requests_per_second")
    if rate is not None and rate < GOALS["overview_rps"]:
        misses.append(f"{backend} overview: {rate} requests/s, "
                      f"{(1 - rate / GOALS['overview_rps']) * 100:.0f} % under 300")
    for page, t in figures["throughput"].items():
        if t.get("non_2xx") or t.get("socket_errors"):
            misses.append(f"{backend} `{page}` under load: {t['non_2xx']} non-2xx responses, "
                          f"{t['socket_errors']} socket errors")
    if figures["first_visit_bytes_gzip"] >= GOALS["first_visit_bytes"]:
        misses.append(f"{backend}: first visit {figures['first_visit_bytes_gzip'] / 1048576:.2f} MB")
    if "browser" in figures:
        misses += browser.goal_misses(backend, figures["browser"])
    return misses


def markdown(results: dict) -> str:
    machine = results["machine"]
    lines = [
        "# Page benchmark", "",
        f"`make bench` (`bench/pages.py`). Data: the `{results['scale']}` demo scale, loaded through "
        "the ETL. gunicorn, 2 workers. Machine: "
        f"{machine['cores']} cores, {machine['memory_gib']} GiB; load average "
        f"{', '.join(f'{v:.1f}' for v in machine['load_average_start'])} at the start and "
        f"{', '.join(f'{v:.1f}' for v in machine['load_average_end'])} at the end (the cores are "
        "shared with other work: figures are noisy).", "",
        "Cold: the shared cache is flushed before each request. SQL alone: the statements the "
        "page ran (captured during an uncached render) run again straight on the driver, "
        "fetching every row. In-process: the whole uncached render without HTTP.", "",
    ]
    for backend, figures in results["backends"].items():
        lines += [
            f"## {backend}", "",
            *(["Figures from an earlier run of the same code (`KPSS_BENCH_BACKENDS` left this "
               "database out of the latest one).", ""] if figures.get("earlier_run") else []),
            *([f"Load average while measured: "
               f"{', '.join(f'{v:.1f}' for v in figures['load_average']['start'])} before, "
               f"{', '.join(f'{v:.1f}' for v in figures['load_average']['end'])} after.", ""]
              if "load_average" in figures else []),
            *([f"Load average observed while measured: "
               f"{', '.join(f'{v:.1f}' for v in figures['load_average_observed'])}.", ""]
              if "load_average_observed" in figures else []),
            f"Demo load ({results['scale']}): {figures['demo_load_seconds']} s. Shared cache: "
            f"{figures['shared_cache']}. First visit (index, scripts, styles; compressed): "
            f"{figures['first_visit_bytes_gzip'] / 1024 / 1024:.2f} MB (goal < 2 MB).", "",
            "| callback | cold p50 | cold p95 | warm p50 | warm p95 | SQL alone | statements | "
            "in-process | response (gzip) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for page, f in figures["pages"].items():
            lines.append(
                f"| `{page}` | {f['cold_p50_ms']} | {f['cold_p95_ms']} | {f['warm_p50_ms']} | "
                f"{f['warm_p95_ms']} | {f['sql_ms']} | {f['sql_statements']} | "
                f"{f['in_process_uncached_ms']} | {f['response_bytes_gzip'] / 1024:.0f} KB |")
        any_page = next(iter(figures["pages"].values()))
        lines += ["", f"Milliseconds; {any_page['cold_requests']} cold and "
                  f"{any_page['warm_requests']} warm requests per page.", "",
                  "| callback under load (wrk, 50 connections) | requests/s | p95 ms | requests | "
                  "non-2xx | socket errors |", "|---|---:|---:|---:|---:|---:|"]
        for page, t in figures["throughput"].items():
            if "error" in t:
                lines.append(f"| `{page}` | {t['error']} | | | | |")
                continue
            lines.append(f"| `{page}` | {t['requests_per_second']} | {t['p95_ms']} | {t['requests']} "
                         f"| {t['non_2xx']} | {t['socket_errors']} |")
        if figures.get("signed_in"):
            lines += ["", "| signed in as an editor (never cached) | p50 | p95 | max | requests | "
                      "response (gzip) |", "|---|---:|---:|---:|---:|---:|"]
            for page, f in figures["signed_in"].items():
                lines.append(f"| `{page}` | {f['p50_ms']} | {f['p95_ms']} | {f['max_ms']} | "
                             f"{f['requests']} | {f['response_bytes_gzip'] / 1024:.0f} KB |")
        if figures.get("reports"):
            lines += ["", "| evaluation report (charts included) | first download | p50 | p95 | "
                      "downloads | size |", "|---|---:|---:|---:|---:|---:|"]
            for page, f in figures["reports"].items():
                lines.append(f"| `{page}` | {f['first_ms']} | {f['p50_ms']} | {f['p95_ms']} | "
                             f"{f['requests'] + 1} | {f['bytes'] / 1024:.0f} KB |")
        lines.append("")
        if "browser" in figures:
            lines += browser.markdown(backend, figures["browser"])
    misses = [m for backend, f in results["backends"].items() for m in goal_misses(backend, f)]
    lines += ["## Goals", "",
              "Every callback p95 < 100 ms warm and < 300 ms cold, within 2 × its own SQL time + "
              "20 ms (a signed-in page, never cached, < 300 ms); ≥ 300 requests/s for the "
              "overview with 0 errors; first visit < 2 MB; no response > 300 KB. In the browser: "
              "every page ready within 1.5 × the app shell's time, on a first and on a repeat "
              "visit; a first visit transfers < 1.5 MB. The reports have no goal: their times "
              "are for reading.", ""]
    lines += [f"- missed: {m}" for m in misses] or ["- all met"]
    if "postgresql" not in results["backends"]:
        lines += ["- not measured: PostgreSQL (no server answered)"]
    if "etl" in results:
        etl = results["etl"]
        steps = etl.get("steps", {})
        lines += ["", "## ETL (bench/results/etl.json, `make bench-etl`)", ""]
        for step, f in steps.items():
            lines.append(f"- {step}: {f.get('seconds', 0):.1f} s for {f.get('rows', etl.get('rows'))} "
                         f"rows, peak {f.get('peak_mb', '?')} MB")
    if NOTES.exists():
        lines += ["", NOTES.read_text().strip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
