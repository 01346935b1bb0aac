"""Key activities (KA 02, KA1 …) with periods, goals and outputs; indicators with codes and targets."""

from __future__ import annotations

import re
from functools import cache

from etl.extract import patterns as P
from etl.extract import vocabulary as V
from etl.extract.model import DraftRecord, PageDraft
from etl.extract.text import lines, strip_item_period
from etl.reference import REFERENCE_DIR, read_csv

_ACTIVITY = re.compile(rf"^(?:- )?(?P<code>{'|'.join(V.ACTIVITY_CODES)})\s*(?:[-–—:.|]\s*)?"
                       rf"(?P<name>[{P.UPPER}a-zá-ž][^|]*?)(?:\s+\|.*)?$")
_GOAL_LABEL = re.compile(r"^(?:cíl(?:e)?(?: aktivity| klíčové aktivity)?)\s*:\s*(?P<rest>.*)$",
                         re.IGNORECASE)
_OUTPUT_LABEL = re.compile(r"^(?:plánované |očekávané )?výstup(?:y|)(?: aktivity)?\s*:\s*(?P<rest>.*)$",
                           re.IGNORECASE)
_INDICATOR_CODE = re.compile(r"\bkód(?:\s+indikátoru)?\s*:?\s*(?P<code>\d{5})\b", re.IGNORECASE)
_TARGET_WORD = V.any_of(V.TARGET_WORDS)
_TARGET = re.compile(rf"(?:{_TARGET_WORD.pattern})\s*(?:je|činí|:|-|–)?\s*"
                     rf"(?P<value>\d+(?: \d{{3}})*(?:,\d+)?)(?![.,]?\d)", re.IGNORECASE)
_INDICATOR_WORD = V.any_of(V.INDICATOR_WORDS)
# A five-digit indicator code standing alone (not part of a number, an amount or a postcode).
_BARE_CODE = re.compile(r"(?<![\d/.,\w])(?P<code>[1-9]\d{4})(?![\d/.,]|\s?(?:Kč|CZK|%))")
_BASELINE = re.compile(r"\bvýchozí\s+hodnot\w*\s*:?\s*(?P<value>\d[\d ]*(?:,\d+)?)", re.IGNORECASE)
_TARGET_DATE = re.compile(
    rf"\b(?:dosažen\w*|splněn\w*|naplněn\w*)\s+(?:k|do)\s+(?:datu\s+)?(?P<date>{P.DATE})", re.IGNORECASE)
_TRAILING_PERIOD = re.compile(r"\s*\((?:od\s+)?[^()]*\d{4}\)\s*$")
_PERIOD_LINE = re.compile(r"^\(|^(?:od|termín|doba|období|realizace)\b", re.IGNORECASE)
_ACHIEVED = re.compile(r"\bskutečn\w+\s+hodnot", re.IGNORECASE)


@cache
def codebook() -> dict[str, str]:
    """The indicator codebook shipped in data/reference: code → name."""
    return {row["kod"]: row["nazev"] for row in read_csv(REFERENCE_DIR / "indikatory.csv")}


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _is_heading(line: str) -> bool:
    """A line that opens a new part of the page ("Indikátory:", "Cílová skupina:")."""
    return line.endswith(":") and not line.startswith("- ") and len(line) <= 80


def extract_activities(text: str, project: DraftRecord, draft: PageDraft) -> None:
    """Key activities listed one per line, each with the lines under it until the next."""
    current: DraftRecord | None = None
    mode = ""
    for line in lines(text):
        match = _ACTIVITY.match(line)
        if match:
            current = draft.add(DraftRecord("klicove_aktivity"))
            current.link_to(project)
            code = match["code"]
            if not code.upper().startswith("KA"):  # "Klíčová aktivita č. 2" is KA 2
                code = f"KA {match['n2']}"
            current.set("kod", code, line)
            name = match["name"]
            # "KA2 Realizace vzdělávání (od 1.1.2018 do 31.12.2018)": the period on the name's line
            period = _TRAILING_PERIOD.search(name)
            if period and P.date_range(period.group(0)):
                name = name[:period.start()]
                start, end = P.date_range(period.group(0))
                current.set("od", start, line)
                current.set("do", end, line)
            current.set("nazev", strip_item_period(name), line)
            mode = ""
            continue
        if current is None:
            continue
        if goal := _GOAL_LABEL.match(line):
            mode, rest = "cil", goal["rest"]
        elif output := _OUTPUT_LABEL.match(line):
            mode, rest = "vystupy", output["rest"]
        elif _is_heading(line):
            current, mode = None, ""
            continue
        else:
            rest = line
        if not rest:
            continue
        period = P.date_range(rest) if _PERIOD_LINE.match(rest) else None
        if period and "od" not in current.values:
            current.set("od", period[0], line)
            current.set("do", period[1], line)
        elif mode and rest:
            current.append(mode, strip_item_period(rest[2:] if rest.startswith("- ") else rest), line)


def extract_indicators(text: str, project: DraftRecord, draft: PageDraft) -> None:
    """Indicators given as a name line followed by items: code, description, planned value, date."""
    all_lines = lines(text)
    for index, line in enumerate(all_lines):
        code = _INDICATOR_CODE.search(line)
        if not code:
            continue
        record = draft.add(DraftRecord("cile_indikatoru"))
        record.link_to(project)
        record.set("kod_indikatoru", code["code"], line)
        start = index
        while start > 0 and all_lines[start - 1].startswith("- "):
            start -= 1
        if start > 0 and not _is_heading(all_lines[start - 1]):
            name_line = all_lines[start - 1]
            record.set("nazev_indikatoru", name_line, name_line, write=False,
                       note="název indikátoru; import jej bere z číselníku NČI (the indicator's name; "
                            "the import takes names from the codebook)")
        end = index + 1
        while end < len(all_lines) and all_lines[end].startswith("- ") \
                and not _INDICATOR_CODE.search(all_lines[end]):
            end += 1
        described: list[str] = []
        for position in range(start, end):
            item_line = all_lines[position]
            item = item_line[2:] if item_line.startswith("- ") else item_line
            if _values(item, item_line, record) or position == index:
                continue
            described.append(strip_item_period(item))
        if described:
            record.set("popis", "\n".join(described), "\n".join(all_lines[start:end]))


def _values(item: str, line: str, record: DraftRecord) -> bool:
    """Planned and baseline values and the target date of one item; True when it held any."""
    used = False
    if (match := _TARGET.search(item)) and "cilova_hodnota" not in record.values:
        record.set("cilova_hodnota", match["value"].strip(), line)
        used = True
    if (match := _BASELINE.search(item)) and "vychozi_hodnota" not in record.values:
        record.set("vychozi_hodnota", match["value"].strip(), line)
        used = True
    if (match := _TARGET_DATE.search(item)) and "datum_cile" not in record.values:
        date = P.clean_date(match["date"])
        record.set("datum_cile", date, line)
        used = used or bool(date)
    return used or bool(_ACHIEVED.search(item))


def extract_indicator_lines(text: str, project: DraftRecord, draft: PageDraft) -> None:
    """Indicators stated on one line or one table row: "Indikátor 60000 Celkový počet účastníků –
    cílová hodnota 120", "Celkový počet účastníků: závazek 40" (the code from the codebook by its
    name), a table with a code column and a target column."""
    known = {r.get("kod_indikatoru") for r in draft.of("cile_indikatoru")}
    header: tuple[int, int] | None = None  # the code and target columns of the open table
    for line in lines(text):
        cells = re.split(r"\s*\|\s*", line) if " | " in line else []  # an empty cell is "| |"
        if cells and header is None:
            code_column = next((i for i, c in enumerate(cells) if re.fullmatch(r"kód\w*(?: indikátoru)?", c,
                                                                                 re.IGNORECASE)), None)
            target_column = next((i for i, c in enumerate(cells) if _TARGET_WORD.fullmatch(c)), None)
            if code_column is not None and target_column is not None:
                header = (code_column, target_column)
                continue
        if header is not None:
            if len(cells) > max(header) and re.fullmatch(r"[1-9]\d{4}", cells[header[0]]):
                value = re.fullmatch(r"\d+(?: \d{3})*(?:,\d+)?", cells[header[1]])
                _line_indicator(cells[header[0]], value.group(0) if value else None, line, "", project,
                                draft, known)
                continue
            header = None
        target = _TARGET.search(line)
        if not target:
            continue
        # A code opens the item ("- 60000 Celkový počet …") or the line speaks of indicators.
        codes = {m["code"] for m in _BARE_CODE.finditer(line[:target.start()])
                 if not line[:m.start()].strip("- ") or _INDICATOR_WORD.search(line)}
        note = ""
        if not codes:
            codes = {code for code, name in codebook().items() if _folded(name) in _folded(line)}
            note = ("kód podle názvu v číselníku NČI (the code found by the indicator's name in the "
                    "codebook)")
        if len(codes) == 1:
            _line_indicator(codes.pop(), target["value"], line, note, project, draft, known)


def _line_indicator(code: str, value: str | None, line: str, note: str, project: DraftRecord,
                    draft: PageDraft, known: set[str | None]) -> None:
    if code in known:
        return
    known.add(code)
    record = draft.add(DraftRecord("cile_indikatoru"))
    record.link_to(project)
    record.set("kod_indikatoru", code, line, note=note)
    record.set("cilova_hodnota", value.replace(" ", "") if value else None, line)
