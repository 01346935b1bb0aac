"""The ETL fuzzer (``tests/etl/fuzz.py``) on SQLite and PostgreSQL: every mutated file keeps the
load contract. ``KPSS_FUZZ_CASES=1000 KPSS_FUZZ_SEED=2026`` runs longer and writes the outcome
to ``bench/results/fuzz.json``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl.load import load_files
from tests.etl.fuzz import GOOD, run

CASES = int(os.environ.get("KPSS_FUZZ_CASES", "150"))
SEED = int(os.environ.get("KPSS_FUZZ_SEED", "20"))
RESULTS = Path(__file__).parent.parent.parent / "bench" / "results" / "fuzz.json"
VERDICTS: dict[str, list[tuple]] = {}  # backend → each case's verdict, for test_fuzz002


def test_fuzz001_every_mutated_file_keeps_the_load_contract(engine: sa.Engine, backend) -> None:  # noqa: ANN001
    assert load_files(engine, [GOOD / "utf8_semicolon"]).ok  # a database with data to keep
    outcome = run(engine, CASES, SEED)
    VERDICTS[backend.name] = outcome.verdicts
    if "KPSS_FUZZ_CASES" in os.environ:
        found = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        found[backend.name] = {"cases": outcome.cases, "seed": outcome.seed,
                               "same_verdicts_as_sqlite": outcome.verdicts == VERDICTS.get("sqlite"),
                               "outcomes": dict(outcome.outcomes),
                               "mutations": dict(sorted(outcome.mutations.items())),
                               "failures": outcome.failures}
        RESULTS.write_text(json.dumps(found, indent=1, ensure_ascii=False) + "\n")
    assert not outcome.failures, json.dumps(outcome.failures[:5], indent=1, ensure_ascii=False)
    # the mutations reach both ends of the contract
    assert outcome.outcomes["loaded"] and outcome.outcomes["rejected"]


def test_fuzz002_both_databases_decide_every_case_alike() -> None:
    """The same file is accepted on both databases or refused for the same reasons, at the
    same places: they accept exactly the same values (``etl.bounds``)."""
    if len(VERDICTS) < 2:
        pytest.skip("needs test_fuzz001 to have run on SQLite and PostgreSQL in this run")
    sqlite, postgresql = VERDICTS["sqlite"], VERDICTS["postgresql"]
    differing = [n for n, (a, b) in enumerate(zip(sqlite, postgresql, strict=True)) if a != b]
    assert not differing, [(n, sqlite[n], postgresql[n]) for n in differing[:3]]
