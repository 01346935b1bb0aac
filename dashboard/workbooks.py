"""Downloads that are whole workbooks rather than one table.

- ``/export/plan-meeting.xlsx?plan=…&rok=…&priorita=…&skupina=…``: the steering
  group's meeting workbook (a title, the measures × years grid with status
  names, the changes since the previous year, planned vs spent money). Built
  from ``plan_review`` only: for the public it never holds an internal comment
  or the content of an unpublished evaluation; for the steering role (checked on
  the server) it holds them, on a sheet of their own, and says so in its title
  and file name.
- ``/sablony/import.xlsx`` and ``/sablony/<entity>.csv``: empty import templates.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from flask import Blueprint, Response, abort, request
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard import formatting as fmt
from dashboard import plan_review
from dashboard.db import get_db
from dashboard.figures import plan as build
from dashboard.i18n import _, language
from dashboard.spreadsheets import (
    CSV_MIMETYPE,
    MONEY,
    PERCENT,
    XLSX_MIMETYPE,
    Column,
    attachment,
    number_format,
)
from domain.cells import neutralise
from etl import template
from etl.entities import ENTITIES

XLSX = XLSX_MIMETYPE
blueprint = Blueprint("workbooks", __name__)





def _xlsx_response(body: bytes, filename: str) -> Response:
    return Response(body, mimetype=XLSX, headers=attachment(filename))


def _write_table(sheet, frame: pd.DataFrame, start_row: int) -> None:  # noqa: ANN001 - openpyxl sheet
    """Header (bold) and rows from ``start_row``; text neutralised against formulas."""
    for col, name in enumerate(frame.columns, 1):
        cell = sheet.cell(row=start_row, column=col, value=str(neutralise(str(name))))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(frame.itertuples(index=False), start_row + 1):
        for col, value in enumerate(row, 1):
            blank = value is None or (isinstance(value, float) and value != value)
            sheet.cell(row=r, column=col, value=None if blank else neutralise(value))
    for col, name in enumerate(frame.columns, 1):
        longest = max([len(str(name))] + [len(str(v)) for v in frame.iloc[:, col - 1]])
        sheet.column_dimensions[get_column_letter(col)].width = max(10, min(60, longest + 2))


def meeting_workbook(review: plan_review.Review, lang: str) -> bytes:
    """The meeting workbook for one plan year (see the module docstring)."""
    book = Workbook()
    grid = book.active
    grid.title = _(lang, "Plnění opatření")
    plan = review.plan or {}
    filters = ", ".join(plan_review.filter_labels(review, lang)) or _(lang, "žádné")
    grid["A1"] = str(neutralise(plan.get("name", "")))
    grid["A1"].font = Font(bold=True, size=14)
    grid["A2"] = f"{_(lang, 'Hodnocený rok')}: {review.year or ''} · {_(lang, 'Filtry')}: {filters}"
    note = _(lang, "NEVEŘEJNÉ – pouze pro řídící skupinu. Obsahuje nezveřejněná hodnocení (označená "
              "„neveřejné“) a interní komentáře; nesdílejte mimo řídící skupinu.") if review.internal \
        else _(lang, "Obsahuje jen zveřejněná hodnocení; nezveřejněná jsou označena „nezveřejněno“. "
                     "Interní komentáře řídící skupiny export neobsahuje.")
    grid["A3"] = f"{note} {_(lang, 'Vytvořeno')}: {dt.date.today():%d. %m. %Y}"
    grid["A3"].font = Font(bold=True, color="9C0006") if review.internal \
        else Font(italic=True, color="555555")
    frame = plan_review.grid_frame(review, lang)
    _write_table(grid, frame, 5)
    fills = {label: build.STATUS_STYLE[state] for state in build.STATUS_STYLE
             for label in [build.status_label(state, review.statuses, lang)]}
    # the steering view's unpublished cells keep their status colour, their text says "not public"
    fills |= {plan_review.private_label(label, lang): style for label, style in fills.items()}
    first_year_col = len(frame.columns) - len(review.years) + 1
    for r in range(6, 6 + len(frame)):
        for c in range(first_year_col, len(frame.columns) + 1):
            cell = grid.cell(row=r, column=c)
            style = fills.get(cell.value)
            if style:
                cell.fill = PatternFill("solid", fgColor=style["background"].lstrip("#"))
                cell.font = Font(color=style["color"].lstrip("#"))
    grid.freeze_panes = "C6"
    changes = book.create_sheet(_(lang, "Změny"))
    changes["A1"] = _(lang, "Změny v roce {year} oproti roku "
                            "{previous}").format(year=review.year, previous=(review.year or 1) - 1)
    changes["A1"].font = Font(bold=True, size=12)
    changes_frame = plan_review.changes_frame(review, lang)
    _write_table(changes, changes_frame, 3)
    if changes_frame.empty:
        changes["A4"] = _(lang, "Oproti předchozímu roku se nic nezměnilo.")
    money = book.create_sheet(_(lang, "Náklady"))
    costs_frame = plan_review.costs_frame(review, lang)
    _write_table(money, costs_frame, 1)
    # the same Kč and % formats as the exports (one place: ``spreadsheets.number_format``),
    # a plan's costs in whole koruny as on the plan page
    amount = Column("", "", "", MONEY, context=fmt.PLAN)
    share = Column("", "", "", PERCENT)
    for r in range(2, 2 + len(costs_frame)):
        for c in (3, 4, 5):
            money.cell(row=r, column=c).number_format = number_format(amount, None, lang)
        money.cell(row=r, column=6).number_format = number_format(share, None, lang)
    if review.internal:
        internal = book.create_sheet(_(lang, "Interní komentáře"))
        internal["A1"] = _(lang, "NEVEŘEJNÉ – pouze pro řídící skupinu. Obsahuje nezveřejněná hodnocení "
                                 "(označená „neveřejné“) a interní komentáře; nesdílejte mimo řídící "
                                 "skupinu.")
        internal["A1"].font = Font(bold=True, color="9C0006")
        _write_table(internal, plan_review.internal_frame(review, lang), 3)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@blueprint.route("/export/plan-meeting.xlsx")
def plan_meeting() -> Response:
    """The steering group's meeting workbook for the plan and filters in the query string."""
    args = {k: request.args.get(k, "") for k in plan_review.PARAMS}
    review = plan_review.load_review(get_db(), args, plan_review.sees_internal(args))
    if review.plan is None:
        abort(404)
    lang = language(request.args.get("lang"))
    name = f"{'neverejne-' if review.internal else ''}komunitni-plan-{review.plan['key']}-" \
        f"{review.year or ''}.xlsx"
    return _xlsx_response(meeting_workbook(review, lang), name)


@blueprint.route("/sablony/import.xlsx")
def import_template() -> Response:
    """The empty XLSX import template, one sheet per entity."""
    return _xlsx_response(template.template_bytes(get_db().engine), "kpss-sablona-importu.xlsx")


@blueprint.route("/sablony/<entity>.csv")
def csv_template(entity: str) -> Response:
    """The empty CSV template (header row) of one entity."""
    if entity not in ENTITIES:
        abort(404)
    return Response(template.csv_template(entity), mimetype=CSV_MIMETYPE,
                    headers=attachment(f"{entity}.csv"))
