"""ORP map benchmark: the ORP page with the shipped boundary map against ranked bars.

The map is the ORP page's default since the boundaries ship with the project
(``data/reference/orp_boundaries.geojson``, already simplified to about 400 m). This
measures what it costs: the page callback's uncached render (median of several, cache
cleared before each) and the size of its response, with the map and with bars
(``boundary_file=None``), for the whole country and one region. On an existing database:

    python bench/orp_map.py sqlite:///instance/kpss.sqlite

Writes ``bench/results/orp_map.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import page_body  # noqa: E402  (bench/pages.py)

RESULT = ROOT / "bench" / "results" / "orp_map.json"
SEARCHES = ("", "?kraj=CZ064")


def measure(url: str, boundary: bool, rounds: int) -> dict[str, dict[str, float]]:
    """Median render (ms) and response size (KB, raw and gzip) per measured address."""
    from dashboard.app import create_app
    from dashboard.cache import cache
    from dashboard.config import DEFAULT_BOUNDARY_FILE, Settings

    app = create_app(Settings(database_url=url,
                              boundary_file=DEFAULT_BOUNDARY_FILE if boundary else None))
    client = app.server.test_client()
    found = {}
    for search in SEARCHES:
        body = page_body("/orp", search)
        times, size = [], 0
        for index in range(rounds + 1):
            with app.server.app_context():
                cache.clear()
            start = time.perf_counter()
            response = client.post("/_dash-update-component", data=body, headers={
                "Content-Type": "application/json", "Origin": "http://localhost"})
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code}")
            if index:  # the first render imports and connects
                times.append(time.perf_counter() - start)
            size = len(response.data)
            packed = len(gzip.compress(response.data))
        found[f"/orp{search}"] = {"render_ms": round(statistics.median(times) * 1000, 1),
                                  "response_kb": round(size / 1024, 1),
                                  "response_gzip_kb": round(packed / 1024, 1)}
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL")
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    from dashboard.config import DEFAULT_BOUNDARY_FILE

    results = {
        "boundary_file_kb": round(DEFAULT_BOUNDARY_FILE.stat().st_size / 1024, 1),
        "map": measure(args.url, True, args.rounds),
        "bars": measure(args.url, False, args.rounds),
        "note": "in-process, uncached renders on a machine shared with other work: compare the "
                "map with the bars, not with other runs",
    }
    RESULT.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
