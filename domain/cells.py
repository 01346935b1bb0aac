"""Text a spreadsheet would run as a formula, made inert: the one rule against formula
injection (OWASP "CSV injection") that the pages' exports (``dashboard.spreadsheets``) and
the ETL's import template (``etl.template``) both apply.

A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR, or their full-width forms,
which Excel and LibreOffice also accept, gets a leading apostrophe, so it opens as the text
it is. Numbers are never text here, so a real negative amount stays a number.
"""

from __future__ import annotations

#: Cell starts that make a spreadsheet read text as a formula; the full-width forms
#: (＝ ＋ － ＠) are converted to the ASCII ones by Excel's input and count too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would execute becomes inert text; everything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
