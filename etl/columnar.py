"""Achieved values checked a column at a time: the usual rows of a big CSV file without a
Python call per cell.

The row path (``validate.RowParser``, ``validate.reference_problems``,
``FallingValues.add``, ``Staging.row``) defines what a row means and what is
wrong with it. A million-row file of achieved values is almost all rows it has
nothing to say about, and walking them one call per cell cost more than the
database's whole write. Here a batch of rows is turned into columns:

- cells of columns whose values repeat (registration numbers, indicator codes,
  dates, report labels) are parsed once per distinct value, by the row path's
  own parsers;
- numbers, nearly all distinct, are cleaned and matched as one joined text
  (a few C-level passes) and read by ``Decimal``; a number that is not in the
  plain form is parsed by the row path's parser.

A row is *clear* when each of its cells parsed, each required cell is filled,
its registration number has a valid form, and its project and indicator are
known with its date inside the project: exactly when the row path reports
nothing for it. Clear rows are staged straight from the columns; every other
row goes through the row path, in file order, and gets its problems there.

Fast path of: ``etl.validate.RowParser.parse`` and ``etl.validate.reference_problems``
(the date in the project's period by ``domain.periods.in_period``, as the row path checks it).
Parity test: ``tests/etl/test_columnar.py`` (``test_col001`` … ``test_col009``) holds the two
paths to the same staged rows and problems.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby, repeat

from domain.periods import in_period
from etl import entities as E
from etl.bounds import NUMBERS
from etl.catalog import Catalog
from etl.entities import INDICATOR_ACHIEVEMENT, REGISTRATION_NUMBER
from etl.parse import ParseError
from etl.read import RawSheet
from etl.validate import RowParser, is_registration_number

ENTITY = INDICATOR_ACHIEVEMENT
_NUMBER, _CELLS = operator.itemgetter(0), operator.itemgetter(1)  # of a row as read
_BAD = object()  # a cell that does not parse, or is required and blank
# A plain number once every space that groups thousands is gone and the decimal comma is a
# point: Decimal reads it as the row path does (``parse._parse_decimal_text``).
_THOUSANDS_SPACES = (" ", "\u00a0", "\u202f", "\u2009")
# Only numbers within the column's bounds (etl.bounds) are plain: one with more digits
# or places goes to the row path's parser, which says what is wrong with it.
_VALUE = NUMBERS[E.VALUE]
_WHOLE = min(len(str(int(_VALUE.largest))), _VALUE.digits - _VALUE.places)
_PLAIN = rf"-?[0-9]{{1,{_WHOLE}}}(?:\.[0-9]{{1,{_VALUE.places}}})?"
_PLAIN_NUMBER = re.compile(_PLAIN)
_PLAIN_NUMBERS = re.compile(rf"(?:{_PLAIN}\n)*{_PLAIN}")  # lines of them


@dataclass
class ClearRows:
    """Consecutive clear rows as parsed columns (entity column → values) and their rows in the file."""

    values: dict[str, list]
    source_rows: Sequence[int]


@dataclass
class Columns:
    """A batch of rows as read, as parsed columns, and which rows are not clear."""

    rows: list[tuple[int, list[str]]]
    values: dict[str, list]
    not_clear: set[int]

    def runs(self) -> Iterator[tuple[bool, ClearRows | list[tuple[int, list[str]]]]]:
        """The batch in file order, in runs: (True, clear rows as columns) or (False, a row
        that is not clear, as read, for the row path)."""
        start = 0
        for index in sorted(self.not_clear):
            if index > start:
                yield True, self._clear(start, index)
            yield False, self.rows[index:index + 1]
            start = index + 1
        if start < len(self.rows):
            yield True, self._clear(start, len(self.rows))

    def _clear(self, start: int, end: int) -> ClearRows:
        if start == 0 and end == len(self.rows):  # the usual batch: all clear
            return ClearRows(self.values, list(map(_NUMBER, self.rows)))
        return ClearRows({name: column[start:end] for name, column in self.values.items()},
                         list(map(_NUMBER, self.rows[start:end])))


class IndicatorAchievementColumns:
    """Parses and checks batches of one CSV sheet of achieved values a column at a time."""

    @classmethod
    def for_sheet(cls, sheet: RawSheet, parser: RowParser,
                  catalog: Catalog) -> IndicatorAchievementColumns | None:
        """The checker of ``sheet``, or None where the row path must read every row.

        Only CSV sheets (cells all text) of achieved values with every required column.
        A workbook's cells come typed and its sheets are small: they go row by row.
        """
        if sheet.entity.name != ENTITY or not sheet.size or parser.positions is None:
            return None
        return cls(sheet, parser, catalog)

    def __init__(self, sheet: RawSheet, parser: RowParser, catalog: Catalog):
        self.catalog = catalog
        self.names = parser.names  # every entity column, absent ones too
        self.width = max(parser.positions.values()) + 1
        self.plan = [(name, operator.itemgetter(index), parse, required, kind)
                     for name, index, parse, required, kind in parser.plan]

    def check(self, part: list[tuple[int, list[str]]]) -> Columns:
        """The batch's rows as parsed columns, each row marked clear or not."""
        cells = list(map(_CELLS, part))
        if min(map(len, cells)) < self.width:  # a short row's missing cells are blank
            cells = [c if len(c) >= self.width else [*c, *repeat("", self.width - len(c))]
                     for c in cells]
        values = dict.fromkeys(self.names)
        bad: set[int] = set()
        for name, cell, parse, required, kind in self.plan:
            raw = list(map(cell, cells))
            if kind == E.VALUE:
                values[name] = _numbers(raw, parse, required, bad)
            elif kind in (E.TEXT, E.DATE):
                check = is_registration_number if name == REGISTRATION_NUMBER else None
                values[name] = _by_distinct(raw, parse, required, bad, check)
            else:  # pragma: no cover - an achieved value has no other kinds of column
                raise ValueError(f"no columnar parser for {kind}")
        for name in self.names:
            if values[name] is None:  # a column the sheet does not have
                values[name] = [None] * len(part)
        bad.update(self._unknown_references(values))
        return Columns(part, values, bad)

    def _unknown_references(self, values: dict[str, list]) -> Iterator[int]:
        """Rows that ``reference_problems`` has something to say about: an unknown project or
        indicator, or a date outside the project (``validate._indicator_achievement_passes``).

        Rows come in runs of one project: a run whose dates all lie in its project's period
        is cleared at once, only the rows of other runs one by one.
        """
        periods = self.catalog.project_periods
        projects, codes, dates = (values[n] for n in (REGISTRATION_NUMBER, "kod_indikatoru", "datum"))
        unknown_codes = {code for code in set(codes) if code not in self.catalog.indicators}
        if unknown_codes:
            yield from (i for i, code in enumerate(codes) if code in unknown_codes)
        start = 0
        for project, run in groupby(projects):
            end = start + len(list(run))
            period = periods.get(project)
            if period is None:
                yield from range(start, end)
            elif not _inside(period, *_date_range(dates[start:end])):
                yield from (i for i in range(start, end) if not _inside(period, dates[i], dates[i]))
            start = end


def _date_range(dates: list) -> tuple[object, object]:
    """The first and last of some dates, blank and bad ones aside (None, None: none left)."""
    known = [d for d in set(dates) if d is not None and d is not _BAD]
    return (min(known), max(known)) if known else (None, None)


def _inside(period: tuple[object, object], first: object, last: object) -> bool:
    """Whether dates from ``first`` to ``last`` (``first`` <= ``last``) lie in the period
    (``domain.periods.in_period``; no date, or a bad one: nothing to say)."""
    return first is _BAD or in_period(first, *period) and in_period(last, *period)


def _cell(raw: object, parse: Callable[[object], object], required: bool) -> object:
    """One cell as the row path reads it (``RowParser.parse``): None when blank, ``_BAD`` when
    it does not parse or is required and blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _BAD if required else None
    try:
        return parse(raw)
    except ParseError:
        return _BAD


def _by_distinct(raw: list, parse: Callable[[object], object], required: bool, bad: set[int],
                 check: Callable[[object], bool] | None) -> list:
    """A column of repeating values, each distinct cell parsed once; rows of a bad cell, or of
    a value ``check`` refuses, go to ``bad``."""
    parsed = {cell: _cell(cell, parse, required) for cell in set(raw)}
    refused = {cell for cell, value in parsed.items()
               if value is _BAD or check is not None and value is not None and not check(value)}
    if refused:
        bad.update(i for i, cell in enumerate(raw) if cell in refused)
    return list(map(parsed.__getitem__, raw))


def _numbers(raw: list[str], parse: Callable[[object], object], required: bool,
             bad: set[int]) -> list:
    """A column of numbers: plain ones read by Decimal, the rest by the row path's parser.

    The batch's cells are cleaned and matched joined into one text, a few C-level
    passes over it instead of some per cell; where a cell is not plain (or holds a
    line break, which would split it), each cell is matched on its own.
    """
    cleaned = _cleaned_number("\n".join(raw)).split("\n")
    if len(cleaned) == len(raw) and _PLAIN_NUMBERS.fullmatch("\n".join(cleaned)):
        return list(map(Decimal, cleaned))
    numbers = []
    for i, cell in enumerate(raw):
        text = _cleaned_number(cell)
        number = Decimal(text) if _PLAIN_NUMBER.fullmatch(text) else _cell(cell, parse, required)
        if number is _BAD:
            bad.add(i)
        numbers.append(number)
    return numbers


def _cleaned_number(text: str) -> str:
    """Every space that groups thousands gone, the decimal comma a point."""
    for space in _THOUSANDS_SPACES:
        if space in text:
            text = text.replace(space, "")
    return text.replace(",", ".")
