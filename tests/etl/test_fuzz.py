"""The ETL fuzzer (``tests/etl/fuzz.py``) on SQLite and PostgreSQL: every mutated file keeps the
load contract. ``KPSS_FUZZ_CASES=1000 KPSS_FUZZ_SEED=2026`` runs longer and writes the outcome
to ``bench/results/fuzz.json``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import sqlalchemy as sa

from etl.load import load_files
from tests.etl.fuzz import GOOD, run

CASES = int(os.environ.get("KPSS_FUZZ_CASES", "150"))
SEED = int(os.environ.get("KPSS_FUZZ_SEED", "20"))
RESULTS = Path(__file__).parent.parent.parent / "bench" / "results" / "fuzz.json"


def test_fuzz001_every_mutated_file_keeps_the_load_contract(engine: sa.Engine, backend) -> None:  # noqa: ANN001
    assert load_files(engine, [GOOD / "utf8_semicolon"]).ok  # a database with data to keep
    outcome = run(engine, CASES, SEED)
    if "KPSS_FUZZ_CASES" in os.environ:
        found = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        found[backend.name] = {"cases": outcome.cases, "seed": outcome.seed,
                               "outcomes": dict(outcome.outcomes),
                               "mutations": dict(sorted(outcome.mutations.items())),
                               "failures": outcome.failures}
        RESULTS.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    assert not outcome.failures, json.dumps(outcome.failures[:5], indent=1, ensure_ascii=False)
    # the mutations reach both ends of the contract
    assert outcome.outcomes["loaded"] and outcome.outcomes["rejected"]
