"""Workbooks are streamed and bounded: a far cell is refused at once, in little memory."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from etl.read import ReadResult, read_bytes
from etl.sources.dotaceeu import read_dotaceeu
from etl.workbook import MAX_COLUMNS, MAX_ROWS

ROOT = Path(__file__).parent.parent.parent


def far_cell_workbook(cell: str, sheet: str = "projekty", dimension: bool = True,
                      header: tuple[str, ...] = ("Registrační číslo", "Název")) -> bytes:
    """A workbook with a header and one value at ``cell``; without ``dimension`` the sheet
    states no size, so only streaming finds the far cell."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(header))
    ws[cell] = 1
    out = io.BytesIO()
    book.save(out)
    if dimension:
        return out.getvalue()
    return _rewrite_sheet(out.getvalue(), lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml))


def _rewrite_sheet(data: bytes, change) -> bytes:  # noqa: ANN001
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            target.writestr(item, body)
    return out.getvalue()


def _read(data: bytes) -> ReadResult:
    result = ReadResult()
    read_bytes("sesit.xlsx", data, result)
    return result


@pytest.mark.parametrize(("cell", "dimension", "row", "column"), [
    ("XFD1048576", True, 1048576, "XFD"),  # the stated dimension refuses it before any row
    ("XFD1048576", False, MAX_ROWS + 1, None),
    ("Z300000", False, MAX_ROWS + 1, None),
    (f"{openpyxl.utils.get_column_letter(MAX_COLUMNS + 1)}5", False, 5,
     openpyxl.utils.get_column_letter(MAX_COLUMNS + 1)),
])
def test_wbk001_far_cell_refused_located(cell: str, dimension: bool, row: int,
                                         column: str | None) -> None:
    data = far_cell_workbook(cell, dimension=dimension)
    assert len(data) < 12_000
    result = _read(data)
    assert not result.sheets
    [problem] = result.problems
    assert (problem.rule, problem.sheet) == ("sheet-too-large", "projekty")
    assert (problem.row, problem.column) == (row, column)
    assert f"{MAX_COLUMNS} columns" in problem.message_en and "200 000 řádků" in problem.message_cs


def test_wbk002_far_cell_judged_in_bounded_memory(tmp_path: Path) -> None:
    """The whole CLI load of the 11 KB workbook stays far below what the normal loader took (GBs)."""
    path = tmp_path / "projekty.xlsx"
    path.write_bytes(far_cell_workbook("XFD1048576", dimension=False))
    database = tmp_path / "db.sqlite"
    code = (
        "import sys\n"
        "from etl.cli import main\n"
        f"status = main(['load', {str(path)!r}, '--database', 'sqlite:///{database}'])\n"
        # VmHWM is this program's own peak: ru_maxrss would also count the pytest process
        # the child was forked from, which a long suite makes larger than the bound
        "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM')]\n"
        "print('RSS', peak[0].split()[1])\n"
        "sys.exit(status)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=False)
    assert done.returncode == 1, done.stderr
    assert "sheet-too-large" in done.stdout and "Traceback" not in done.stderr
    peak_kib = int(done.stdout.rsplit("RSS", 1)[1])
    assert peak_kib < 400 * 1024  # the normal loader reached 3.85 GB


def test_wbk003_other_sheets_are_never_read() -> None:
    """A far cell on a sheet that is not data (the template's lists) costs nothing."""
    book = openpyxl.Workbook()
    book.active.title = "projekty"
    book.active.append(["Registrační číslo", "Název", "Příjemce"])
    book.active.append(["local:abc", "Projekt", "Obec"])
    lists = book.create_sheet("seznamy")
    lists["XFD1048576"] = 1
    out = io.BytesIO()
    book.save(out)
    result = _read(out.getvalue())
    assert not result.problems and [s.entity.name for s in result.sheets] == ["projekty"]


def test_wbk004_merged_range_beyond_bounds_refused() -> None:
    data = far_cell_workbook("B2", dimension=False)
    data = _rewrite_sheet(data, lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/>'
                         b"</mergeCells>"))
    [problem] = _read(data).problems
    assert problem.rule == "sheet-too-large"


def test_wbk005_dotaceeu_far_cell_refused(tmp_path: Path) -> None:
    path = tmp_path / "seznam_operaci.xlsx"
    path.write_bytes(far_cell_workbook(
        "XFD1048576", sheet="Seznam operací", dimension=False,
        header=("Registrační číslo operace", "Název projektu (CZ)")))
    result = read_dotaceeu(path)
    assert [p.rule for p in result.problems] == ["sheet-too-large"] and not result.sheets
