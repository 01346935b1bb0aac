"""The import template: an empty workbook with one sheet per entity, headers, help and drop-downs.

The row under each header is a help row whose first cell starts with
"Nápověda:": the reader skips exactly such a row (``etl.read``), so a
filled-in template loads as it is. Code lists (ORPs, indicators, funding
sources, measure statuses, target groups, programmes) come from the database
and sit on a hidden sheet that the drop-downs point at; a list of 205 ORPs is
too long for an inline list (Excel allows 255 characters).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import sqlalchemy as sa
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from etl import schema as s
from etl.entities import BODY_KINDS, ENTITIES, LIST, LOAD_ORDER

HELP_PREFIX = "Nápověda: "
LISTS_SHEET = "seznamy"  # names no entity, so the reader passes it by
DATA_ROWS = 1000  # rows under the help row that carry the drop-downs


def code_lists(conn: sa.Connection) -> dict[str, list[str]]:
    """Each drop-down's values, as users may type them, from the database."""
    return {
        "orp": [f"{name}" for name in conn.scalars(sa.select(s.orp.c.name).order_by(s.orp.c.name))],
        "indicator": list(conn.scalars(sa.select(s.indicator.c.code).order_by(s.indicator.c.code))),
        "funding_source": list(conn.scalars(
            sa.select(s.funding_source.c.code).order_by(s.funding_source.c.code))),
        "measure_status": list(conn.scalars(
            sa.select(s.measure_status.c.name).order_by(s.measure_status.c.sort_order))),
        "target_group": list(conn.scalars(
            sa.select(s.canonical_target_group.c.name).order_by(s.canonical_target_group.c.sort_order))),
        "programme": list(conn.scalars(sa.select(s.programme.c.code).order_by(s.programme.c.code))),
        "body_kind": list(BODY_KINDS),
    }


def build_template(engine: sa.Engine) -> openpyxl.Workbook:
    """The template workbook, its drop-downs filled from the database."""
    with engine.connect() as conn:
        lists = code_lists(conn)
    book = openpyxl.Workbook()
    book.remove(book.active)
    ranges = _write_lists(book, lists)
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="EEEEEE")
    for name in LOAD_ORDER:
        entity = ENTITIES[name]
        sheet = book.create_sheet(name)
        for index, column in enumerate(entity.columns, start=1):
            header = sheet.cell(1, index, column.name)
            header.font = bold
            mark = " (povinné)" if column.required else ""
            text = f"{column.help_cs}{mark}"
            sheet.cell(2, index, f"{HELP_PREFIX}{text}" if index == 1 else text).fill = grey
            sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.name) + 4)
            if column.lookup in ranges:
                _add_drop_down(sheet, index, ranges[column.lookup], free=column.kind == LIST
                               or column.name == "cilova_skupina")
        sheet.freeze_panes = "A3"
    return book


def _write_lists(book: openpyxl.Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    sheet = book.create_sheet(LISTS_SHEET)
    ranges = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, index, value)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${max(2, len(values) + 1)}"
    sheet.sheet_state = "hidden"
    return ranges


def _add_drop_down(sheet, column: int, source: str, *, free: bool) -> None:  # noqa: ANN001 - a worksheet
    """A list drop-down on the data rows; ``free`` columns also take typed values (several ORPs)."""
    validation = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                showErrorMessage=not free)
    validation.error = "Vyberte hodnotu ze seznamu / pick a value from the list"
    letter = get_column_letter(column)
    validation.add(f"{letter}3:{letter}{DATA_ROWS + 2}")
    sheet.add_data_validation(validation)


def write_template(engine: sa.Engine, path: Path) -> Path:
    """Write the template to ``path``."""
    build_template(engine).save(path)
    return path
