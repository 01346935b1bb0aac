"""Regular expressions for the values project pages state, and small helpers around them.

Each pattern returns text in the import format's notation (the loader parses
it with ``etl.parse``); nothing is converted into a form the page did not use
beyond spacing.
"""

from __future__ import annotations

import re
import unicodedata

from etl.parse import ParseError, parse_date

UPPER = "A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"

REG_2014 = r"CZ\.\d{2}\.\d{1,2}\.\d{1,3}/\d\.\d/\d\.\d/\d{2}_\d{3}/\d{7}"
REG_2007 = r"CZ\.1\.\d{2}/\d\.\d{1,2}\.\d{2}/\d{2}\.\d{5}"
REGISTRATION = re.compile(rf"(?<![\w.])(?:{REG_2014}|{REG_2007})(?![\w/])")

DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
DATE_RE = re.compile(rf"(?<![\d.]){DATE}(?!\d)")
DASH = r"[-–—]"
# "1.11.2017 – 31.10.2019", "od 1. 11. 2011 do 31. 10. 2013", "od 1.4.2018-31.10.2019"
DATE_RANGE = re.compile(
    rf"(?:\bod\s+)?(?P<start>{DATE})\s*(?:{DASH}|\bdo\b)\s*(?P<end>{DATE})(?!\d)")
MONEY = re.compile(
    r"(?<![\d,.])(?P<number>\d{1,3}(?: \d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents>\d{1,2}|-))?"
    r"\s*(?:,-\s*)?(?:Kč|CZK)(?!\w)")
PERCENT = re.compile(r"(?<![\d,])(?P<number>\d{1,3}(?:,\d+)?)\s?%")
YEAR_RANGE = rf"(?P<start>(?:19|20)\d\d)\s*{DASH}\s*(?P<end>(?:19|20)\d\d)"

# Words that tie a sentence to an earlier project rather than the page's own one.
# ("navazujících služeb", follow-on services, is not such a tie.)
PREDECESSOR_CONTEXT = re.compile(
    r"navazuje na|navazuj\w* na (?:předchozí|projekt)|předchozí|předcházející|předešl\w* projekt|"
    r"minul\w* projekt", re.IGNORECASE)


def clean_date(text: str) -> str | None:
    """A date as the page wrote it (single spaces), or None when no such day exists."""
    text = re.sub(r"\s+", " ", text.strip())
    try:
        parse_date(text)
    except ParseError:
        return None
    return text


def first_date(text: str) -> tuple[str, int] | None:
    """The first valid date in ``text`` and where it ends."""
    for match in DATE_RE.finditer(text):
        date = clean_date(match.group(0))
        if date:
            return date, match.end()
    return None


def date_range(text: str) -> tuple[str, str] | None:
    """The first "from – to" pair of valid dates in ``text``."""
    for match in DATE_RANGE.finditer(text):
        start, end = clean_date(match["start"]), clean_date(match["end"])
        if start and end and parse_date(start) <= parse_date(end):
            return start, end
    return None


def money(match: re.Match[str]) -> str:
    """An amount in the import notation: ``3 466 003,75 Kč``."""
    number = match["number"].replace(".", " ")  # 1.234.567 groups thousands like 1 234 567
    cents = match["cents"] if match["cents"] != "-" else None
    if cents is not None and len(cents) == 1:
        cents += "0"
    return f"{number},{cents} Kč" if cents else f"{number} Kč"


def percent(match: re.Match[str]) -> str:
    """A percentage in the import notation: ``85 %``."""
    return f"{match['number']} %"


def slug(text: str, limit: int = 40) -> str:
    """Lower-case ASCII words joined by "-", cut at a word boundary (for proposed keys)."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+", folded)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or "stranka"
