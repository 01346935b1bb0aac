"""A large fact sheet read, parsed and checked in a second process while this one writes.

Parsing a million Czech-formatted rows and writing them into the staging table
each take several seconds of one CPU. For a large CSV file the load forks a
worker that reads, parses and checks the rows and prepares the staging batches;
the load's own process sends each batch to the database as it arrives, inside
its transaction. The worker never touches the database connection: what it
found (problems, the state of the checks that need all rows) comes back at the
end and replaces the load's own copy, which it started from at the fork, so the
outcome is the same as when everything runs in one process.

Only where a fork is safe and worth it: on a system with ``fork`` and two or
more CPUs, in a process running a single thread (a fork of a threaded server
could inherit a lock another thread holds), and for files above ``MIN_BYTES``
(small uploads stay in one process).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator

MIN_BYTES = 4 << 20  # about 60 000 rows of achieved values

_DONE, _BATCH, _FAILED = "done", "batch", "failed"


class WorkerFailed(RuntimeError):
    """The worker raised, or ended without finishing; the load is rolled back."""


def worth_a_worker(size: int) -> bool:
    """Whether data of ``size`` bytes is read in a second process."""
    return (size >= MIN_BYTES and (os.cpu_count() or 1) > 1
            and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


Produce = Callable[[], Generator[list, None, object]]


class Worker:
    """Runs ``produce`` in a forked process: the batches it yields, then the value it returns.

    Iterate ``batches()`` to the end, then read ``result``. Leaving the iteration
    early (an error while writing) ends the worker.
    """

    def __init__(self, produce: Produce):
        self.produce = produce
        self.result: object = None
        self.finished = False

    def batches(self) -> Iterator[list]:
        """The worker's batches as they arrive; ``result`` is set once they are all here."""
        for stream in (sys.stdout, sys.stderr):  # else the fork would print their buffers again
            if stream is not None:
                stream.flush()
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(self.produce, sender), daemon=True)
        process.start()
        sender.close()  # the worker's end: if the worker dies, recv() ends with EOFError
        try:
            while True:
                try:
                    kind, payload = receiver.recv()
                except EOFError:
                    raise WorkerFailed("the parsing worker ended without finishing") from None
                if kind == _BATCH:
                    yield payload
                elif kind == _DONE:
                    self.result, self.finished = payload, True
                    return
                else:
                    raise WorkerFailed(payload)
        finally:
            receiver.close()
            if not self.finished:
                process.kill()
            process.join()


def _run(produce: Produce, sender: multiprocessing.connection.Connection) -> None:
    """The worker's whole life: every batch sent, then the result, or what went wrong."""
    try:
        batches = produce()
        while True:
            try:
                batch = next(batches)
            except StopIteration as stop:
                sender.send((_DONE, stop.value))
                return
            sender.send((_BATCH, batch))
    except BrokenPipeError:  # the load stopped reading (it failed and rolls back): nothing to say
        return
    except BaseException:  # noqa: BLE001 - every failure goes back to the load, which rolls back
        sender.send((_FAILED, traceback.format_exc()))
    finally:
        sender.close()


def stage_in_worker(write: Callable[[Iterable[list]], None], produce: Produce) -> object:
    """Write ``produce``'s batches with ``write`` as the worker yields them; its result."""
    worker = Worker(produce)
    write(worker.batches())
    return worker.result
