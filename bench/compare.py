"""Before and after a change, in one run: the same loads and renders by the code of two commits.

    python bench/compare.py BEFORE [--after AFTER] [--rounds 3]

``BEFORE``: the commit the change began at; ``AFTER``: its last commit (default: this tree).

A restructuring must not make anything slower; two benchmark runs on different days differ
by more than such a change does. Here both sides run on the same machine in the same hour,
interleaved (before, after, before, …) so that other work on the machine slows both alike.
The code of ``BEFORE`` (and of ``AFTER`` when given) is checked out into a temporary
worktree; every measurement runs in a child process with one tree first on its path, using
that tree's own scripts:

- **demo load**: ``python -m etl init`` and ``python -m etl demo --scale large`` into a new
  SQLite database (the ETL end to end: read, validate, transform, stage, write);
- **1 000 000 values**: ``bench/etl.py``'s ``etl`` step (the load of a million achieved values
  and its unchanged reload) on a copy of one prepared database;
- **page renders**: ``bench/render.py``'s median uncached render of every callback of
  ``bench/pages.py``, each side on the database its own demo load made.

Writes ``bench/results/compare.json``: each figure of each side, the best of its rounds, and
after / before.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "compare.json"
RENDER_LINE = re.compile(r"^\s*([\d.]+) ms  (.+)$")


def _run(tree: Path, args: list[str], env: dict[str, str] | None = None) -> str:
    return subprocess.run([sys.executable, *args], cwd=tree, check=True, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(tree), **(env or {})}).stdout


def demo_load(tree: Path, db: Path) -> float:
    """Seconds of the large demo load into a new database (after its schema and seed data)."""
    env = {"DATABASE_URL": f"sqlite:///{db}"}
    _run(tree, ["-m", "etl", "init"], env)
    start = time.perf_counter()
    _run(tree, ["-m", "etl", "demo", "--scale", "large"], env)
    return time.perf_counter() - start


def values_load(tree: Path, template: Path, values_csv: Path) -> dict[str, float]:
    """``bench/etl.py --step etl`` of ``tree`` on a copy of the prepared database."""
    db = template.with_name(f"values-{tree.name}.sqlite")
    shutil.copyfile(template, db)
    output = _run(tree, ["bench/etl.py", "--step", "etl", "--db", str(db), "--csv", str(values_csv)])
    figures = json.loads(output.strip().splitlines()[-1])
    db.unlink()
    return {"seconds": figures["seconds"], "reload_seconds": figures["reload_seconds"]}


def renders(tree: Path, db: Path) -> dict[str, float]:
    """Milliseconds of each callback's median uncached render."""
    output = _run(tree, ["bench/render.py", f"sqlite:///{db}", "--rounds", "5"])
    return {m.group(2): float(m.group(1)) for m in map(RENDER_LINE.match, output.splitlines()) if m}


def _prepare_values(folder: Path) -> tuple[Path, Path]:
    # bench/etl.py by its path: imported as ``etl`` it would shadow the package
    spec = importlib.util.spec_from_file_location("bench_etl", ROOT / "bench" / "etl.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.prepare(folder, 1_000_000)


def _best(runs: list[float]) -> float:
    return round(min(runs), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="the commit before the change")
    parser.add_argument("--after", help="the change's last commit (default: this tree)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    def commit(ref: str) -> str:
        return subprocess.run(["git", "rev-parse", ref], cwd=ROOT, check=True, capture_output=True,
                              text=True).stdout.strip()

    before, after = commit(args.before), commit(args.after or "HEAD")
    folder = Path(tempfile.mkdtemp(prefix="kpss-compare-"))
    trees = {"before": folder / "before", "after": folder / "after" if args.after else ROOT}
    checked_out = [tree for tree in trees.values() if tree != ROOT]
    for tree, ref in zip(checked_out, (before, after), strict=False):
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), ref], cwd=ROOT, check=True,
                       capture_output=True)
    load_before = os.getloadavg()
    runs: dict[str, dict[str, list]] = {side: {"demo": [], "values": [], "reload": [], "renders": []}
                                        for side in trees}
    try:
        template, values_csv = _prepare_values(folder)
        for round_ in range(args.rounds):
            order = list(trees) if round_ % 2 == 0 else list(reversed(trees))
            for side in order:
                db = folder / f"demo-{side}.sqlite"
                db.unlink(missing_ok=True)
                runs[side]["demo"].append(demo_load(trees[side], db))
                values = values_load(trees[side], template, values_csv)
                runs[side]["values"].append(values["seconds"])
                runs[side]["reload"].append(values["reload_seconds"])
                runs[side]["renders"].append(renders(trees[side], db))
                print(f"round {round_ + 1} {side}: demo {runs[side]['demo'][-1]:.1f} s, "
                      f"values {values['seconds']:.1f} s", flush=True)
    finally:
        for tree in checked_out:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        shutil.rmtree(folder, ignore_errors=True)
    figures: dict[str, dict[str, float]] = {}
    for name, key in (("demo load (large), s", "demo"), ("1 000 000 values load, s", "values"),
                      ("1 000 000 values unchanged reload, s", "reload")):
        figures[name] = {side: _best(runs[side][key]) for side in trees}
    labels = runs["after"]["renders"][0].keys() & runs["before"]["renders"][0].keys()
    for label in sorted(labels):
        figures[f"render {label}, ms"] = {
            side: _best([r[label] for r in runs[side]["renders"]]) for side in trees}
    for values in figures.values():
        values["after / before"] = round(values["after"] / values["before"], 2)
    results = {"before": before, "after": after, "rounds": args.rounds, "figures": figures,
               "load_average_before": [round(x, 2) for x in load_before],
               "load_average_after": [round(x, 2) for x in os.getloadavg()],
               "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max(map(len, figures))
    for name, values in figures.items():
        print(f"{name:<{width}}  {values['before']:>9}  {values['after']:>9}  {values['after / before']:>5}")


if __name__ == "__main__":
    main()
