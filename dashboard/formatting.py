"""Czech (and English) formatting of money, numbers, percentages and dates, via Babel.

Rounding is half up (62.5 % → 63 %), the Czech convention and what the browser's
``Intl`` does in the tables, so a figure reads the same in a card and in a grid.

The one place where figures become text; pages never format by hand.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.dates import format_date as _babel_date
from babel.numbers import format_currency, format_decimal, format_percent

from dashboard.i18n import N_, _

LOCALES = {"cs": "cs_CZ", "en": "en_GB"}
EMPTY = "–"  # shown where a source gives no figure: never a made-up zero


def _locale(lang: str) -> str:
    return LOCALES.get(lang, "cs_CZ")


def money(amount: Decimal | float | int | None, lang: str = "cs", decimals: bool = True) -> str:
    """``3 648 425,00 Kč`` (cs) or ``CZK 3,648,425.00`` (en); ``–`` when there is no figure."""
    if amount is None or (isinstance(amount, float) and amount != amount):
        return EMPTY
    digits = ".00" if decimals else ""
    fmt = f"#,##0{digits}\u00a0¤" if lang == "cs" else f"¤\u00a0#,##0{digits}"
    with localcontext(rounding=ROUND_HALF_UP):
        return format_currency(Decimal(str(amount)), "CZK", format=fmt, locale=_locale(lang),
                               currency_digits=decimals)


def number(value: Decimal | float | int | None, lang: str = "cs", digits: int = 2) -> str:
    """A number with the locale's separators, at most ``digits`` decimal places."""
    if value is None or (isinstance(value, float) and value != value):
        return EMPTY
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    with localcontext(rounding=ROUND_HALF_UP):
        return format_decimal(Decimal(str(value)), format=pattern, locale=_locale(lang))


def percent(share: float | Decimal | None, lang: str = "cs", digits: int = 0) -> str:
    """A share (0.85) as ``85 %`` (cs) or ``85%`` (en)."""
    if share is None or (isinstance(share, float) and share != share):
        return EMPTY
    pattern = "#,##0" + ("." + "0" * digits if digits else "") + "\u00a0%"
    if lang != "cs":
        pattern = pattern.replace("\u00a0", "")
    # Half up, as Czech rounding and the tables' Intl formatting do (62.5 % → 63 %).
    with localcontext(rounding=ROUND_HALF_UP):
        return format_percent(Decimal(str(share)), format=pattern, locale=_locale(lang))


def date(value: dt.date | None, lang: str = "cs") -> str:
    """``1. 11. 2017`` (cs) or ``1 Nov 2017`` (en)."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return _babel_date(value, format="d. M. y" if lang == "cs" else "d MMM y", locale=_locale(lang))


def period(start: dt.date | None, end: dt.date | None, lang: str = "cs") -> str:
    """``1. 11. 2017 – 31. 10. 2019``."""
    if start is None and end is None:
        return EMPTY
    return f"{date(start, lang)} – {date(end, lang)}"


#: Plotly's separators for each language: decimal mark, then thousands separator.
PLOTLY_SEPARATORS = {"cs": ", ", "en": ".,"}


#: The units of the national indicator codebook (NČI). The codebook names them in Czech only;
#: marked here, they are translated like any other text, and a unit not listed stays as loaded.
INDICATOR_UNITS = (N_("osoby"), N_("dokumenty"))


def unit(text: str | None, lang: str) -> str:
    """An indicator's unit in ``lang`` (empty when the codebook gives none)."""
    return _(lang, text) if text else ""
