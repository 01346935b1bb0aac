"""Where a page's uncached render spends its time: in-process timings and a profile.

Not part of ``make bench``; a tool for finding what to make cheaper. On an existing
database (build one with ``python -m etl init`` and ``python -m etl demo --scale large``):

    python bench/render.py sqlite:///large.sqlite                  # every callback, median ms
    python bench/render.py sqlite:///large.sqlite --profile /orp    # cProfile of one callback

``--profile`` takes a label of ``bench/pages.py`` (or its start, e.g. ``/orp?kraj``) and
prints the functions with the most cumulative and own time over a few renders. The
cache is cleared before every render, as for the benchmark's cold requests.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import callbacks  # noqa: E402  (bench/pages.py)


def _client(url: str):  # noqa: ANN202 - (Dash app, Flask test client)
    from dashboard.app import create_app
    from dashboard.config import Settings

    app = create_app(Settings(database_url=url))
    return app, app.server.test_client()


def _render(app, client, body: bytes) -> float:  # noqa: ANN001
    from dashboard.cache import cache

    with app.server.app_context():
        cache.clear()
    start = time.perf_counter()
    response = client.post("/_dash-update-component", data=body,
                           headers={"Content-Type": "application/json", "Origin": "http://localhost"})
    seconds = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(f"HTTP {response.status_code}: {response.get_data(as_text=True)[:500]}")
    return seconds


def timings(url: str, rounds: int) -> None:
    """Median uncached render of every measured callback."""
    app, client = _client(url)
    for label, body in callbacks():
        _render(app, client, body)  # first render: imports and connections
        runs = [_render(app, client, body) for _ in range(rounds)]
        print(f"{statistics.median(runs) * 1000:8.1f} ms  {label}")


def profile(url: str, wanted: str, rounds: int, top: int) -> None:
    """cProfile of ``rounds`` uncached renders of the first callback whose label starts so."""
    app, client = _client(url)
    found = [(label, body) for label, body in callbacks() if label.startswith(wanted)]
    if not found:
        raise SystemExit(f"no callback starts with {wanted!r}")
    label, body = found[0]
    _render(app, client, body)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        _render(app, client, body)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    print(f"{label}: {rounds} renders")
    for key in ("cumulative", "tottime"):
        out.seek(0)
        out.truncate()
        stats.sort_stats(key).print_stats(top)
        print(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="database URL")
    parser.add_argument("--profile", metavar="LABEL", help="profile this callback")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if args.profile:
        profile(args.url, args.profile, args.rounds, args.top)
    else:
        timings(args.url, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
