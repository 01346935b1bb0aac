"""Whether a date (or a year) lies in a period: the one check the validator, the columnar
reader and the quick pass of achieved values all apply."""

from __future__ import annotations

from typing import Any


def in_period(when: Any, start: Any, end: Any) -> bool:
    """Whether ``when`` lies from ``start`` to ``end``, both ends counted.

    A missing ``start`` or ``end`` leaves that side open; a missing ``when`` has nothing
    to say and passes. Works for dates and for years alike.
    """
    return when is None or (start is None or when >= start) and (end is None or when <= end)
