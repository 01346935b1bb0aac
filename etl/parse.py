"""Parsing of values as Czech municipal files write them.

Pure functions: text (or a value openpyxl gives) in, a Python value out, or a
``ParseError`` whose message says what was expected. Money is ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# Thousands separators seen in real files: space, no-break space, narrow no-break space.
_SPACES = "\u0020\u00a0\u202f\u2009"
_CURRENCY = re.compile(r"\s*(kč|czk|,-|\.-)\s*$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"-?\d+(?:,\d+)?")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Arithmetic without rounding, however many digits a cell has: the default context's 28
# digits would round a long number or raise (quantize) before its bounds are checked.
EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
_CENT = Decimal("0.01")


class ParseError(ValueError):
    """A value that cannot be read as the column's type; the message names the expectation."""

    rule: str | None = None  # the problem's rule, when not the column kind's own

    def __init__(self, message_cs: str, message_en: str):
        super().__init__(message_en)
        self.message_cs = message_cs
        self.message_en = message_en


def normalise_header(text: str) -> str:
    """Header as matched: no accents, lower case, words joined by '_' (``Registrační číslo``)."""
    folded = unicodedata.normalize("NFKD", str(text))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", "_", folded).strip("_")


def clean_text(value: object) -> str | None:
    """Text with surrounding white space removed; empty text is None."""
    if value is None:
        return None
    text = str(value).replace("\u00a0", " ").strip()
    return text or None


def parse_decimal(value: object) -> Decimal:
    """A number as Czech files write it: ``3 648 425,00 Kč``, ``1 234,5``, ``-12``, ``1.5``."""
    if type(value) is str:  # every CSV cell: no type checks first
        return _parse_decimal_text(value)
    if isinstance(value, bool):
        raise ParseError("očekáváno číslo", "a number was expected")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # openpyxl gives floats for numeric cells. Excel keeps 15 significant digits: the
        # float's further digits are binary noise (0,1 + 0,2 = 0.30000000000000004).
        return Decimal(f"{value:.15g}")
    if isinstance(value, Decimal):
        return value
    return _parse_decimal_text(str(value))


def _parse_decimal_text(value: str) -> Decimal:
    text = value.strip()
    # The common cases, 1234,5 and 12 345,6, with one match and without the slower clean-up
    # below (removing no space leaves a plain number as it is).
    grouped = text.replace("\u00a0", "").replace(" ", "")
    if _PLAIN_NUMBER.fullmatch(grouped):
        return Decimal(grouped.replace(",", "."))
    text = _CURRENCY.sub("", text)
    for space in _SPACES:
        text = text.replace(space, "")
    if text.count(",") == 1 and "." in text and text.index(".") < text.index(","):
        text = text.replace(".", "")  # 1.234,50: dots group thousands
    text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
        raise ParseError(
            "není číslo (očekáváno např. 3 648 425,00)",
            "not a number (expected e.g. 3 648 425,00)",
        )
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only valid text
        raise ParseError("není číslo", "not a number") from exc


def parse_money(value: object) -> Decimal:
    """An amount in Kč with at most two decimal places (haléře)."""
    amount = parse_decimal(value)
    cents = amount.quantize(_CENT, context=EXACT) if amount.is_finite() else amount
    if cents != amount:
        raise ParseError(
            "částka má více než dvě desetinná místa", "an amount has more than two decimal places"
        )
    return cents


def parse_percent(value: object) -> Decimal:
    """A percentage: ``85 %``, ``85%``, ``85``, or a share ``0,85`` (returned as 85)."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = parse_decimal(value)
        return EXACT.multiply(number, 100) if 0 < number <= 1 else number
    text = str(value).strip()
    has_sign = text.endswith("%")
    number = parse_decimal(text.rstrip("%").strip())
    if not has_sign and 0 < number <= 1 and ("," in text or "." in text):
        number = EXACT.multiply(number, 100)
    # 85, not 85.0 or 8.5E+1: a whole percentage is shown and stored as a whole number.
    if number.is_finite() and number == number.to_integral_value(context=EXACT):
        return number.quantize(Decimal(1), context=EXACT)
    return number


@dataclass(frozen=True)
class Share:
    """A funding share as a cell gives it: an amount, a percentage, or both."""

    amount: Decimal | None
    percent: Decimal | None


_SHARE_BOTH = re.compile(r"^(?P<amount>[^()]+?)\s*\((?P<percent>[^()]+%)\s*\)$")


def parse_share(value: object) -> Share:
    """``182 421,25 Kč`` → amount; ``85 %`` → percent; ``182 421,25 Kč (5 %)`` → both."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = parse_decimal(value)
        if 0 < number <= 1:
            return Share(None, EXACT.multiply(number, 100))
        return Share(parse_money(value), None)
    text = str(value).strip()
    both = _SHARE_BOTH.match(text)
    if both:
        return Share(parse_money(both["amount"]), parse_percent(both["percent"]))
    if text.endswith("%"):
        return Share(None, parse_percent(text))
    if re.fullmatch(r"0[.,]\d+", text):
        return Share(None, parse_percent(text))
    return Share(parse_money(text), None)


_DATE_CS = re.compile(r"^(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?$")


def parse_date(value: object) -> dt.date:
    """``1.11.2017``, ``1. 11. 2017``, ``2017-11-01``, an Excel serial number or a real date."""
    if type(value) is str:  # every CSV cell: straight to the cache
        return _parse_date_text(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_excel_serial(value)
    return _parse_date_text(str(value))


@functools.lru_cache(maxsize=4096)
def _parse_date_text(value: str) -> dt.date:
    """A date written as text; cached, since a file repeats the same few report dates."""
    text = value.strip().replace("\u00a0", " ")
    match = _DATE_CS.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    elif match := _DATE_ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif re.fullmatch(r"\d{5}", text):
        return _from_excel_serial(int(text))
    else:
        raise ParseError(
            "není datum (očekáváno např. 1.11.2017)", "not a date (expected e.g. 1.11.2017)"
        )
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ParseError("takové datum neexistuje", "no such date") from exc


def _from_excel_serial(serial: float) -> dt.date:
    if serial != int(serial) or not 1 <= serial <= 2958465:
        raise ParseError("není datum", "not a date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_int(value: object) -> int:
    """A whole number (``2019``, ``1 200``)."""
    number = parse_decimal(value)
    if not number.is_finite() or number != number.to_integral_value(context=EXACT):
        raise ParseError("očekáváno celé číslo", "a whole number was expected")
    return int(number)


_TRUE = {"ano", "a", "yes", "y", "true", "1", "x", "verejne", "public"}
_FALSE = {"ne", "n", "no", "false", "0", "neverejne", "internal", "interni"}


def parse_bool(value: object) -> bool:
    """``ano``/``ne`` (also yes/no, 1/0)."""
    if isinstance(value, bool):
        return value
    key = normalise_header(str(value))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ParseError("očekáváno ano/ne", "expected ano/ne (yes/no)")


def parse_list(value: object) -> list[str]:
    """A ``;``-separated list (``8119; 8115``); empty items are dropped."""
    return [item.strip() for item in str(value).split(";") if item.strip()]


#: Programme periods (programové období) as the product writes them; the codebooks of
#: indicators and programmes name one of them.
PERIODS = ("2004–2006", "2007–2013", "2014–2020", "2021–2027")
_PERIOD = re.compile(r"^(\d{4})\s*[-–—/]\s*(\d{2}|\d{4})$")


def parse_period(value: object) -> str:
    """A programme period as written (``2014-2020``, ``2014–20``, ``2021 – 2027``) → ``2021–2027``."""
    found = _PERIOD.match(str(value).strip())
    if found:
        start, end = found.groups()
        period = f"{start}–{start[:2] + end if len(end) == 2 else end}"
        if period in PERIODS:
            return period
    raise ParseError(f"období není jedno z {', '.join(PERIODS)}",
                     f"the period is not one of {', '.join(PERIODS)}")
