"""The programme period of a registration number follows from its form, not from its call's year."""

from __future__ import annotations

import pytest

from etl.registration import PERIOD_2007, PERIOD_2014, PERIOD_2021, period_of, programme_of
from etl.sources.common import Selection

# Every form named in the sources and the design, with the period it belongs to.
FORMS = [
    ("CZ.03.02.02/00/22_046/0002180", PERIOD_2021),  # OPZ+ (docs/ARCHITECTURE.md, Sources)
    ("CZ.03.02.01/00/22_008/0000049", PERIOD_2021),
    ("CZ.03.02.01/00/22_007/0000182", PERIOD_2021),
    ("CZ.03.02.02/00/23_055/0004711", PERIOD_2021),
    ("CZ.03.02.02/00/25_104/0006461", PERIOD_2021),  # a call of 2025 is still 2021–27
    ("CZ.03.02.02/00/21_001/0000001", PERIOD_2021),
    ("CZ.03.2.63/0.0/0.0/16_063/0006540", PERIOD_2014),
    ("CZ.03.2.63/0.0/0.0/19_106/0015155", PERIOD_2014),
    ("CZ.03.1.48/0.0/0.0/15_010/0000123", PERIOD_2014),
    ("CZ.03.2.X/0.0/0.0/15_005/0000045", None),  # no form at all
    ("CZ.1.04/3.1.00/05.00052", PERIOD_2007),
    (" CZ.03.02.02/00/25_104/0006461 ", PERIOD_2021),  # surrounding blanks do not matter
    ("local:ostrava-kp5", None),
    ("", None),
]


@pytest.mark.parametrize(("number", "period"), FORMS)
def test_reg001_period_of_every_form(number: str, period: str | None) -> None:
    assert period_of(number) == period


@pytest.mark.parametrize(("number", "programme"), [
    ("CZ.03.02.02/00/25_104/0006461", "OPZ+"),
    ("CZ.03.02.01/00/22_008/0000049", "OPZ+"),
    ("CZ.03.2.63/0.0/0.0/16_063/0006540", "OPZ"),
    ("CZ.1.04/3.1.00/05.00052", "OP LZZ"),
    ("CZ.10.03.01/00/22_001/0000001", None),  # a programme the codebook does not name
    ("local:ostrava-kp5", None),
])
def test_reg002_programme_follows_the_period_of_the_form(number: str, programme: str | None) -> None:
    assert programme_of(number) == programme


def test_reg003_programme_selection_uses_the_period_of_the_form() -> None:
    assert Selection(programme="OPZ+").wants("CZ.03.02.02/00/25_104/0006461")
    assert not Selection(programme="OPZ").wants("CZ.03.02.02/00/25_104/0006461")
    assert Selection(programme="03").wants("CZ.03.2.63/0.0/0.0/16_063/0006540")
    assert not Selection(programme="OPZ+", call="63").wants("CZ.03.2.63/0.0/0.0/16_063/0006540")
    assert Selection(programme="1.04").wants("CZ.1.04/3.1.00/05.00052")
