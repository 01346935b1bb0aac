"""Reading files into raw rows: CSV and XLSX as municipal offices really write them.

All the tolerance for the shape of a file lives here: encodings (UTF-8 with or
without BOM, Windows-1250), delimiters, title rows above the header, blank
rows, merged header cells. Values stay raw (text or what openpyxl gives);
``etl.validate`` parses them.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from etl.entities import ENTITIES, Entity, entity_for_name
from etl.parse import normalise_header
from etl.problems import Problem
from etl.zipcheck import check_workbook_zip

HEADER_SEARCH_ROWS = 15
# The csv module refuses a field over 128 KiB with an exception. Longer text than a
# column takes is refused per column (etl.bounds, with its place and limit); a field
# longer than this can only be rows swallowed by an unbalanced quote.
CSV_FIELD_LIMIT = 1 << 20
csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
SUPPORTED_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")

# Text decoded with the wrong code page: UTF-8 bytes of a Czech letter read as
# Windows-1250, Windows-1252 or Latin-1 become two characters ("ě" → "Ä›").
# The pairs are computed for every Czech letter, so no letter is missed.
CZECH_LETTERS = "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"
_GARBLED_PAIRS = sorted({
    letter.encode("utf-8").decode(code_page, errors="replace")
    for letter in CZECH_LETTERS for code_page in ("cp1250", "cp1252", "latin-1")
}, key=len, reverse=True)
_MOJIBAKE = re.compile("|".join(re.escape(pair) for pair in _GARBLED_PAIRS if "\ufffd" not in pair))


@dataclass
class RawSheet:
    """One CSV file or one workbook sheet: its header and data rows, unparsed.

    ``rows`` of a CSV file is read lazily and can be iterated once: a million-row
    file is never held as a list of raw rows next to its parsed records.
    """

    file_name: str
    sha256: str
    sheet: str | None
    entity: Entity
    header_row: int
    headers: list[str]
    rows: Iterable[tuple[int, list[object]]] = field(default_factory=list)
    # Bytes of the CSV file the rows are read from; 0 for a workbook sheet (already in memory).
    size: int = 0
    # Problems met while the rows are read (a CSV file is read lazily, as the load goes):
    # whoever reads ``rows`` to the end reports them (``validate.RowParser.rows``).
    read_problems: list[Problem] = field(default_factory=list)


@dataclass
class ReadResult:
    """What reading some files gave: the sheets found and the problems met."""

    sheets: list[RawSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (file name, sha256)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, and the supported files inside named folders, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            found.append(path)
    return found


def read_files(paths: Iterable[Path]) -> ReadResult:
    """Read every file (or folder of files) into raw sheets."""
    result = ReadResult()
    for path in expand_paths(paths):
        if not path.exists():
            result.problems.append(_file_problem(path.name, "file-missing",
                                                 "soubor neexistuje", "file does not exist"))
            continue
        read_bytes(path.name, path.read_bytes(), result)
    return result


def read_bytes(file_name: str, data: bytes, result: ReadResult) -> None:
    """Read one file given as bytes (the upload page passes bytes) into ``result``."""
    digest = hashlib.sha256(data).hexdigest()
    result.files.append((file_name, digest))
    if not data.strip():
        result.problems.append(_file_problem(file_name, "file-empty", "soubor je prázdný",
                                             "the file is empty"))
        return
    if data[:4] == b"PK\x03\x04":
        _read_workbook(file_name, digest, data, result)
    elif Path(file_name).suffix.lower() in (".xlsx", ".xlsm"):
        result.problems.append(_file_problem(file_name, "file-type",
                                             "soubor není sešit XLSX", "the file is not an XLSX workbook"))
    else:
        _read_csv(file_name, digest, data, result)


def _file_problem(file_name: str, rule: str, cs: str, en: str, sheet: str | None = None) -> Problem:
    return Problem(file=file_name, sheet=sheet, rule=rule, message_cs=cs, message_en=en)


def decode_text(file_name: str, data: bytes) -> tuple[str | None, Problem | None]:
    """UTF-8 (with or without BOM) or Windows-1250; garbled text is refused, never loaded."""
    encoding, problem = detect_encoding(file_name, data)
    if problem:
        return None, problem
    return data.decode(encoding), None


DECODE_PIECE = 1 << 20  # bytes decoded at a time: a big file is never held decoded whole
_GARBLED_OVERLAP = max(len(pair) for pair in _GARBLED_PAIRS) - 1


def detect_encoding(file_name: str, data: bytes) -> tuple[str | None, Problem | None]:
    """The file's encoding (``utf-8-sig`` or ``cp1250``), or the problem that refuses it.

    The text is decoded piece by piece to check it, then dropped: decoded whole,
    a file of a million rows would take several times its size in memory.
    """
    if b"\x00" in data[:4096]:
        return None, _file_problem(file_name, "file-binary", "soubor není text (CSV)",
                                   "the file is not text (CSV)")
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            garbled = _first_garbled(_decoded_pieces(data, encoding))
        except UnicodeDecodeError:
            continue
        if garbled:
            line, text = garbled
            return None, garbled_problem(file_name, None, line, None, text)
        return encoding, None
    return None, _file_problem(file_name, "encoding",
                               "neznámé kódování (použijte UTF-8 nebo Windows-1250)",
                               "unknown encoding (use UTF-8 or Windows-1250)")


def _decoded_pieces(data: bytes, encoding: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)()
    for start in range(0, len(data), DECODE_PIECE):
        yield decoder.decode(data[start:start + DECODE_PIECE])
    yield decoder.decode(b"", final=True)


def _first_garbled(pieces: Iterable[str]) -> tuple[int, str] | None:
    """(line, text) of the first text garbled by a wrong code page, across piece boundaries."""
    lines = 0  # line breaks before the current window
    tail = ""  # the end of the previous piece: a garbled pair may straddle two pieces
    for piece in pieces:
        window = tail + piece
        found = _MOJIBAKE.search(window)
        if found:
            return lines + window.count("\n", 0, found.start()) + 1, found.group(0)
        kept = max(len(window) - _GARBLED_OVERLAP, 0)
        lines += window.count("\n", 0, kept)
        tail = window[kept:]
    return None


def garbled_problem(file_name: str, sheet: str | None, row: int | None, column: str | None,
                    value: str) -> Problem:
    """Text garbled by a wrong code page: refused, never loaded."""
    return Problem(
        file=file_name, sheet=sheet, row=row, column=column, value=value, rule="encoding-garbled",
        message_cs="text je poškozený špatnou znakovou sadou (např. „Ä›“ místo „ě“); "
                   "opravte text nebo soubor uložte znovu jako UTF-8",
        message_en="the text was garbled by a wrong code page (e.g. 'Ä›' for 'ě'); "
                   "fix the text or save the file again as UTF-8",
    )


def find_garbled(file_name: str, sheet: str, rows: list[tuple[int, list[object]]]) -> Problem | None:
    """The first workbook cell whose text was garbled by a wrong code page (pasted from a bad CSV)."""
    for number, cells in rows:
        for index, cell in enumerate(cells):
            if isinstance(cell, str) and (found := _MOJIBAKE.search(cell)):
                from openpyxl.utils import get_column_letter

                return garbled_problem(file_name, sheet, number, get_column_letter(index + 1),
                                       found.group(0))
    return None


def _sniff_delimiter(text: str) -> str:
    sample = [line for line in text.splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    counts = {d: sum(line.count(d) for line in sample) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ";"))


def _read_csv(file_name: str, digest: str, data: bytes, result: ReadResult) -> None:
    encoding, problem = detect_encoding(file_name, data)
    if problem:
        result.problems.append(problem)
        return
    entity = entity_for_name(Path(file_name).stem)
    if entity is None:
        result.problems.append(_unknown_entity(file_name, None))
        return
    top = data[:65536].decode(encoding, errors="ignore")  # a character may be cut at the end
    # Decoded as it is read: the rows are consumed once, while the load streams them.
    text = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline="")
    delimiter = _sniff_delimiter(top)
    # strict: a quote left open to the end of the file, or text after a closing quote,
    # is an error instead of rows silently swallowed into one field.
    reader = csv.reader(text, delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    _add_sheet(file_name, digest, None, entity,
               _csv_rows(reader, delimiter, file_name, problems), result,
               size=len(data), read_problems=problems)


def _csv_rows(reader: Iterator[list[str]], delimiter: str, file_name: str,
              problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """The reader's rows, numbered; a malformed quote ends them with a problem in ``problems``.

    A row that spans several lines has a quoted field with line breaks: real in a comment,
    but when a line inside the field is as wide as a row, rows were swallowed by a quote
    left open (it closed at a stray quote further down).
    """
    number, line, width = 0, 0, 0
    try:
        for number, cells in enumerate(reader, start=1):
            if reader.line_num - line > 1 and _swallows_rows(cells, delimiter, width):
                problems.append(quote_problem(file_name, line + 1))
                return
            line, width = reader.line_num, max(width, len(cells))
            yield number, cells
    except csv.Error as exc:
        if "field limit" in str(exc):
            problems.append(Problem(
                file=file_name, row=line + 1, rule="value-bounds",
                message_cs=f"pole delší než {CSV_FIELD_LIMIT} znaků (neuzavřené uvozovky?)",
                message_en=f"a field longer than {CSV_FIELD_LIMIT} characters (an unbalanced quote?)"))
        else:
            problems.append(quote_problem(file_name, line + 1))


def _swallows_rows(cells: list[str], delimiter: str, width: int) -> bool:
    """Whether a line inside a multi-line field of ``cells`` is a whole row of ``width`` cells."""
    return width > 2 and any(
        line.count(delimiter) >= width - 1
        for cell in cells if "\n" in cell or "\r" in cell for line in cell.splitlines())


def quote_problem(file_name: str, line: int) -> Problem:
    """A quote opened on ``line`` that is never closed, or closed and followed by text."""
    return Problem(
        file=file_name, row=line, rule="csv-quote-unbalanced",
        message_cs="uvozovky v tomto řádku nejsou správně uzavřené a pohltily další řádky "
                   "nebo text; opravte je (uvozovka uvnitř textu v uvozovkách se zdvojuje: \"\")",
        message_en="a quote on this row is not closed properly and swallowed further rows "
                   "or text; fix it (a quote inside quoted text is doubled: \"\")")


def _unknown_entity(file_name: str, sheet: str | None) -> Problem:
    names = ", ".join(ENTITIES)
    return Problem(
        file=file_name, sheet=sheet, rule="entity-unknown",
        message_cs=f"z názvu nelze poznat, co soubor obsahuje; název musí obsahovat jedno z: {names}",
        message_en=f"the name does not say what the file holds; it must contain one of: {names}",
    )


def _read_workbook(file_name: str, digest: str, data: bytes, result: ReadResult) -> None:
    from etl.workbook import SheetTooLarge, iter_sheets  # openpyxl only when a workbook comes

    bomb = check_workbook_zip(file_name, data)
    if bomb is not None:
        result.problems.append(bomb)
        return
    try:
        # Help and code-list sheets of the template are not data: never read.
        sheets = list(iter_sheets(data, lambda name: entity_for_name(name) is not None))
    except SheetTooLarge as exc:
        result.problems.append(exc.problem(file_name))
        return
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's problem to fix
        result.problems.append(_file_problem(
            file_name, "file-unreadable", f"sešit nelze přečíst ({type(exc).__name__})",
            f"the workbook cannot be read ({type(exc).__name__}: {exc})"))
        return
    for sheet_name, rows in sheets:
        entity = entity_for_name(sheet_name)
        garbled = find_garbled(file_name, sheet_name, rows)
        if garbled:
            result.problems.append(garbled)
            continue
        _add_sheet(file_name, digest, sheet_name, entity, rows, result)
    if not sheets:
        result.problems.append(_unknown_entity(file_name, None))


def _add_sheet(file_name: str, digest: str, sheet: str | None, entity: Entity,
               all_rows: Iterable[tuple[int, list[object]]], result: ReadResult,
               size: int = 0, read_problems: list[Problem] | None = None) -> None:
    rest = iter(all_rows)
    rows = list(itertools.islice(rest, HEADER_SEARCH_ROWS))
    if read_problems:  # the top rows could not be read: nothing below them is reliable
        result.problems.extend(read_problems)
        return
    header_at = find_header(entity, rows)
    if header_at is None:
        required = ", ".join(c.name for c in entity.columns if c.required)
        result.problems.append(Problem(
            file=file_name, sheet=sheet, rule="header-missing",
            message_cs=f"nenalezen řádek se záhlavím (povinné sloupce: {required})",
            message_en=f"no header row found (required columns: {required})",
        ))
        return
    header_number, headers = rows[header_at]
    result.sheets.append(RawSheet(
        file_name=file_name, sha256=digest, sheet=sheet, entity=entity,
        header_row=header_number, headers=[str(h or "").strip() for h in headers],
        rows=_data_rows(itertools.chain(rows[header_at + 1:], rest)), size=size,
        read_problems=read_problems if read_problems is not None else [],
    ))


def _data_rows(rows: Iterator[tuple[int, list[object]]]) -> Iterator[tuple[int, list[object]]]:
    """Rows with something in them, without the template's help row under the header."""
    first = True
    for number, cells in rows:
        try:  # CSV rows are all text: one join tells a blank row
            blank = not "".join(cells).strip()
        except TypeError:  # workbook rows hold numbers, dates and None too
            blank = not any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells)
        if blank:
            continue
        if first and _is_help_row(cells):
            first = False
            continue
        first = False
        yield number, cells


def find_header(entity: Entity, rows: list[tuple[int, list[object]]]) -> int | None:
    """Index of the header row: of the top rows naming the entity's key columns, the one naming most.

    A two-level header (``Období`` merged over ``Období od`` / ``Období do``)
    repeats its merged cells on both rows; the lower row names more columns.
    """
    key_headers = [entity.column(k).header_keys() for k in entity.key
                   if entity.column(k).required]
    best: tuple[int, int] | None = None  # (columns named, index)
    for index, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {normalise_header(str(c)) for c in cells if c is not None and str(c).strip()}
        known = sum(1 for c in entity.columns if c.header_keys() & names)
        if all(keys & names for keys in key_headers) and known >= min(2, len(entity.columns)) \
                and (best is None or known > best[0]):
            best = (known, index)
    return best[1] if best else None


HELP_ROW_MARKERS = ("napoveda", "help")


def _is_help_row(cells: list[object]) -> bool:
    """The template's help row: its first filled cell starts with "Nápověda:" ("Help:").

    Only that explicit marker counts, so that no real data row is ever taken
    for help and dropped.
    """
    first = next((str(c) for c in cells if c is not None and str(c).strip()), "")
    return normalise_header(first.split(":", 1)[0]) in HELP_ROW_MARKERS and ":" in first
