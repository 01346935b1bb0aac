"""The project page names a planned end beside the actual period, never in its place."""

from __future__ import annotations

import datetime as dt
import sys

import dash
import pandas as pd
import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from tests.dashboard.test_project_page_layout import _text

RUNNING = {"key": "CZ.03.02.01/00/22_008/0000049", "registration_number_stated": True,
           "start_date": dt.date(2024, 1, 1), "end_date": None,
           "planned_end_date": dt.date(2026, 12, 31), "duration_months": None,
           "municipality_count": None, "programme_code": "OPZ+", "programme_name": None,
           "call_number": "8", "call_name": None, "beneficiary": "Zlínský kraj",
           "beneficiary_ico": "70891320"}


@pytest.fixture
def project_page(db_url: str):  # noqa: ANN201 - the page module, once the app has imported it
    create_app(Settings(database_url=db_url))
    entry = next(p for p in dash.page_registry.values() if p["path"] == "/projekt")
    return sys.modules[entry["module"]]


@pytest.mark.parametrize(("lang", "stated"), [("cs", "plánované ukončení 31. 12. 2026"),
                                              ("en", "planned end")])
def test_ppe001_running_project_shows_its_planned_end(project_page, lang: str,  # noqa: ANN001
                                                      stated: str) -> None:
    facts = project_page._identity_facts(RUNNING, pd.DataFrame(columns=["code", "name"]), lang,
                                         dt.date(2025, 5, 1))
    assert stated in _text(facts).replace("\u00a0", " ")


def test_ppe002_planned_end_equal_to_the_actual_is_not_repeated(project_page) -> None:  # noqa: ANN001
    ended = {**RUNNING, "end_date": dt.date(2026, 12, 31)}
    facts = project_page._identity_facts(ended, pd.DataFrame(columns=["code", "name"]), "cs",
                                         dt.date(2027, 5, 1))
    assert "plánované" not in _text(facts)
