"""Batched writes of the fact entities (a project's rows keyed by project and some columns).

The per-row select-then-insert of ``etl.write`` costs a round trip per row; a
file of a million achieved values needs far fewer. ``etl.transform.FACTS`` says how
each fact entity maps onto its table; ``etl.staging`` writes its rows with
``BatchWriter`` in batches and merges them in SQL.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence

import sqlalchemy as sa

from etl import schema as s

BATCH_SIZE = 5_000
ID_CHUNK = 500  # project ids per IN (...) list: well below every driver's parameter limit


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    """Consecutive slices of at most ``size`` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def project_ids(conn: sa.Connection, keys: Iterable[str]) -> dict[str, int]:
    """Row ids of the projects with these keys (registration numbers)."""
    wanted = sorted(set(keys))
    found: dict[str, int] = {}
    for part in chunks(wanted, ID_CHUNK):
        found.update(conn.execute(
            sa.select(s.project.c.key, s.project.c.id).where(s.project.c.key.in_(part))).all())
    return found


class BatchWriter:
    """Rows (values in ``names`` order) into ``table``, batch by batch.

    ``prepare`` turns a batch into the driver's parameters (each value through its
    type's bind processor); ``write`` sends prepared batches. PostgreSQL takes them
    with COPY: its executemany still costs a statement per row, which made a
    million-row load slower there than the row-by-row comparison it replaced.
    SQLite takes them with the driver's executemany.
    """

    def __init__(self, conn: sa.Connection, table: sa.Table, names: list[str],
                 converted: bool = False):
        self.conn = conn
        self.copy = conn.dialect.name == "postgresql"
        statement = table.insert().values({n: sa.bindparam(n) for n in names})
        self.compiled = statement.compile(dialect=conn.dialect)
        self.processors = _bind_processors(conn, self.compiled, names)
        self.names = names
        # True: the rows' values have been through ``processors`` already (``etl.staging``).
        self.converted = converted
        quote = conn.dialect.identifier_preparer.quote
        self.copy_sql = f"COPY {quote(table.name)} ({', '.join(map(quote, names))}) FROM STDIN"
        self.positional = self.compiled.positional and not self.copy
        # The statement's parameter order (SQLite), when it is not the rows' own.
        order = [names.index(n) for n in self.compiled.positiontup] if self.positional else None
        self.order = None if order == list(range(len(names))) else order

    def prepare(self, columns: Sequence[Sequence]) -> list:
        """One batch, given as its columns, as the driver takes it: tuples (SQLite, COPY) or
        dicts (other drivers). Built a column at a time: C loops, not one per row."""
        if not self.converted:
            columns = [list(map(p, column)) if p else column
                       for p, column in zip(self.processors, columns, strict=True)]
        if self.copy:
            return list(zip(*columns, strict=True))
        if self.positional:
            return list(zip(*(columns[i] for i in self.order or range(len(columns))), strict=True))
        return [dict(zip(self.names, row, strict=True)) for row in zip(*columns, strict=True)]

    def write(self, parts: Iterable[list]) -> None:
        """Send prepared batches to the database."""
        if not self.copy:
            for parameters in parts:
                self.conn.exec_driver_sql(self.compiled.string, parameters)
            return
        cursor = self.conn.connection.dbapi_connection.cursor()
        with cursor.copy(self.copy_sql) as copy:
            for parameters in parts:
                for row in parameters:
                    copy.write_row(row)


def _bind_processors(conn: sa.Connection, compiled: sa.engine.Compiled,
                     names: list[str]) -> list[Callable | None]:
    """Each value's bind processor, by position in ``names`` (None: passed as it is)."""
    dialect = conn.dialect
    processors = []
    for name in names:
        bind_type = compiled.binds[name].type
        processor = bind_type.dialect_impl(dialect).bind_processor(dialect)
        if processor and isinstance(bind_type, sa.Date):
            # A file repeats a few report dates a million times: format each once.
            processor = functools.lru_cache(maxsize=65536)(processor)
        processors.append(processor)
    return processors


def batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    """Consecutive lists of at most ``size`` rows (a generator is consumed batch by batch)."""
    iterator = iter(rows)
    while part := list(itertools.islice(iterator, size)):
        yield part


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a load, on again after (a forked worker inherits it off).

    Each batch of a fact sheet makes thousands of tuples and lists that live until
    it is written, and the merge reads rows back by the thousand: they set off full
    collections again and again, each walking every object the process holds, the
    million-entry set of staged key hashes too (3.5 of 13 seconds for a million
    rows). A load's objects are freed by reference counting as it goes. The switch is
    the process's: in a threaded server the other threads' cycles wait for the load too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
