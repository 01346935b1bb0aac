"""DotaceEU "Seznam operací" (list of operations) XLSX, 2014–20 and 2021–27 layouts.

Columns are found by their header text, never by position: the ministry
reorders and adds columns between exports. The header row is the first of the
top rows that names the registration number; the 2014–20 export has an
English header row under the Czech one, which is skipped.

Money. The legal-act amounts become the project's total and shares: EU =
"příspěvek Unie", state = "národní veřejné zdroje", beneficiary = "národní
soukromé zdroje". For a public beneficiary (a town) its own share is inside
the national public sources, which the export does not split; the figures
are loaded as the export states them. Paid amounts ("vyúčtované v žádostech
o platbu", cumulative) become drawdown in the year of the export.

The 2021–27 export repeats a project once per public-procurement row; the
project's own figures are taken from its first row and never summed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import re
from pathlib import Path

from etl.entities import REGISTRATION_NUMBER
from etl.parse import normalise_header, parse_date
from etl.problems import Problem
from etl.read import RawSheet, ReadResult
from etl.registration import programme_of
from etl.sources.common import Selection, call_of, import_sheet

HEADER_SEARCH_ROWS = 12
LEGAL = "financni_prostredky_v_pravnich_aktech_o_poskytnuti_prevodu_podpory"
PAID = "financni_prostredky_vyuctovane_v_zadostech_o_platbu"

# import column → header texts (normalised) that carry it, best first
PROJECT_COLUMNS: dict[str, tuple[str, ...]] = {
    REGISTRATION_NUMBER: ("registracni_cislo_operace", "registracni_cislo_projektu"),
    "nazev": ("nazev_projektu_cz", "nazev_projektu", "nazev_operace"),
    "prijemce": ("nazev_subjektu_jmeno_a_prijmeni", "prijemce_nazev", "nazev_prijemce"),
    "ico_prijemce": ("ic", "ic_prijemce", "ico_prijemce"),
    "zahajeni": ("skutecne_datum_zahajeni_fyzicke_realizace_projektu",
                 "predpokladane_datum_zahajeni_fyzicke_realizace_projektu",
                 "datum_zahajeni_realizace", "skutecne_datum_zahajeni"),
    # The actual end and the planned one stay apart: a running project has only the planned.
    "ukonceni": ("skutecne_datum_ukonceni_fyzicke_realizace_projektu", "datum_ukonceni_realizace"),
    "planovane_ukonceni": ("predpokladane_datum_ukonceni_fyzicke_realizace_projektu",
                           "predpokladane_datum_ukonceni"),
    "celkove_zpusobile_vydaje": (f"{LEGAL}_czv_czk", "celkove_zpusobile_vydaje_czk",
                                 "celkove_naklady_na_operaci_czk"),
    "podil_eu": (f"{LEGAL}_prispevek_unie_czk", "prispevek_unie_czk"),
    "podil_sr": (f"{LEGAL}_narodni_verejne_zdroje_czk", "narodni_verejne_zdroje_czk"),
    "podil_prijemce": (f"{LEGAL}_narodni_soukrome_zdroje_soukrome_zdroje_czk",
                       "narodni_soukrome_zdroje_czk"),
}
PAID_COLUMNS = {"eu": f"{PAID}_prispevek_unie_czk", "state": f"{PAID}_narodni_verejne_zdroje_czk",
                "beneficiary": f"{PAID}_narodni_soukrome_zdroje_soukrome_zdroje_czk"}
REGISTRATION_KEYS = PROJECT_COLUMNS[REGISTRATION_NUMBER]


def read_dotaceeu(path: Path, selection: Selection = Selection()) -> ReadResult:  # noqa: B008 - frozen
    """Read a DotaceEU export into import-format sheets (projekty, cerpani)."""
    import openpyxl

    from etl.workbook import SheetTooLarge, sheet_rows
    from etl.zipcheck import check_workbook_zip

    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    result = ReadResult(files=[(path.name, digest)])
    bomb = check_workbook_zip(path.name, data)
    if bomb is not None:
        result.problems.append(bomb)
        return result
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        # Streamed and bounded: a far cell is refused, never padded out to a rectangle.
        rows = sheet_rows(sheet)
        top = [cells for _n, cells in itertools.islice(rows, HEADER_SEARCH_ROWS)]
        found = _header(top)
        if found is None:
            result.problems.append(Problem(
                file=path.name, sheet=sheet.title, rule="header-missing",
                message_cs="nenalezeno záhlaví s registračním číslem (není to Seznam operací?)",
                message_en="no header naming the registration number (is this a list of operations?)"))
            return result
        index, positions = found
        body = [(n, r) for n, r in enumerate(top, start=1) if n > index + 1] + list(rows)
        result.sheets.extend(_sheets(path.name, digest, sheet.title, body, positions,
                                     _as_of(top[:index]), selection))
    except SheetTooLarge as exc:
        result.problems.append(exc.problem(path.name))
    finally:
        book.close()
    return result


def _header(top: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    """(row index, normalised header → column) of the Czech header row."""
    for index, cells in enumerate(top):
        names = {normalise_header(str(c)): i for i, c in enumerate(cells) if c is not None}
        if any(key in names for key in REGISTRATION_KEYS):
            return index, names
    return None


def _as_of(title_rows: list[list[object]]) -> dt.date:
    """The export's date (the generation-date row); today when it states none."""
    for cells in title_rows:
        for cell in cells:
            if isinstance(cell, dt.datetime | dt.date):
                return parse_date(cell)
            match = re.search(r"\d{1,2}\.\s*\d{1,2}\.\s*\d{4}", str(cell or ""))
            if match:
                return parse_date(match.group(0))
    return dt.date.today()


def _pick(cells: list[object], positions: dict[str, int], keys: tuple[str, ...]) -> object:
    for key in keys:
        if key in positions and positions[key] < len(cells):
            return cells[positions[key]]
    return None


def _sheets(file_name: str, digest: str, sheet: str, body: list[tuple[int, list[object]]],
            positions: dict[str, int], as_of: dt.date,
            selection: Selection) -> list[RawSheet]:
    projects: list[tuple[int, dict[str, object]]] = []
    drawdown: list[tuple[int, dict[str, object]]] = []
    seen: set[str] = set()
    for number, cells in body:
        registration = str(_pick(cells, positions, REGISTRATION_KEYS) or "").strip()
        if "registration" in normalise_header(registration):
            continue  # the 2014–20 export's English header row
        if not registration or registration in seen or not selection.wants(registration):
            continue  # a repeated project (one row per procurement) counts once, from its first row
        seen.add(registration)
        values = {column: _pick(cells, positions, keys) for column, keys in PROJECT_COLUMNS.items()}
        values.update({REGISTRATION_NUMBER: registration, "program": programme_of(registration),
                       "vyzva": call_of(registration),
                       "zdroj": f"DotaceEU, Seznam operací ({file_name})"})
        if isinstance(values["ico_prijemce"], int | float):
            values["ico_prijemce"] = f"{int(values['ico_prijemce']):08d}"
        projects.append((number, values))
        for source, key in PAID_COLUMNS.items():
            paid = cells[positions[key]] if key in positions and positions[key] < len(cells) else None
            if paid not in (None, ""):
                drawdown.append((number, {REGISTRATION_NUMBER: registration, "rok": as_of.year,
                                          "zdroj_financovani": source, "cerpano": paid,
                                          "zdroj": f"DotaceEU, vyúčtováno k {as_of:%d.%m.%Y}"}))
    return [import_sheet(file_name, digest, sheet, "projekty", projects),
            import_sheet(file_name, digest, sheet, "cerpani", drawdown)]
