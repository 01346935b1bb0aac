"""Property tests: any amount or date written the Czech ways reads back exactly (Decimal, never float)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import schema as s
from etl.load import load_files
from etl.parse import ParseError, parse_date, parse_money, parse_percent

SPACES = [" ", "\u00a0", "\u202f", ""]
SUFFIXES = ["", " Kč", "Kč", " CZK", " kč"]

halere = st.integers(min_value=0, max_value=10**13)  # up to 100 billion Kč
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def czech_money(draw: st.DrawFn) -> tuple[Decimal, str]:
    """An amount and one way an office writes it: ``1 234 567,80 Kč``, ``1234567,8``, ``12 CZK``."""
    amount = Decimal(draw(halere)) / 100
    space, suffix = draw(st.sampled_from(SPACES)), draw(st.sampled_from(SUFFIXES))
    whole, cents = divmod(int(amount * 100), 100)
    text = f"{whole:,}".replace(",", space)
    style = draw(st.sampled_from(["cents", "trimmed", "whole"]))
    if style == "cents" or (style == "whole" and cents):
        text += f",{cents:02d}"
    elif style == "trimmed" and cents:
        text += f",{cents:02d}".rstrip("0")
    return amount, text + suffix


@st.composite
def czech_date(draw: st.DrawFn) -> tuple[dt.date, object]:
    """A date and one way a file gives it: ``1.11.2017``, ``1. 11. 2017``, ISO, an Excel serial."""
    day = draw(dates)
    serial = (day - dt.date(1899, 12, 30)).days
    written = draw(st.sampled_from([
        f"{day.day}.{day.month}.{day.year}", f"{day.day}. {day.month}. {day.year}",
        f"{day:%d.%m.%Y}", day.isoformat(), f"{day.day}.\u00a0{day.month}.\u00a0{day.year}",
        serial, str(serial), dt.datetime.combine(day, dt.time()), day,
    ]))
    return day, written


@given(czech_money())
def test_prop001_money_reads_back_exactly(case: tuple[Decimal, str]) -> None:
    amount, text = case
    parsed = parse_money(text)
    assert isinstance(parsed, Decimal)
    assert parsed == amount


@given(czech_date())
def test_prop002_dates_read_back_exactly(case: tuple[dt.date, object]) -> None:
    day, written = case
    assert parse_date(written) == day


@given(st.integers(min_value=0, max_value=100), st.sampled_from(["{} %", "{}%", "{} %"]))
def test_prop003_percentages_in_any_spelling(value: int, pattern: str) -> None:
    assert parse_percent(pattern.format(value)) == value


@given(st.decimals(min_value=0, max_value=10**9, places=3).filter(lambda d: d != d.quantize(Decimal("0.01"))))
def test_prop004_more_than_haler_precision_is_refused(amount: Decimal) -> None:
    with pytest.raises(ParseError):
        parse_money(str(amount).replace(".", ","))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(czech_money(), czech_date()), min_size=1, max_size=5))
def test_prop005_through_a_file_into_the_database(engine: sa.Engine, rows) -> None:  # noqa: ANN001
    """Amounts and dates survive a CSV file, the loader and the database, on both backends."""
    project = "CZ.03.2.63/0.0/0.0/16_063/0007777"
    lines = ["registracni_cislo;rok;zdroj_financovani;planovano;cerpano"]
    project_csv = ("registracni_cislo;nazev\n" f"{project};Vlastnosti\n").encode()
    expected = {}
    for year, ((amount, text), _date) in enumerate(rows, start=2000):
        lines.append(f"{project};{year};eu;{text};{text}")
        expected[year] = amount
    # In a CSV every written form is text: a serial number, an ISO date, a datetime.
    dates_csv = "registracni_cislo;kod;nazev;od;do\n" + "".join(
        f"{project};KA{i};Aktivita;{written};\n" for i, (_m, (_d, written)) in enumerate(rows))
    result = load_files(engine, blobs=[("projekty.csv", project_csv),
                                       ("cerpani.csv", "\n".join(lines).encode("utf-8")),
                                       ("klicove_aktivity.csv", dates_csv.encode("utf-8"))],
                        replace=True)  # the files are the whole truth: earlier examples' rows go
    assert result.ok, [str(p) for p in result.errors]
    with engine.connect() as conn:
        stored = dict(conn.execute(sa.select(s.drawdown.c.year, s.drawdown.c.drawn)).all())
        starts = dict(conn.execute(sa.select(s.key_activity.c.code, s.key_activity.c.start_date)).all())
    assert stored == expected
    assert starts == {f"KA{i}": d for i, (_m, (d, _w)) in enumerate(rows)}
