"""Czech value parsing: money, percentages, shares, dates; round trips by property."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.parse import (
    ParseError,
    Share,
    normalise_header,
    parse_date,
    parse_money,
    parse_percent,
    parse_share,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("3 648 425,00 Kč", Decimal("3648425.00")),
    ("3\u00a0648\u00a0425,00\u00a0Kč", Decimal("3648425.00")),
    ("3\u202f648\u202f425,00 CZK", Decimal("3648425.00")),
    ("182421.25", Decimal("182421.25")),
    ("1.899.493,20", Decimal("1899493.20")),
    (2770437.5, Decimal("2770437.50")),
    (12, Decimal("12.00")),
])
def test_prs001_money(text: object, expected: Decimal) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["abc", "1,2,3", "12,345", "--5", ""])
def test_prs002_money_rejects(text: str) -> None:
    with pytest.raises(ParseError):
        parse_money(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("85 %", Decimal("85")), ("85%", Decimal("85")), ("0,85", Decimal("85")), ("10", Decimal("10")),
])
def test_prs003_percent(text: str, expected: Decimal) -> None:
    assert parse_percent(text) == expected


def test_prs004_share_forms() -> None:
    assert parse_share("182 421,25 Kč (5 %)") == Share(Decimal("182421.25"), Decimal("5"))
    assert parse_share("85 %") == Share(None, Decimal("85"))
    assert parse_share("3 466 003,75 Kč") == Share(Decimal("3466003.75"), None)


@pytest.mark.parametrize(("text", "expected"), [
    ("1.11.2017", dt.date(2017, 11, 1)), ("1. 11. 2017", dt.date(2017, 11, 1)),
    ("2017-11-01", dt.date(2017, 11, 1)), (43040, dt.date(2017, 11, 1)),
    ("43040", dt.date(2017, 11, 1)), (dt.datetime(2017, 11, 1, 0, 0), dt.date(2017, 11, 1)),
])
def test_prs005_dates(text: object, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.2.2019", "2019/11/01", "zítra", "1.13.2019"])
def test_prs006_dates_reject(text: str) -> None:
    with pytest.raises(ParseError):
        parse_date(text)


def test_prs007_headers_match_ignoring_accents_and_punctuation() -> None:
    assert normalise_header("Registrační číslo") == "registracni_cislo"
    assert normalise_header(" Celkové způsobilé výdaje (Kč) ") == "celkove_zpusobile_vydaje_kc"


def _czech_money(amount: Decimal, separator: str) -> str:
    whole, cents = f"{amount:.2f}".split(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return f"{sign}{separator.join(groups)},{cents} Kč"


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                   allow_nan=False, allow_infinity=False),
       st.sampled_from([" ", "\u00a0", "\u202f", ""]))
def test_prs008_czech_money_round_trips(amount: Decimal, separator: str) -> None:
    assert parse_money(_czech_money(amount, separator)) == amount


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["{d}.{m}.{y}", "{d}. {m}. {y}", "{y}-{m:02d}-{d:02d}"]))
def test_prs009_czech_dates_round_trip(date: dt.date, pattern: str) -> None:
    assert parse_date(pattern.format(d=date.day, m=date.month, y=date.year)) == date
