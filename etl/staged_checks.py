"""Checks that need all rows of a fact entity, run in SQL on its staging table.

The same problems as the in-memory checks of ``etl.validate`` report, with the
same places and messages: a key repeated in a sheet with other values, and a
cumulative achieved value lower than the one of the previous date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

import sqlalchemy as sa

from etl.bulk import ID_CHUNK, chunks
from etl.entities import ACHIEVED_VALUE, INDICATOR_ACHIEVEMENT, REGISTRATION_NUMBER
from etl.problems import Problem
from etl.read import RawSheet
from etl.staging import Staging
from etl.validate import Record, duplicate_key_problem, falling_problem

# The entity column kept as exact text in staging: the falling check quotes it.
EXACT = {INDICATOR_ACHIEVEMENT: ACHIEVED_VALUE}


def located(sheet: RawSheet, row: int) -> Record:
    """A stand-in record that locates a problem (the staged row's values are not needed)."""
    return Record(sheet.entity.name, {}, sheet.file_name, sheet.sheet, row)


def duplicate_problems(staging: Staging, sheets: Sequence[RawSheet]) -> dict[int, list[Problem]]:
    """Per sheet number: rows that repeat the key of an earlier row of the sheet with other values."""
    st = staging.table
    key = [st.c[staging.raw(k)] for k in staging.entity.key]
    found: list[tuple[int, int, Problem]] = []
    for part in chunks(staging.repeated_hashes(), ID_CHUNK):
        first_of: dict[tuple, sa.Row] = {}  # by sheet and key
        for row in staging.conn.execute(
                sa.select(st.c.seq, st.c.sheet_no, st.c.source_row, st.c.signature,
                          st.c.exact_value, *key)
                .where(st.c.key_hash.in_(part)).order_by(st.c.seq)):
            values = tuple(row[5:])
            if not all(values):  # a key with a part missing is reported as missing
                continue
            first = first_of.setdefault((row.sheet_no, values), row)
            if row.signature != first.signature or _exact(row) != _exact(first):
                problem = duplicate_key_problem(located(sheets[row.sheet_no], row.source_row),
                                                values, first.source_row)
                found.append((row.sheet_no, row.seq, problem))
    by_sheet: dict[int, list[Problem]] = {}
    for sheet_no, _seq, problem in sorted(found, key=lambda f: f[:2]):  # in row order
        by_sheet.setdefault(sheet_no, []).append(problem)
    return by_sheet


def _exact(row: sa.Row) -> Decimal | None:
    """The staged exact value of a row as a number (the signature hashed it as a float)."""
    return None if row.exact_value is None else Decimal(row.exact_value)


class FallingValues:
    """Cumulative achieved values lower than the previous date's, per project and indicator.

    Problems come series by series, in the order the series first appear, each
    by date (rows of one date in file order). Files list a series in date order
    almost always: then each row is compared with the series' previous one as
    it streams in, holding one row per series. A series whose dates go back is
    sorted and checked in SQL on the staging table instead.
    """

    def __init__(self) -> None:
        # (project, indicator) → [date, value, problems, in date order so far]
        self.series: dict[tuple[object, object], list] = {}

    def add(self, record: Record) -> None:
        """Check one record of plneni_indikatoru against the previous of its series."""
        v = record.values
        self.add_columns([v[REGISTRATION_NUMBER]], [v["kod_indikatoru"]], [v["datum"]],
                         [v[ACHIEVED_VALUE]], lambda _i: record)

    def add_columns(self, projects: Sequence[object], codes: Sequence[object],
                    dates: Sequence[object], values: Sequence[object],
                    locate: Callable[[int], Record]) -> None:
        """Check rows given as columns, in file order; ``locate(i)`` places row i's problem."""
        series = self.series
        rows = zip(zip(projects, codes, strict=True), dates, values, strict=True)
        for i, (key, when, value) in enumerate(rows):
            if not when or value is None:
                continue
            state = series.get(key)
            if state is None:
                series[key] = [when, value, [], True]
            elif state[3]:
                if when < state[0]:
                    state[2:] = [[], False]
                    continue
                if value < state[1]:
                    state[2].append(falling_problem(locate(i), state[1], value))
                state[0], state[1] = when, value

    def problems(self, staging: Staging, sheets: Sequence[RawSheet]) -> list[Problem]:
        """All problems, series by series."""
        unordered = {key for key, state in self.series.items() if not state[3]}
        sorted_in_sql = _falling_in_sql(staging, sheets, unordered) if unordered else {}
        return [p for key, state in self.series.items()
                for p in (state[2] if state[3] else sorted_in_sql.get(key, []))]


def _falling_in_sql(staging: Staging, sheets: Sequence[RawSheet],
                    unordered: set[tuple[object, object]]) -> dict[tuple, list[Problem]]:
    """Falling values of the series not in date order, by series, each by date.

    SQL finds the candidates on the stored numbers; the exact decimal text
    decides, so rounding can neither add nor hide a problem.
    """
    st = staging.table
    series = [st.c[staging.raw(REGISTRATION_NUMBER)], st.c[staging.raw("kod_indikatoru")]]
    when = st.c[staging.raw("datum")]
    window = {"partition_by": series, "order_by": [when, st.c.seq]}
    ordered = sa.select(
        *series, st.c.sheet_no, st.c.source_row, st.c.seq, when.label("day"),
        st.c.achieved_value, st.c.exact_value.label("exact"),
        sa.func.lag(st.c.achieved_value).over(**window).label("before"),
        sa.func.lag(st.c.exact_value).over(**window).label("exact_before"),
    ).where(when.is_not(None), st.c.exact_value.is_not(None)).subquery()
    candidates = staging.conn.execute(
        sa.select(*list(ordered.c)[:4], ordered.c.exact, ordered.c.exact_before)
        .where(ordered.c.achieved_value <= ordered.c.before)
        .order_by(ordered.c.day, ordered.c.seq))
    found: dict[tuple, list[Problem]] = {}
    for project, code, sheet_no, source_row, exact, exact_before in candidates:
        after, before = Decimal(exact), Decimal(exact_before)
        if (project, code) in unordered and after < before:
            found.setdefault((project, code), []).append(
                falling_problem(located(sheets[sheet_no], source_row), before, after))
    return found
