"""The words pages and plans use for each fact, as data: a new phrasing is a new line here.

Each list holds regular-expression fragments (matched case-insensitively unless
noted); the extractors join them into patterns. Keep the longer phrase above the
shorter one it contains.
"""

from __future__ import annotations

import re

# -- project pages ----------------------------------------------------------------------------

# A label naming the project: "Název projektu: …", "Projekt: …".
NAME_LABELS = [r"Název projektu", r"Projekt", r"Název"]

# A page's heading that names its project has one of these words and none of the section words.
TITLE_WORDS = [r"plánován", r"služ", r"rozvoj", r"podpor", r"komunitn", r"\bsíť", r"sociáln"]
SECTION_WORDS = [r"indikátor", r"aktivit", r"cílov", r"rozpoč", r"financ", r"anketa", r"kontakt",
                 r"aktuality", r"dokument", r"ke stažení", r"struktur", r"popis", r"^projekty\b",
                 r"^o projektu", r"spolufinancovan"]
TITLE_MIN_WORDS = 4

# A label before the project's period given as a range of dates or months.
PERIOD_LABELS = [
    r"doba (?:trvání|realizace)", r"realizace projektu", r"realiz\w*(?: projektu)? v (?:období|termínu)",
    r"termín\w* realizace", r"období realizace", r"projekt (?:je |byl |bude )?realizován",
    r"projekt (?:probíhá|probíhal|poběží|trvá)", r"(?:projekt )?realizován\w* v období",
]

# The whole budget, before its amount.
TOTAL_LABELS = [
    r"celkov\w* způsobil\w* výdaj\w*", r"celkov\w* rozpočet\w*(?: projektu)?", r"celkov\w* náklad\w*",
    r"v celkové výši", r"^(?:- )?celkem\b",
]

# Funding sources as pages name them; the EU share is often given as ESF or the programme.
SOURCE_NAMES = {
    "eu": [r"\bESF\b", r"\bEU\b", r"Evropsk\w+ unie", r"Evropsk\w+ sociální\w* fond\w*",
           r"příspěv\w* (?:z )?Unie", r"\bUnie\b", r"\bOP ?LZZ\b", r"\bOPZ\b", r"operační\w* program\w*"],
    "state": [r"státní\w* rozpoč\w*", r"\bSR\b", r"národní\w* (?:veřejn\w* )?zdroj\w*"],
    "beneficiary": [
        r"rozpoč\w* (?:statutárního )?(?:města|obce|kraje|příjemce|MAS)", r"vlastní\w* (?:zdroj|podíl)",
        r"podíl\w* (?:statutárního )?(?:města|obce|MAS|kraje|příjemce)\b", r"příjemce",
        r"spolufinancování",
    ],
}
# Words that make a sentence about funding (a poll's percentages are not shares).
FUNDING_WORDS = [r"prostřed", r"podíl", r"financ", r"zdroj", r"dotac", r"příspěv", r"rozpoč", r"hrazen",
                 r"hradí", r"podpor"]
# Words of a sentence about the whole budget, which states no single share.
WHOLE_BUDGET_WORDS = [r"celkov", r"celkem", r"rozpočet projektu", r"rozpočtu projektu"]

# The target of an indicator: "cílová hodnota", "plánovaná hodnota", "cíl", "závazek".
TARGET_WORDS = [r"cílov\w*\s+hodnot\w*", r"plánovan\w*\s+hodnot\w*", r"hodnot\w* závazku",
                r"závaz\w*", r"\bcíl\b"]
# Words that make a five-digit number in a line an indicator's code (a postcode is not one).
INDICATOR_WORDS = [r"indikátor", r"\bNČI\b", r"\bkód"]
# A key activity's code as pages write it: "KA 01", "KA1", "Klíčová aktivita č. 2".
ACTIVITY_CODES = [r"KA ?(?P<n1>\d{1,2})\b", r"Klíčová aktivita (?:č\. ?)?(?P<n2>\d{1,2})\b"]

# Headings above a list of target groups, and sentences that list them inline.
GROUP_HEADINGS = [r"cílov[áé] skupin[ay](?: projektu)?", r"komu je projekt určen",
                  r"pro koho je projekt(?: určen)?", r"projekt je určen pro"]
GROUP_INLINE = [r"cílovou skupinou(?: projektu)? (?:jsou|je)",
                r"cílov[éá] skupin[ay](?: projektu)?\s*(?::|jsou|je)",
                r"projekt je určen (?:pro|především pro)"]

# Months in the nominative ("březen 2018") and genitive ("od března 2018").
MONTHS = [
    ("leden", "ledna"), ("únor", "února"), ("březen", "března"), ("duben", "dubna"), ("květen", "května"),
    ("červen", "června"), ("červenec", "července"), ("srpen", "srpna"), ("září", "září"),
    ("říjen", "října"), ("listopad", "listopadu"), ("prosinec", "prosince"),
]


def any_of(fragments: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern matching any of the fragments."""
    return re.compile("|".join(f"(?:{f})" for f in fragments), flags)


def month_number(word: str) -> int | None:
    """1–12 for a Czech month name in either case, None otherwise."""
    word = word.lower()
    return next((n for n, forms in enumerate(MONTHS, 1) if word in forms), None)


MONTH_WORD = "|".join(sorted({f for forms in MONTHS for f in forms}, key=len, reverse=True))


# -- community plans ---------------------------------------------------------------------------

# A priority or area heading: "Priorita 2: …", "Prioritní oblast B – …", "Oblast A: Senioři".
PLAN_PRIORITY_WORDS = [r"Prioritní oblast", r"Priorita", r"Oblast", r"Cílová skupina", r"Pracovní skupina",
                       r"Strategický cíl", r"Cíl"]
# Of those, the headings whose area is a target group ("Cílová skupina A: Senioři").
PLAN_GROUP_AREA_WORDS = [r"Cílová skupina", r"Pracovní skupina"]
# The word before a measure's number: "Opatření 2.3", "Opatření č. 1.1".
PLAN_MEASURE_WORDS = [r"Opatření", r"Aktivita"]
# A measure's details as labelled lines under it.
PLAN_MEASURE_LABELS = {
    "cilova_skupina": [r"Cílov\w* skupin\w*"],
    "odpovedny_subjekt": [r"Odpovědn\w*(?: subjekt| osoba| za realizaci)?", r"Realizátor\w*", r"Garant\w*",
                          r"Zodpovídá", r"Gestor"],
    "planovane_naklady": [r"Předpokládan\w* náklad\w*", r"Plánovan\w* náklad\w*", r"Finanční náročnost",
                          r"Náklady(?: celkem)?", r"Rozpočet(?: opatření)?"],
}
# Headings above the plan's list of target groups.
PLAN_GROUP_HEADINGS = [r"Cílové skupiny(?: plánu)?", r"Cílové skupiny komunitního plánu"]
# Column headers of a table of measures (matched against a whole cell).
PLAN_TABLE_COLUMNS = {
    "kod": [r"kód", r"č\.", r"číslo(?: opatření)?", r"označení"],
    "nazev": [r"(?:název )?opatření", r"název"],
    "priorita": [r"priorit\w*(?: oblast)?", r"oblast"],
    "cilova_skupina": [r"cílov\w* skupin\w*"],
    "odpovedny_subjekt": [r"odpovědn\w*(?: subjekt)?", r"realizátor", r"garant"],
    "planovane_naklady": [r"(?:náklady )?celkem",
                          r"(?:předpokládané |plánované )?náklady(?: celkem)?(?: \(Kč\))?"],
}
PLAN_TOTAL_COLUMNS = [r"celkem"]
