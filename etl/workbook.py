"""XLSX workbooks as rows, streamed: merged cells filled, Excel dates kept as dates, size bounded.

openpyxl's normal loader builds every cell up to a sheet's farthest one: an 11 KB
workbook with one cell at ``XFD1048576`` took gigabytes. Sheets are read in
read-only (streaming) mode instead, each row as wide as its own last cell, and a
sheet reaching beyond ``MAX_ROWS`` rows or ``MAX_COLUMNS`` columns is refused at
the first cell past the bound, before anything else of it is built.

Read-only mode cannot see merged cells, so their ranges are read from the sheet's
XML with one cheap pass over its text (they come after the cells) and spread
over the rows as they stream by.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from etl.problems import Problem

# Real import workbooks hold some thousands of rows and a few dozen columns; the
# national lists of operations tens of thousands of rows and under a hundred columns.
MAX_ROWS = 200_000
MAX_COLUMNS = 200
# Cells a sheet's merged ranges may fill in all: merged headers and a few merged keys.
MAX_MERGED_CELLS = 100_000
_PIECE = 1 << 20
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3}[0-9]+(?::[A-Z]{1,3}[0-9]+)?)"')

Rows = list[tuple[int, list[object]]]


class SheetTooLarge(Exception):
    """A sheet reaching beyond the bounds: refused, with the first cell past them."""

    def __init__(self, sheet: str, row: int | None, column: int | None):
        super().__init__(f"sheet {sheet!r} reaches beyond {MAX_ROWS} rows or {MAX_COLUMNS} columns")
        self.sheet, self.row, self.column = sheet, row, column

    def problem(self, file_name: str) -> Problem:
        """The refusal as a problem located at the first cell past the bounds."""
        bound_cs = f"{MAX_ROWS:,} řádků a {MAX_COLUMNS} sloupců".replace(",", " ")
        bound_en = f"{MAX_ROWS:,} rows and {MAX_COLUMNS} columns"
        return Problem(
            file=file_name, sheet=self.sheet, row=self.row,
            column=None if self.column is None else get_column_letter(self.column),
            rule="sheet-too-large",
            message_cs=f"list sahá za hranici {bound_cs}; smažte vzdálené buňky "
                       "(Ctrl+End ukáže poslední) nebo data rozdělte",
            message_en=f"the sheet reaches beyond {bound_en}; delete the far cells "
                       "(Ctrl+End shows the last one) or split the data")


def iter_sheets(data: bytes, wanted: Callable[[str], bool] = lambda _name: True,
                ) -> Iterator[tuple[str, Rows]]:
    """Each wanted sheet's name and its rows as (row number, cell values).

    Raises ``SheetTooLarge`` for a sheet beyond the bounds; other sheets are never read.
    """
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for sheet in book.worksheets:
                if not wanted(sheet.title):
                    continue
                merges = _merged_ranges(archive, sheet)
                yield sheet.title, list(sheet_rows(sheet, merges))
    finally:
        book.close()


def sheet_rows(sheet: object, merges: list[tuple[int, int, int, int]] = ()
               ) -> Iterator[tuple[int, list[object]]]:
    """A read-only sheet's rows (number, values), merged ranges filled; bounded (``SheetTooLarge``).

    The sheet's stated dimension is not trusted: a row is as wide as its own last
    cell, so a far cell costs one wide row, not a filled rectangle.
    """
    rows, columns = sheet.max_row or 0, sheet.max_column or 0  # as the sheet states them
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise SheetTooLarge(sheet.title, rows, columns)
    sheet.reset_dimensions()
    pending = sorted(merges, key=lambda m: m[1])  # by first row
    active: list[tuple[int, int, int, int, object]] = []
    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise SheetTooLarge(sheet.title, number, None)
        if len(cells) > MAX_COLUMNS:
            raise SheetTooLarge(sheet.title, number, len(cells))
        values = list(cells)
        while pending and pending[0][1] == number:
            min_col, min_row, max_col, max_row = pending.pop(0)
            value = values[min_col - 1] if min_col <= len(values) else None
            active.append((min_col, min_row, max_col, max_row, value))
        if active:
            active = [m for m in active if m[3] >= number]
            for min_col, _min_row, max_col, _max_row, value in active:
                if len(values) < max_col:
                    values.extend([None] * (max_col - len(values)))
                values[min_col - 1:max_col] = [value] * (max_col - min_col + 1)
        yield number, values


def _merged_ranges(archive: zipfile.ZipFile, sheet: object) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (min col, min row, max col, max row), read from its XML text."""
    found: list[tuple[int, int, int, int]] = []
    cells = 0
    tail = b""
    with archive.open(sheet._worksheet_path) as stream:  # noqa: SLF001 - read-only sheets name no other way
        while piece := stream.read(_PIECE):
            window = tail + piece
            end = 0
            for match in _MERGE.finditer(window):
                bounds = range_boundaries(match.group(1).decode())
                min_col, min_row, max_col, max_row = bounds
                if max_row > MAX_ROWS or max_col > MAX_COLUMNS:
                    raise SheetTooLarge(sheet.title, max_row, max_col)
                cells += (max_col - min_col + 1) * (max_row - min_row + 1)
                if cells > MAX_MERGED_CELLS:
                    raise SheetTooLarge(sheet.title, min_row, min_col)
                found.append(bounds)
                end = match.end()
            # An element cut by the piece's end is matched in the next window.
            tail = window[max(end, len(window) - 200):]
    return found
