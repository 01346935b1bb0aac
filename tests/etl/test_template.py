"""``python -m etl template``: one sheet per entity, headers, a help row the reader skips, drop-downs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import sqlalchemy as sa

from etl import schema as s
from etl.cli import main
from etl.entities import ENTITIES
from etl.load import load_files
from etl.template import write_template


def _validations(sheet) -> dict[str, str]:  # noqa: ANN001 - a worksheet
    """Column letter → the drop-down's source formula."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[cell_range.coord.split(":")[0].rstrip("0123456789")] = validation.formula1
    return found


def test_tpl001_sheets_headers_help_row_and_drop_downs(engine: sa.Engine, tmp_path: Path) -> None:
    path = write_template(engine, tmp_path / "sablona.xlsx")
    book = openpyxl.load_workbook(path)
    assert set(ENTITIES) <= set(book.sheetnames)
    for name, entity in ENTITIES.items():
        sheet = book[name]
        assert [c.value for c in sheet[1]] == [c.name for c in entity.columns]
        assert str(sheet["A2"].value).startswith("Nápověda:")
    lists = book["seznamy"]
    assert lists.sheet_state == "hidden"
    columns = {lists.cell(1, c).value: [lists.cell(r, c).value for r in range(2, lists.max_row + 1)]
               for c in range(1, lists.max_column + 1)}
    with engine.connect() as conn:
        assert sorted(filter(None, columns["orp"])) == sorted(conn.scalars(sa.select(s.orp.c.name)))
        assert set(filter(None, columns["indicator"])) == set(conn.scalars(sa.select(s.indicator.c.code)))
    assert "splněno" in columns["measure_status"] and "eu" in columns["funding_source"]
    assert "Senioři" in columns["target_group"]
    achieved = _validations(book["plneni_indikatoru"])
    assert achieved == {"B": "=seznamy!$B$2:$B$3"}  # kod_indikatoru; two indicators in the codebook
    assert _validations(book["plneni_opatreni"])["D"].startswith("=seznamy!$D$")  # stav
    assert _validations(book["cerpani"])["C"].startswith("=seznamy!$C$")  # zdroj_financovani
    assert _validations(book["projekty"])["H"].startswith("=seznamy!$A$")  # orp
    assert _validations(book["cilove_skupiny"])["C"].startswith("=seznamy!$E$")  # kanonicka_skupina


def test_tpl002_filled_template_loads_and_its_help_row_is_skipped(engine: sa.Engine, tmp_path: Path) -> None:
    path = write_template(engine, tmp_path / "sablona.xlsx")
    book = openpyxl.load_workbook(path)
    book["projekty"].append(["CZ.03.2.63/0.0/0.0/16_063/0007200", "Ze šablony"])
    book["plneni_indikatoru"].append(["CZ.03.2.63/0.0/0.0/16_063/0007200", "60000", "1.3.2019", 4])
    book.save(path)
    result = load_files(engine, [path])
    assert result.ok, [str(p) for p in result.errors]
    assert result.total("inserted") == 2
    assert not [p for p in result.problems if p.row == 2]  # the help row was not read as data


def test_tpl003_command_line(db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "sablona.xlsx"
    assert main(["template", str(out), "--database", db_url]) == 0
    assert "projekty" in openpyxl.load_workbook(out).sheetnames


def test_tpl_cbk_codebook_sheets_offer_periods_and_programmes(engine: sa.Engine) -> None:
    from etl.template import build_template, entity_names

    book = build_template(engine)
    assert entity_names()[:3] == ["programy", "vyzvy", "indikatory"]  # loaded first
    assert [c.value for c in book["indikatory"][1]] == [
        "kod", "nazev", "jednotka", "obdobi", "popis", "zdroj", "odstranit"]
    period_list = _validations(book["indikatory"])["D"]
    assert _validations(book["programy"])["C"] == period_list
    assert _validations(book["vyzvy"])["A"] == _validations(book["projekty"])["F"]  # programmes
    column = period_list.split("!$")[1].split("$")[0]
    values = [c.value for c in book["seznamy"][column] if c.value is not None]
    assert values == ["period", "2004–2006", "2007–2013", "2014–2020", "2021–2027"]
