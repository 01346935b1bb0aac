"""Benchmark: stream a national-size MS2021+ export (40 000 projects) and measure its peak memory.

Generates ``SeznamOperaci_21_27.xml`` in the shape ``etl/sources/ms2021.py``
reads (root ``EXPORT`` in its namespace, each ``PRJ`` with two finance
blocks ``T=0``/``T=1``, the beneficiary's address, texts long enough that the
file has the real one's size: about 3.5 kB a project, 146 MB for 41 000),
then runs each step in its own process, so that the peak memory (max RSS) is
the step's own:

- ``baseline``: the interpreter with the ETL imported and nothing read, the
  floor every other figure sits on;
- ``read_call``: the streamed read with a call filter (``--call 46``), keeping
  a few hundred projects: the reader's own memory, which must not grow with
  the file;
- ``read_all``: the streamed read keeping every project as an import-format
  row (what a load without a filter holds);
- ``load_call``: the read and the whole load (validate, write, lineage, one
  transaction) of the call's projects into a migrated SQLite database;
- ``load_all`` (with ``--load-all``): the same for all 40 000 projects.

Writes ``bench/results/ms2021.json``.

    python bench/ms2021.py [--projects 40000] [--load-all] [--keep]
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

RESULTS = ROOT / "bench" / "results" / "ms2021.json"
NS = "https://ms21xsd.mssf.cz/OpenData/v_1"
CALLS = 400  # calls the projects spread over (about 800 exist; half of them have projects)
FILLER = ("Projekt reaguje na nedostatečnou kapacitu sociálních služeb v území a na potřebu "
          "koordinace poskytovatelů, obce a kraje při plánování jejich sítě. ")


def _registration(number: int) -> str:
    call = number % CALLS + 1
    return f"CZ.03.02.02/00/{22 + number % 4}_{call:03d}/{number:07d}"


def _finance(t: int, total: int) -> str:
    eu, state = total * 85 // 100, total * 10 // 100
    own = total - eu - state
    return (f"<PF><T>{t}</T><CV>{total}.00</CV><CZV>{total}.00</CZV><EU>{eu}.00</EU>"
            f"<CNV>{state}.00</CNV><SN>{own}.00</SN><S>0</S></PF>")


def _date(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00.000+01:00"


def generate(path: Path, projects: int) -> int:
    """Write the export, one project at a time; returns its size in bytes."""
    start = dt.date(2023, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        out.write(f'<?xml version="1.0" encoding="utf-8"?>\n<EXPORT xmlns="{NS}" '
                  f'LICENCE="CC BY 4.0" AUTOR="MMR" DATE="{_date(dt.date(2026, 9, 15))}" '
                  f'FILE="SeznamOperaci_21_27">\n')
        for n in range(1, projects + 1):
            total = 500_000 + n * 37 % 4_000_000
            began = start + dt.timedelta(days=n % 900)
            planned = began + dt.timedelta(days=730)
            # every third project has ended; a few hundred state different T=0 figures
            actual = f"<DURSKUT>{_date(planned)}</DURSKUT>" if n % 3 == 0 else ""
            old_total = total + 10_000 if n % 100 == 0 else total
            problem = "-" if n % 2 else FILLER * 4
            out.write(
                f"<PRJ><KOD>{_registration(n)}</KOD><NAZ>Projekt {n}: plánování sociálních služeb "
                f"v ORP číslo {n % 205}</NAZ><PROBLEM>{problem}</PROBLEM><CIL>{FILLER * 16}</CIL>"
                f"<ZAD><NAZ>Obec {n}</NAZ><IC>{n:08d}</IC><HPF>801</HPF><ADR><KKOD>CZ072</KKOD>"
                f"<KNAZEV>Zlínský kraj</KNAZEV><OKKOD>CZ0721</OKKOD><OKNAZEV>Kroměříž</OKNAZEV>"
                f"<OBKOD>{500000 + n % 6000}</OBKOD><OBNAZEV>Obec {n}</OBNAZEV>"
                f"<RUIAN>{20000000 + n}</RUIAN></ADR></ZAD>"
                f"{_finance(0, old_total)}{_finance(1, total)}"
                f"<DZRSKUT>{_date(began)}</DZRSKUT><DURPRED>{_date(planned)}</DURPRED>{actual}"
                f"<ID_VYZVA>{n % CALLS + 1}</ID_VYZVA><SC>ESO4.1</SC>"
                f"<CILSKUP><CSKOD>CS01</CSKOD><CSKOD>CS07</CSKOD><CSKOD>CS12</CSKOD></CILSKUP>"
                f"</PRJ>\n")
        out.write("</EXPORT>\n")
    return path.stat().st_size


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _read(path: Path, call: str | None) -> dict[str, float]:
    from etl.sources.common import Selection
    from etl.sources.ms2021 import read_ms2021

    began = time.perf_counter()
    read = read_ms2021(path, Selection(call=call))
    rows = sum(len(sheet.rows) for sheet in read.sheets)
    return {"seconds": time.perf_counter() - began, "projects_kept": rows,
            "problems": len(read.problems)}


def _load(path: Path, db: Path, call: str | None) -> dict[str, float]:
    from etl.database import make_engine
    from etl.load import load_read_result
    from etl.sources.common import Selection
    from etl.sources.ms2021 import read_ms2021

    engine = make_engine(f"sqlite:///{db}", writer=True)
    began = time.perf_counter()
    result = load_read_result(engine, read_ms2021(path, Selection(call=call)), dataset="national")
    seconds = time.perf_counter() - began
    engine.dispose()
    if not result.ok:
        raise SystemExit("\n".join(map(str, result.errors[:20])))
    return {"seconds": seconds, "projects_inserted": result.total("inserted")}


STEPS = {
    "baseline": lambda path, db: {"seconds": 0.0},
    "read_call": lambda path, db: _read(path, "46"),
    "read_all": lambda path, db: _read(path, None),
    "load_call": lambda path, db: _load(path, db, "46"),
    "load_all": lambda path, db: _load(path, db, None),
}


def main() -> None:
    """Generate the export, run the steps, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=40_000)
    parser.add_argument("--load-all", action="store_true", help="also load all the projects")
    parser.add_argument("--step", choices=STEPS)
    parser.add_argument("--xml", type=Path)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args()
    if args.step:
        import etl.load  # noqa: F401 - the baseline holds what every step imports

        figures = STEPS[args.step](args.xml, args.db)
        print(json.dumps({**figures, "peak_mb": round(_peak_mb(), 1)}))
        return
    load_before = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="kpss-bench-ms2021-"))
    try:
        path = folder / "SeznamOperaci_21_27.xml"
        began = time.perf_counter()
        size = generate(path, args.projects)
        generated = time.perf_counter() - began
        template = prepare_database(folder)
        steps = [s for s in STEPS if s != "load_all" or args.load_all]
        figures = {}
        for name in steps:
            figures[name] = run_step(__file__, name, "--xml", path, template)
            print(name, figures[name], flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    result = {
        "what": "MS2021+ SeznamOperaci_21_27.xml streamed by etl.sources.msexport; each step in "
                "its own process, peak_mb its max RSS (the baseline: the interpreter with the ETL "
                "imported)",
        "projects": args.projects, "file_mb": round(size / 2**20, 1),
        "generate_seconds": round(generated, 1),
        "steps": {name: {k: round(v, 2) if isinstance(v, float) else v for k, v in f.items()}
                  for name, f in figures.items()},
        "read_all_mb_above_baseline": round(figures["read_all"]["peak_mb"]
                                            - figures["baseline"]["peak_mb"], 1),
        "read_call_mb_above_baseline": round(figures["read_call"]["peak_mb"]
                                             - figures["baseline"]["peak_mb"], 1),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "measured_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
