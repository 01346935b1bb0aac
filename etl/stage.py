"""Staging the fact sheets: every row parsed, checked against the catalog and written to the
entity's staging table (``etl.staging``), to be merged into its table by the writer.

A fact sheet may hold a million rows: it streams through here batch by batch, never held
whole. A big one is parsed and checked in a second process (``etl.parallel``) while this
one writes what it sends.
"""

from __future__ import annotations

import itertools
from collections.abc import Generator, Iterator, Sequence

import sqlalchemy as sa

from etl import schema as s
from etl.bulk import BATCH_SIZE, batches
from etl.catalog import Catalog
from etl.columnar import ClearRows, IndicatorAchievementColumns
from etl.entities import ACHIEVED_VALUE, INDICATOR_ACHIEVEMENT, LOAD_ORDER, REGISTRATION_NUMBER
from etl.findings import Findings
from etl.parallel import stage_in_worker, worth_a_worker
from etl.read import RawSheet
from etl.staged_checks import EXACT, located
from etl.staging import Staging
from etl.transform import FACTS
from etl.validate import RowParser, reference_problems


def stage_facts(conn: sa.Connection, sheets: list[RawSheet], catalog: Catalog,
                found: Findings) -> dict[str, Staging]:
    """Parse, check and stage every fact sheet, one row at a time; the stagings by entity."""
    project_ids = dict(conn.execute(sa.select(s.project.c.key, s.project.c.id)).all())
    stagings: dict[str, Staging] = {}
    for entity in LOAD_ORDER:
        numbered = [(n, sheet) for n, sheet in enumerate(sheets) if sheet.entity.name == entity]
        if entity in FACTS and numbered:
            staging = stagings[entity] = Staging(conn, entity, FACTS[entity], catalog,
                                                 exact=EXACT.get(entity))
            staging.create()
            if worth_a_worker(sum(sheet.size for _n, sheet in numbered)):
                _stage_from_worker(staging, numbered, catalog, project_ids, found)
            else:
                staging.write(_staged_batches(staging, numbered, catalog, project_ids, found))
    return stagings


def _staged_batches(staging: Staging, sheets: list[tuple[int, RawSheet]], catalog: Catalog,
                    project_ids: dict[str, int], found: Findings) -> Iterator[list[Sequence]]:
    """Every row of the sheets parsed, checked against the catalog and made a staging row,
    in batches given as their columns (``Staging.write`` takes them)."""
    return _Stager(staging, catalog, project_ids, found).batches(sheets)


class _Stager:
    """Makes the staging batches of one fact entity's sheets, numbering the rows as it goes.

    Achieved values in CSV files are parsed and checked a column at a time
    (``etl.columnar``); the rows it has something to say about, and all other
    sheets, go row by row, which reports their problems.
    """

    def __init__(self, staging: Staging, catalog: Catalog, project_ids: dict[str, int],
                 found: Findings):
        self.staging, self.catalog, self.project_ids, self.found = staging, catalog, project_ids, found
        self.entity = staging.entity.name
        self.falling = found.falling if self.entity == INDICATOR_ACHIEVEMENT else None
        self.seq = 0  # rows staged so far, over all the sheets

    def batches(self, sheets: list[tuple[int, RawSheet]]) -> Iterator[list[Sequence]]:
        """Each batch of rows of the sheets as staging columns."""
        for sheet_no, sheet in sheets:
            parser = RowParser(sheet, self.found.by_sheet[sheet_no])
            if parser.positions is None:
                continue
            columnar = IndicatorAchievementColumns.for_sheet(sheet, parser, self.catalog)
            for part in batches(parser.rows(), BATCH_SIZE):
                runs = columnar.check(part).runs() if columnar else [(False, part)]
                pieces = [self._clear(run, sheet_no, sheet) if clear
                          else self._row_by_row(run, sheet_no, parser) for clear, run in runs]
                yield pieces[0] if len(pieces) == 1 else [
                    list(itertools.chain.from_iterable(column))
                    for column in zip(*pieces, strict=True)]

    def _clear(self, run: ClearRows, sheet_no: int, sheet: RawSheet) -> list[Sequence]:
        """Rows the columns cleared: nothing to report but the falling values."""
        self.found.add_references(self.entity, [], sheet_no)
        if self.falling:
            rows = run.source_rows
            self.falling.add_columns(
                *(run.values[n] for n in (REGISTRATION_NUMBER, "kod_indikatoru", "datum",
                                          ACHIEVED_VALUE)),
                lambda i: located(sheet, rows[i]))
        columns = self.staging.columns_of(run.values, run.source_rows, self.seq + 1, sheet_no,
                                          self.project_ids)
        self.seq += len(run.source_rows)
        return columns

    def _row_by_row(self, rows: list[tuple[int, list[object]]], sheet_no: int,
                    parser: RowParser) -> list[Sequence]:
        """Rows read one at a time, each problem reported."""
        staged = []
        for number, cells in rows:
            record = parser.parse(number, cells)
            self.found.add_references(self.entity, reference_problems(record, self.catalog),
                                      sheet_no)
            if self.falling:
                self.falling.add(record)
            self.seq += 1
            staged.append(self.staging.row(record.values, record.row, self.seq, sheet_no,
                                           self.project_ids))
        return list(zip(*staged, strict=True))


def _stage_from_worker(staging: Staging, sheets: list[tuple[int, RawSheet]], catalog: Catalog,
                       project_ids: dict[str, int], found: Findings) -> None:
    """Stage rows that a second process reads, parses, checks and prepares (``etl.parallel``).

    The worker sends batches as columns of values in the driver's form (plain numbers
    and text: cheap to pass) and this process makes them rows and writes them. The
    worker starts from this process's state at the fork and is the only one to change
    it until it ends: then what it found and what staging learnt replace ours.
    """
    def produce() -> Generator[list, None, tuple]:
        yield from _staged_batches(staging, sheets, catalog, project_ids, found)
        return found.state(), staging.state()

    findings, learnt = stage_in_worker(staging.write, produce)
    found.restore(findings)
    staging.restore(learnt)


