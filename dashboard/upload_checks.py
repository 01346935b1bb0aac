"""Uploaded files judged by their bytes, not their names.

A workbook must be a real XLSX zip whose entries unpack to a bounded size: a
zip bomb is refused before openpyxl opens it, with memory bounded by a small
chunk. A CSV must be text: a binary file renamed ``.csv`` is refused. File
names lose their folders and control characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from etl.problems import Problem
from etl.zipcheck import check_workbook_zip

TEXT_SUFFIXES = (".csv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Uploaded workbooks are a few MB unpacked: a tighter bound than the ETL's own.
MAX_UPLOAD_UNPACKED_BYTES = 50 * 1024 * 1024

MAGIC = {
    b"\xd0\xcf\x11\xe0": ("starý sešit Excel (.xls) nebo dokument Office; uložte jej jako .xlsx",
                          "an old Excel workbook (.xls) or Office document; save it as .xlsx"),
    b"%PDF": ("dokument PDF", "a PDF document"),
    b"\x89PNG": ("obrázek PNG", "a PNG image"),
    b"\xff\xd8\xff": ("obrázek JPEG", "a JPEG image"),
    b"\x7fELF": ("spustitelný program", "an executable program"),
    b"MZ": ("spustitelný program", "an executable program"),
    b"\x1f\x8b": ("archiv gzip", "a gzip archive"),
    b"Rar!": ("archiv RAR", "a RAR archive"),
    b"7z\xbc\xaf": ("archiv 7z", "a 7z archive"),
}


def safe_file_name(name: object) -> str:
    """The bare file name (no folders, no control characters, at most 200 characters)."""
    text = str(name or "")
    text = "".join(c for c in text if ord(c) >= 32 and c != "\x7f")
    text = PurePosixPath(text.replace("\\", "/")).name.strip()
    if text in ("", ".", ".."):
        return "soubor"
    return text[-200:]


@dataclass(frozen=True)
class UploadCheck:
    """A file's kind by its content (``csv`` or ``xlsx``), or the problem that refuses it."""

    kind: str | None
    problem: Problem | None = None


def _refused(file_name: str, rule: str, cs: str, en: str) -> UploadCheck:
    return UploadCheck(None, Problem(file=file_name, rule=rule, message_cs=cs, message_en=en))


def check_upload(file_name: str, data: bytes, max_bytes: int) -> UploadCheck:
    """What an uploaded file really is, judged by its bytes; the name's suffix must agree."""
    suffix = PurePosixPath(file_name.lower()).suffix
    if len(data) > max_bytes:
        return _refused(file_name, "file-too-large",
                        f"soubor je větší než {max_bytes // (1024 * 1024)} MB",
                        f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    if not data.strip():
        return _refused(file_name, "file-empty", "soubor je prázdný", "the file is empty")
    if suffix not in TEXT_SUFFIXES + WORKBOOK_SUFFIXES:
        return _refused(file_name, "file-type", "nahrajte soubor CSV nebo XLSX",
                        "upload a CSV or XLSX file")
    if data[:4] == b"PK\x03\x04":
        if suffix not in WORKBOOK_SUFFIXES:
            return _refused(file_name, "file-type", "soubor je archiv, ne text CSV",
                            "the file is an archive, not CSV text")
        problem = check_workbook_zip(file_name, data, MAX_UPLOAD_UNPACKED_BYTES)
        return UploadCheck(None, problem) if problem else UploadCheck("xlsx")
    for magic, (cs, en) in MAGIC.items():
        if data.startswith(magic):
            return _refused(file_name, "file-type", f"soubor je {cs}", f"the file is {en}")
    if suffix in WORKBOOK_SUFFIXES:
        return _refused(file_name, "file-type", "soubor není sešit XLSX",
                        "the file is not an XLSX workbook")
    if not looks_like_text(data):
        return _refused(file_name, "file-binary", "soubor není text (CSV)",
                        "the file is not text (CSV)")
    return UploadCheck("csv")


def looks_like_text(data: bytes) -> bool:
    """No NUL bytes and (almost) no control characters: text, not a renamed binary file."""
    sample = data[:64 * 1024]
    if b"\x00" in sample:
        return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control <= len(sample) // 1000
