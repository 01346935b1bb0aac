"""Page benchmark: every page's content callback over HTTP, under gunicorn, on national demo data.

Run by ``make bench``. It builds a SQLite database with the ``national`` demo
scale (206 ORPs, 2 000 projects), starts gunicorn with 2 workers and the shared
cache, and measures for each page:

- p50 / p95 latency of the page-content callback over HTTP (cold: the first
  request after the cache was cleared; warm: the following ones);
- the same page's queries run alone in-process, without the cache (the limit);
- the size of each callback response (gzip-compressed, as sent) and of the first visit.

It writes ``bench/results/pages.json`` and ``bench/RESULTS.md``. Nothing here is a
test: the figures are read by people, never asserted.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# bench/etl.py would shadow the etl package: the project root goes first on the path.
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
PAGES = [
    ("/", ""), ("/projekty", ""), ("/projekt", "?id=CZ.03.2.63/0.0/0.0/16_063/0006590"),
    ("/indikatory", "?kod=60000"), ("/orp", "?kraj=CZ064"), ("/orp", "?kod=8119"),
    ("/cilove-skupiny", ""), ("/komunitni-plan", "?plan=ostrava-kp5"), ("/data", ""),
]
WARM_REQUESTS = int(os.environ.get("KPSS_BENCH_REQUESTS", "200"))
PORT = int(os.environ.get("KPSS_BENCH_PORT", "8099"))


def _body(pathname: str, search: str) -> bytes:
    return json.dumps({
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"], "state": [],
    }).encode()


def _post(url: str, body: bytes) -> tuple[float, int, int]:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Accept-Encoding": "gzip",
        "Origin": f"http://127.0.0.1:{PORT}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        data = response.read()
        status = response.status
    return time.perf_counter() - start, status, len(data)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def build_database(folder: Path) -> str:
    """A SQLite file with reference, seed, demo and national demo data."""
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    env = {**os.environ, "DATABASE_URL": url}
    subprocess.run([sys.executable, "-m", "etl", "init"], check=True, env=env, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "etl", "demo", "--scale", "national"], check=True, env=env,
                   cwd=ROOT, stdout=subprocess.DEVNULL)
    return url


def sql_alone(url: str) -> dict[str, float]:
    """Each page's layout built in-process with the cache off: the database work plus Python."""
    from dashboard.app import create_app
    from dashboard.config import Settings

    app = create_app(Settings(database_url=url))
    client = app.server.test_client()
    figures = {}
    for pathname, search in PAGES:
        timings = []
        for _ in range(5):
            with app.server.app_context():
                from dashboard.cache import cache
                cache.clear()
            start = time.perf_counter()
            client.post("/_dash-update-component", data=_body(pathname, search),
                        headers={"Content-Type": "application/json", "Origin": "http://localhost"})
            timings.append(time.perf_counter() - start)
        figures[pathname + search] = statistics.median(timings) * 1000
    return figures


def main() -> int:
    """Build, serve, measure, write the results."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="kpss-bench-"))
    try:
        url = build_database(folder)
        alone = sql_alone(url)
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-only-key",
               "KPSS_COOKIE_SECURE": "0"}
        if shutil.which("redis-server") and os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = os.environ["REDIS_URL"]
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "dashboard.wsgi:server", "--workers", "2",
             "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"], env=env, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{PORT}"
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1)
                    break
                except OSError:
                    time.sleep(0.2)
            first_visit = _first_visit_bytes(base)
            pages = {}
            for pathname, search in PAGES:
                body = _body(pathname, search)
                cold, status, size = _post(base + "/_dash-update-component", body)
                warm = [_post(base + "/_dash-update-component", body)[0]
                        for _ in range(WARM_REQUESTS)]
                key = pathname + search
                pages[key] = {
                    "status": status, "cold_ms": round(cold * 1000, 1),
                    "warm_p50_ms": round(_percentile(warm, 0.5) * 1000, 1),
                    "warm_p95_ms": round(_percentile(warm, 0.95) * 1000, 1),
                    "in_process_uncached_ms": round(alone[key], 1),
                    "response_bytes_gzip": size, "requests": WARM_REQUESTS,
                }
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        results = {
            "data": "national demo scale on SQLite (206 ORPs, 2 000 projects)",
            "machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                        "memory_gib": _memory_gib(), "load_average": os.getloadavg()},
            "first_visit_bytes_gzip": first_visit, "pages": pages,
        }
        (RESULTS / "pages.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
        (ROOT / "bench" / "RESULTS.md").write_text(_markdown(results))
        print(json.dumps(results, indent=2, ensure_ascii=False))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def _first_visit_bytes(base: str) -> int:
    """Bytes of the index page and every script and stylesheet it names, gzip-compressed."""
    import re

    def fetch(path: str) -> bytes:
        request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read()

    index = fetch("/")
    html = gzip.decompress(index).decode() if index[:2] == b"\x1f\x8b" else index.decode()
    total = len(index)
    for path in set(re.findall(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"', html)):
        total += len(fetch(path))
    return total


def _memory_gib() -> float:
    with open("/proc/meminfo") as handle:
        kib = int(handle.readline().split()[1])
    return round(kib / 1024 / 1024, 1)


def _markdown(results: dict) -> str:
    lines = [
        "# Page benchmark", "",
        f"Data: {results['data']}. Machine: {results['machine']['cores']} cores, "
        f"{results['machine']['memory_gib']} GiB, load average at the end "
        f"{', '.join(f'{v:.1f}' for v in results['machine']['load_average'])}. gunicorn, 2 workers, "
        "shared query cache.", "",
        f"First visit (index, scripts, styles; compressed): "
        f"{results['first_visit_bytes_gzip'] / 1024 / 1024:.2f} MB (goal < 2 MB).", "",
        "| page | cold ms | warm p50 ms | warm p95 ms | in-process, uncached ms | response (gzip) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for page, f in results["pages"].items():
        lines.append(f"| `{page}` | {f['cold_ms']} | {f['warm_p50_ms']} | {f['warm_p95_ms']} | "
                     f"{f['in_process_uncached_ms']} | {f['response_bytes_gzip'] / 1024:.0f} KB |")
    lines += [
        "", "Not measured yet (issue 5 remains open for them): the `large` scale (1 000 000 "
        "observations), PostgreSQL, and throughput at 50 concurrent clients with wrk.", "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
