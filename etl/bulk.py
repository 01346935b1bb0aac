"""The fact entities (a project's rows keyed by project and some columns) and batched writes.

The per-row select-then-insert of ``etl.load`` costs a round trip per row; a
file of a million achieved values needs far fewer. ``FACTS`` says how each
fact entity maps onto its table; ``etl.staging`` writes its rows with
``execute_many`` in batches and merges them in SQL.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from etl import schema as s
from etl.catalog import Catalog
from etl.entities import BODY_KINDS
from etl.parse import normalise_header

BATCH_SIZE = 5_000
ID_CHUNK = 500  # project ids per IN (...) list: well below every driver's parameter limit

Values = dict[str, object]


@dataclass(frozen=True)
class FactSpec:
    """How one import entity maps onto a table keyed by project and some columns."""

    table: sa.Table
    key: tuple[str, ...]  # table columns that, with project_id, identify a row
    values: Callable[[dict[str, object], Catalog], Values]  # key and value columns of a record
    # Entity key columns the table stores unchanged, and where: staging keeps them once.
    stored_as: dict[str, str] = field(default_factory=dict)

    def value_columns(self) -> tuple[str, ...]:
        """The columns compared and written besides the key (lineage excluded)."""
        lineage = {"id", "project_id", "load_run_id", "source_row", "is_demo", *self.key}
        return tuple(c.name for c in self.table.columns if c.name not in lineage)


def _body_kind(text: object) -> object:
    return BODY_KINDS.get(normalise_header(str(text or "")), text)


FACTS: dict[str, FactSpec] = {
    "klicove_aktivity": FactSpec(s.key_activity, ("code",), lambda v, c: {
        "code": v["kod"], "name": v["nazev"], "start_date": v["od"], "end_date": v["do"],
        "goal": v["cil"], "outputs": v["vystupy"], "source": v["zdroj"]}, {"kod": "code"}),
    "cile_indikatoru": FactSpec(s.indicator_target, ("indicator_code",), lambda v, c: {
        "indicator_code": v["kod_indikatoru"], "baseline_value": v["vychozi_hodnota"],
        "target_value": v["cilova_hodnota"], "target_date": v["datum_cile"],
        "description": v["popis"], "source": v["zdroj"]}, {"kod_indikatoru": "indicator_code"}),
    "plneni_indikatoru": FactSpec(s.indicator_achievement, ("indicator_code", "reported_on"),
                                  lambda v, c: {
        "indicator_code": v["kod_indikatoru"], "reported_on": v["datum"],
        "achieved_value": v["dosazena_hodnota"], "report_label": v["zprava"],
        "source": v["zdroj"]}, {"kod_indikatoru": "indicator_code", "datum": "reported_on"}),
    "cerpani": FactSpec(s.drawdown, ("year", "source_code"), lambda v, c: {
        "year": v["rok"], "source_code": c.funding_source_code(v["zdroj_financovani"]),
        "planned": v["planovano"], "drawn": v["cerpano"], "source": v["zdroj"]}, {"rok": "year"}),
    "cilove_skupiny_projektu": FactSpec(s.project_target_group, ("name",), lambda v, c: {
        "name": v["nazev"], "description": v["popis"], "source": v["zdroj"]}, {"nazev": "name"}),
    "organizacni_struktura": FactSpec(s.planning_body, ("name",), lambda v, c: {
        "name": v["nazev"], "kind": _body_kind(v["typ"]), "description": v["popis"],
        "local_target_group": v["cilova_skupina"], "meetings_public": v["verejne_jednani"],
        "source": v["zdroj"]}, {"nazev": "name"}),
}


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


def execute_many(conn: sa.Connection, statement: sa.Executable, names: list[str],
                 rows: Iterable[tuple]) -> None:
    """Run ``statement`` for each row (values in ``names`` order) with the driver's executemany.

    SQLAlchemy's own executemany builds a parameter dict per row, which costs
    more than the insert itself at this volume; here the statement is compiled
    once and each value passes only through its type's bind processor
    (haléře for money, ISO text for SQLite dates), a column of a batch at a time.
    """
    compiled = statement.compile(dialect=conn.dialect)
    processors = _bind_processors(conn, compiled, names)
    order = [names.index(n) for n in compiled.positiontup] if compiled.positional else None
    for part in _batches(rows, BATCH_SIZE):
        columns = _processed_columns(part, processors)
        if order is not None:  # SQLite: tuples in the statement's parameter order
            parameters = list(zip(*(columns[i] for i in order), strict=True))
        else:  # PostgreSQL (psycopg): named parameters
            parameters = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
        conn.exec_driver_sql(compiled.string, parameters)


def insert_many(conn: sa.Connection, table: sa.Table, names: list[str],
                rows: Iterable[tuple]) -> None:
    """Insert rows (values in ``names`` order) into ``table``, batch by batch.

    PostgreSQL takes them with COPY: its executemany still costs a statement
    per row, which made a million-row load slower there than the row-by-row
    comparison it replaced. Elsewhere, ``execute_many``.
    """
    statement = table.insert().values({n: sa.bindparam(n) for n in names})
    if conn.dialect.name != "postgresql":
        execute_many(conn, statement, names, rows)
        return
    processors = _bind_processors(conn, statement.compile(dialect=conn.dialect), names)
    quote = conn.dialect.identifier_preparer.quote
    copy_sql = f"COPY {quote(table.name)} ({', '.join(map(quote, names))}) FROM STDIN"
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(copy_sql) as copy:
        for part in _batches(rows, BATCH_SIZE):
            for row in zip(*_processed_columns(part, processors), strict=True):
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


def _processed_columns(part: list[tuple], processors: list[Callable | None]) -> list[Sequence]:
    """The batch's columns, each value through its processor (a column at a time: C loops)."""
    return [list(map(p, column)) if p else column
            for p, column in zip(processors, zip(*part, strict=True), strict=True)]


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while part := list(itertools.islice(iterator, size)):
        yield part
