"""The quick pass for achieved values says "no problem" only where the reference rules say so too.

A million-row file of achieved values skips the rules for rows a single check clears
(``etl.validate._QUICK_PASSES``); this holds the shortcut to the rules it stands for.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from etl import validate
from etl.catalog import Catalog
from etl.validate import Record, reference_problems

CATALOG = Catalog(indicators={"60000", "80500"}, project_periods={
    "CZ.03.2.63/0.0/0.0/16_063/0006590": (dt.date(2017, 11, 1), dt.date(2019, 10, 31)),
    "CZ.03.2.63/0.0/0.0/16_063/0006513": (None, None),
    "CZ.03.2.63/0.0/0.0/16_063/0006540": (dt.date(2018, 1, 1), None),
})
PROJECTS = [*CATALOG.project_periods, "CZ.03.2.63/0.0/0.0/16_063/9999999"]
CODES = ["60000", "80500", "99999"]
DATES = [None, dt.date(2017, 10, 31), dt.date(2017, 11, 1), dt.date(2018, 6, 1),
         dt.date(2019, 10, 31), dt.date(2019, 11, 1)]


def _record(project: str, code: str, when: dt.date | None) -> Record:
    return Record("plneni_indikatoru", {"registracni_cislo": project, "kod_indikatoru": code,
                                        "datum": when, "dosazena_hodnota": 1, "zprava": None},
                  "plneni_indikatoru.csv", None, 2)


@pytest.mark.parametrize(("project", "code", "when"), list(itertools.product(PROJECTS, CODES, DATES)))
def test_rqp001_the_quick_pass_agrees_with_the_rules(project: str, code: str, when: dt.date | None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    record = _record(project, code, when)
    with_pass = reference_problems(record, CATALOG)
    monkeypatch.setattr(validate, "_QUICK_PASSES", {})
    by_rules = reference_problems(record, CATALOG)
    assert [(p.rule, p.column) for p in with_pass] == [(p.rule, p.column) for p in by_rules]
    # and the pass is taken at all: a known project and indicator dated inside the period
    if project in CATALOG.project_periods and code in CATALOG.indicators and not by_rules:
        assert validate._indicator_achievement_passes(record, CATALOG)
