"""Read a community plan's document into draft ``komunitni_plany``, ``opatreni`` and ``cilove_skupiny`` rows.

Plans number priorities and measures in many ways ("Priorita 2", "Oblast A", "1.1",
"Opatření 2.3", "A.1.2") and give a measure's details as labelled lines under it or as a
table of measures with costs per year. Each value cites the line it came from; what a
plan does not state stays empty and is listed as not found.
"""

from __future__ import annotations

import re
from decimal import Decimal

from etl.extract import patterns as P
from etl.extract import vocabulary as V
from etl.extract.documents import document_text
from etl.extract.model import DraftRecord, PageDraft
from etl.extract.project import orp_mentions
from etl.extract.structure import canonical_group
from etl.extract.text import lines, strip_item_period
from etl.parse import parse_money

_PLAN_TITLE = re.compile(r"(?:komunitní|střednědobý)\w* plán\w*", re.IGNORECASE)
_PERIOD = re.compile(rf"(?:na období(?: let)?|na léta|na roky|pro období|období)?\s*{P.YEAR_RANGE}",
                     re.IGNORECASE)
_PERIOD_WORDS = re.compile(r"období|na léta|na roky", re.IGNORECASE)
_PRIORITY = re.compile(rf"^(?:{'|'.join(V.PLAN_PRIORITY_WORDS)})\s+(?:č\.\s*)?"
                       rf"(?P<code>[A-Z]|\d{{1,2}}|[IVX]{{1,4}})\.?\s*[:.–—-]\s*(?P<name>\S.*)$",
                       re.IGNORECASE)
_GROUP_AREA = V.any_of([rf"^(?:{word})\b" for word in V.PLAN_GROUP_AREA_WORDS])
_MEASURE_CODE = r"(?:[A-Z]\.)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?"
_MEASURE = re.compile(
    rf"^(?:- )?(?:(?:{'|'.join(V.PLAN_MEASURE_WORDS)})\s+(?:č\.\s*)?)?(?P<code>{_MEASURE_CODE})\.?"
    rf"\s*(?:[:–—-]\s*)?(?P<name>[{P.UPPER}].*)$", re.IGNORECASE)
_FIELDS = {column: re.compile(rf"^(?:- )?(?:{'|'.join(words)})\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
           for column, words in V.PLAN_MEASURE_LABELS.items()}
_GROUPS_HEADING = re.compile(rf"^(?:{'|'.join(V.PLAN_GROUP_HEADINGS)})\s*:?$", re.IGNORECASE)
_YEAR_CELL = re.compile(r"^(?:19|20)\d\d$")
_TOTAL_CELL = V.any_of(V.PLAN_TOTAL_COLUMNS)
_COLUMN_WORDS = {column: V.any_of(words) for column, words in V.PLAN_TABLE_COLUMNS.items()}

PLAN_COLUMNS = ("nazev", "obdobi_od", "obdobi_do", "orp")
MEASURE_COLUMNS = ("nazev", "priorita", "cilova_skupina", "odpovedny_subjekt", "planovane_naklady")


def extract_plan(file_name: str, data: bytes) -> PageDraft:
    """Draft records from a plan's document (PDF, DOCX or text); ``ValueError`` when it is unreadable."""
    return extract_plan_text(file_name, document_text(file_name, data))


def extract_plan_text(file_name: str, text: str) -> PageDraft:
    """Draft records from a plan's normalised text."""
    draft = PageDraft(file_name=file_name, source=f"dokument plánu {file_name}")
    all_lines = lines(text)
    plan = _plan(all_lines, file_name, draft)
    key = plan.values["plan"]
    groups = _groups(all_lines, key, draft)
    measures = _measures(all_lines, key, draft, groups)
    _spell_groups_as_listed(measures, groups)
    draft.missing = [c for c in PLAN_COLUMNS if c not in plan.values]
    if not measures:
        draft.missing.append("opatření (measures)")
    if not draft.of("cilove_skupiny"):
        draft.missing.append("cílové skupiny plánu (the plan's target groups)")
    for measure in measures:
        absent = [c for c in MEASURE_COLUMNS if c not in measure.values]
        if absent:
            draft.missing.append(f"opatření {measure.values['kod']}: " + ", ".join(absent))
    return draft


def _plan(all_lines: list[str], file_name: str, draft: PageDraft) -> DraftRecord:
    plan = draft.add(DraftRecord("komunitni_plany"))
    title = next((line for line in all_lines[:15] if _PLAN_TITLE.search(line)), None)
    if title:
        plan.set("nazev", title.rstrip(" :"), title)
    # The period beside the plan's name, or on a line of its own ("na období let 2019–2021").
    candidates = ([title] if title else []) + all_lines[:25]
    period_line = next((line for line in candidates if _PERIOD.search(line)
                        and (_PLAN_TITLE.search(line) or _PERIOD_WORDS.search(line))), None)
    if period_line:
        match = _PERIOD.search(period_line)
        if match and match["start"] <= match["end"]:
            plan.set("obdobi_od", match["start"], period_line)
            plan.set("obdobi_do", match["end"], period_line)
    for line in all_lines[:25]:
        names = orp_mentions(line)
        if names:
            plan.set("orp", "; ".join(names), line)
            break
    basis = plan.get("nazev") or file_name.rsplit(".", 1)[0]
    period = f"-{plan.get('obdobi_od')}-{plan.get('obdobi_do')}" if plan.get("obdobi_od") else ""
    plan.set("plan", f"navrh-{P.slug(basis, 28)}{period}", "", proposal=True,
             note="klíč plánu je návrh (a proposed key)")
    return plan


def _spell_groups_as_listed(measures: list[DraftRecord], groups: list[str]) -> None:
    """A measure's group written as the plan lists it ("senioři" → "Senioři"), so the two rows join."""
    listed = {" ".join(g.split()).casefold(): g for g in groups}
    for measure in measures:
        value = measure.values.get("cilova_skupina")
        if value and value != listed.get(value.casefold(), value):
            measure.values["cilova_skupina"] = listed[value.casefold()]


def _add_group(name: str, key: str, evidence: str, draft: PageDraft) -> DraftRecord | None:
    if any(g.get("nazev") == name for g in draft.of("cilove_skupiny")):
        return None
    group = draft.add(DraftRecord("cilove_skupiny"))
    group.values["plan"] = key
    group.set("nazev", name, evidence)
    group.set("poradi", str(len(draft.of("cilove_skupiny"))), evidence)
    group.set("kanonicka_skupina", canonical_group(name), evidence, proposal=True,
              note="návrh podle slov názvu (proposed from the name's words)")
    return group


def _groups(all_lines: list[str], key: str, draft: PageDraft) -> list[str]:
    """The plan's target groups: a list under a heading, or areas named as target groups."""
    for index, line in enumerate(all_lines):
        if not _GROUPS_HEADING.match(line):
            continue
        for item in all_lines[index + 1:]:
            if not item.startswith("- "):
                break
            _add_group(strip_item_period(item[2:]), key, item, draft)
    for line in all_lines:
        match = _PRIORITY.match(line)
        if match and _GROUP_AREA.match(line):
            _add_group(_name_of(match), key, line, draft)
    return [g.values["nazev"] for g in draft.of("cilove_skupiny")]


def _name_of(match: re.Match[str]) -> str:
    return strip_item_period(match["name"])


def _measures(all_lines: list[str], key: str, draft: PageDraft, groups: list[str]) -> list[DraftRecord]:
    measures: list[DraftRecord] = []
    priority: tuple[str, str] | None = None  # name, line
    current: DraftRecord | None = None
    header: dict[str, int] | None = None
    years: list[int] = []
    for line in all_lines:
        cells = re.split(r"\s*\|\s*", line) if " | " in line else []  # an empty cell is "| |"
        if cells:
            found = _table_header(cells)
            if found is not None:
                header, years = found
                current = None
                continue
            if header is not None and (row := _table_row(cells, header, years, line, key, priority)):
                if not any(m.values["kod"] == row.values["kod"] for m in measures):
                    measures.append(draft.add(row))
                continue
        header = None if not cells else header
        if (match := _PRIORITY.match(line)) and not _MEASURE.match(line):
            priority, current = (_name_of(match), line), None
            continue
        if match := _MEASURE.match(line):
            code = match["code"]
            if any(m.values["kod"] == code for m in measures):
                current = None
                continue
            current = draft.add(DraftRecord("opatreni"))
            current.values["plan"] = key
            current.set("kod", code, line)
            current.set("nazev", strip_item_period(match["name"]), line)
            if priority:
                current.set("priorita", priority[0], priority[1])
                if priority[0] in groups and not any(e.column == "cilova_skupina" for e in current.evidence):
                    current.set("cilova_skupina", priority[0], priority[1])
            measures.append(current)
            continue
        if current is None:
            continue
        for column, pattern in _FIELDS.items():
            if field := pattern.match(line):
                _measure_field(current, column, field["value"], line)
                break
    return measures


def _measure_field(measure: DraftRecord, column: str, value: str, line: str) -> None:
    if column == "planovane_naklady":
        cost = _cost(value)
        if cost:
            measure.set(column, cost[0], line, note=cost[1])
        return
    measure.values.pop(column, None)  # the measure's own line wins over its priority's area
    measure.evidence = [e for e in measure.evidence if e.column != column]
    measure.set(column, strip_item_period(value), line)


def _cost(value: str) -> tuple[str, str] | None:
    """One amount; or amounts per year, with their total ("celkem") or their sum."""
    amounts = list(P.MONEY.finditer(value))
    if len(amounts) == 1:
        return P.money(amounts[0]), ""
    total = _TOTAL_CELL.search(value)
    after = [m for m in amounts if total and m.start() > total.start()]
    if after:
        return P.money(after[0]), ""
    if len(amounts) > 1 and len(re.findall(r"(?:19|20)\d\d\s*:", value)) == len(amounts):
        return _sum([P.money(m) for m in amounts]), "součet částek po letech (the sum of the years)"
    return None


def _sum(amounts: list[str]) -> str:
    total = sum((parse_money(a.replace(" Kč", "")) for a in amounts), Decimal(0))
    crowns, cents = divmod(int(total * 100), 100)
    grouped = f"{crowns:,}".replace(",", " ")
    return f"{grouped},{cents:02d} Kč" if cents else f"{grouped} Kč"


def _table_header(cells: list[str]) -> tuple[dict[str, int], list[int]] | None:
    """Columns of a table of measures: a code column and a name column at least; years as columns."""
    columns: dict[str, int] = {}
    years: list[int] = []
    for index, cell in enumerate(cells):
        if _YEAR_CELL.match(cell):
            years.append(index)
            continue
        for column, words in _COLUMN_WORDS.items():
            if column not in columns and words.fullmatch(cell):
                columns[column] = index
                break
    if "kod" in columns and "nazev" in columns:
        return columns, years
    return None


def _table_row(cells: list[str], header: dict[str, int], years: list[int], line: str, key: str,
               priority: tuple[str, str] | None) -> DraftRecord | None:
    def cell(column: str) -> str | None:
        index = header.get(column)
        return cells[index] if index is not None and index < len(cells) and cells[index] else None

    code = cell("kod")
    if not code or not re.fullmatch(_MEASURE_CODE, code.rstrip(".")):
        return None
    measure = DraftRecord("opatreni")
    measure.values["plan"] = key
    measure.set("kod", code.rstrip("."), line)
    measure.set("nazev", cell("nazev"), line)
    measure.set("priorita", cell("priorita") or (priority[0] if priority else None),
                line if cell("priorita") else (priority[1] if priority else line))
    measure.set("cilova_skupina", cell("cilova_skupina"), line)
    measure.set("odpovedny_subjekt", cell("odpovedny_subjekt"), line)
    total = cell("planovane_naklady")
    if total and (amount := P.MONEY.search(total + ("" if "Kč" in total else " Kč"))):
        measure.set("planovane_naklady", P.money(amount), line)
    elif years:
        amounts = [P.MONEY.search(cells[i] + ("" if "Kč" in cells[i] else " Kč"))
                   for i in years if i < len(cells) and cells[i].strip("- –")]
        if amounts and all(amounts):
            measure.set("planovane_naklady", _sum([P.money(a) for a in amounts if a]), line,
                        note="součet částek po letech (the sum of the years)")
    return measure
