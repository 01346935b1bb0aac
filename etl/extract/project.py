"""The page's project: registration number, names, dates, budget and its split, territory.

Every value is read from a sentence that labels it ("Zahájení:", "Celkové
způsobilé výdaje", "výzvy č."); a number or date that no label claims is left
alone, so that polls, galleries and the periods of key activities never turn
into project facts.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from etl.entities import REGISTRATION_NUMBER
from etl.extract import patterns as P
from etl.extract import vocabulary as V
from etl.extract.model import DraftRecord, PageDraft
from etl.extract.text import lines, sentences
from etl.reference import REFERENCE_DIR
from etl.registration import programme_of

_NAME_LINE = re.compile(
    r"^(?:Název projektu|Projekt)\s*:\s*(?P<name>.+?)"
    r"(?:\s*\(\s*zkrácený název\s*:?\s*(?P<short>[^()]+?)\s*\))?\s*$", re.IGNORECASE)
_SHORT_NAME = re.compile(r"zkrácený název\s*:?\s*(?P<short>[^()\n]+?)\s*(?:\)|$)", re.IGNORECASE)
_NAME_BEFORE_REG = re.compile(
    r"^(?P<name>[^()]{10,}?)\s*\(\s*(?:reg\.\s*č\.|registrační číslo)[^)]*\)", re.IGNORECASE)
_QUOTED_PROJECT = re.compile(r"projekt\w*\s+(?:s názvem\s+)?[„\"“](?P<name>[^“”\"„]{5,}?)[“”\"]",
                             re.IGNORECASE)
_NAMED_PREDECESSOR = re.compile(
    rf"(?:s názvem|názvem)\s+[„\"]?(?P<name>[^„\"“”()]+?)[“”\"]?\s*\(\s*(?P<reg>{P.REGISTRATION.pattern})")

_RANGE_LABEL = V.any_of(V.PERIOD_LABELS)
# "březen 2018 – únor 2020", "od března 2018 do února 2020": the first and the last day of the months.
_MONTH_RANGE = re.compile(
    rf"(?:\bod\s+)?(?P<m1>{V.MONTH_WORD})\s+(?P<y1>(?:19|20)\d\d)\s*(?:{P.DASH}|\bdo\b)\s*"
    rf"(?P<m2>{V.MONTH_WORD})\s+(?P<y2>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_ACTIVITY_LINE = re.compile(r"^(?:- )?KA ?\d")  # a key activity's period is not the project's


def _event_label(word: str) -> re.Pattern[str]:
    """"Zahájení: 1. 1. 2018", "zahájení projektu bylo stanoveno na 1.3.2012", "ukončení realizace
    projektu je nejpozději do 28.2.2014"; not "zahájení činnosti skupin 1.3.2018"."""
    return re.compile(
        rf"{word}(?:\s+realizace)?(?:\s+projektu)?\s*:\s*(?=\d)|"
        rf"{word}(?:\s+realizace)?\s+projektu\b[^\d]{{0,40}}?(?=\d)", re.IGNORECASE)


_START_LABEL = _event_label("zahájení")
_END_LABEL = _event_label("ukončení")
_DURATION = re.compile(r"doba (?:trvání|realizace)(?: projektu)?\s*:?\s*(?P<months>\d{1,3})\s*měsíc",
                       re.IGNORECASE)
_TOTAL = V.any_of(V.TOTAL_LABELS)
_SUPPORT = re.compile(r"výš\w* (?:finanční )?podpory|finanční podpora ve výši", re.IGNORECASE)
_CALL = re.compile(r"\bvýzv\w*\s+(?:č\.|číslo)\s*(?P<number>\d+(?:\.\d+)?)", re.IGNORECASE)
_MUNICIPALITIES = re.compile(r"(?<![\d,.])(?P<count>\d{1,4})\s+obc[íei]\b(?!\s+s\s+rozšířenou)")
_ORP_COUNT = re.compile(r"(?<![\d,.])(?P<count>\d{1,3})\s+(?:ORP|obc\w*\s+s\s+rozšířenou působností)\b")

_SOURCES = {source: V.any_of(names) for source, names in V.SOURCE_NAMES.items()}
# A share line speaks of funding; one that speaks of the whole budget is not a share.
_FUNDING_WORDS = V.any_of(V.FUNDING_WORDS)
_WHOLE_BUDGET = V.any_of(V.WHOLE_BUDGET_WORDS)
# A list item or table row that starts with a source's name: "ESF: 85 %", "SR | 120 000 Kč | 10 %".
_SOURCE_LABEL = re.compile(r"^(?:- )?(?P<label>[^:|]{2,60}?)\s*(?::|\|)")
_SHARE_COLUMNS = {"eu": "podil_eu", "state": "podil_sr", "beneficiary": "podil_prijemce"}

# Programmes as pages name them (codes of data/reference/programy.csv).
PROGRAMMES = {
    "OPZ+": re.compile(r"\bOPZ\+|Zaměstnanost\s+plus", re.IGNORECASE),
    "OPZ": re.compile(r"\bOPZ\b(?!\+)|operační\w*\s+program\w*\s+Zaměstnanost(?!\s+plus)|"
                      r"\bOP\s+Zaměstnanost(?!\s+plus)", re.IGNORECASE),
    "OP LZZ": re.compile(r"\bOP\s?LZZ\b|Lidské zdroje a zaměstnanost", re.IGNORECASE),
    "SROP": re.compile(r"\bSROP\b|Společn\w+ regionální\w* operační\w* program\w*", re.IGNORECASE),
}


@dataclass(frozen=True)
class Sentence:
    """One sentence of the page and the line it stands on."""

    text: str
    line: str


def page_sentences(text: str) -> list[Sentence]:
    """Every sentence of the page, in order."""
    return [Sentence(s, line) for line in lines(text) for s in sentences(line)]


@cache
def orp_names() -> tuple[str, ...]:
    """ORP names of the reference list, longest first (so "Nový Jičín" wins over a shorter name)."""
    with open(REFERENCE_DIR / "orp.csv", encoding="utf-8-sig") as handle:
        names = [row["nazev"] for row in csv.DictReader(handle)]
    return tuple(sorted(names, key=len, reverse=True))


def orp_mentions(text: str) -> list[str]:
    """ORPs named as such ("ORP Pelhřimov", "obce s rozšířenou působností Zábřeh"), in order."""
    spans: list[tuple[int, int, str]] = []
    for name in orp_names():  # longest first: a shorter name inside a longer one is not a mention
        pattern = rf"(?:\bORP|obc\w* s rozšířenou působností)\s+{re.escape(name)}(?![\w-])"
        for match in re.finditer(pattern, text):
            if not any(s <= match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), name))
    return list(dict.fromkeys(name for _, _, name in sorted(spans)))


def extract_project(text: str, draft: PageDraft) -> DraftRecord:
    """The page's own project (and, as further records, the predecessor it names)."""
    units = page_sentences(text)
    project = DraftRecord("projekty")
    own = [u for u in units if not P.PREDECESSOR_CONTEXT.search(u.text)]
    _registration(units, project, draft)
    _names(text, own, project, draft)
    _dates(own, project)
    _budget(own, project)
    _programme_and_call(own, project, draft)
    _territory(own, project, draft)
    draft.add(project)
    _predecessors(units, project, draft)
    return project


def _registration(units: list[Sentence], project: DraftRecord, draft: PageDraft) -> None:
    for unit in units:
        for match in P.REGISTRATION.finditer(unit.text):
            if P.PREDECESSOR_CONTEXT.search(unit.text):
                if "predchozi_projekt" not in project.values:
                    project.set("predchozi_projekt", match.group(0), unit.text)
                elif project.values["predchozi_projekt"] != match.group(0):
                    draft.notes.append(f"další předchozí projekt (another predecessor): "
                                       f"{match.group(0)} — „{unit.text}“")
            elif REGISTRATION_NUMBER not in project.values:
                project.set(REGISTRATION_NUMBER, match.group(0), unit.text)
            elif project.values[REGISTRATION_NUMBER] != match.group(0):
                draft.notes.append(f"další registrační číslo na stránce (another number): "
                                   f"{match.group(0)} — „{unit.text}“")


def _names(text: str, own: list[Sentence], project: DraftRecord, draft: PageDraft) -> None:
    for line in lines(text):
        match = _NAME_LINE.match(line)
        if match and not P.PREDECESSOR_CONTEXT.search(line):
            project.set("nazev", match["name"].strip(), line)
            project.set("zkraceny_nazev", match["short"], line)
            break
        match = _NAME_BEFORE_REG.match(line)
        if match:
            project.set("nazev", match["name"].strip(), line)
            break
    if "nazev" in project.values:
        project.values["nazev"] = _unquoted(project.values["nazev"])
    if "zkraceny_nazev" not in project.values:
        for unit in own:
            match = _SHORT_NAME.search(unit.text)
            if match:
                project.set("zkraceny_nazev", match["short"].strip(), unit.text)
                break
    if "nazev" in project.values:
        return
    quoted = [(u, m["name"].strip()) for u in own for m in _QUOTED_PROJECT.finditer(u.text)]
    # Several projects quoted: the page's own is the one whose sentence states its money or dates.
    stated = [(u, n) for u, n in quoted if P.MONEY.search(u.text) or P.DATE_RE.search(u.text)]
    chosen = stated if stated else quoted
    names = list(dict.fromkeys(n for _, n in chosen))
    if len(names) == 1:
        unit = next(u for u, n in chosen if n == names[0])
        project.set("nazev", names[0], unit.text)
    elif names:
        draft.notes.append("stránka jmenuje více projektů, název nevybrán (several projects named, "
                           "none chosen): " + "; ".join(names))
        return
    title = next((line for line in lines(text) if _is_title(line)), None)
    if title:
        project.set("nazev", title, title)


_QUOTED_NAME = re.compile(r"^(?:projekt\w*\s+)?[„\"“](?P<name>[^„\"“”]+)[“”\"]$", re.IGNORECASE)
_TITLE_WORDS = V.any_of(V.TITLE_WORDS)
_SECTION_WORDS = V.any_of(V.SECTION_WORDS)


def _unquoted(name: str) -> str:
    """'Projekt „Síť služeb“' names the project Síť služeb."""
    match = _QUOTED_NAME.match(name.strip())
    return match["name"].strip() if match else name


def _is_title(line: str) -> bool:
    """A heading that names the project: a few words about planning services, not a section's title,
    a menu, a breadcrumb or a sentence."""
    words = line.split()
    return (V.TITLE_MIN_WORDS <= len(words) <= 20 and line[0].isupper() and not line.startswith("- ")
            and not re.search(r"[.:;?!]$|[|>©]|\d", line) and bool(_TITLE_WORDS.search(line))
            and not _SECTION_WORDS.search(line))


def _dates(own: list[Sentence], project: DraftRecord) -> None:
    for unit in own:
        if _ACTIVITY_LINE.match(unit.line):
            continue
        label = _RANGE_LABEL.search(unit.text)
        if label and "zahajeni" not in project.values:
            found = P.date_range(unit.text[label.start():])
            if found:
                project.set("zahajeni", found[0], unit.text)
                project.set("ukonceni", found[1], unit.text)
            elif months := _MONTH_RANGE.search(unit.text, label.start()):
                _month_range(months, unit.text, project)
        for column, pattern in (("zahajeni", _START_LABEL), ("ukonceni", _END_LABEL)):
            match = pattern.search(unit.text)
            if match and column not in project.values:
                found_date = P.first_date(unit.text[match.end():match.end() + 16])
                if found_date:
                    project.set(column, found_date[0], unit.text)
        match = _DURATION.search(unit.text)
        if match and "doba_trvani_mesice" not in project.values:
            project.set("doba_trvani_mesice", match["months"], unit.text)


def _month_range(match: re.Match[str], sentence: str, project: DraftRecord) -> None:
    """A period in months: from the first day of the first to the last day of the last."""
    first = date(int(match["y1"]), V.month_number(match["m1"]) or 1, 1)
    last_month = V.month_number(match["m2"]) or 12
    after = date(int(match["y2"]) + last_month // 12, last_month % 12 + 1, 1)
    last = after - timedelta(days=1)
    if first > last:
        return
    note = "stránka uvádí měsíce, den je jejich první a poslední (the page gives months)"
    project.set("zahajeni", f"{first.day}. {first.month}. {first.year}", sentence, note=note)
    project.set("ukonceni", f"{last.day}. {last.month}. {last.year}", sentence, note=note)


def _budget(own: list[Sentence], project: DraftRecord) -> None:
    for unit in own:
        text = unit.text
        amounts = list(P.MONEY.finditer(text))
        total = _TOTAL.search(text)
        if total:
            after = [m for m in amounts if m.start() > total.start()]
            if after and "celkove_zpusobile_vydaje" not in project.values:
                project.set("celkove_zpusobile_vydaje", P.money(after[0]), text)
            continue
        support = _SUPPORT.search(text)
        if support and "podpora_eu_sr" not in project.values:
            after = [m for m in amounts if m.start() > support.start()]
            if after:
                project.set("podpora_eu_sr", P.money(after[0]), text)
                continue
        _shares_by_source(text, project)
        _shares(text, amounts, project)


def _shares_by_source(text: str, project: DraftRecord) -> None:
    """Each source named in a funding line with the amount and/or percentage that follow its name:
    "Příspěvek Unie: 85 % (1 200 000 Kč)", "financován z ESF 85 %, ze SR 10 % a z podílu obce 5 %",
    a table row "Národní zdroje | 138 826,80 Kč | 5 %"."""
    if _WHOLE_BUDGET.search(text):
        return
    mentions = sorted(((m.start(), m.end(), source) for source, pattern in _SOURCES.items()
                       for m in pattern.finditer(text)), key=lambda m: m[0])
    if not mentions:
        return
    label = _SOURCE_LABEL.match(text)
    labelled = bool(label) and any(label.start("label") <= start < label.end("label")
                                   for start, _end, _source in mentions)
    if not (labelled or _FUNDING_WORDS.search(text)):
        return  # not about money at all (a poll)
    # One span per source, from its (first) name to the next source's name.
    spans: list[tuple[str, int, int]] = []
    for start, end, source in mentions:
        if spans and spans[-1][0] == source:
            continue
        if any(s == source for s, _b, _e in spans):
            return  # a source named twice in one line: leave it to the reader
        if spans:
            spans[-1] = (spans[-1][0], spans[-1][1], start)
        spans.append((source, end, len(text)))
    # Several sources and one amount: the amount is their sum ("z ESF (85%) a SR (10%): 3 466 003 Kč").
    summed = len(spans) > 1 and len(P.MONEY.findall(text)) == 1
    for source, begin, stop in spans:
        column = _SHARE_COLUMNS[source]
        if column in project.values:
            continue
        amounts = [] if summed else list(P.MONEY.finditer(text, begin, stop))
        percents = list(P.PERCENT.finditer(text, begin, stop))
        if len(amounts) > 1 or len(percents) > 1 or not (amounts or percents):
            continue
        amount = P.money(amounts[0]) if amounts else None
        percent = P.percent(percents[0]) if percents else None
        project.set(column, f"{amount} ({percent})" if amount and percent else amount or percent, text)


def _shares(text: str, amounts: list[re.Match[str]], project: DraftRecord) -> None:
    """A budget line: "Prostředky z ESF (85%) a státního rozpočtu (10%): 3 466 003,75 Kč"."""
    if len(amounts) > 1:
        return  # a line with several amounts is not one share; leave it to the reader
    percents = list(P.PERCENT.finditer(text))
    if not amounts and not percents:
        return
    end = amounts[0].start() if amounts else len(text)
    if not _FUNDING_WORDS.search(text, 0, end) or _WHOLE_BUDGET.search(text, 0, end):
        return  # not about money at all (a poll), or about the whole budget
    named = {source: m for source, pattern in _SOURCES.items()
             if (m := pattern.search(text, 0, end))}
    if not named:
        return
    ordered = sorted(named, key=lambda s: named[s].start())
    share_percent: dict[str, str] = {}
    for index, source in enumerate(ordered):
        stop = named[ordered[index + 1]].start() if index + 1 < len(ordered) else end
        found = [p for p in percents if named[source].start() < p.start() < stop]
        if len(found) == 1:
            share_percent[source] = P.percent(found[0])
    amount = P.money(amounts[0]) if amounts else None
    if len(named) == 1:
        source = ordered[0]
        value = " ".join(filter(None, [amount, f"({share_percent[source]})"
                                       if amount and source in share_percent else
                                       share_percent.get(source)]))
        column = _SHARE_COLUMNS[source]
        if value and column not in project.values:
            project.set(column, value, text)
        return
    if set(named) == {"eu", "state"}:
        # Two sources, one amount: the amount is their sum (podpora_eu_sr), the percentages each.
        for source in ordered:
            if _SHARE_COLUMNS[source] not in project.values:
                project.set(_SHARE_COLUMNS[source], share_percent.get(source), text)
        if amount and "podpora_eu_sr" not in project.values:
            project.set("podpora_eu_sr", amount, text)


def _programme_and_call(units: list[Sentence], project: DraftRecord, draft: PageDraft) -> None:
    named: dict[str, Sentence] = {}
    for unit in units:
        for code, pattern in PROGRAMMES.items():
            if pattern.search(unit.text) and code not in named:
                named[code] = unit
    if "OPZ+" in named:
        named.pop("OPZ", None)
    candidates = list(named)
    number = project.get(REGISTRATION_NUMBER) or ""
    if len(candidates) > 1:
        # the programme the number's form belongs to chooses among the programmes the page names
        by_number = programme_of(number)
        if by_number in candidates:
            candidates = [by_number]
    if len(candidates) == 1:
        code = candidates[0]
        note = ("podle registračního čísla vybrán z více jmenovaných programů (chosen by the "
                "registration number among the programmes named)") if len(named) > 1 else ""
        project.set("program", code, named[code].text, note=note)
    elif candidates:
        draft.notes.append("stránka jmenuje více programů, žádný nevybrán (several programmes named, "
                           "none chosen): " + ", ".join(candidates))
    for unit in units:
        match = _CALL.search(unit.text)
        if match:
            project.set("vyzva", match["number"], unit.text)
            break


def _territory(own: list[Sentence], project: DraftRecord, draft: PageDraft) -> None:
    counts: dict[str, str] = {}  # count → the first sentence stating it
    for unit in own:
        for match in _MUNICIPALITIES.finditer(unit.text):
            counts.setdefault(match["count"], unit.text)
    if len(counts) == 1:
        (count, sentence), = counts.items()
        project.set("pocet_obci", count, sentence)
    elif counts:
        draft.notes.append("více počtů obcí, žádný nevybrán (several municipality counts, none "
                           "chosen): " + ", ".join(counts))
    orp_counts: dict[str, str] = {}
    for unit in own:
        for match in _ORP_COUNT.finditer(unit.text):
            orp_counts.setdefault(match["count"], unit.text)
    for count, sentence in orp_counts.items():
        project.set("pocet_orp", count, sentence, write=False,
                    note="počet ORP; import má sloupec jen pro jejich kódy či názvy "
                         "(number of ORPs; the format takes their codes or names)")
    names: list[str] = []
    sources: list[str] = []
    for unit in own:
        for name in orp_mentions(unit.text):
            if name not in names:
                names.append(name)
                sources.append(unit.text)
    if names:
        project.set("orp", "; ".join(names), " … ".join(dict.fromkeys(sources)))


def _predecessors(units: list[Sentence], project: DraftRecord, draft: PageDraft) -> None:
    """Each earlier project the page names with its number becomes a record of its own."""
    for unit in units:
        if not P.PREDECESSOR_CONTEXT.search(unit.text):
            continue
        for match in P.REGISTRATION.finditer(unit.text):
            number = match.group(0)
            if any(r.get(REGISTRATION_NUMBER) == number for r in draft.of("projekty")):
                continue
            record = DraftRecord("projekty")
            record.set(REGISTRATION_NUMBER, number, unit.text)
            named = next((m for m in _NAMED_PREDECESSOR.finditer(unit.text) if m["reg"] == number),
                         None)
            if named:
                record.set("nazev", named["name"].strip(), unit.text)
            period = P.date_range(unit.text[match.end():])
            if period:
                record.set("zahajeni", period[0], unit.text)
                record.set("ukonceni", period[1], unit.text)
            draft.add(record)
