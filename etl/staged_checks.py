"""Checks that need all rows of a fact entity, run in SQL on its staging table.

The same problems as the in-memory checks of ``etl.validate`` report, with the
same places and messages: a key repeated in a sheet with other values, and a
cumulative achieved value lower than the one of the previous date.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa

from etl.problems import Problem
from etl.read import RawSheet
from etl.staging import Staging
from etl.validate import Record, duplicate_key_problem, falling_problem

# Entity columns kept as exact text in staging: the falling check quotes them.
EXACT = {"plneni_indikatoru": ("dosazena_hodnota",)}


def _at(sheet: RawSheet, row: int) -> Record:
    """A stand-in record that locates a problem (the staged row's values are not needed)."""
    return Record(sheet.entity.name, {}, sheet.file_name, sheet.sheet, row)


def duplicate_problems(staging: Staging, sheets: Sequence[RawSheet]) -> dict[int, list[Problem]]:
    """Per sheet number: rows that repeat the key of an earlier row of the sheet with other values."""
    st = staging.table
    key = [st.c[staging.raw(k)] for k in staging.entity.key]
    # Equal values have equal signatures: a key with one signature is repeated harmlessly.
    clashes = staging.conn.execute(
        sa.select(st.c.sheet_no, *key).where(*(k.is_not(None) for k in key))
        .group_by(st.c.sheet_no, *key).having(sa.func.count(sa.distinct(st.c.signature)) > 1)
    ).all()
    found: list[tuple[int, int, Problem]] = []
    for sheet_no, *values in clashes:
        rows = staging.conn.execute(
            sa.select(st.c.seq, st.c.source_row, st.c.signature)
            .where(st.c.sheet_no == sheet_no, *(k == v for k, v in zip(key, values, strict=True)))
            .order_by(st.c.seq)).all()
        first = rows[0]
        for row in rows[1:]:
            if row.signature != first.signature:
                problem = duplicate_key_problem(_at(sheets[sheet_no], row.source_row),
                                                str(tuple(values)), first.source_row)
                found.append((sheet_no, row.seq, problem))
    by_sheet: dict[int, list[Problem]] = {}
    for sheet_no, _seq, problem in sorted(found, key=lambda f: f[:2]):  # in row order
        by_sheet.setdefault(sheet_no, []).append(problem)
    return by_sheet


def falling_problems(staging: Staging, sheets: Sequence[RawSheet]) -> list[Problem]:
    """Achieved values lower than the previous date's of the same project and indicator.

    Series in the order they first appear, each by date (rows of one date in
    file order). SQL finds the candidates on the stored numbers; the exact
    decimal text decides, so rounding can neither add nor hide a problem.
    """
    st = staging.table
    series = [st.c[staging.raw("registracni_cislo")], st.c[staging.raw("kod_indikatoru")]]
    when = st.c[staging.raw("datum")]
    order = [when, st.c.seq]
    ordered = sa.select(
        st.c.sheet_no, st.c.source_row, st.c.seq, when.label("day"),
        st.c.achieved_value, st.c.exact_dosazena_hodnota.label("exact"),
        sa.func.min(st.c.seq).over(partition_by=series).label("series_start"),
        sa.func.lag(st.c.achieved_value).over(partition_by=series, order_by=order).label("before"),
        sa.func.lag(st.c.exact_dosazena_hodnota).over(partition_by=series, order_by=order)
        .label("exact_before"),
    ).where(when.is_not(None), st.c.exact_dosazena_hodnota.is_not(None)).subquery()
    candidates = staging.conn.execute(
        sa.select(ordered.c.sheet_no, ordered.c.source_row, ordered.c.exact, ordered.c.exact_before)
        .where(ordered.c.achieved_value <= ordered.c.before)
        .order_by(ordered.c.series_start, ordered.c.day, ordered.c.seq))
    found = []
    for sheet_no, source_row, exact, exact_before in candidates:
        after, before = Decimal(exact), Decimal(exact_before)
        if after < before:
            found.append(falling_problem(_at(sheets[sheet_no], source_row), before, after))
    return found
