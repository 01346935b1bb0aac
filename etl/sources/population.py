"""ČSÚ's yearly population by ORP and age (data set 130181): one CSV per year, the state on
31 December.

What is known of the file (``SOURCES.md`` section 4 and readers of earlier years' files): one
row per territory, sex and age group, the number of people in ``hodnota``; the territory's code
list in ``uzemi_cis`` (65 = ORP; earlier files call the territory columns ``vuzemi_*``), its
code in ``uzemi_kod`` (ČSÚ code list 65, the codes of ``orp.csv``'s ``kod_orp``) and its name in
``uzemi_txt``; ``pohlavi_txt`` empty for both sexes together, otherwise ``muž`` / ``žena``;
``vek_txt`` empty for all ages, otherwise a group such as ``65 až 70 (méně než 70)``, ``95 a
více`` or ``Od 95``; ``casref_do`` the day described (``2024-12-31``). Rows of other territories
(the state, regions, districts, municipalities) are skipped.

Traps: totals and breakdowns stand in one file, so the total is read, never the sum of every
row; a file may give a breakdown by sex only (men and women are then added); the age groups must
add up to the total and meet at 15 and 65; Prague is no ORP in ČSÚ's own sense and may appear
only as the region (code list 100, code 3018) or the municipality (code list 43, code 554782):
the same territory, taken for ORP 1000 when code list 65 does not list it. Anything else the
file does not say is reported, never guessed: an ORP of the reference missing from the file, a
code no ORP has, a year the file and the command line disagree on.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from etl.parse import ParseError, clean_text, normalise_header, parse_int
from etl.problems import WARNING, Problem
from etl.read import detect_encoding

ORP_LIST = "65"
# Prague as the region and as the municipality: the same territory as ORP 1000.
PRAGUE, PRAGUE_ALIASES = "1000", {("100", "3018"), ("43", "554782")}
# The header names of each column we read, newest first (``vuzemi_*`` in earlier files).
COLUMNS = {
    "value": ("hodnota",),
    "territory_list": ("uzemi_cis", "vuzemi_cis"),
    "territory": ("uzemi_kod", "vuzemi_kod"),
    "territory_name": ("uzemi_txt", "vuzemi_txt"),
    "sex": ("pohlavi_txt",),
    "sex_code": ("pohlavi_kod",),
    "age": ("vek_txt",),
    "day": ("casref_do",),
}
REQUIRED = ("value", "territory_list", "territory")
MEN, WOMEN, BOTH = "muž", "žena", ""
_SEXES = {"": BOTH, "celkem": BOTH, "muz": MEN, "muzi": MEN, "zena": WOMEN, "zeny": WOMEN,
          "1": MEN, "2": WOMEN}
# Age group boundaries the summary needs: 0–14, 15–64, 65+.
BANDS = ((0, 15, "population_0_14"), (15, 65, "population_15_64"), (65, None, "population_65_plus"))
_BELOW = re.compile(r"m[ée]n[eě]\s+ne[žz]\s+(\d+)", re.IGNORECASE)
_RANGE = re.compile(r"^\s*(?:od\s+)?(\d+)\s*(?:až|az|-|–)\s*(\d+)", re.IGNORECASE)
_OPEN = re.compile(r"^\s*(?:od\s+)?(\d+)\s*(?:\+|a\s+v[ií]ce|let\s+a\s+v[ií]ce)?\s*(?:let)?\s*$",
                   re.IGNORECASE)
TOTAL_AGE = {"", "celkem", "úhrn", "uhrn"}


@dataclass
class OrpPopulation:
    """One ORP's population of the year, as the load writes it."""

    orp_code: str
    row: int  # the file row its total came from (or its first row)
    population: int
    population_0_14: int
    population_15_64: int
    population_65_plus: int


@dataclass
class PopulationRead:
    """What reading the file found: the year, each ORP's figures, and the problems."""

    file_name: str
    sha256: str
    year: int | None = None
    orps: list[OrpPopulation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_rows: int = 0  # rows of other territories or other years


def age_band(text: str | None) -> tuple[int, int | None] | None:
    """An age group's years as (from, below; None = open end); None for all ages.

    ``65 až 70 (méně než 70)`` → (65, 70); ``65–69`` → (65, 70); ``95 a více`` → (95, None).
    Raises ValueError for text that names no age group.
    """
    text = (text or "").strip()
    if text.casefold() in TOTAL_AGE:
        return None
    below = _BELOW.search(text)
    ranged = _RANGE.match(text)
    if ranged:
        start = int(ranged.group(1))
        end = int(below.group(1)) if below else int(ranged.group(2)) + 1
        if end <= start:
            raise ValueError(text)
        return start, end
    opened = _OPEN.match(text)
    if opened:
        return int(opened.group(1)), None
    raise ValueError(text)


def _sex(text: str | None) -> str | None:
    return _SEXES.get(normalise_header(text or ""))


class _Columns:
    """Where each column we read stands in the header."""

    def __init__(self, header: list[str]):
        names = [normalise_header(h) for h in header]
        self.at = {key: next((names.index(n) for n in options if n in names), None)
                   for key, options in COLUMNS.items()}
        self.header = header

    def missing(self) -> list[str]:
        return [COLUMNS[key][0] for key in REQUIRED if self.at[key] is None]

    def get(self, row: list[str], key: str) -> str | None:
        index = self.at[key]
        return clean_text(row[index]) if index is not None and index < len(row) else None


class _Reader:
    """Reads the rows, keeping the ORP rows of the year and reporting each bad one."""

    def __init__(self, read: PopulationRead, orps: set[str], names: dict[str, str],
                 ruian: dict[str, str]):
        self.read, self.orps, self.names, self.ruian = read, orps, names, ruian
        # year (None where the file names none) → ORP → (sex, age band or None) → (value, row)
        self.cells: dict[int | None, dict[str, dict[tuple, tuple[int, int]]]] = {}
        # the same for Prague's other territories (region, municipality), by list/code
        self.aliases: dict[int | None, dict[str, dict[tuple, tuple[int, int]]]] = {}
        self.days: dict[int, int] = {}  # year → first row
        self.named: set[tuple[str, str]] = set()  # ORP names already reported as differing

    def problem(self, row: int | None, column: str | None, value: object, rule: str, cs: str,
                en: str, severity: str = "error") -> None:
        self.read.problems.append(Problem(
            file=self.read.file_name, row=row, column=column, rule=rule, severity=severity,
            value=None if value is None else str(value), message_cs=cs, message_en=en))

    def orp_of(self, listed: str | None, code: str | None, row: int, name: str | None) -> str | None:
        """The ORP a row's territory is, or None for another territory (reported when bad)."""
        if listed == ORP_LIST:
            if code in self.orps:
                orp = code
            elif code in self.ruian:  # the RÚIAN code of an ORP: no ČSÚ code has its form
                orp = self.ruian[code]
            else:
                self.problem(row, "uzemi_kod", code, "population-unknown-orp",
                             "ORP s tímto kódem není v číselníku ORP (orp.csv)",
                             "no ORP has this code (orp.csv)")
                return None
            if name and normalise_header(name) != normalise_header(self.names[orp]) \
                    and (orp, name) not in self.named:
                self.named.add((orp, name))
                self.problem(row, "uzemi_txt", name, "population-orp-name",
                             f"název se liší od názvu ORP {orp} v orp.csv ({self.names[orp]})",
                             f"the name differs from ORP {orp}'s name in orp.csv "
                             f"({self.names[orp]})", severity=WARNING)
            return orp
        return None

    def add(self, number: int, row: list[str], columns: _Columns, year: int | None) -> None:
        listed, code = columns.get(row, "territory_list"), columns.get(row, "territory")
        alias = (listed, code) in PRAGUE_ALIASES
        orp = self.orp_of(listed, code, number, columns.get(row, "territory_name"))
        if orp is None and not alias:
            self.read.skipped_rows += 1
            return
        day_text, row_year = columns.get(row, "day"), None
        if day_text is not None:
            try:
                day = dt.date.fromisoformat(day_text[:10])
            except ValueError:
                self.problem(number, "casref_do", day_text, "population-bad-date",
                             "nečitelné datum (očekáváno RRRR-MM-DD)",
                             "an unreadable date (YYYY-MM-DD expected)")
                return
            self.days.setdefault(day.year, number)
            row_year = day.year
            if year is not None and day.year != year:
                self.read.skipped_rows += 1
                return
        sex = columns.get(row, "sex") if columns.at["sex"] is not None \
            else columns.get(row, "sex_code")
        kind = _sex(sex)
        if kind is None:
            self.problem(number, "pohlavi_txt", sex, "population-bad-sex",
                         "neznámé pohlaví (očekáváno prázdné, muž nebo žena)",
                         "an unknown sex (empty, muž or žena expected)")
            return
        age_text = columns.get(row, "age")
        try:
            band = age_band(age_text)
        except ValueError:
            self.problem(number, "vek_txt", age_text, "population-bad-age",
                         "nečitelná věková skupina (např. „65 až 70 (méně než 70)“ nebo „95 a více“)",
                         "an unreadable age group (e.g. '65 až 70 (méně než 70)' or '95 a více')")
            return
        text = columns.get(row, "value")
        try:
            value = parse_int(text)
            if value < 0:
                raise ParseError("záporný počet obyvatel", "a negative number of people")
        except ParseError as exc:
            self.problem(number, "hodnota", text, "population-bad-value",
                         f"počet obyvatel musí být celé nezáporné číslo ({exc.message_cs})",
                         f"the number of people must be a whole number, not negative "
                         f"({exc.message_en})")
            return
        places = self.aliases if alias else self.cells
        target = places.setdefault(row_year, {}).setdefault(f"{listed}/{code}" if alias else orp, {})
        key = (kind, band)
        if key in target:
            self.problem(number, "hodnota", text, "population-duplicate-row",
                         f"stejné území, pohlaví a věk už uvádí řádek {target[key][1]}",
                         f"row {target[key][1]} already gives the same territory, sex and age")
            return
        target[key] = (value, number)


def _summary(orp: str, cells: dict[tuple, tuple[int, int]], reader: _Reader) -> OrpPopulation | None:
    """One ORP's total and age bands from its rows (reported where they disagree)."""
    first_row = min(row for _value, row in cells.values())

    def problem(rule: str, value: object, cs: str, en: str) -> None:
        reader.problem(first_row, "hodnota", value, rule, f"ORP {orp}: {cs}", f"ORP {orp}: {en}")

    by_age: dict[tuple, int] = {band: value for (sex, band), (value, _row) in cells.items()
                                if sex == BOTH and band is not None}
    if not by_age:  # a breakdown by sex only: men and women added, group by group
        bands = {band for (sex, band) in cells if band is not None}
        for band in bands:
            parts = [cells.get((sex, band)) for sex in (MEN, WOMEN)]
            if all(parts):
                by_age[band] = sum(value for value, _row in parts)
    total = cells.get((BOTH, None))
    total_value = total[0] if total else None
    if total_value is None and cells.get((MEN, None)) and cells.get((WOMEN, None)):
        total_value = cells[(MEN, None)][0] + cells[(WOMEN, None)][0]
    if not by_age:
        problem("population-no-age-groups", total_value,
                "soubor neuvádí věkové skupiny, počet obyvatel 65+ nelze spočítat",
                "the file gives no age groups, so the population aged 65+ cannot be counted")
        return None
    ordered = sorted(by_age, key=lambda band: band[0])
    edges_ok = ordered[0][0] == 0 and ordered[-1][1] is None and all(
        a[1] == b[0] for a, b in zip(ordered, ordered[1:], strict=False))
    if not edges_ok:
        shown = ", ".join(f"{a}–{'' if b is None else b - 1}" for a, b in ordered)
        problem("population-age-gaps", shown,
                "věkové skupiny nenavazují od 0 let bez mezer a překryvů",
                "the age groups do not run from 0 without gaps or overlaps")
        return None
    straddling = [band for band in ordered for edge in (15, 65)
                  if band[0] < edge and (band[1] is None or band[1] > edge)]
    if straddling:
        start, end = straddling[0]
        problem("population-age-band", f"{start}–{'' if end is None else end - 1}",
                "věková skupina přesahuje hranici 15 nebo 65 let",
                "an age group crosses the 15 or 65 years boundary")
        return None
    summed = sum(by_age.values())
    if total_value is not None and summed != total_value:
        problem("population-age-sum", f"{summed} ≠ {total_value}",
                "součet věkových skupin se nerovná celkovému počtu obyvatel",
                "the age groups do not add up to the total")
        return None
    bands = {name: sum(v for (start, _end), v in by_age.items()
                       if start >= low and (high is None or start < high))
             for low, high, name in BANDS}
    row = total[1] if total else first_row
    return OrpPopulation(orp_code=orp, row=row, population=summed, **bands)


def read_population(path: Path, orps: dict[str, str], ruian: dict[str, str],
                    year: int | None = None) -> PopulationRead:
    """Read ČSÚ's population file at ``path``: every ORP of ``orps`` (code → name; ``ruian``
    maps RÚIAN codes onto them) for ``year`` (the file's own year when it names one)."""
    data = path.read_bytes()
    read = PopulationRead(file_name=path.name, sha256=hashlib.sha256(data).hexdigest())
    encoding, problem = detect_encoding(path.name, data)
    if problem:
        read.problems.append(problem)
        return read
    head = data[:4096].decode(encoding, errors="ignore").lstrip()
    if head.startswith("<") or not head:
        read.problems.append(Problem(
            file=path.name, rule="population-not-csv", value=head[:60] or None,
            message_cs="soubor není CSV ČSÚ (prázdný, nebo uložená webová stránka)",
            message_en="the file is not ČSÚ's CSV (empty, or a saved web page)"))
        return read
    first_line = head.splitlines()[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    rows = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=""),
                      delimiter=delimiter)
    columns = _Columns(next(rows))
    if columns.missing():
        read.problems.append(Problem(
            file=path.name, row=1, rule="population-missing-column",
            column=", ".join(columns.missing()), value=", ".join(columns.header)[:200],
            message_cs="v záhlaví chybí sloupec potřebný k načtení (záhlaví souboru je v hodnotě)",
            message_en="the header lacks a column the load needs (the file's header is the value)"))
        return read
    reader = _Reader(read, set(orps), orps, ruian)
    try:
        for number, row in enumerate(rows, start=2):
            if any(cell.strip() for cell in row):
                reader.add(number, row, columns, year)
    except csv.Error as exc:
        reader.problem(None, None, str(exc), "population-bad-csv", "poškozené CSV",
                       "a damaged CSV file")
    _decide_year(read, reader, year)
    if read.problems and any(p.is_error for p in read.problems):
        return read
    key = read.year if reader.days else None  # rows of a file without days carry no year
    cells = reader.cells.get(key, {})
    if PRAGUE in orps and PRAGUE not in cells:
        alias = next((c for _place, c in sorted(reader.aliases.get(key, {}).items())), None)
        if alias:
            cells[PRAGUE] = alias
    for orp in orps:
        if orp not in cells:
            reader.problem(None, "uzemi_kod", orp, "population-orp-missing",
                           f"soubor neuvádí ORP {orps[orp]}; rok se načítá za všechny ORP najednou",
                           f"the file lacks ORP {orps[orp]}; a year is loaded for every ORP at once")
    for orp, mine in sorted(cells.items()):
        found = _summary(orp, mine, reader)
        if found is not None:
            read.orps.append(found)
    return read


def _decide_year(read: PopulationRead, reader: _Reader, year: int | None) -> None:
    """The year the file describes: as the command line says, checked against the file's days."""
    found = sorted(reader.days)
    if year is not None:
        if found and year not in found:
            reader.problem(reader.days[found[0]], "casref_do", ", ".join(map(str, found)),
                           "population-year-mismatch",
                           f"soubor popisuje jiný rok, než uvádí --year {year}",
                           f"the file describes another year than --year {year}")
        read.year = year
    elif len(found) == 1:
        read.year = found[0]
    elif not found:
        reader.problem(None, "casref_do", None, "population-year-unknown",
                       "soubor neuvádí rok (sloupec casref_do); zadejte jej volbou --year",
                       "the file does not say its year (column casref_do); give it with --year")
    else:
        reader.problem(None, "casref_do", ", ".join(map(str, found)), "population-several-years",
                       "soubor popisuje více let; zvolte jeden volbou --year",
                       "the file describes several years; choose one with --year")
    # the state on 31 December: a year not yet over has no figures
    if read.year is not None and not (read.year >= 1990 and dt.date(read.year, 12, 31)
                                      <= dt.date.today()):
        reader.problem(None, "casref_do", read.year, "population-bad-year",
                       "nemožný rok (od 1990 do posledního skončeného roku)",
                       "an impossible year (from 1990 to the last year ended)")
