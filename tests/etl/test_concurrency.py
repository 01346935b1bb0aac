"""A load killed half-way leaves the old data intact; two loads at once queue instead of interleaving."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from bench.steps import children
from etl import parallel
from etl import schema as s
from etl.load import load_files
from tests.conftest import table_snapshot

DRIVER = Path(__file__).with_name("load_driver.py")
PROJECT = "CZ.03.2.63/0.0/0.0/16_063/0007100"
ROWS = 5000


def _files(folder: Path) -> tuple[Path, Path]:
    projects = folder / "projekty.csv"
    projects.write_text(f"registracni_cislo;nazev;zahajeni;ukonceni\n{PROJECT};Souběh;1.1.2000;31.12.2030\n",
                        encoding="utf-8")
    values = folder / "plneni_indikatoru.csv"
    start = dt.date(2000, 1, 1)
    lines = ["registracni_cislo;kod_indikatoru;datum;dosazena_hodnota"]
    for index in range(ROWS):
        code, day = ("60000", index // 2) if index % 2 == 0 else ("80500", index // 2)
        lines.append(f"{PROJECT};{code};{start + dt.timedelta(days=day):%d.%m.%Y};{day}")
    values.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return projects, values


def _large_files(folder: Path, projects: int, days: int) -> tuple[Path, Path]:
    """A values file of ``projects`` × 2 indicators × ``days`` rows: big enough for the worker."""
    keys = [f"CZ.03.2.63/0.0/0.0/16_063/{7200 + n:07d}" for n in range(projects)]
    projects_file = folder / "projekty.csv"
    projects_file.write_text("registracni_cislo;nazev;zahajeni;ukonceni\n" + "".join(
        f"{key};Velký soubor {n};1.1.2000;31.12.2040\n" for n, key in enumerate(keys)),
        encoding="utf-8")
    start = dt.date(2000, 1, 1)
    dates = [f"{start + dt.timedelta(days=day):%d.%m.%Y}" for day in range(days)]
    values = folder / "plneni_indikatoru.csv"
    with values.open("w", encoding="utf-8") as out:
        out.write("registracni_cislo;kod_indikatoru;datum;dosazena_hodnota\n")
        for key in keys:
            for code in ("60000", "80500"):
                out.writelines(f"{key};{code};{date};{day}\n" for day, date in enumerate(dates))
    return projects_file, values


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie nobody reaped has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _driver(url: str, path: Path, pause: float = 0.0, *extra: str) -> subprocess.Popen:
    args = [sys.executable, str(DRIVER), url, str(path), *extra] + (
        ["--pause", str(pause)] if pause else [])
    return subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2])


def _wait_writing(process: subprocess.Popen) -> None:
    line = process.stdout.readline()
    assert line.strip() == "WRITING", line


def test_conc001_kill_9_mid_load_leaves_old_data(engine: sa.Engine, db_url: str, tmp_path: Path) -> None:
    projects, values = _files(tmp_path)
    assert load_files(engine, [projects]).ok
    before = table_snapshot(engine)
    process = _driver(db_url, values, pause=5)
    _wait_writing(process)  # the first 1000 rows are in the database, uncommitted
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    engine.dispose()  # open fresh connections, as a restarted service would
    assert table_snapshot(engine) == before
    result = load_files(engine, [values])  # the lock died with the process: a new load goes through
    assert result.ok and result.total("inserted") == ROWS


def test_conc002_two_loads_at_once_queue(engine: sa.Engine, db_url: str, tmp_path: Path) -> None:
    projects, values = _files(tmp_path)
    assert load_files(engine, [projects]).ok
    first = _driver(db_url, values, pause=0.8)
    _wait_writing(first)  # the first load is half-way through its transaction
    second = _driver(db_url, values)  # the same rows again, at the same time
    out_first, _ = first.communicate(timeout=120)
    out_second, _ = second.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), (out_first, out_second)
    a = json.loads(out_first.strip().splitlines()[-1])
    b = json.loads(out_second.strip().splitlines()[-1])
    # The second load waited for the first to commit, then found every row already there.
    assert (a["inserted"], a["unchanged"]) == (ROWS, 0)
    assert (b["inserted"], b["unchanged"]) == (0, ROWS)
    with engine.connect() as conn:
        runs = conn.execute(sa.select(s.indicator_achievement.c.load_run_id, sa.func.count())
                            .group_by(s.indicator_achievement.c.load_run_id)).all()
        assert runs == [(a["run_id"], ROWS)]
        statuses = conn.execute(sa.select(s.load_run.c.status).where(
            s.load_run.c.id.in_([a["run_id"], b["run_id"]]))).scalars().all()
        assert statuses == ["loaded", "loaded"]


@pytest.mark.skipif(not Path("/proc").is_dir() or (os.cpu_count() or 1) < 2,
                    reason="needs Linux /proc and a second CPU for the parsing worker")
@pytest.mark.parametrize("death_signal", [True, False], ids=["pdeathsig", "pipe-check"])
def test_conc003_parser_worker_dies_with_a_killed_load(engine: sa.Engine, db_url: str,
                                                       tmp_path: Path, death_signal: bool) -> None:
    """Killed with ``kill -9``, a load takes its parser with it: by the kernel's parent-death
    signal, or without it by the worker's own checks (closed pipe, parent gone)."""
    projects, values = _large_files(tmp_path, projects=20, days=10_000)  # 400 000 rows, ~25 MB
    assert values.stat().st_size >= parallel.MIN_BYTES
    assert load_files(engine, [projects]).ok
    process = _driver(db_url, values, 0.0, *([] if death_signal else ["--no-death-signal"]))
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and process.poll() is None and time.monotonic() < deadline:
        workers = children(process.pid)
        time.sleep(0.05)
    assert workers, "the load started no parsing worker"
    time.sleep(1.5)  # the worker is parsing and sending batches
    assert process.poll() is None and any(_alive(pid) for pid in workers), \
        "the load ended before it could be killed: the file is too small to prove anything"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:  # do not leave one behind for the next tests
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "the parsing worker outlived its killed load"
