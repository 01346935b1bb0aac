"""Workbook zips judged before openpyxl opens them: a zip bomb is refused.

A real XLSX workbook is a zip of XML parts. One crafted to unpack to gigabytes
would take the worker's memory down inside openpyxl, so every workbook — an
upload on /nahrat or a file given to ``python -m etl load`` — is checked here
first: declared sizes (cheap), then the real unpacked sizes, counted in small
chunks so that memory stays bounded even for a zip that lies about its sizes.
"""

from __future__ import annotations

import io
import logging
import zipfile

from etl.problems import Problem

log = logging.getLogger(__name__)

# Real workbooks compress 5–20×; XML of a sheet with many empty cells a little more.
MAX_ENTRY_RATIO = 200
MAX_ZIP_ENTRIES = 1000
#: Unpacked bytes a workbook given to the ETL may reach (national lists are tens of MB).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
_CHUNK = 64 * 1024


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
