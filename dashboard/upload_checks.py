"""Uploaded files judged by their bytes, not their names.

A workbook must be a real XLSX zip whose entries unpack to a bounded size: a
zip bomb is refused before openpyxl opens it, with memory bounded by a small
chunk. A CSV must be text: a binary file renamed ``.csv`` is refused. File
names lose their folders and control characters.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from etl.problems import Problem

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".csv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# Real workbooks of this app are a few MB unpacked and compress 5–20×.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ENTRY_RATIO = 200
MAX_ZIP_ENTRIES = 1000
_CHUNK = 64 * 1024

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
        problem = check_workbook_zip(file_name, data)
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


def check_workbook_zip(file_name: str, data: bytes,
                       max_unpacked: int = MAX_UNPACKED_BYTES,
                       max_ratio: int = MAX_ENTRY_RATIO) -> Problem | None:
    """Refuse a workbook whose zip would unpack too far, before openpyxl opens it.

    The declared sizes are checked first (cheap); then every entry is really
    unpacked in small chunks and counted, so that a zip lying about its sizes
    is caught too, with memory bounded by the chunk size.
    """
    def refused(cs: str, en: str, rule: str = "file-zip") -> Problem:
        return Problem(file=file_name, rule=rule, message_cs=cs, message_en=en)

    bomb = refused("sešit by se rozbalil do nepřiměřené velikosti (zip bomba?)",
                   "the workbook would unpack to an unreasonable size (zip bomb?)", "file-zip-bomb")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                return refused("soubor není sešit XLSX", "the file is not an XLSX workbook")
            if len(entries) > MAX_ZIP_ENTRIES:
                return bomb
            declared = 0
            for entry in entries:
                declared += entry.file_size
                if declared > max_unpacked or _ratio(entry) > max_ratio:
                    return bomb
            unpacked = 0
            for entry in entries:
                entry_bytes = 0
                with archive.open(entry) as stream:
                    while chunk := stream.read(_CHUNK):
                        entry_bytes += len(chunk)
                        unpacked += len(chunk)
                        if unpacked > max_unpacked or (
                                entry_bytes > 1024 * 1024
                                and entry_bytes > max_ratio * max(entry.compress_size, 1)):
                            return bomb
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError,
            EOFError, OSError, ValueError) as exc:
        log.info("unreadable workbook %r: %s", file_name, exc)
        return refused("sešit je poškozený nebo jej nelze přečíst",
                       "the workbook is damaged or cannot be read")
    return None


def _ratio(entry: zipfile.ZipInfo) -> float:
    """Unpacked size over packed size; small entries do not count (they cannot hurt)."""
    if entry.file_size <= 1024 * 1024:
        return 0.0
    return entry.file_size / max(entry.compress_size, 1)
