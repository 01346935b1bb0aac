"""The values the database can hold, derived from the column types of ``etl.schema``.

SQLite stores numbers of any size (as floats past 8 bytes, rounded) and text of any
length; PostgreSQL refuses what its types do not hold, with an error mid-load. So
that both accept exactly the same values and store them exactly, every parsed cell
is held to the stricter of the two before anything is written: a value beyond is
refused with a problem (rule ``value-bounds``), never rounded and never left to the
database's error.

- numbers: a ``NUMERIC(p, s)`` column takes at most ``p - s`` whole digits and ``s``
  decimal places (a place more is refused, not rounded: a reload would differ), and
  at most ``REAL_DIGITS`` significant digits, which SQLite's REAL keeps exactly;
- money: whole haléře in a BIGINT, with room for sums of ``MONEY_SUM_ROOM`` amounts
  (SQLite's integer sums fail past 2⁶³ where PostgreSQL's widen);
- whole numbers: a 32-bit INTEGER;
- text: the column's ``VARCHAR`` length, or ``TEXT_MAX_CHARS`` for unbounded text;
- dates: from ``FIRST_DATE`` (Excel's first day; a serial of −1 would be 29.12.1899) to
  ``LAST_DATE`` (the last year a year column takes).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from etl import entities as E
from etl import schema as s
from etl.entities import REGISTRATION_NUMBER
from etl.parse import ParseError, Share

RULE = "value-bounds"
MONEY_SUM_ROOM = 10_000
TEXT_MAX_CHARS = 100_000
REAL_DIGITS = 15  # significant digits a double keeps exactly; SQLite stores NUMERIC in one
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)


class BoundsError(ParseError):
    """A value that parsed but that the database could not hold exactly."""

    rule = RULE


@dataclass(frozen=True)
class NumberBound:
    """Numbers a column holds exactly: at most ``largest`` in size, ``places`` decimal places
    and ``digits`` significant digits."""

    largest: Decimal
    places: int
    digits: int | None = None

    def check(self, number: Decimal | int) -> None:
        """Raise ``BoundsError`` for a number the column cannot hold exactly."""
        if isinstance(number, int):
            number = Decimal(number)
        if not number.is_finite() or abs(number) > self.largest:
            shown = f"{self.largest:,}".replace(",", " ").replace(".", ",")
            raise BoundsError(f"číslo je mimo rozsah (nejvýše {shown})",
                              f"the number is out of range (at most {self.largest:,})")
        places = decimal_places(number)
        if places > self.places:
            raise BoundsError(f"číslo má více než {self.places} desetinná místa (nezaokrouhluje se)",
                              f"the number has more than {self.places} decimal places "
                              "(it is not rounded)")
        if self.digits is not None and number.adjusted() + 1 + places > self.digits:
            raise BoundsError(f"číslo má více než {self.digits} platných číslic (nezaokrouhluje se)",
                              f"the number has more than {self.digits} significant digits "
                              "(it is not rounded)")


def decimal_places(number: Decimal) -> int:
    """Decimal places a number needs (``1,50`` needs 1), computed exactly at any size."""
    _sign, digits, exponent = number.as_tuple()
    if exponent >= 0:
        return 0
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(-exponent - trailing, 0)


def numeric_bound(type_: sa.Numeric) -> NumberBound:
    """What ``NUMERIC(precision, scale)`` holds on PostgreSQL and, as a REAL, on SQLite."""
    whole = type_.precision - type_.scale
    return NumberBound(Decimal(10) ** whole - Decimal(10) ** -type_.scale, type_.scale,
                       min(type_.precision, REAL_DIGITS))


def _money_bound() -> NumberBound:
    """Kč as whole haléře in a BIGINT (``schema.Money``), a sum of ``MONEY_SUM_ROOM`` amounts
    still in range."""
    largest_halere = _integer_largest(s.Money.impl) // MONEY_SUM_ROOM
    whole_digits = math.floor(math.log10(largest_halere // 100))  # a round bound: 999 … 999,99
    return NumberBound(Decimal(10) ** whole_digits - Decimal("0.01"), 2)


def _integer_largest(type_: type[sa.Integer]) -> int:
    """The largest value of an integer column type on PostgreSQL (SQLite's are 8 bytes)."""
    return 2 ** 63 - 1 if issubclass(type_, sa.BigInteger) else 2 ** 31 - 1


INTEGER = NumberBound(Decimal(_integer_largest(sa.Integer)), 0)
NUMBERS: dict[str, NumberBound] = {
    E.MONEY: _money_bound(),
    E.VALUE: numeric_bound(s.VALUE),
    E.PERCENT: numeric_bound(s.PERCENT),
    E.INT: INTEGER,
    E.YEAR: INTEGER,
}

# Entity text columns stored in a VARCHAR: where each lands. Text not named here is
# stored in TEXT (or only looked up, as codes are) and held to TEXT_MAX_CHARS.
_ANY_ENTITY = "*"
TEXT_COLUMNS: dict[tuple[str, str], sa.Column] = {
    (_ANY_ENTITY, REGISTRATION_NUMBER): s.project.c.key,
    (_ANY_ENTITY, "plan"): s.community_plan.c.key,
    ("projekty", "nazev"): s.project.c.name,
    ("projekty", "zkraceny_nazev"): s.project.c.short_name,
    ("projekty", "prijemce"): s.project.c.beneficiary,
    ("projekty", "ico_prijemce"): s.project.c.beneficiary_ico,
    ("projekty", "program"): s.project.c.programme_code,
    ("projekty", "vyzva"): s.call.c.number,
    ("projekty", "odvozeni_podilu"): s.project_funding.c.derivation,
    ("projekty", "predchozi_projekt"): s.project.c.predecessor_key,
    ("klicove_aktivity", "kod"): s.key_activity.c.code,
    ("klicove_aktivity", "nazev"): s.key_activity.c.name,
    ("cile_indikatoru", "kod_indikatoru"): s.indicator_target.c.indicator_code,
    ("plneni_indikatoru", "kod_indikatoru"): s.indicator_achievement.c.indicator_code,
    ("plneni_indikatoru", "zprava"): s.indicator_achievement.c.report_label,
    ("cerpani", "zdroj_financovani"): s.drawdown.c.source_code,
    ("komunitni_plany", "nazev"): s.community_plan.c.name,
    ("akcni_plany", "nazev"): s.action_plan.c.name,
    ("cilove_skupiny", "nazev"): s.target_group.c.local_name,
    ("cilove_skupiny", "kanonicka_skupina"): s.canonical_target_group.c.name,
    ("opatreni", "kod"): s.measure.c.code,
    ("opatreni", "nazev"): s.measure.c.name,
    ("opatreni", "priorita"): s.priority.c.name,
    ("opatreni", "cilova_skupina"): s.target_group.c.local_name,
    ("opatreni", "odpovedny_subjekt"): s.measure.c.responsible,
    ("plneni_opatreni", "kod"): s.measure.c.code,
    ("plneni_opatreni", "stav"): s.measure_status.c.name,
    ("cilove_skupiny_projektu", "nazev"): s.project_target_group.c.name,
    ("organizacni_struktura", "nazev"): s.planning_body.c.name,
    ("organizacni_struktura", "typ"): s.planning_body.c.kind,
    ("organizacni_struktura", "cilova_skupina"): s.planning_body.c.local_target_group,
}


def text_length(entity: str, column: str) -> int:
    """Characters a text cell of ``entity``'s ``column`` may have."""
    target = TEXT_COLUMNS.get((entity, column))
    if target is None:
        target = TEXT_COLUMNS.get((_ANY_ENTITY, column))
    length = getattr(target.type, "length", None) if target is not None else None
    return length or TEXT_MAX_CHARS


def _text_check(length: int) -> Callable[[object], None]:
    def check(text: object) -> None:
        if text is not None and len(text) > length:
            raise BoundsError(f"text je delší než {length} znaků ({len(text)})",
                              f"the text is longer than {length} characters ({len(text)})")
    return check


def _date_check(day: object) -> None:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise BoundsError("datum mimo 1.1.1900–31.12.2100", "a date outside 1.1.1900–31.12.2100")


def _share_check(share: Share) -> None:
    if share.amount is not None:
        NUMBERS[E.MONEY].check(share.amount)
    if share.percent is not None:
        NUMBERS[E.PERCENT].check(share.percent)


def _list_check(items: list[str]) -> None:
    _text_check(TEXT_MAX_CHARS)(";".join(items))


def check_for(entity: str, column: E.Column) -> Callable[[object], None]:
    """The bounds check of one column's parsed values: raises ``BoundsError``."""
    if column.kind in NUMBERS:
        return NUMBERS[column.kind].check
    if column.kind == E.SHARE:
        return _share_check
    if column.kind == E.DATE:
        return _date_check
    if column.kind == E.LIST:
        return _list_check
    if column.kind == E.TEXT:
        return _text_check(text_length(entity, column.name))
    return lambda _value: None  # booleans


def bounded(entity: str, column: E.Column,
            parse: Callable[[object], object]) -> Callable[[object], object]:
    """``parse`` followed by the column's bounds check."""
    check = check_for(entity, column)

    def parse_bounded(raw: object) -> object:
        value = parse(raw)
        check(value)
        return value
    return parse_bounded
