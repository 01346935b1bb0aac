"""Run one load in a child process, for the kill and concurrency tests.

``python load_driver.py URL FILE [--pause SECONDS]`` loads FILE and prints the
outcome as JSON. With ``--pause`` it prints ``WRITING`` after the first batch
of rows has been sent inside the load's transaction, then waits that long
before each further batch: the parent can kill it, or start a second load,
while the first is known to be half-way. ``--no-death-signal`` leaves the parsing
worker without its parent-death signal, so that only its other checks can end it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from etl import parallel
from etl import stage as stage_module
from etl.database import make_engine
from etl.load import load_files


def main() -> None:
    """Load the file, pausing between batches when asked."""
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("file", type=Path)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--no-death-signal", action="store_true")
    args = parser.parse_args()
    if args.no_death_signal:
        parallel.die_with_parent = lambda parent: None
    if args.pause:
        batches = stage_module.batches

        def slow_batches(rows, size):  # noqa: ANN001, ANN202
            for index, part in enumerate(batches(rows, size)):
                if index:
                    time.sleep(args.pause)
                yield part
                if index == 0:
                    print("WRITING", flush=True)

        stage_module.batches = slow_batches
        stage_module.BATCH_SIZE = 1000
    engine = make_engine(args.url, writer=True)
    result = load_files(engine, [args.file])
    engine.dispose()
    print(json.dumps({"status": result.status, "run_id": result.run_id,
                      "inserted": result.total("inserted"), "unchanged": result.total("unchanged"),
                      "errors": [str(p) for p in result.errors]}), flush=True)
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":
    main()
