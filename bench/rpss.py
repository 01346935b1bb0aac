"""Benchmark: the register of social services (7 000 services, 19 000 facilities) streamed and
loaded, against a plain ``json.load`` of the same file.

Generates ``rpss.json`` and its code lists with ``etl.rpss_demo`` (the documented shape, about
the real file's size per service), then runs each step in its own process, so that the peak
memory (max RSS) is the step's own:

- ``baseline``: the interpreter with the ETL imported and nothing read;
- ``json_load``: ``json.load`` of the whole file (what a reader that does not stream holds);
- ``read``: ``etl.sources.rpss.read_rpss``: streamed with ijson, checked and counted;
- ``load``: ``etl.rpss_load.load_rpss``: the read and the one-transaction write into a migrated
  SQLite database.

Writes ``bench/results/rpss.json``.

    python bench/rpss.py [--services 7000] [--facilities 19000] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.steps import prepare_database, run_step  # noqa: E402 - after the path is set

RESULTS = ROOT / "bench" / "results" / "rpss.json"
DAY = dt.date(2026, 1, 1)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _json_load(path: Path, db: Path) -> dict[str, float]:
    began = time.perf_counter()
    with path.open("rb") as stream:
        data = json.load(stream)
    return {"seconds": time.perf_counter() - began, "services": len(data["polozky"])}


def _read(path: Path, db: Path) -> dict[str, float]:
    from etl.sources.rpss import read_rpss
    from etl.sources.rpss_codes import municipality_orps, orp_codes, read_codes

    codes, _ = read_codes(path.parent / "ciselniky")
    began = time.perf_counter()
    read = read_rpss(path, codes, municipality_orps(), orp_codes(), DAY)
    return {"seconds": time.perf_counter() - began, "services": len(read.services),
            "errors": sum(p.is_error for p in read.problems)}


def _load(path: Path, db: Path) -> dict[str, float]:
    from etl.database import make_engine
    from etl.rpss_load import load_rpss

    engine = make_engine(f"sqlite:///{db}", writer=True)
    began = time.perf_counter()
    result = load_rpss(engine, path, codebooks=path.parent / "ciselniky", as_of=DAY)
    seconds = time.perf_counter() - began
    engine.dispose()
    if not result.ok:
        raise SystemExit("\n".join(map(str, result.errors[:20])))
    return {"seconds": seconds, "services": result.counts[(path.name, "rpss_sluzby")]["inserted"],
            "facilities": result.counts[(path.name, "rpss_zarizeni")]["inserted"]}


STEPS = {"baseline": lambda path, db: {"seconds": 0.0}, "json_load": _json_load, "read": _read,
         "load": _load}


def main() -> None:
    """Generate the register, run the steps, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=7000)
    parser.add_argument("--facilities", type=int, default=19000)
    parser.add_argument("--step", choices=STEPS)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    if args.step:
        import etl.rpss_load  # noqa: F401 - the baseline holds what every step imports

        figures = STEPS[args.step](args.json, args.db)
        print(json.dumps({**figures, "peak_mb": round(_peak_mb(), 1)}))
        return
    from etl.rpss_demo import generate_register, write_code_lists

    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="kpss-bench-rpss-"))
    try:
        path = folder / "rpss.json"
        size = generate_register(path, args.services, args.facilities)
        write_code_lists(folder / "ciselniky")
        template = prepare_database(folder)
        figures = {}
        for name in STEPS:
            figures[name] = run_step(__file__, name, "--json", path, template)
            print(name, figures[name], flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    base = figures["baseline"]["peak_mb"]
    result = {
        "what": "the register of social services (rpss.json) streamed by etl.sources.rpss and "
                "loaded by etl.rpss_load, against json.load of the same file; each step in its "
                "own process, peak_mb its max RSS (the baseline: the interpreter with the ETL "
                "imported)",
        "services": args.services, "facilities": args.facilities,
        "file_mb": round(size / 2**20, 1),
        "steps": {name: {k: round(v, 2) if isinstance(v, float) else v for k, v in f.items()}
                  for name, f in figures.items()},
        "mb_above_baseline": {name: round(f["peak_mb"] - base, 1) for name, f in figures.items()
                              if name != "baseline"},
        "goal": "peak memory of the load under 300 MB",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()],
                    "note": "measured on a shared, busy machine"},
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
