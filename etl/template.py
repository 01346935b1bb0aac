"""The import template: an empty workbook with one sheet per entity, headers, help and drop-downs.

One template for every way users get it: ``python -m etl template OUT.xlsx``
and the downloads on the dashboard's Data page (``/sablony/import.xlsx``,
``/sablony/<entity>.csv``).

The row under each header is a help row whose first cell starts with
"Nápověda:": the reader skips exactly such a row (``etl.read``), so a
filled-in template loads as it is. Each hint says whether the column is
required, its kind and an example. Code lists (ORPs, indicators, funding
sources, measure statuses, target groups, programmes, programme periods) come from the database
and sit on a hidden sheet that the drop-downs point at; a list of 206 ORPs is
too long for an inline list (Excel allows 255 characters).
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import sqlalchemy as sa
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from domain.cells import neutralise
from etl import schema as s
from etl.entities import BODY_KINDS, ENTITIES, LIST, LOAD_ORDER, Column, Entity
from etl.parse import PERIODS

HELP_PREFIX = "Nápověda: "
LISTS_SHEET = "seznamy"  # names no entity, so the reader passes it by
DATA_ROWS = 1000  # rows under the help row that carry the drop-downs
KIND_HELP = {
    "int": "celé číslo", "year": "rok", "money": "částka v Kč", "percent": "procento",
    "share": "částka nebo procento", "date": "datum", "bool": "ano / ne",
    "list": "seznam oddělený ;", "value": "číslo", "period": "programové období",
}


def entity_names() -> list[str]:
    """Entity names in load order (every entity of the import format)."""
    return [name for name in LOAD_ORDER if name in ENTITIES] + [
        name for name in ENTITIES if name not in LOAD_ORDER]


def column_help(column: Column) -> str:
    """The help text of one column: required or not, its kind, an example."""
    parts = ["povinné" if column.required else "nepovinné"]
    kind = KIND_HELP.get(column.kind, "")
    if kind and kind not in column.help_cs:  # "ano / ne" is already in "ano / ne (výchozí ne)"
        parts.append(kind)
    if column.help_cs and column.help_cs not in kind:  # "Kč" says nothing after "částka v Kč"
        parts.append(column.help_cs)
    return ", ".join(parts)


def help_row(entity: Entity) -> list[str]:
    """The help row: the first cell starts with "Nápověda:", one hint per column."""
    cells = [column_help(c) for c in entity.columns]
    cells[0] = HELP_PREFIX + cells[0]
    return cells


def csv_template(entity_name: str) -> bytes:
    """A CSV file with the entity's header row only (``;``, UTF-8 with BOM, as Czech Excel expects)."""
    entity = ENTITIES[entity_name]
    return (";".join(c.name for c in entity.columns) + "\r\n").encode("utf-8-sig")


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
        "period": list(PERIODS),
    }


def build_template(engine: sa.Engine, names: list[str] | None = None) -> openpyxl.Workbook:
    """The template workbook (every entity, or ``names``), its drop-downs filled from the database."""
    with engine.connect() as conn:
        lists = code_lists(conn)
    book = openpyxl.Workbook()
    book.remove(book.active)
    ranges = _write_lists(book, lists)
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="F2F2F2")
    for name in names or entity_names():
        entity = ENTITIES[name]
        sheet = book.create_sheet(name[:31])
        sheet.append([c.name for c in entity.columns])
        sheet.append(help_row(entity))
        for index, column in enumerate(entity.columns, start=1):
            letter = get_column_letter(index)
            sheet[f"{letter}1"].font = bold
            sheet[f"{letter}2"].font = Font(italic=True, color="555555")
            sheet[f"{letter}2"].fill = grey
            sheet[f"{letter}2"].alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[letter].width = max(14, min(40, len(column.name) + 6))
            if column.lookup in ranges:
                _add_drop_down(sheet, index, ranges[column.lookup], free=column.kind == LIST
                               or column.name == "cilova_skupina")
        sheet.freeze_panes = "A3"
    book.move_sheet(LISTS_SHEET, offset=len(book.sheetnames) - 1)  # the entities come first
    return book


def _write_lists(book: openpyxl.Workbook, lists: dict[str, list[str]]) -> dict[str, str]:
    sheet = book.create_sheet(LISTS_SHEET)
    ranges = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(1, index, name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            # names come from the database, which users fill: never a formula in the workbook
            sheet.cell(row, index, neutralise(value))
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


def template_bytes(engine: sa.Engine, names: list[str] | None = None) -> bytes:
    """The template workbook as bytes (for a download)."""
    buffer = io.BytesIO()
    build_template(engine, names).save(buffer)
    return buffer.getvalue()
