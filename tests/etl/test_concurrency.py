"""A load killed half-way leaves the old data intact; two loads at once queue instead of interleaving."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

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


def _driver(url: str, path: Path, pause: float = 0.0) -> subprocess.Popen:
    args = [sys.executable, str(DRIVER), url, str(path)] + (["--pause", str(pause)] if pause else [])
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
