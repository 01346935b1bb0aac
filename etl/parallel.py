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

The worker dies with the load: a load killed with ``kill -9`` must not leave a
parser behind, holding its memory and blocked on a pipe nobody reads. On Linux
the kernel sends it SIGKILL when its parent ends (``prctl(PR_SET_PDEATHSIG)``);
everywhere it closes its copy of the pipe's reading end, so that a send after
the load has gone fails at once (``BrokenPipeError``) instead of waiting for
ever, and it checks before each send that its parent is still the load.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator

MIN_BYTES = 4 << 20  # about 60 000 rows of achieved values

_DONE, _BATCH, _FAILED = "done", "batch", "failed"
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


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
        process = context.Process(target=_run, args=(self.produce, sender, receiver, os.getpid()),
                                  daemon=True)
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


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent ends (Linux); exit now if it has ended.

    Elsewhere, or when ``prctl`` is not there, the worker's pipe and parent checks
    in ``_run`` end it instead.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no prctl: the checks remain
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    # The parent may have died between the fork and the prctl call: the signal
    # would then never come.
    if os.getppid() != parent:
        os._exit(1)


class _Orphaned(Exception):
    """The load that started the worker is gone."""


def _run(produce: Produce, sender: multiprocessing.connection.Connection,
         receiver: multiprocessing.connection.Connection, parent: int) -> None:
    """The worker's whole life: every batch sent, then the result, or what went wrong."""
    die_with_parent(parent)
    # The fork copied the load's reading end; while the worker holds it open, a
    # send to a load that died would block for ever on a full pipe.
    receiver.close()

    def send(message: tuple) -> None:
        if os.getppid() != parent:
            raise _Orphaned
        sender.send(message)

    try:
        batches = produce()
        while True:
            try:
                batch = next(batches)
            except StopIteration as stop:
                send((_DONE, stop.value))
                return
            send((_BATCH, batch))
    except (BrokenPipeError, _Orphaned):  # the load stopped reading or died: nothing to say
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
