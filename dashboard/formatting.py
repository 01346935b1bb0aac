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


#: The two contexts of money, each with one rounding wherever it shows (cards, tables, grids,
#: hover texts): an ESF project's money and every total of it (overview, ORPs, lists) to the
#: haléř, as the projects' sources state it; a community plan's costs (plan and target-group
#: pages) in whole koruny, as the plans are drawn up.
PROJECT, PLAN = "project", "plan"
MONEY_DIGITS = {PROJECT: 2, PLAN: 0}


def money(amount: Decimal | float | int | None, lang: str = "cs", context: str = PROJECT) -> str:
    """``3 648 425,00 Kč`` (cs) or ``CZK 3,648,425.00`` (en), rounded as ``context`` is
    (``MONEY_DIGITS``); ``–`` when there is no figure. The spaces do not break."""
    if amount is None or (isinstance(amount, float) and amount != amount):
        return EMPTY
    places = MONEY_DIGITS[context]
    digits = "." + "0" * places if places else ""
    fmt = f"#,##0{digits}\u00a0¤" if lang == "cs" else f"¤\u00a0#,##0{digits}"
    with localcontext(rounding=ROUND_HALF_UP):
        text = format_currency(Decimal(str(amount)), "CZK", format=fmt, locale=_locale(lang),
                               currency_digits=False)
    return nowrap(text)


def amount_input(amount: Decimal | float | int | None) -> str:
    """An amount as a form shows it for editing: ``1 234 567,50`` (grouped as the page shows
    money, exact to the haléř, no currency), in Czech whatever the page's language: the
    import format's rules read what is typed back (``etl.parse.parse_money``), and they
    read Czech numbers. Empty when there is no amount."""
    if amount is None or (isinstance(amount, float) and amount != amount):
        return ""
    return nowrap(format_decimal(Decimal(str(amount)), format="#,##0.00", locale=_locale("cs")))


def nowrap(text: str) -> str:
    """``text`` with its spaces made non-breaking (Czech groups digits with a space, which
    a line may otherwise break: ``1 033`` over ``72 Kč``)."""
    return text.replace(" ", "\u00a0").replace("\u202f", "\u00a0")


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
    return nowrap(_babel_date(value, format="d. M. y" if lang == "cs" else "d MMM y",
                              locale=_locale(lang)))


def period(start: dt.date | None, end: dt.date | None, lang: str = "cs") -> str:
    """``1. 11. 2017 – 31. 10. 2019``."""
    if start is None and end is None:
        return EMPTY
    return f"{date(start, lang)} – {date(end, lang)}"


#: Plotly's separators for each language: decimal mark, then thousands separator.
PLOTLY_SEPARATORS = {"cs": ", ", "en": ".,"}


def percent_axis(lang: str = "cs") -> dict:
    """A chart axis (or colour bar) of shares given in per cent (55, not 0.55): ``55 %`` in
    Czech, ``55%`` in English, as ``percent`` writes them. Plotly's ``%`` tick format cannot
    put the space in, so the values are multiplied by 100 and the sign is a suffix."""
    return {"tickformat": ",.0f", "ticksuffix": "\u00a0%" if lang == "cs" else "%"}


#: The units of the national indicator codebook (NČI). The codebook names them in Czech only;
#: marked here, they are translated like any other text, and a unit not listed stays as loaded.
INDICATOR_UNITS = (N_("osoby"), N_("dokumenty"))


def unit(text: str | None, lang: str) -> str:
    """An indicator's unit in ``lang`` (empty when the codebook gives none)."""
    return _(lang, text) if text else ""
