"""Target groups, the planning bodies (řídící skupina, pracovní skupiny …), plans and action plans."""

from __future__ import annotations

import re

from etl.extract import patterns as P
from etl.extract import vocabulary as V
from etl.extract.model import DraftRecord, PageDraft
from etl.extract.project import orp_mentions, page_sentences
from etl.extract.text import lines, sentences, strip_item_period

_GROUPS_HEADING = re.compile(rf"^(?:{V.any_of(V.GROUP_HEADINGS).pattern})\s*:?$", re.IGNORECASE)
# "Cílovou skupinou projektu jsou senioři, osoby se zdravotním postižením a rodiny s dětmi."
_GROUPS_INLINE = re.compile(rf"^(?:{V.any_of(V.GROUP_INLINE).pattern})\s+(?P<items>[^.:;]+?)\.?$",
                            re.IGNORECASE)
_INLINE_ITEM_WORDS = 8  # a longer "item" is a clause, not a group's name
_STRUCTURE_HEADING = re.compile(r"(?:struktura organizace|organizační struktura)\b", re.IGNORECASE)
_ROMAN_ITEM = re.compile(r"^- (?P<name>[IVX]{1,5}\.\s*\S.*)$")
_NUMBERED_ITEM = re.compile(r"^(?:\d{1,2}\.|- )\s*(?P<item>\S.*)$")
_ABBREVIATION = re.compile(r"\(\s*dále jen\s+[„\"]?(?P<short>[^)“”\"]+?)[“”\"]?\s*\)")
_DOWNLOAD = re.compile(r"^(?:docx?|pdf|xlsx?|odt|pptx?|zip)\b|\(\s*\w+,\s*\d+(?:[.,]\d+)?\s*[kKM]B\s*\)")
# Page furniture that ends a section: galleries, forms, polls, sharing, ads.
_FURNITURE = re.compile(r"^(?:foto)?galerie\b|^kontakt|^ke stažení|^anketa\b|^sdílet|^reklam|"
                        r"^tisk\b|^zpět\b|^nahoru\b", re.IGNORECASE)
# "Jednání řídící skupiny je neveřejné." (the noun "veřejnost", the public, does not count)
_PUBLIC = re.compile(r"\b(?P<not>ne)?veřejn[éáý]\b", re.IGNORECASE)

# A plan as a name in the nominative with its period: "5. Komunitní plán … na léta 2019–2022".
_PLAN = re.compile(
    rf"(?P<name>(?:\d{{1,2}}\.\s?)?(?:[Kk]omunitní|[Ss]třednědobý) plán\b[^()\n]*?"
    rf"(?:na období(?: let)?|na léta|na roky|pro období|v období)\s*{P.YEAR_RANGE})")
# The same in another case ("… střednědobého plánu … pro období 2019 – 2021"): only the period.
_PLAN_MENTION = re.compile(
    rf"(?:komunitní\w*|střednědob\w*) plán\w*\b[^()\n]*?(?:\([^)]*\)[^()\n]*?)?"
    rf"(?:na období(?: let)?|na léta|na roky|pro období|v období)\s*{P.YEAR_RANGE}", re.IGNORECASE)
_PLAN_NAME = re.compile(r"^(?:\d{1,2}\.\s?)?(?:Komunitní|Střednědobý) plán\b", re.IGNORECASE)
_ACTION_PLAN = re.compile(
    rf"(?<!\w)akční\w* plán\w*\s+na\s+(?:roky|rok|léta|období)\s+"
    rf"(?P<years>(?:19|20)\d\d(?:\s*(?:,|a|{P.DASH})\s*(?:19|20)\d\d)*)", re.IGNORECASE)

# Canonical target groups (data/reference/kanonicke_cilove_skupiny.csv) by the words their
# local names use. A local name is proposed for a group only when the words of exactly one
# group occur in it.
CANONICAL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Senioři", re.compile(r"senio[rř]", re.IGNORECASE)),
    ("Osoby se zdravotním postižením",
     re.compile(r"postižen|handicap|zrakov|sluchov|mentáln|tělesn", re.IGNORECASE)),
    ("Osoby s duševním onemocněním", re.compile(r"duševn|psychi|psychosociál", re.IGNORECASE)),
    ("Rodiny s dětmi, děti a mládež", re.compile(r"rodin|dět[ií]|mládež", re.IGNORECASE)),
    ("Osoby ohrožené sociálním vyloučením a osoby v krizi",
     re.compile(r"vylouč|v krizi|bezdomov|přístřeší|romsk|etnik|menšin", re.IGNORECASE)),
    ("Osoby ohrožené závislostí a prevence kriminality",
     re.compile(r"závislost|drog|kriminalit", re.IGNORECASE)),
)
BODY_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ridici", re.compile(r"řídící", re.IGNORECASE)),
    ("koordinacni", re.compile(r"koordinační", re.IGNORECASE)),
    ("pracovni", re.compile(r"pracovní|\bPS\b|fór|platform|skupin", re.IGNORECASE)),
)


def canonical_group(name: str) -> str | None:
    """The canonical group whose words alone occur in a local name, or None."""
    found = [group for group, words in CANONICAL_WORDS if words.search(name)]
    return found[0] if len(found) == 1 else None


def body_kind(name: str) -> str:
    """ridici / koordinacni / pracovni by the words of a body's name; jina otherwise."""
    return next((kind for kind, words in BODY_KIND_WORDS if words.search(name)), "jina")


def _group_name(line: str) -> tuple[str, str | None]:
    """A heading naming a target group, with "(dále jen NNO)" as "(NNO)" and "viz …" as its note."""
    name = _ABBREVIATION.sub(lambda m: f"({m['short']})", line).strip()
    head, sep, rest = name.partition(" viz ")
    return (head.strip(), f"viz {rest.strip()}") if sep else (name, None)


def extract_target_groups(text: str, project: DraftRecord, draft: PageDraft) -> list[DraftRecord]:
    """The project's target groups (headings of the section) and a plan's numbered areas (I., II. …)."""
    plan_groups: list[DraftRecord] = []
    in_section = listed = False
    current: DraftRecord | None = None
    for line in lines(text):
        if _GROUPS_HEADING.match(line):
            in_section, current, listed = True, None, False
            continue
        if not in_section:
            continue
        if current is None and not plan_groups and line.startswith("- ") and not _ROMAN_ITEM.match(line):
            listed = True  # the groups as a list right under the heading, one item each
        if listed:
            if not line.startswith("- ") or ":" in line:  # a labelled value is no group's name
                in_section = listed = False
                continue
            _add_project_group(strip_item_period(line[2:]), line, project, draft)
            continue
        if line.endswith(":") and not line.startswith("- ") and len(line) <= 60:
            break  # the next part of the page
        if roman := _ROMAN_ITEM.match(line):
            group = DraftRecord("cilove_skupiny")
            group.set("nazev", roman["name"], line)
            group.set("poradi", str(len(plan_groups) + 1), line)
            group.set("kanonicka_skupina", canonical_group(roman["name"]), line, proposal=True,
                      note="návrh podle slov názvu (proposed from the name's words)")
            plan_groups.append(draft.add(group))
            continue
        is_heading = not line.startswith("- ") and len(line) <= 150 and not line.endswith((".", ":"))
        if is_heading:
            current = draft.add(DraftRecord("cilove_skupiny_projektu"))
            current.link_to(project)
            name, note = _group_name(line)
            current.set("nazev", name, line)
            current.set("popis", note, line)
        elif current is not None and (line.startswith("- ") or "popis" not in current.values):
            # items describe the group; of its paragraphs only the first does (later ones sum up)
            current.append("popis", line[2:] if line.startswith("- ") else line, line)
    return plan_groups


def _add_project_group(name: str, evidence: str, project: DraftRecord, draft: PageDraft) -> None:
    if any(g.get("nazev") == name for g in draft.of("cilove_skupiny_projektu")):
        return
    group = draft.add(DraftRecord("cilove_skupiny_projektu"))
    group.link_to(project)
    group.set("nazev", name, evidence)


def extract_inline_groups(text: str, project: DraftRecord, draft: PageDraft) -> None:
    """Target groups listed in one sentence: "Cílovou skupinou projektu jsou senioři a rodiny s dětmi"."""
    for unit in page_sentences(text):
        match = _GROUPS_INLINE.match(unit.text.removeprefix("- "))
        if not match:
            continue
        head, _sep, last = match["items"].rpartition(" a ")
        items = [i.strip() for i in head.split(",")] + [last.strip()] if head else [last.strip()]
        if all(0 < len(i.split()) <= _INLINE_ITEM_WORDS for i in items):
            for item in items:
                _add_project_group(item, unit.text, project, draft)


def extract_bodies(text: str, project: DraftRecord, draft: PageDraft) -> None:
    """The organisational structure: a heading, then named bodies as items or as short headings."""
    all_lines = lines(text)
    for index, line in enumerate(all_lines):
        if line.startswith("- ") or not _STRUCTURE_HEADING.search(line):
            continue
        following = all_lines[index + 1:]
        if following and _NUMBERED_ITEM.match(following[0]):
            _listed_bodies(following, project, draft)
        else:
            _headed_bodies(following, project, draft)
        return


def _add_body(name: str, description: str | None, evidence: str, project: DraftRecord,
              draft: PageDraft) -> DraftRecord:
    body = draft.add(DraftRecord("organizacni_struktura"))
    body.link_to(project)
    body.set("nazev", name, evidence)
    body.set("typ", body_kind(name), evidence, proposal=True,
             note="druh podle slov názvu (the kind, proposed from the name's words)")
    body.set("popis", description, evidence)
    return body


def _listed_bodies(following: list[str], project: DraftRecord, draft: PageDraft) -> None:
    """"1. Koordinační skupina (tvořena …)" or "- I.PS - Senioři": one body per item."""
    for line in following:
        match = _NUMBERED_ITEM.match(line)
        if not match:
            break
        item = strip_item_period(match["item"])
        # A lower-case parenthesis describes the body; an upper-case one is part of its name.
        described = re.match(r"^(?P<name>[^()]+?)\s*\((?P<text>[a-zá-ž][^()]*)\)$", item)
        if described:
            _add_body(described["name"], described["text"], line, project, draft)
        else:
            _add_body(item, None, line, project, draft)


def _is_short_heading(line: str) -> bool:
    return len(line) <= 80 and not line.endswith((".", ":")) and not line.startswith("- ")


def _headed_bodies(following: list[str], project: DraftRecord, draft: PageDraft) -> None:
    """A short line naming a body, then the paragraph(s) describing it."""
    body: DraftRecord | None = None
    paragraphs: list[str] = []

    def close() -> None:
        if body is not None and paragraphs:
            text = " ".join(paragraphs)
            body.set("popis", text, text)
            for sentence in (s for p in paragraphs for s in sentences(p)):
                public = _PUBLIC.search(sentence)
                if public and "jednání" in sentence.lower():
                    body.set("verejne_jednani", "ne" if public["not"] else "ano", sentence)
                    break

    for index, line in enumerate(following):
        if _DOWNLOAD.search(line) or _FURNITURE.search(line) or (line.endswith(":") and len(line) <= 60):
            break
        if _is_short_heading(line):
            # A body's name is followed by the paragraph describing it; a lone short line is not one.
            described = index + 1 < len(following) and not _is_short_heading(following[index + 1]) \
                and not _DOWNLOAD.search(following[index + 1])
            if not described:
                break
            close()
            body, paragraphs = _add_body(line, None, line, project, draft), []
        elif body is not None:
            paragraphs.append(line)
        else:
            break
    close()


def extract_plans(text: str, project: DraftRecord, draft: PageDraft,
                  plan_groups: list[DraftRecord]) -> None:
    """Community plans with their periods, their action plans, and the key of the plan's groups."""
    plans: dict[tuple[str, str], tuple[str, str, bool]] = {}  # period → name, sentence, stated
    for unit in page_sentences(text):
        for match in _PLAN.finditer(unit.text):
            period = (match["start"], match["end"])
            name = match["name"].strip()
            if period not in plans or len(name) > len(plans[period][0]):
                plans[period] = (name, unit.text, True)
    for unit in page_sentences(text):
        for match in _PLAN_MENTION.finditer(unit.text):
            period = (match["start"], match["end"])
            project_name = project.get("nazev") or ""
            if period not in plans and _PLAN_NAME.match(project_name):
                plans[period] = (project_name, unit.text, False)
            elif period not in plans:
                draft.notes.append(f"plán {period[0]}–{period[1]} zmíněn bez názvu v 1. pádě "
                                   f"(a plan is mentioned without its name): „{unit.text}“")
                plans[period] = ("", unit.text, False)
    records = []
    for (start, end), (name, sentence, stated) in plans.items():
        if not name:
            continue
        plan = draft.add(DraftRecord("komunitni_plany"))
        key = f"navrh-{P.slug(name, 28)}-{start}-{end}"
        plan.set("plan", key, sentence, proposal=True, note="klíč plánu je návrh (a proposed key)")
        plan.set("nazev", name, sentence if stated else project.evidence_for("nazev"),
                 proposal=not stated,
                 note="" if stated else "název projektu, který plán zpracovává; stránka plán jmenuje "
                                        "jen v jiném pádě (the plan is named by the project that "
                                        "makes it; the page names the plan only in another case)")
        plan.set("obdobi_od", start, sentence)
        plan.set("obdobi_do", end, sentence)
        plan.set("orp", "; ".join(orp_mentions(sentence)) or None, sentence)
        plan.link_to(project)
        records.append(plan)
    if len(records) != 1:
        if plan_groups:
            draft.notes.append("cílové skupiny plánu nepřiřazeny k plánu (plan groups not tied to a "
                               "plan): the page names no single plan")
        return
    key = records[0].values["plan"]
    for group in plan_groups:
        group.values["plan"] = key
    _action_plans(text, key, draft)


def _action_plans(text: str, plan_key: str, draft: PageDraft) -> None:
    for unit in page_sentences(text):
        for match in _ACTION_PLAN.finditer(unit.text):
            years = [int(y) for y in re.findall(r"(?:19|20)\d\d", match["years"])]
            if re.search(P.DASH, match["years"]) and len(years) == 2:
                years = list(range(years[0], years[1] + 1))
            name = match.group(0)
            name = name[0].upper() + name[1:]
            for year in years:
                record = draft.add(DraftRecord("akcni_plany"))
                record.values["plan"] = plan_key
                record.set("rok", str(year), unit.text)
                record.set("nazev", name, unit.text)
