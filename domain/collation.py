"""Czech alphabetical order (ČSN 97 6030) for every list the pages sort by a name.

Python's ``sorted`` orders by code point: ``Ústí``, ``Česká Lípa``, ``Šumperk`` and ``Žďár``
land after ``Zlín``, and ``Břeclav`` before ``Bučovice``. Czech order is
a á b c č d ď e é ě f g h ch i í j k l m n ň o ó p q r ř s š t ť u ú ů v w x y ý z ž:
č ř š ž (and ``ch``, after h) are letters of their own, the other accents only break ties
between otherwise equal words, and case breaks the last ties (lower case first).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pandas as pd

ALPHABET = ("a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l", "m", "n",
            "o", "p", "q", "r", "ř", "s", "š", "t", "u", "v", "w", "x", "y", "z", "ž")
_RANK = {letter: index for index, letter in enumerate(ALPHABET)}
_OWN_LETTERS = {"č", "ř", "š", "ž"}  # distinct letters, not a with an accent
_LETTERS_FROM = 1_000  # letters after spaces, punctuation and digits

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _base(char: str) -> tuple[str, int]:
    """The letter ``char`` sorts as, and whether it carried an accent that only breaks ties."""
    if char in _OWN_LETTERS:
        return char, 0
    stripped = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return stripped, int(stripped != char)


def sort_key(text: object) -> SortKey:
    """The key that puts names in Czech alphabetical order (``sorted(names, key=sort_key)``)."""
    text = "" if text is None else str(text)
    primary: list[int] = []
    accents: list[int] = []
    cases: list[int] = []
    lower = text.lower()
    index = 0
    while index < len(lower):
        char = lower[index]
        if lower.startswith("ch", index):
            letter, accent, width = "ch", 0, 2
        else:
            (letter, accent), width = _base(char), 1
        if letter in _RANK:
            primary.append(_LETTERS_FROM + _RANK[letter])
        else:
            primary.append(ord(letter[:1] or char))
        accents.append(accent)
        cases.append(int(text[index] != lower[index]))
        index += width
    return tuple(primary), tuple(accents), tuple(cases)


def czech_sorted(names: Iterable[str]) -> list[str]:
    """``names`` in Czech alphabetical order."""
    return sorted(names, key=sort_key)


def sort_frame(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame``'s rows in Czech order of ``column`` (the database orders by code point)."""
    order = sorted(range(len(frame)), key=lambda i: sort_key(frame[column].iloc[i]))
    return frame.iloc[order].reset_index(drop=True)
