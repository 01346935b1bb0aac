"""The draft workbook: one sheet per entity in the import format, proposals marked, and a report sheet.

Values are written as text in the notation the page used (``1. 1. 2018``,
``2 770 437,50 Kč``), which ``etl load`` parses like any user's file. Cells
holding a proposal rather than a stated fact are yellow and carry a comment.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from etl.entities import ENTITIES, LOAD_ORDER, entity_for_name
from etl.extract.model import PageDraft

REPORT_SHEET = "nalezy"  # "findings": a sheet name no entity answers to, so loading skips it
PROPOSAL_FILL = PatternFill("solid", fgColor="FFF2A8")
assert entity_for_name(REPORT_SHEET) is None


def draft_workbook(drafts: Iterable[PageDraft]) -> bytes:
    """The workbook for one or more pages, as XLSX bytes."""
    drafts = list(drafts)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for entity_name in LOAD_ORDER:
        records = [(d, r) for d in drafts for r in d.of(entity_name)]
        if not records:
            continue
        columns = [c.name for c in ENTITIES[entity_name].columns]
        sheet = book.create_sheet(entity_name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        seen: set[tuple[str, ...]] = set()
        for _draft, record in records:
            row = tuple(record.values.get(c, "") for c in columns)
            if row in seen:
                continue  # the same fact stated by two pages
            seen.add(row)
            sheet.append([value or None for value in row])
            proposed = record.proposed_columns()
            for index, column in enumerate(columns, start=1):
                if column in proposed and record.values.get(column):
                    cell = sheet.cell(sheet.max_row, index)
                    cell.fill = PROPOSAL_FILL
                    note = next(e.note for e in record.evidence if e.column == column and e.proposal)
                    cell.comment = Comment(f"NÁVRH (proposal): {note}", "etl extract-page")
        for index, column in enumerate(columns, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            sheet.column_dimensions[letter].width = min(60, max(12, len(column) + 2))
    _report_sheet(book, drafts)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _report_sheet(book: openpyxl.Workbook, drafts: list[PageDraft]) -> None:
    sheet = book.create_sheet(REPORT_SHEET)
    sheet.append(["stranka", "entita", "zaznam", "sloupec", "hodnota", "navrh", "veta_zdroje",
                  "poznamka"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for draft in drafts:
        for record in draft.records:
            for e in record.evidence:
                sheet.append([draft.file_name, record.entity, record.label, e.column, e.value,
                              "ano" if e.proposal else "", e.sentence, e.note])
        for missing in draft.missing:
            sheet.append([draft.file_name, "", "", missing, "", "", "", "stránka neuvádí (not stated)"])
        for note in draft.notes:
            sheet.append([draft.file_name, "", "", "", "", "", "", note])
