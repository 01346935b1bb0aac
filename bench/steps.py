"""Shared by the streamed-import benchmarks (``bench/ms2021.py``, ``bench/rpss.py``): each
step runs in its own process on its own copy of a migrated database, so its peak RSS is its own."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path


def prepare_database(folder: Path) -> Path:
    """A migrated SQLite database with the reference data (programmes, funding sources)."""
    from etl.database import make_engine, migrate
    from etl.reference import load_reference

    template = folder / "template.sqlite"
    engine = make_engine(f"sqlite:///{template}", writer=True)
    migrate(engine)
    load_reference(engine)
    engine.dispose()
    return template


def run_step(script: str, name: str, input_flag: str, path: Path, template: Path) -> dict[str, float]:
    """``script --step name input_flag path --db copy`` in its own process on its own copy of the
    database; the figures it prints last (JSON), peak RSS included."""
    db = template.with_name(f"{name}.sqlite")
    shutil.copyfile(template, db)
    output = subprocess.run(
        [sys.executable, script, "--step", name, input_flag, str(path), "--db", str(db)],
        check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc: no children file on every kernel)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # the process has just ended
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found
