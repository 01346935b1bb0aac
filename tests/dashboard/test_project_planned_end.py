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


@pytest.mark.parametrize(("lang", "stated"), [
    ("cs", "1. 1. 2024 – 31. 12. 2026 (plánované ukončení, skutečné zatím není uvedeno)"),
    ("en", "(planned end; no actual end stated yet)")])
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


@pytest.mark.parametrize(("today", "status"), [(dt.date(2025, 5, 1), "probíhá"),
                                               (dt.date(2027, 3, 1), "ukončen")])
def test_ppe003_a_running_projects_status_follows_its_planned_end(
        project_page, today: dt.date, status: str) -> None:  # noqa: ANN001
    facts = project_page._identity_facts(RUNNING, pd.DataFrame(columns=["code", "name"]), "cs",
                                         today)
    assert f"uvedeno) {status}Pokrytá ORP" in _text(facts)


def test_ppe004_an_indicator_of_a_running_project_is_projected_to_its_planned_end(
        project_page) -> None:  # noqa: ANN001
    from dashboard.pages._project_indicators import indicator_card, risk_text

    goal = {"indicator_code": "67010", "indicator_name": "Počet podpořených osob", "unit": "osoby",
            "status": "at_risk", "target_value": 120.0, "latest": 40.0, "share_of_target": 1 / 3,
            "projected": 100.0, "elapsed": 0.5, "is_demo": False, "description": None,
            "start_date": dt.date(2023, 1, 1), "end_date": None,
            "planned_end_date": dt.date(2025, 12, 31)}
    assert "do 31. 12. 2025 (plánované ukončení) dosáhne asi 100" in \
        risk_text(goal, "cs").replace("\u00a0", " ")
    assert "by 31 Dec 2025 (planned end)" in risk_text(goal, "en").replace("\u00a0", " ")
    card = _text(indicator_card(goal, pd.DataFrame(columns=["reported_on", "achieved_value"]), {},
                                "key", "cs", dt.date(2024, 6, 30))).replace("\u00a0", " ")
    assert "120 (do 31. 12. 2025)" in card and "Projekce k plánovanému konci100" in card
