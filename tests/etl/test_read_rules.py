"""Reading edge cases, warning rules and the command line's contract (exit codes, summary)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

from etl.cli import main
from etl.load import load_files
from etl.parse import parse_percent, parse_share
from etl.read import decode_text

OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"  # seed project, 1.11.2017–31.10.2019
GOOD = Path(__file__).parent.parent / "data" / "good"
BAD = Path(__file__).parent.parent / "data" / "bad"


@pytest.mark.parametrize("garbled", ["Ä›", "Ĺ™", "Ã©", "Ĺ˝", "Ă­"])
def test_read001_garbled_text_is_refused(garbled: str) -> None:
    text, problem = decode_text("projekty.csv", f"nazev\nM{garbled}sto\n".encode())
    assert text is None and problem.rule == "encoding-garbled" and problem.row == 2


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250"])
def test_read002_czech_text_in_each_encoding_reads_the_same(encoding: str) -> None:
    original = "název;příjemce\nŘídící skupina – Žďár;Město Frýdek-Místek, café\n"
    text, problem = decode_text("x.csv", original.encode(encoding))
    assert problem is None and text == original


def test_read003_two_level_merged_header(engine: sa.Engine, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "komunitni_plany"
    sheet.append(["Plán", "Název", "Období", None])
    sheet.append([None, None, "Období od", "Období do"])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:D1")
    sheet.append(["frydek-kp3", "3. komunitní plán", 2020, 2023])
    book.save(tmp_path / "plany.xlsx")
    result = load_files(engine, [tmp_path / "plany.xlsx"])
    assert result.ok, [str(p) for p in result.errors]
    assert result.total("inserted") == 1


def _load_csv(engine: sa.Engine, tmp_path: Path, name: str, text: str):  # noqa: ANN202
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_files(engine, [tmp_path / name])


@pytest.mark.parametrize(("name", "text", "rule", "row", "column"), [
    ("plneni_indikatoru.csv", f"registracni_cislo;kod_indikatoru;datum;dosazena_hodnota\n"
     f"{OSTRAVA};60000;31.12.2020;20\n", "date-outside-project", 2, "datum"),
    ("plneni_opatreni.csv", "plan;kod;rok;stav\ndemo-ukazkov-kp;1.1;2025;splněno\n",
     "year-outside-plan", 2, "rok"),
    ("plneni_indikatoru.csv", f"registracni_cislo;kod_indikatoru;datum;dosazena_hodnota\n"
     f"{OSTRAVA};60000;30.6.2018;10\n{OSTRAVA};60000;31.12.2018;8\n", "achieved-falling", 3,
     "dosazena_hodnota"),
    ("projekty.csv", f"registracni_cislo;nazev;poznamka_uradu\n{OSTRAVA};"
     "Společné plánování udržitelné sítě sociálních služeb v Ostravě;x\n", "column-extra", 1,
     "poznamka_uradu"),
])
def test_read004_warnings_are_reported_and_the_load_goes_on(
        seeded_engine: sa.Engine, tmp_path: Path, name: str, text: str, rule: str, row: int,
        column: str) -> None:
    result = _load_csv(seeded_engine, tmp_path, name, text)
    assert result.status == "loaded", [str(p) for p in result.errors]
    assert [(p.rule, p.row, p.column) for p in result.warnings] == [(rule, row, column)]


def test_read005_cli_exit_codes_and_summary(db_url: str, capsys) -> None:  # noqa: ANN001
    assert main(["load", str(GOOD / "utf8_semicolon"), "--database", db_url, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "status: dry-run" in out and "plneni_indikatoru.csv [plneni_indikatoru]: inserted 4" in out
    assert main(["load", str(GOOD / "utf8_semicolon"), "--database", db_url]) == 0
    assert main(["load", str(GOOD / "utf8_semicolon"), "--database", db_url]) == 0
    assert "inserted 0, updated 0, unchanged 4" in capsys.readouterr().out
    assert main(["load", str(BAD / "06_plneni_indikatoru_no_such_date.csv"), "--database", db_url]) == 1
    out = capsys.readouterr().out
    assert "status: rejected" in out and "row 2, column datum" in out and "[value-date]" in out
    assert main(["load", "--database", db_url]) == 2  # no paths: a usage error
    assert main(["load", "x.csv", "--no-such-option"]) == 2
    assert main(["runs", "--database", db_url]) == 0
    assert "plneni_indikatoru.csv" in capsys.readouterr().out


@pytest.mark.parametrize(("text", "percent"), [("85 %", 85), ("85%", 85), ("0,85", 85), ("0.85", 85),
                                               ("12,5 %", Decimal("12.5")), (0.85, 85)])
def test_read006_percentages(text: object, percent: Decimal) -> None:
    assert parse_percent(text) == percent
    assert parse_share(text).percent == percent and parse_share(text).amount is None


def test_read020_a_zip_bomb_given_to_the_command_line_is_refused_before_it_is_unpacked(
        engine: sa.Engine, tmp_path: Path) -> None:
    from tests.conftest import table_snapshot
    from tests.security.files import lying_zip_bomb, zip_bomb

    before = table_snapshot(engine)
    for name, data in (("projekty.xlsx", zip_bomb(20)), ("opatreni.xlsx", lying_zip_bomb())):
        path = tmp_path / name
        path.write_bytes(data)
        result = load_files(engine, [path], user="test")
        assert not result.ok
        # the lying one may be caught as a bomb or as a damaged zip: both refuse it unread
        assert [p.file for p in result.errors] == [name]
        assert result.errors[0].rule in ("file-zip-bomb", "file-zip")
    assert table_snapshot(engine) == before
