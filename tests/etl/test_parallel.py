"""A large fact sheet read in a second process: the same results as in one process, all or nothing."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl import parallel
from etl import stage as stage_module
from etl.bulk import BatchWriter
from etl.load import load_files
from etl.result import LoadResult
from etl.validate import RowParser
from tests.conftest import table_snapshot

DATA = Path(__file__).parent.parent / "data"
P = "CZ.03.2.63/0.0/0.0/16_063/0007100"
Q = "CZ.03.2.63/0.0/0.0/16_063/0007101"
HEADER = "registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zprava\n"


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> Callable[[bool], list[int]]:
    """Call with True to read every fact sheet in a worker; the list counts the workers started."""
    started: list[int] = []
    real = stage_module.stage_in_worker

    def counted(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(stage_module, "stage_in_worker", counted)

    def use(on: bool) -> list[int]:
        monkeypatch.setattr(stage_module, "worth_a_worker", lambda size: on)
        return started
    return use


def _outcome(result: LoadResult) -> tuple:
    return (result.status, [p.to_dict() for p in result.problems],
            {k: dict(v) for k, v in result.counts.items()}, result.files)


def _stored(engine: sa.Engine) -> dict[str, list[tuple]]:
    """Every table's rows, but the load log's times."""
    snapshot = table_snapshot(engine)
    for name in ("load_run",):
        snapshot[name] = [row[:3] + row[5:] for row in snapshot[name]]  # started_at, finished_at
    return snapshot


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _batch(folder: Path) -> list[Path]:
    """Projects, then two files of achieved values: repeats, a change, dates going back, a warning."""
    projects = _write(folder, "a_projekty.csv", "registracni_cislo;nazev;zahajeni;ukonceni\n"
                      f"{P};A;1.1.2018;31.12.2019\n{Q};B;1.1.2018;31.12.2019\n")
    first = _write(folder, "b_plneni_indikatoru.csv", HEADER + "".join(f"{line}\n" for line in (
        f"{P};60000;30.6.2018;10,50;Z1", f"{P};60000;31.3.2018;12;Z0", f"{P};60000;31.12.2018;11;Z2",
        f"{Q};80500;31.12.2018;1 234,5;Z2", f"{Q};80500;31.12.2018;1 234,50;Z2",
        f"{Q};60000;31.12.2020;3;Z9")))
    second = _write(folder, "c_plneni_indikatoru.csv",
                    f"{HEADER}{P};60000;30.6.2018;99;Z1\n{Q};80500;31.12.2018;1234,5;Z2\n")
    return [projects, first, second]


def test_par001_a_worker_gives_what_one_process_gives(
        fresh_engines, workers, tmp_path: Path) -> None:  # noqa: ANN001
    paths = _batch(tmp_path)
    outcomes, stored = [], []
    for on in (False, True):
        started = workers(on)
        engine = fresh_engines()
        first = load_files(engine, paths)
        again = load_files(engine, list(reversed(paths)), replace=True)
        outcomes.append((_outcome(first), _outcome(again)))
        stored.append(_stored(engine))
        assert len(started) == (2 if on else 0)  # one worker per fact entity and load
    assert outcomes[0][0][0] == "loaded" and outcomes[0][0][1]  # the falling value warns
    assert outcomes[1] == outcomes[0]
    assert stored[1] == stored[0]


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "bad").iterdir()))
def test_par002_a_bad_file_is_rejected_alike(name: str, fresh_engines, workers) -> None:  # noqa: ANN001
    engine = fresh_engines()
    before = table_snapshot(engine)
    found = []
    for on in (False, True):
        workers(on)
        found.append(_outcome(load_files(engine, [DATA / "bad" / name])))
    assert found[1] == found[0]
    assert found[0][0] == "rejected"
    assert table_snapshot(engine) == before


@pytest.mark.parametrize("variant", sorted(p.name for p in (DATA / "good").iterdir()))
def test_par003_good_files_alike(variant: str, fresh_engines, workers) -> None:  # noqa: ANN001
    outcomes, stored = [], []
    for on in (False, True):
        workers(on)
        engine = fresh_engines()
        outcomes.append(_outcome(load_files(engine, [DATA / "good" / variant])))
        stored.append(_stored(engine))
    assert outcomes[0][0] == "loaded"
    assert outcomes[1] == outcomes[0]
    assert stored[1] == stored[0]


def _failing_sheet(monkeypatch: pytest.MonkeyPatch, fail: Callable[[], None]) -> None:
    """Make the worker fail as it starts reading the achieved values (the worker is a fork:
    the patch goes with it); in the load's own process the sheets read as usual."""
    real = RowParser.__init__
    parent = os.getpid()

    def start(self, sheet, problems):  # noqa: ANN001, ANN202
        if os.getpid() != parent:
            fail()
        real(self, sheet, problems)
    monkeypatch.setattr(RowParser, "__init__", start)


def _raise() -> None:
    raise ValueError("broken on purpose")


@pytest.mark.parametrize("fail", [_raise, lambda: os._exit(3)], ids=["raises", "dies"])
def test_par004_a_failing_worker_rolls_the_whole_load_back(
        fail, fresh_engines, workers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # noqa: ANN001
    engine = fresh_engines()
    projects, first, _second = _batch(tmp_path)
    assert load_files(engine, [projects]).ok
    before = table_snapshot(engine)
    workers(True)
    _failing_sheet(monkeypatch, fail)
    with pytest.raises(parallel.WorkerFailed) as failed:
        load_files(engine, [projects, first])
    if fail is _raise:
        assert "broken on purpose" in str(failed.value)  # the worker's traceback comes along
    assert table_snapshot(engine) == before
    monkeypatch.undo()
    result = load_files(engine, [first])  # the connection and the writers' lock are free again
    assert result.ok and result.total("inserted") == 5  # the sixth row repeats the fifth


def test_par005_only_large_files_of_a_single_threaded_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert not parallel.worth_a_worker(parallel.MIN_BYTES - 1)
    assert parallel.worth_a_worker(parallel.MIN_BYTES)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)
    assert not parallel.worth_a_worker(parallel.MIN_BYTES)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 1)
    assert not parallel.worth_a_worker(parallel.MIN_BYTES)


def test_par006_a_failed_write_ends_the_worker_and_rolls_back(
        fresh_engines, workers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # noqa: ANN001
    engine = fresh_engines()
    projects, first, _second = _batch(tmp_path)
    assert load_files(engine, [projects]).ok
    before = table_snapshot(engine)
    workers(True)

    def write(self, parts):  # noqa: ANN001, ANN202
        next(iter(parts))  # the worker has started and sent its first batch
        raise OSError("disk full on purpose")
    monkeypatch.setattr(BatchWriter, "write", write)
    with pytest.raises(OSError, match="on purpose"):
        load_files(engine, [first])
    assert not multiprocessing.active_children()  # the worker was ended and reaped
    monkeypatch.undo()
    assert table_snapshot(engine) == before
