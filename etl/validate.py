"""Rows → typed records and problems. Every problem is reported, not just the first.

Two passes: ``parse_records`` checks one sheet on its own (headers, types,
required values, per-row rules; ``parse_sheet`` adds duplicate keys);
``reference_problems`` checks each record against the catalog of what exists
plus the batch's own keys (``add_batch_to_catalog``). For the big fact sheets
the duplicate-key and falling-value checks run in SQL (``etl.staged_checks``).
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from domain.periods import in_period
from domain.shares import SHARE_TOLERANCE
from etl import entities as E
from etl.bounds import bounded
from etl.catalog import CODE_USES, Catalog
from etl.entities import ACHIEVED_VALUE, INDICATOR_ACHIEVEMENT, REGISTRATION_NUMBER
from etl.parse import (
    ParseError,
    Share,
    clean_text,
    normalise_header,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_list,
    parse_money,
    parse_percent,
    parse_period,
    parse_share,
)
from etl.plan_year import LOCKED_RULE, locked_message
from etl.problems import WARNING, Problem, shown
from etl.read import RawSheet
from etl.registration import is_registration_number
from etl.transform import share_amounts, stated_shares


def _year(value: object) -> int:
    year = parse_int(value)
    if not 1990 <= year <= 2100:
        raise ParseError("rok mimo rozsah 1990–2100", "year outside 1990–2100")
    return year


# Codes and registration numbers repeat on every row: each is cleaned once and shared as
# one string. A plain dict (emptied when full) answers faster than an LRU cache.
_SHORT_TEXTS: dict[str, str | None] = {}
_SHORT_TEXTS_MAX = 65536


def _text(value: object) -> str | None:
    try:
        return _SHORT_TEXTS[value]
    except (KeyError, TypeError):  # not seen yet, or not text (a workbook's number or date)
        pass
    if type(value) is not str or len(value) > 64:
        return clean_text(value)
    text = clean_text(value)
    if len(_SHORT_TEXTS) >= _SHORT_TEXTS_MAX:
        _SHORT_TEXTS.clear()
    found = _SHORT_TEXTS[value] = sys.intern(text) if text is not None else None
    return found


PARSERS: dict[str, Callable[[object], object]] = {
    E.TEXT: _text,
    E.INT: parse_int,
    E.YEAR: _year,
    E.MONEY: parse_money,
    E.PERCENT: parse_percent,
    E.SHARE: parse_share,
    E.DATE: parse_date,
    E.BOOL: parse_bool,
    E.LIST: parse_list,
    E.VALUE: parse_decimal,
    E.PERIOD: parse_period,
}


@dataclass(slots=True)
class Record:
    """One parsed row: its entity, values by column name, and where it came from."""

    # Slots, and the key computed on demand: a million-row file holds a million records.
    entity: str
    values: dict[str, object]
    file: str
    sheet: str | None
    row: int

    @property
    def key(self) -> tuple[object, ...]:
        """The natural key (empty text for a missing part)."""
        return tuple(self.values.get(k) or "" for k in E.ENTITIES[self.entity].key)

    def problem(self, column: str | None, rule: str, cs: str, en: str,
                severity: str = "error", value: object = None) -> Problem:
        """A problem located at this record (and column)."""
        return Problem(file=self.file, sheet=self.sheet, row=self.row, column=column,
                       value=None if value is None else shown(value), rule=rule,
                       message_cs=cs, message_en=en, severity=severity)


def parse_sheet(sheet: RawSheet) -> tuple[list[Record], list[Problem]]:
    """Parse one sheet's rows into records; report every problem found."""
    problems: list[Problem] = []
    records = list(parse_records(sheet, problems))
    problems.extend(_duplicates(records))
    return records, problems


def parse_records(sheet: RawSheet, problems: list[Problem]) -> Iterator[Record]:
    """Each data row of the sheet as a record, one at a time; problems go to ``problems``.

    A generator, so that a million-row sheet is never held whole: the caller
    keeps what it needs of each record. Duplicate keys are the caller's to check.
    """
    parser = RowParser(sheet, problems)
    if parser.positions is None:
        return
    for row_number, cells in parser.rows():
        yield parser.parse(row_number, cells)


class RowParser:
    """One sheet's rows into records: its header resolved once, then ``parse`` for each row.

    ``positions`` (each known column's index in the row) is None when a required
    column is missing: then no row can be read, and the header's problems say why.
    """

    def __init__(self, sheet: RawSheet, problems: list[Problem]):
        self.sheet = sheet
        self.problems = problems
        entity = sheet.entity
        positions: dict[str, int] = {}
        for index, header in enumerate(sheet.headers):
            key = normalise_header(header)
            if not key:
                continue
            column = next((c for c in entity.columns if key in c.header_keys()), None)
            if column is None:
                self.at(sheet.header_row, header, None, "column-extra",
                        "neznámý sloupec, bude přeskočen", "unknown column, ignored", WARNING)
            elif column.name in positions:
                self.at(sheet.header_row, header, None, "column-duplicate",
                        "sloupec je v záhlaví dvakrát", "the column appears twice in the header")
            else:
                positions[column.name] = index
        missing = [c.name for c in entity.columns if c.required and c.name not in positions]
        for name in missing:
            self.at(sheet.header_row, name, None, "column-missing",
                    "chybí povinný sloupec", "a required column is missing")
        self.positions = None if missing else positions
        # Resolved once per sheet, not once per cell: ``parse`` runs a million times.
        # Columns the sheet lacks (optional ones) stay None without a look.
        self.names = tuple(c.name for c in entity.columns)
        # Each cell parsed and held to what the database can store (etl.bounds).
        self.plan = [(c.name, positions[c.name], bounded(entity.name, c, PARSERS[c.kind]),
                      c.required, c.kind)
                     for c in entity.columns if c.name in positions]
        self.row_rules = ROW_RULES.get(entity.name, _no_rules)
        self.money_columns = [c.name for c in entity.columns if c.kind in (E.MONEY, E.SHARE)]

    def rows(self) -> Iterator[tuple[int, list[object]]]:
        """The sheet's data rows; then what reading them met goes to the problems."""
        yield from self.sheet.rows
        self.problems.extend(self.sheet.read_problems)

    def at(self, row: int | None, column: str | None, value: object, rule: str, cs: str, en: str,
           severity: str = "error") -> None:
        """Report a problem of this sheet."""
        sheet = self.sheet
        self.problems.append(Problem(
            file=sheet.file_name, sheet=sheet.sheet, row=row, column=column,
            value=None if value is None else str(value), rule=rule, message_cs=cs,
            message_en=en, severity=severity))

    def parse(self, row_number: int, cells: list[object]) -> Record:
        """One data row as a record; its problems (cells, row rules) are reported."""
        values: dict[str, object] = dict.fromkeys(self.names)
        width = len(cells)
        for name, index, parser, required, kind in self.plan:
            raw = cells[index] if index < width else None
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if required:
                    self.at(row_number, name, None, "value-required",
                            "chybí povinná hodnota", "a required value is missing")
                continue
            try:
                values[name] = parser(raw)
            except ParseError as exc:
                self.at(row_number, name, raw, exc.rule or f"value-{kind}", exc.message_cs,
                        exc.message_en)
        sheet = self.sheet
        record = Record(sheet.entity.name, values, sheet.file_name, sheet.sheet, row_number)
        self.problems.extend(self.row_rules(record))
        if self.money_columns:
            self.problems.extend(_negative_money(self.money_columns, record))
        return record


def _no_rules(record: Record) -> list[Problem]:
    return []


def _negative_money(columns: list[str], record: Record) -> list[Problem]:
    found = []
    for column in columns:
        value = record.values.get(column)
        amount = value.amount if isinstance(value, Share) else value
        if isinstance(amount, Decimal) and amount < 0:
            found.append(record.problem(column, "money-negative", "záporná částka",
                                        "a negative amount", value=amount))
    return found


def _duplicates(records: list[Record]) -> list[Problem]:
    seen: dict[tuple[object, ...], Record] = {}
    found = []
    for record in records:
        key = record.key
        if not all(key):
            continue
        first = seen.setdefault(key, record)
        if first is not record and first.values != record.values:
            found.append(duplicate_key_problem(record, key, first.row))
    return found


def duplicate_key_problem(record: Record, key: tuple[object, ...], first_row: int) -> Problem:
    """The record repeats the key of an earlier row of its sheet with other values."""
    return record.problem(None, "key-duplicate",
                          f"stejný klíč {shown(key)} už je na řádku {first_row} s jinými hodnotami",
                          f"the same key {shown(key)} is on row {first_row} with other values")


def check_registration_number(record: Record, column: str = REGISTRATION_NUMBER) -> list[Problem]:
    """A registration number of the 2007–13 or 2014+ form, or a marked local key."""
    value = record.values.get(column)
    if value is None or is_registration_number(value):
        return []
    return [record.problem(
        column, "registration-number",
        "registrační číslo není ve tvaru CZ.03.2.63/0.0/0.0/16_063/0006590 (2014–20), "
        "CZ.03.02.01/00/22_007/0000182 (2021–27), CZ.1.04/3.1.00/05.00052 (2007–13) ani local:klíč",
        "not a registration number of the 2014–20 (CZ.03.2.63/0.0/0.0/16_063/0006590), 2021–27 "
        "(CZ.03.02.01/00/22_007/0000182) or 2007–13 (CZ.1.04/3.1.00/05.00052) form, nor a local:key",
        value=value)]


def _period(record: Record, start_col: str, end_col: str) -> list[Problem]:
    start, end = record.values.get(start_col), record.values.get(end_col)
    if start is not None and end is not None and start > end:
        return [record.problem(end_col, "period-reversed", "konec je před začátkem",
                               "the end is before the start", value=end)]
    return []


def _project_rules(record: Record) -> list[Problem]:
    found = check_registration_number(record)
    found += check_registration_number(record, "predchozi_projekt")
    found += _period(record, "zahajeni", "ukonceni")
    found += _period(record, "zahajeni", "planovane_ukonceni")
    found += check_shares(record)
    return found


def check_shares(record: Record) -> list[Problem]:
    """Amounts add up to the total (±1 Kč), percentages to 100 %, EU + state to the support."""
    found: list[Problem] = []
    v = record.values
    total = v.get("celkove_zpusobile_vydaje")
    given = stated_shares(v)
    if not given:
        return found
    percents = [s.percent for s in given.values() if s.percent is not None]
    if len(percents) == 3 and sum(percents) != 100:
        found.append(record.problem(
            "podil_prijemce", "shares-percent-sum",
            f"podíly v procentech dávají {sum(percents)} %, ne 100 %",
            f"the percentage shares add up to {sum(percents)} %, not 100 %"))
    amounts = share_amounts(v)
    if total is None and any(s.percent is not None and s.amount is None for s in given.values()):
        found.append(record.problem(
            "celkove_zpusobile_vydaje", "shares-need-total",
            "podíl v procentech vyžaduje celkové způsobilé výdaje",
            "a percentage share needs the total eligible expenditure"))
    if total is not None and len(amounts) == 3 and abs(sum(amounts.values()) - total) > SHARE_TOLERANCE:
        found.append(record.problem(
            "celkove_zpusobile_vydaje", "shares-sum",
            f"podíly dávají {sum(amounts.values())} Kč, celkem je {total} Kč",
            f"the shares add up to {sum(amounts.values())} CZK, the total is {total} CZK",
            value=total))
    for column, share in given.items():
        if total and share.amount is not None and share.percent is not None:
            expected = (total * share.percent / 100).quantize(Decimal("0.01"))
            if abs(expected - share.amount) > SHARE_TOLERANCE:
                found.append(record.problem(
                    column, "share-inconsistent",
                    f"{share.percent} % z {total} Kč je {expected} Kč, ne {share.amount} Kč",
                    f"{share.percent} % of {total} CZK is {expected} CZK, not {share.amount} CZK"))
    support = v.get("podpora_eu_sr")
    if support is not None and "podil_eu" in amounts and "podil_sr" in amounts:
        combined = amounts["podil_eu"] + amounts["podil_sr"]
        if abs(combined - support) > SHARE_TOLERANCE:
            found.append(record.problem(
                "podpora_eu_sr", "support-sum",
                f"podíl EU a SR dává {combined} Kč, podpora je {support} Kč",
                f"the EU and state shares add up to {combined} CZK, the support is {support} CZK",
                value=support))
    return found


def _key_activity_rules(record: Record) -> list[Problem]:
    return check_registration_number(record) + _period(record, "od", "do")


def _plan_rules(record: Record) -> list[Problem]:
    found = _period(record, "obdobi_od", "obdobi_do")
    if record.values.get(REGISTRATION_NUMBER):
        found += check_registration_number(record)
    return found


def _percent_range(record: Record) -> list[Problem]:
    value = record.values.get("plneni_procent")
    if value is not None and not 0 <= value <= 100:
        return [record.problem("plneni_procent", "percent-range", "procento mimo 0–100",
                               "a percentage outside 0–100", value=value)]
    return []


ROW_RULES: dict[str, Callable[[Record], list[Problem]]] = {
    "projekty": _project_rules,
    "klicove_aktivity": _key_activity_rules,
    "cile_indikatoru": check_registration_number,
    INDICATOR_ACHIEVEMENT: check_registration_number,
    "cerpani": check_registration_number,
    "cilove_skupiny_projektu": check_registration_number,
    "organizacni_struktura": check_registration_number,
    "komunitni_plany": _plan_rules,
    "plneni_opatreni": _percent_range,
}


def add_batch_to_catalog(records: list[Record], catalog: Catalog) -> None:
    """Make the codebook entries, projects, plans, measures and target groups of the batch
    known to the catalog (and forget the indicator codes it removes).

    Fact rows are checked against the catalog one at a time as they stream in,
    so the batch's own keys must be there before the first of them.
    """
    for record in records:
        v = record.values
        if record.entity == "indikatory":
            if v.get("odstranit"):
                catalog.indicators.discard(v["kod"])
            else:
                catalog.indicators.add(v["kod"])
                catalog.indicator_periods[v["kod"]] = v["obdobi"]
        elif record.entity == "zdroje_financovani":
            if v.get("odstranit"):
                catalog.forget_funding_source(v["kod"])
            else:
                catalog.add_funding_source(v["kod"], v.get("nazev"), v.get("nazev_en"))
        elif record.entity == "programy":
            catalog.programmes.add(v["kod"])
            catalog.programme_periods[v["kod"]] = v["obdobi"]
        elif record.entity == "projekty":
            catalog.project_periods[v[REGISTRATION_NUMBER]] = (v.get("zahajeni"), v.get("ukonceni"))
            catalog.project_programmes[v[REGISTRATION_NUMBER]] = v.get("program")
        elif record.entity == "komunitni_plany":
            catalog.plan_periods[v["plan"]] = (v.get("obdobi_od"), v.get("obdobi_do"))
        elif record.entity == "opatreni":
            catalog.measures.add((v["plan"], v["kod"]))
        elif record.entity == "cilove_skupiny":
            catalog.local_groups[(v.get("plan") or "", normalise_header(v["nazev"]))] = "?"


def _unknown(record: Record, column: str, what_cs: str, what_en: str) -> Problem:
    return record.problem(column, f"unknown-{column}", f"neznámý {what_cs}",
                          f"unknown {what_en}", value=record.values.get(column))


def reference_problems(record: Record, cat: Catalog) -> list[Problem]:
    """The record's references to codes, projects and plans the catalog does not know."""
    passes = _QUICK_PASSES.get(record.entity)
    if passes is not None and passes(record, cat):
        return []
    found: list[Problem] = []
    for rule in _reference_rules(record.entity):
        found.extend(rule(record, cat))
    return found


ReferenceRule = Callable[[Record, Catalog], list[Problem]]


def _project_known(record: Record, cat: Catalog) -> list[Problem]:
    key = record.values.get(REGISTRATION_NUMBER)
    if not key or key in cat.project_periods:
        return []
    if record.entity == "komunitni_plany":
        return [_unknown(record, REGISTRATION_NUMBER, "projekt", "project")]
    return [_unknown(record, REGISTRATION_NUMBER, "projekt (načtěte nejdřív projekty)",
                     "project (load the projects first)")]


def _orps_known(record: Record, cat: Catalog) -> list[Problem]:
    return [record.problem("orp", "unknown-orp", "neznámá ORP (kód nebo název)",
                           "unknown ORP (code or name)", value=name)
            for name in record.values.get("orp") or [] if cat.orp_code(name) is None]


def _code_known(column: str, known: Callable[[Catalog, object], bool], what_cs: str,
                what_en: str) -> ReferenceRule:
    """A rule: the value of ``column``, when given, is one the catalog knows."""
    def rule(record: Record, cat: Catalog) -> list[Problem]:
        value = record.values.get(column)
        if value and not known(cat, value):
            return [_unknown(record, column, what_cs, what_en)]
        return []
    return rule


_programme_known = _code_known("program", lambda c, v: v in c.programmes, "program", "programme")


def _indicator_known(record: Record, cat: Catalog) -> list[Problem]:
    """The indicator code is in the codebook; if not, the message says how to add it."""
    code = record.values.get("kod_indikatoru")
    if not code or code in cat.indicators:
        return []
    return [record.problem(
        "kod_indikatoru", "unknown-kod_indikatoru",
        f"Kód {code} není v číselníku indikátorů. Přidejte ho na list „indikatory“ (kód, název, "
        "jednotka, období) ve stejném souboru, nebo jej nahrajte předem (soubor indikatory.csv).",
        f"Code {code} is not in the indicator codebook. Add it on a sheet “indikatory” (code, "
        "name, unit, period) in the same file, or load it first (a file indikatory.csv).",
        value=code)]


def _indicator_in_project_period(record: Record, cat: Catalog) -> list[Problem]:
    """A target of an indicator from another programme period's codebook than the project's
    is reported: the pages count each period's indicators apart (a warning: the project's
    programme may be the one that is wrong)."""
    code = record.values.get("kod_indikatoru")
    indicator = cat.indicator_periods.get(code) if code in cat.indicators else None
    project = cat.project_period(record.values.get(REGISTRATION_NUMBER))
    if indicator is None or project is None or indicator == project:
        return []
    return [record.problem(
        "kod_indikatoru", "indicator-period",
        f"indikátor {code} je z číselníku období {indicator}, projekt patří do období {project}",
        f"indicator {code} is from the {indicator} codebook, the project belongs to {project}",
        severity=WARNING, value=code)]


def _code_removable(record: Record, cat: Catalog) -> list[Problem]:
    """A code is removed from a codebook only when no stored data uses it (CODE_USES)."""
    code = record.values.get("kod")
    if not record.values.get("odstranit") or code not in cat.codes_in_use.get(record.entity, ()):
        return []
    use = CODE_USES[record.entity]
    return [record.problem(
        "odstranit", "code-in-use",
        f"Kód {code} nelze odstranit z číselníku {use.codebook_cs}: používají ho {use.users_cs}. "
        "Odstraňte nejdřív je, nebo kód ponechte.",
        f"Code {code} cannot be removed from the {use.codebook_en}: {use.users_en} use it. "
        "Remove them first, or keep the code.", value=code)]


_funding_source_known = _code_known(
    "zdroj_financovani", lambda c, v: c.funding_source_code(v) is not None,
    "zdroj financování (eu, SR, příjemce; nový přidejte na list „zdroje_financovani“)",
    "funding source (eu, state, beneficiary; add a new one on a sheet “zdroje_financovani”)")
_plan_known = _code_known("plan", lambda c, v: v in c.plan_periods, "plán", "plan")
_status_known = _code_known("stav", lambda c, v: c.status_code(v) is not None,
                            "stav opatření", "measure status")
_canonical_group_known = _code_known(
    "kanonicka_skupina", lambda c, v: c.canonical_group_code(v) is not None,
    "kanonická cílová skupina", "canonical target group")


def _measure_known(record: Record, cat: Catalog) -> list[Problem]:
    plan = record.values.get("plan")
    if plan not in cat.plan_periods:
        return []
    found = []
    if (plan, record.values.get("kod")) not in cat.measures:
        found.append(_unknown(record, "kod", "kód opatření", "measure code"))
    return found + _year_in_plan(record, cat.plan_periods[plan])


def _year_unlocked(record: Record, cat: Catalog) -> list[Problem]:
    """No evaluation of a year the steering group approved changes, whatever the load says."""
    plan, year = record.values.get("plan"), record.values.get("rok")
    approval = cat.locked_years.get((plan, year))
    if approval is None:
        return []
    cs, en = locked_message(plan, year, approval.user, approval.at)
    return [record.problem("rok", LOCKED_RULE, cs, en, value=year)]


def _local_group_known(record: Record, cat: Catalog) -> list[Problem]:
    local = record.values.get("cilova_skupina")
    if local and not cat.has_local_group(record.values.get("plan") or "", local):
        return [_unknown(record, "cilova_skupina", "cílová skupina (doplňte cilove_skupiny)",
                         "target group (add it to cilove_skupiny)")]
    return []


def _date_in_known_project(record: Record, cat: Catalog) -> list[Problem]:
    period = cat.project_periods.get(record.values.get(REGISTRATION_NUMBER))
    return [] if period is None else _date_in_project(record, period)


def _has(column: str) -> Callable[[E.Entity], bool]:
    return lambda entity: any(c.name == column for c in entity.columns)


# Each rule with the entities it applies to, in the order problems are reported.
_REFERENCE_RULES: tuple[tuple[ReferenceRule, Callable[[E.Entity], bool]], ...] = (
    (_project_known, lambda e: e.name != "projekty"),
    (_orps_known, _has("orp")),
    (_programme_known, _has("program")),
    (_indicator_known, _has("kod_indikatoru")),
    (_indicator_in_project_period, lambda e: e.name == "cile_indikatoru"),
    (_code_removable, lambda e: e.name in CODE_USES),
    (_funding_source_known, _has("zdroj_financovani")),
    (_plan_known, lambda e: e.name != "komunitni_plany" and _has("plan")(e)),
    (_measure_known, lambda e: e.name == "plneni_opatreni"),
    (_year_unlocked, lambda e: e.name == "plneni_opatreni"),
    (_status_known, _has("stav")),
    (_canonical_group_known, _has("kanonicka_skupina")),
    (_local_group_known, lambda e: e.name == "opatreni"),
    (_date_in_known_project, lambda e: e.name == INDICATOR_ACHIEVEMENT),
)


def _indicator_achievement_passes(record: Record, cat: Catalog) -> bool:
    """True when no reference rule of plneni_indikatoru has anything to say: a known project,
    a known indicator and a date inside the project's period (or none).

    A million-row file of achieved values is almost all such rows; one function answers
    for them instead of three rules each building its empty list. Any other row goes
    through the rules, which say what is wrong.
    """
    v = record.values
    period = cat.project_periods.get(v[REGISTRATION_NUMBER])
    if period is None or v["kod_indikatoru"] not in cat.indicators:
        return False
    return in_period(v["datum"], *period)


_QUICK_PASSES: dict[str, Callable[[Record, Catalog], bool]] = {
    INDICATOR_ACHIEVEMENT: _indicator_achievement_passes,
}


@functools.cache
def _reference_rules(entity: str) -> tuple[ReferenceRule, ...]:
    """The rules that can apply to an entity's records: a fact row runs only a few."""
    return tuple(rule for rule, applies in _REFERENCE_RULES if applies(E.ENTITIES[entity]))


def _date_in_project(record: Record, period: tuple[dt.date | None, dt.date | None]) -> list[Problem]:
    start, end = period
    when = record.values.get("datum")
    if in_period(when, start, end):
        return []
    # A final report may be dated after the end; a warning, not an error.
    cs = " – ".join("…" if day is None else shown(day) for day in period)
    return [record.problem("datum", "date-outside-project",
                           f"datum mimo dobu projektu ({cs})",
                           f"the date is outside the project period ({start} – {end})",
                           severity=WARNING, value=when)]


def _year_in_plan(record: Record, period: tuple[int | None, int | None]) -> list[Problem]:
    start, end = period
    year = record.values.get("rok")
    if in_period(year, start, end):
        return []
    return [record.problem("rok", "year-outside-plan",
                           f"rok mimo období plánu ({start}–{end})",
                           f"the year is outside the plan period ({start}–{end})",
                           severity=WARNING, value=year)]


def falling_problem(record: Record, before: Decimal, after: Decimal) -> Problem:
    """A cumulative achieved value lower than the one of the previous date (a warning)."""
    return record.problem(ACHIEVED_VALUE, "achieved-falling",
                          f"kumulativní hodnota klesla z {shown(before)}",
                          f"the cumulative value fell from {before}",
                          severity=WARNING, value=after)
