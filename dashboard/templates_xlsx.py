"""Empty import templates built from the import format (``etl.entities``).

The XLSX template has one sheet per entity, in load order: the header row
(the import headers), then a help row whose first cell starts with
"Nápověda:" — the ETL reader skips exactly such a row — and then room for
data. Each entity also has a CSV template with its header only (``;``,
UTF-8 with BOM, as Excel in Czech settings expects).
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from etl.entities import ENTITIES, LOAD_ORDER, Column, Entity

HELP_PREFIX = "Nápověda: "
KIND_HELP = {
    "int": "celé číslo", "year": "rok", "money": "částka v Kč", "percent": "procento",
    "share": "částka nebo procento", "date": "datum", "bool": "ano / ne",
    "list": "seznam oddělený ;", "value": "číslo",
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
    """A CSV file with the entity's header row only."""
    entity = ENTITIES[entity_name]
    return (";".join(c.name for c in entity.columns) + "\r\n").encode("utf-8-sig")


def xlsx_template(names: list[str] | None = None) -> bytes:
    """An empty workbook: one sheet per entity with its headers and a help row."""
    book = Workbook()
    book.remove(book.active)
    bold, grey = Font(bold=True), PatternFill("solid", fgColor="F2F2F2")
    for name in names or entity_names():
        entity = ENTITIES[name]
        sheet = book.create_sheet(name[:31])
        sheet.append([c.name for c in entity.columns])
        sheet.append(help_row(entity))
        for index, column in enumerate(entity.columns, 1):
            letter = get_column_letter(index)
            sheet[f"{letter}1"].font = bold
            sheet[f"{letter}2"].font = Font(italic=True, color="555555")
            sheet[f"{letter}2"].fill = grey
            sheet[f"{letter}2"].alignment = Alignment(wrap_text=True, vertical="top")
            sheet.column_dimensions[letter].width = max(14, min(40, len(column.name) + 6))
        sheet.freeze_panes = "A3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
