"""Every file in tests/data/bad/ is rejected for the right reason, at the right place, and writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from etl.database import make_engine
from etl.load import load_files
from tests.conftest import REQUIRE_POSTGRES, table_snapshot

BAD = Path(__file__).parent.parent / "data" / "bad"

# file → (rule, sheet, row, column) of the error it must be rejected with.
EXPECTED: dict[str, tuple[str, str | None, int | None, str | None]] = {
    "01_cile_indikatoru_missing_column.csv": ("column-missing", None, 1, "cilova_hodnota"),
    "02_projekty_no_header.csv": ("header-missing", None, None, None),
    "03_plneni_indikatoru_missing_value.csv": ("value-required", None, 3, "dosazena_hodnota"),
    "04_plneni_indikatoru_not_a_number.csv": ("value-value", None, 2, "dosazena_hodnota"),
    "05_plneni_indikatoru_not_a_date.csv": ("value-date", None, 2, "datum"),
    "06_plneni_indikatoru_no_such_date.csv": ("value-date", None, 2, "datum"),
    "07_cerpani_negative_money.csv": ("money-negative", None, 2, "cerpano"),
    "08_cerpani_three_decimals.csv": ("value-money", None, 2, "planovano"),
    "09_cerpani_money_text.csv": ("value-money", None, 2, "planovano"),
    "10_projekty_shares_sum.csv": ("shares-sum", None, 2, "celkove_zpusobile_vydaje"),
    "11_projekty_percent_sum.csv": ("shares-percent-sum", None, 2, "podil_prijemce"),
    "12_projekty_share_inconsistent.csv": ("share-inconsistent", None, 2, "podil_prijemce"),
    "13_projekty_start_after_end.csv": ("period-reversed", None, 2, "ukonceni"),
    "14_klicove_aktivity_start_after_end.csv": ("period-reversed", None, 2, "do"),
    "15_komunitni_plany_period_reversed.csv": ("period-reversed", None, 2, "obdobi_do"),
    "16_plneni_indikatoru_unknown_indicator.csv": ("unknown-kod_indikatoru", None, 2, "kod_indikatoru"),
    "17_projekty_unknown_orp.csv": ("unknown-orp", None, 2, "orp"),
    "18_opatreni_unknown_plan.csv": ("unknown-plan", None, 2, "plan"),
    "19_plneni_opatreni_unknown_measure.csv": ("unknown-kod", None, 2, "kod"),
    "20_plneni_opatreni_unknown_status.csv": ("unknown-stav", None, 2, "stav"),
    "21_opatreni_unknown_target_group.csv": ("unknown-cilova_skupina", None, 2, "cilova_skupina"),
    "22_cilove_skupiny_unknown_canonical.csv":
        ("unknown-kanonicka_skupina", None, 2, "kanonicka_skupina"),
    "23_projekty_bad_registration_number.csv": ("registration-number", None, 2, "registracni_cislo"),
    "24_projekty_bad_predecessor.csv": ("registration-number", None, 2, "predchozi_projekt"),
    "25_plneni_indikatoru_duplicate_key.csv": ("key-duplicate", None, 3, None),
    "26_cile_indikatoru_unknown_project.csv":
        ("unknown-registracni_cislo", None, 2, "registracni_cislo"),
    "27_cerpani_unknown_funding_source.csv": ("unknown-zdroj_financovani", None, 2, "zdroj_financovani"),
    "28_projekty_unknown_programme.csv": ("unknown-program", None, 2, "program"),
    "29_projekty_garbled_utf8_as_cp1250.csv": ("encoding-garbled", None, 2, None),
    "30_projekty_garbled_utf8_as_latin1.csv": ("encoding-garbled", None, 2, None),
    "31_projekty_empty.csv": ("file-empty", None, None, None),
    "32_seznam.csv": ("entity-unknown", None, None, None),
    "33_projekty_not_a_workbook.xlsx": ("file-type", None, None, None),
    "34_plneni_opatreni_duplicate_column.csv": ("column-duplicate", None, 1, "status"),
    "35_cerpani_year_out_of_range.csv": ("value-year", None, 2, "rok"),
    "36_plneni_opatreni_not_a_percentage.csv": ("value-percent", None, 2, "plneni_procent"),
    "37_plneni_opatreni_percent_over_100.csv": ("percent-range", None, 2, "plneni_procent"),
    "38_plneni_opatreni_not_yes_no.csv": ("value-bool", None, 2, "verejne"),
    "39_projekty_months_not_whole.csv": ("value-int", None, 2, "doba_trvani_mesice"),
    "40_projekty_percent_without_total.csv": ("shares-need-total", None, 2, "celkove_zpusobile_vydaje"),
    "41_projekty_support_sum.csv": ("support-sum", None, 2, "podpora_eu_sr"),
    "42_komunitni_plany_unknown_project.csv":
        ("unknown-registracni_cislo", None, 2, "registracni_cislo"),
    "43_plneni_indikatoru_blank_required.csv": ("value-required", None, 2, "kod_indikatoru"),
    "44_plneni_indikatoru_missing_column_english.csv": ("column-missing", None, 1, "dosazena_hodnota"),
    "45_projekty_negative_share.csv": ("money-negative", None, 2, "podil_eu"),
    "46_klicove_aktivity_bad_registration_number.csv":
        ("registration-number", None, 2, "registracni_cislo"),
    "47_plneni_indikatoru_title_rows_then_bad_date.csv": ("value-date", None, 6, "datum"),
    "48_plneni_indikatoru_nul_bytes.csv": ("file-binary", None, None, None),
    "49_projekty_unknown_encoding.csv": ("encoding", None, None, None),
    "50_workbook_unknown_sheets.xlsx": ("entity-unknown", None, None, None),
    "51_workbook_bad_date.xlsx": ("value-date", "plneni_indikatoru", 3, "datum"),
    "52_workbook_garbled_header_row_text.xlsx": ("encoding-garbled", "projekty", 2, "B"),
}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shared_engine(request: pytest.FixtureRequest, _backends: dict[str, object]) -> Iterator[sa.Engine]:
    """One seeded database per backend for the whole module: no case may change it anyway."""
    backend = _backends[request.param]
    if isinstance(backend, str):
        if REQUIRE_POSTGRES:
            pytest.fail(backend)
        pytest.skip(backend)
    url = backend.fresh_url(seeded=True)
    engine = make_engine(url, writer=True)
    yield engine
    engine.dispose()
    backend.drop(url)


def test_bad001_every_file_has_an_expectation() -> None:
    files = {p.name for p in BAD.iterdir()}
    assert files == set(EXPECTED)
    assert len(files) >= 40
    assert len({rule for rule, *_ in EXPECTED.values()}) >= 35  # distinct reasons, not one repeated


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad002_rejected_at_the_right_place_and_nothing_written(
        shared_engine: sa.Engine, name: str) -> None:
    rule, sheet, row, column = EXPECTED[name]
    before = table_snapshot(shared_engine)
    result = load_files(shared_engine, [BAD / name])
    assert result.status == "rejected"
    assert result.run_id is None
    located = [(p.rule, p.sheet, p.row, p.column) for p in result.errors]
    assert (rule, sheet, row, column) in located, located
    assert all(p.file == name for p in result.errors)
    for problem in result.errors:  # every problem explains itself in both languages
        assert problem.message_cs and problem.message_en
    assert table_snapshot(shared_engine) == before


def test_bad003_all_problems_of_all_files_at_once(shared_engine: sa.Engine) -> None:
    """One load of every bad file reports each file's problem: validation does not stop early."""
    before = table_snapshot(shared_engine)
    result = load_files(shared_engine, sorted(BAD.iterdir()))
    located = {(p.file, p.rule, p.sheet, p.row, p.column) for p in result.errors}
    for name, expected in EXPECTED.items():
        assert (name, *expected) in located, name
    assert table_snapshot(shared_engine) == before
