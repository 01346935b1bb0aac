"""Czech formatting, formula-safe exports, and documented settings."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dashboard import formatting as fmt
from dashboard.config import SETTINGS_DOC, Settings
from dashboard.spreadsheets import to_csv, to_xlsx
from domain.cells import neutralise

ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_fmt001_czech_money_percent_date() -> None:
    assert _plain(fmt.money(Decimal("3648425.00"))) == "3 648 425,00 Kč"
    assert _plain(fmt.percent(0.85)) == "85 %"
    assert _plain(fmt.date(dt.date(2017, 11, 1))) == "1. 11. 2017"
    assert fmt.money(None) == fmt.EMPTY


def test_fmt002_english_money() -> None:
    assert _plain(fmt.money(Decimal("3648425.00"), "en")) == "CZK 3,648,425.00"


@pytest.mark.parametrize("text", ["=1+1", "+420", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_exp001_formula_text_is_neutralised(text: str) -> None:
    assert neutralise(text) == "'" + text


def test_exp002_numbers_stay_numbers_in_xlsx() -> None:
    frame = pd.DataFrame({"name": ["=HYPERLINK(\"x\")", "Ostrava"], "amount": [Decimal("-5.5"), 3]})
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame)))
    sheet = book.active
    assert sheet["A2"].value == "'=HYPERLINK(\"x\")" and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -5.5 and isinstance(sheet["B3"].value, (int, float))
    assert "'=HYPERLINK" in to_csv(frame).decode("utf-8-sig")


def test_cfg001_every_setting_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SETTINGS_DOC:
        assert f"`{name}`" in readme, name


def test_cfg002_settings_from_environment() -> None:
    settings = Settings.from_env({"DATABASE_URL": "postgres://u@h/db", "PORT": "9000",
                                  "KPSS_BOUNDARY_FILE": "b.geojson"})
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.port == 9000 and settings.boundary_file == Path("b.geojson")
