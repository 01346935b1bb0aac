"""Upload test files made in memory: good and bad workbooks, a zip bomb, renamed binaries."""

from __future__ import annotations

import base64
import io
import zipfile

import openpyxl

GOOD_KEY = "CZ.03.2.63/0.0/0.0/16_063/0009999"
HEADERS = ["registracni_cislo", "nazev", "prijemce", "program", "vyzva", "orp", "zahajeni",
           "ukonceni", "celkove_zpusobile_vydaje", "podil_eu", "podil_sr", "podil_prijemce"]
GOOD_ROW = [GOOD_KEY, "Testovací projekt nahrání", "Město Test", "OPZ", "63", "8119", "1.1.2020",
            "31.12.2021", "1 000 000 Kč", "85 %", "10 %", "5 %"]
BAD_ROW = ["CZ.03.2.63/0.0/0.0/16_063/0009998", "Chybný projekt", "Město Test", "OPZ", "63",
           "9999", "32.13.2020", "31.12.2021", "-5 Kč", "85 %", "10 %", "5 %"]


def workbook(rows: list[list[object]], sheet: str = "projekty") -> bytes:
    """An XLSX workbook with one sheet of ``HEADERS`` and ``rows``."""
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(HEADERS)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(rows: list[list[object]]) -> bytes:
    """A ``;``-separated UTF-8 CSV of ``HEADERS`` and ``rows``."""
    lines = [";".join(HEADERS)] + [";".join(str(c) for c in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def zip_bomb(unpacked_mb: int = 60) -> bytes:
    """A workbook-shaped zip whose one sheet unpacks to ``unpacked_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                sheet.write(block)
    return buffer.getvalue()


def lying_zip_bomb() -> bytes:
    """A zip bomb whose headers claim the sheet is small (the sizes are patched)."""
    data = bytearray(zip_bomb(20))
    # central directory entry of the sheet: signature PK\1\2, uncompressed size at offset 24
    name = b"xl/worksheets/sheet1.xml"
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_length = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + name_length] == name:
            data[central + 24:central + 28] = (1000).to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(data)


def data_url(data: bytes, mime: str = "application/octet-stream") -> str:
    """How dcc.Upload sends a file."""
    return f"data:{mime};base64," + base64.b64encode(data).decode()
