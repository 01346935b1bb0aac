"""Every CSV and XLSX the product writes: formula-safe text and typed, localised tables.

Every text cell goes through ``domain.cells.neutralise``, the one rule against formula
injection; the exports (``/export/…``), the open-data API's CSV, the meeting workbook and the
import template's drop-down lists all apply it.

``to_csv`` and ``to_xlsx`` write a table whose columns are declared
(``dashboard.export_columns``): headers and words in the page's language, values rounded as
the page shows them. In Czech a CSV is ``;``-separated with a decimal comma, in English
``,``-separated with a decimal point; both UTF-8 with BOM, so Excel opens the accents right.
An XLSX has typed cells (money with a Kč format, percentages, dates as dates), a bold frozen
header and widths that fit the content.

Pure functions (no request, no Flask).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard.formatting import MONEY_DIGITS, PROJECT
from domain.cells import neutralise

CSV_MIMETYPE = "text/csv"  # Flask adds "; charset=utf-8" itself: naming it here doubled it
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEPARATORS = {"cs": ";", "en": ","}
MAX_WIDTH = 60
TEXT, MONEY, PERCENT, DATE, COUNT, NUMBER, STATUS, BOOL, YEAR = (
    "text", "money", "percent", "date", "count", "number", "status", "bool", "year")
#: How a column's values read; ``Column.kind`` is one of these.
YES_NO = {True: ("ano", "yes"), False: ("ne", "no")}


@dataclass(frozen=True)
class Column:
    """One exported column: the frame's ``key``, its headers, and how its values read.

    ``digits``: decimal places as the page shows them (numbers; percentages in whole
    percent unless set). ``context``: money is rounded as the pages round it in that context
    (``formatting.MONEY_DIGITS``: a project's money to the haléř, a community plan's costs in
    whole koruny). ``scale``: a percentage given in points (85.0) is scaled to a share.
    ``words``: a status code's (Czech, English) words. ``en_key``: the frame's column that
    holds the English text (``name_en``).
    """

    key: str
    cs: str
    en: str
    kind: str = TEXT
    digits: int = 0
    scale: float = 1
    words: Mapping[str, tuple[str, str]] | None = None
    en_key: str | None = None
    context: str = PROJECT

    def header(self, lang: str) -> str:
        """The header in ``lang``."""
        return self.en if lang == "en" else self.cs

    @staticmethod
    def word(pair: tuple[str, str], lang: str) -> str:
        """The word of a (Czech, English) pair in ``lang``."""
        return pair[1] if lang == "en" else pair[0]


def neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised and lists joined by '; '."""
    out = frame.copy()
    for column in out.columns:
        # pandas 3 keeps text in a string dtype, older pandas in object: anything not numeric.
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].astype(object).map(
                lambda v: neutralise("; ".join(map(str, v)) if isinstance(v, list) else v))
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def attachment(filename: str) -> dict[str, str]:
    """The header that makes a browser save the body as ``filename``."""
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


# --- one table: declared columns → cells ------------------------------------------------------

def _missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _decimal(value: object, digits: int) -> Decimal | None:
    """``value`` rounded half up to ``digits`` places, as ``dashboard.formatting`` rounds."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite():
        return None
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def _plain(number: Decimal) -> Decimal:
    """``number`` without trailing zeros and in positional notation (20, not 2E+1)."""
    return number.normalize().quantize(Decimal(1)) if number == number.to_integral_value() \
        else number.normalize()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def cell_value(column: Column, value: object, lang: str) -> object:
    """The typed value of one cell as the page shows it: rounded number, date, or text.

    Money and numbers become ``Decimal`` rounded to the page's places, percentages the share
    (0.55) rounded to whole percent (or ``column.digits``), dates ``date``, counts ``int``;
    statuses and yes/no their words in ``lang``; text is neutralised.
    """
    if _missing(value):
        return None
    kind = column.kind
    if kind == MONEY:
        return _decimal(value, MONEY_DIGITS[column.context])
    if kind == NUMBER:  # at most ``digits`` places, no trailing zeros: 20, 15,5, 1,25
        number = _decimal(value, column.digits)
        return None if number is None else _plain(number)
    if kind == PERCENT:
        share = _decimal(Decimal(str(value)) * Decimal(str(column.scale)), column.digits + 2)
        return share
    if kind in (COUNT, YEAR):
        number = _decimal(value, 0)
        return None if number is None else int(number)
    if kind == DATE:
        return _date(value)
    if kind == BOOL:
        return column.word(YES_NO[bool(value)], lang)
    if kind == STATUS:
        words = column.words or {}
        return neutralise(column.word(words[value], lang) if value in words else str(value))
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    return neutralise(str(value))


def table(frame: pd.DataFrame, columns: Sequence[Column], lang: str) -> tuple[list[Column], list[list]]:
    """The declared columns the frame has, in declared order, and the typed rows.

    A column is found under its key or, for tables a page already builds in the page's
    language (the plan review), under its header; English words come from ``en_key`` when
    the frame has one (``name_en``).
    """
    present, sources = [], []
    for column in columns:
        source = column.key if column.key in frame.columns else column.header(lang)
        if source not in frame.columns:
            continue
        if lang == "en" and column.en_key and column.en_key in frame.columns:
            source = column.en_key
        present.append(column)
        sources.append(frame[source].tolist())
    rows = [[cell_value(c, v, lang) for c, v in zip(present, values, strict=True)]
            for values in zip(*sources, strict=True)] if sources else []
    return present, rows


def columns_of(frame: pd.DataFrame, declared: Sequence[Column], rest: str | None) -> list[Column]:
    """The declared columns, plus the frame's undeclared ones as ``rest`` (the plan's years)."""
    known = {c.key for c in declared} | {h for c in declared for h in (c.cs, c.en)} \
        | {c.en_key for c in declared if c.en_key}
    extra = [Column(str(name), str(name), str(name), rest) for name in frame.columns
             if rest is not None and name not in known]
    return [*declared, *extra]


def inferred_columns(frame: pd.DataFrame) -> list[Column]:
    """Columns for a frame nobody declared: its own names, numbers as numbers, the rest text."""
    out = []
    for name in frame.columns:
        series = frame[name]
        numeric = (pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)) \
            or series.map(lambda v: isinstance(v, Decimal)).any()
        out.append(Column(str(name), str(name), str(name), NUMBER if numeric else TEXT, digits=6))
    return out


# --- CSV ---------------------------------------------------------------------------------------

def _csv_text(column: Column, value: object, lang: str) -> str:
    """One CSV cell: numbers without grouping (a spreadsheet reads them back as numbers)."""
    if value is None:
        return ""
    comma = lang != "en"
    if column.kind == PERCENT:
        number = f"{value * 100:.{column.digits}f}"
        text = number + (" %" if comma else "%")
    elif column.kind == DATE:
        text = f"{value.day}. {value.month}. {value.year}" if comma else value.isoformat()
    elif isinstance(value, Decimal):
        text = f"{value:f}"
    else:
        return str(value)
    return text.replace(".", ",", 1) if comma and column.kind != DATE else text


def to_csv(frame: pd.DataFrame, columns: Sequence[Column] | None = None, lang: str = "cs") -> bytes:
    """The table as CSV for ``lang``'s spreadsheets (see the module docstring)."""
    present, rows = table(frame, columns if columns is not None else inferred_columns(frame), lang)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATORS.get(lang, ";"), lineterminator="\r\n")
    writer.writerow([neutralise(c.header(lang)) for c in present])
    for row in rows:
        writer.writerow([_csv_text(c, v, lang) for c, v in zip(present, row, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


# --- XLSX --------------------------------------------------------------------------------------

def number_format(column: Column, value: object, lang: str) -> str | None:
    """The Excel number format of a typed cell (format codes are locale-neutral)."""
    if column.kind == MONEY:
        places = MONEY_DIGITS[column.context]
        digits = "." + "0" * places if places else ""
        return f'#,##0{digits}\\ "Kč"' if lang != "en" else f'"CZK "#,##0{digits}'
    if column.kind == PERCENT:
        places = "." + "0" * column.digits if column.digits else ""
        return f"0{places}\\ %" if lang != "en" else f"0{places}%"
    if column.kind == DATE:
        return "d. m. yyyy" if lang != "en" else "d mmm yyyy"
    if column.kind == COUNT:
        return "#,##0"
    if column.kind == YEAR:
        return "0"
    if column.kind == NUMBER and isinstance(value, Decimal):
        places = max(0, -value.normalize().as_tuple().exponent)
        return "#,##0" + ("." + "0" * places if places else "")
    return None


def to_xlsx(frame: pd.DataFrame, columns: Sequence[Column] | None = None, lang: str = "cs",
            sheet: str = "data") -> bytes:
    """The table as a one-sheet workbook with typed, formatted cells (see the module docstring)."""
    present, rows = table(frame, columns if columns is not None else inferred_columns(frame), lang)
    book = Workbook()
    out = book.active
    out.title = sheet[:31]
    for index, column in enumerate(present, 1):
        cell = out.cell(row=1, column=index, value=str(neutralise(column.header(lang))))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(c.header(lang)) for c in present]
    for r, row in enumerate(rows, 2):
        for index, (column, value) in enumerate(zip(present, row, strict=True), 1):
            cell = out.cell(row=r, column=index,
                            value=float(value) if isinstance(value, Decimal) else value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever openpyxl guesses
            code = number_format(column, value, lang)
            if code and value is not None:
                cell.number_format = code
            widths[index - 1] = max(widths[index - 1], _shown_width(column, value))
    for index, width in enumerate(widths, 1):
        out.column_dimensions[get_column_letter(index)].width = max(8, min(MAX_WIDTH, width + 2))
    out.freeze_panes = "A2"
    if present:
        out.auto_filter.ref = f"A1:{get_column_letter(len(present))}{max(1, len(rows) + 1)}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _shown_width(column: Column, value: object) -> int:
    """About how many characters the cell shows (grouping and currency included)."""
    if value is None:
        return 0
    if column.kind == DATE:
        return 12
    if column.kind == MONEY:
        return len(f"{value:,.{MONEY_DIGITS[column.context]}f}") + 3
    return len(str(value))
