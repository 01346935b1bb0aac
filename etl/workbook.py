"""XLSX workbooks as rows: merged header cells filled, Excel dates kept as dates."""

from __future__ import annotations

import io
from collections.abc import Iterator

import openpyxl


def iter_sheets(data: bytes) -> Iterator[tuple[str, list[tuple[int, list[object]]]]]:
    """Each sheet's name and its rows as (row number, cell values)."""
    # read_only mode streams rows but cannot see merged cells; a merged header
    # is rare and small, so a normal load is used and merges are spread out.
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    try:
        for sheet in book.worksheets:
            merged_values: dict[tuple[int, int], object] = {}
            for merged in sheet.merged_cells.ranges:
                value = sheet.cell(merged.min_row, merged.min_col).value
                for row in range(merged.min_row, merged.max_row + 1):
                    for col in range(merged.min_col, merged.max_col + 1):
                        merged_values[(row, col)] = value
            rows: list[tuple[int, list[object]]] = []
            for row_index, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                values = [
                    merged_values.get((row_index, col), value)
                    for col, value in enumerate(cells, start=1)
                ]
                rows.append((row_index, values))
            yield sheet.title, rows
    finally:
        book.close()
