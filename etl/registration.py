"""Registration numbers of ESF projects: their forms, the period of each form, the programme.

The period follows from the number's form, never from the year in its call part:
2014–20 numbers carry ``0.0/0.0`` parts (``CZ.03.2.63/0.0/0.0/16_063/0006590``),
2021–27 numbers two-digit ``00`` (``CZ.03.02.02/00/25_104/0006461``), and 2007–13
numbers have no call part at all (``CZ.1.04/3.1.00/05.00052``). A 2021–27 call
announced in 2025 or later is still 2021–27, whatever its year prefix says.
"""

from __future__ import annotations

import functools
import re

REGISTRATION_2014 = re.compile(r"^CZ\.\d{2}\.\d{1,2}\.\d{1,3}/\d\.\d/\d\.\d/\d{2}_\d{3}/\d{7}$")
REGISTRATION_2021 = re.compile(r"^CZ\.\d{2}\.\d{2}\.\d{2}/\d{2}/\d{2}_\d{3}/\d{7}$")
REGISTRATION_2007 = re.compile(r"^CZ\.1\.\d{2}/\d\.\d{1,2}\.\d{2}/\d{2}\.\d{5}$")
LOCAL_KEY = re.compile(r"^local:[a-z0-9][a-z0-9-]{1,50}$")

# The period names of the programme codebook (data/reference/programy.csv, column obdobi).
PERIOD_2007, PERIOD_2014, PERIOD_2021 = "2007–2013", "2014–2020", "2021–2027"
_FORMS = ((REGISTRATION_2014, PERIOD_2014), (REGISTRATION_2021, PERIOD_2021),
          (REGISTRATION_2007, PERIOD_2007))


def period_of(number: str) -> str | None:
    """The programme period (``2021–2027``) of a registration number's form; None for a local key."""
    text = number.strip()
    return next((period for form, period in _FORMS if form.match(text)), None)


# The programme's number at the head of a registration number: 03 (CZ.03.2.63/…), 1.04 (CZ.1.04/…).
PROGRAMME_NUMBER = re.compile(r"^CZ\.(\d{2}|1\.\d{2})[./]")
# Programme number → our programme code (data/reference/programy.csv), per period of the form.
PROGRAMMES = {(PERIOD_2007, "1.04"): "OP LZZ", (PERIOD_2014, "03"): "OPZ",
              (PERIOD_2021, "03"): "OPZ+"}


def programme_of(number: str) -> str | None:
    """Our programme code (OP LZZ, OPZ, OPZ+) for a registration number, if we know its programme."""
    found = PROGRAMME_NUMBER.match(number.strip())
    return PROGRAMMES.get((period_of(number), found.group(1))) if found else None


@functools.lru_cache(maxsize=4096)  # a file repeats its numbers on every row
def is_registration_number(value: str) -> bool:
    """Whether ``value`` has a 2007–13, 2014–20 or 2021–27 form, or is a marked local key."""
    return any(pattern.match(value) for pattern in (
        REGISTRATION_2014, REGISTRATION_2021, REGISTRATION_2007, LOCAL_KEY))
