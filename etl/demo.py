"""Demo data: clearly labelled, deterministic figures so every page has something to show.

The seed pages state budgets, targets and plans but no achieved values, drawdown
or measure evaluations, and a real project or plan shows exactly its public facts
and what users loaded. So the demo data set brings its own projects and plans,
with plainly fictional names (``DEMO – Ukázkov …``) and keys (``local:demo-…``,
``demo-…``), in a few real ORPs (the reference data has no fictional ones). It is
loaded through the same ETL path as user files, under the ``demo`` data set:
every row it writes has ``is_demo`` set and the pages mark it. Measure names carry
"(demo)" so that exports say it too.

The public reads a plan year's evaluations only once the steering group has approved the
year (``etl.publication``). So that the demo plans show theirs, the demo's steering group,
the user ``demo``, approves every evaluated year of every demo plan
(``approve_demo_years``) but one: the last year of the Vzorov plan stays a draft, to show
that state (what the public sees of a year not approved yet, what approving does). Only
plans marked demo get approvals; the seed's real plans get none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Iterable
from decimal import Decimal

import sqlalchemy as sa

from etl import plan_year
from etl import schema as s
from etl.entities import ACHIEVED_VALUE, REGISTRATION_NUMBER
from etl.load import load_files
from etl.result import LoadResult

DEMO_SOURCE = "DEMO – vygenerovaná ukázková data, ne skutečné hodnoty"
#: A project whose period is over (its indicators have a result) and one still running
#: (its indicators have a projection), both fictional.
FINISHED = "local:demo-ukazkov"
RUNNING = "local:demo-vzorov"

# key, name, beneficiary, ORP, start, end, total eligible expenditure (85 / 10 / 5 %)
DEMO_PROJECTS = [
    (FINISHED, "DEMO – Ukázkov: plánování sociálních služeb (ukázková data)",
     "DEMO – město Ukázkov", "8116", "1.11.2017", "31.10.2019", Decimal("3000000.00")),
    (RUNNING, "DEMO – Vzorov: komunitní plánování sociálních služeb (ukázková data)",
     "DEMO – město Vzorov", "6109", "1.1.2024", "31.12.2027", Decimal("2400000.00")),
]

#: Who approves the demo plans' years (a name no real user has: it says "demo").
DEMO_APPROVER = "demo"
#: Demo plan years left as drafts, not approved (so not public).
DRAFT_YEARS = {("demo-vzorov-kp", 2021)}
#: When the demo's approvals are dated: one fixed time after the demo plans' last year, so
#: that the demo stays the same on every database and every run (its history too).
DEMO_APPROVED_AT = dt.datetime(2023, 3, 31, 8, 0, tzinfo=dt.UTC)

STATUS_PROGRESSION = ["nezahájeno", "průběžně plněno", "částečně splněno", "splněno"]

# (plan, name, ORP, project, first year, last year, local target groups → canonical, priorities)
DEMO_PLANS = [
    ("demo-ukazkov-kp", "DEMO – Ukázkov: komunitní plán sociálních služeb (ukázková data)", "8116",
     FINISHED, 2019, 2022, {
         "I. Podpora seniorům": "Senioři",
         "II. Podpora občanům s duševním onemocněním": "Osoby s duševním onemocněním",
         "III. Podpora občanům se zdravotním postižením": "Osoby se zdravotním postižením",
         "IV. Podpora rodinám s dětmi": "Rodiny s dětmi, děti a mládež",
         "V. Podpora občanům ohroženým sociálním vyloučením":
             "Osoby ohrožené sociálním vyloučením a osoby v krizi",
         "VI. Podpora prevence kriminality a závislostí":
             "Osoby ohrožené závislostí a prevence kriminality",
     }, ["1 Dostupnost služeb", "2 Kvalita a udržitelnost", "3 Informovanost"]),
    # a plan without local names of its own: its measures use the canonical ones
    ("demo-vzorov-kp", "DEMO – Vzorov: střednědobý plán rozvoje sociálních služeb (ukázková data)",
     "6109", RUNNING, 2019, 2021, {
         "Senioři": "Senioři", "Osoby se zdravotním postižením": "Osoby se zdravotním postižením",
         "Osoby ohrožené sociálním vyloučením a osoby v krizi":
             "Osoby ohrožené sociálním vyloučením a osoby v krizi",
         "Průřezová opatření": "Průřezová opatření",
     }, ["A Síť služeb v ORP", "B Spolupráce obcí"]),
    # working groups as local names, as some towns name their target groups
    ("demo-prikladov-kp", "DEMO – Příkladov: komunitní plán sociálních služeb (ukázková data)",
     "7106", None, 2012, 2015, {
         "I.PS - Senioři": "Senioři", "II.PS – Lidé s postižením": "Osoby se zdravotním postižením",
         "III.PS – Děti, mládež a rodiny s dětmi": "Rodiny s dětmi, děti a mládež",
         "IV.PS – Osoby v krizi": "Osoby ohrožené sociálním vyloučením a osoby v krizi",
     }, ["1 Rozvoj služeb", "2 Informovanost a spolupráce"]),
]

MEASURE_TOPICS = [
    "Rozšíření kapacity terénní služby", "Zachování dostupnosti ambulantní služby",
    "Informační kampaň o sociálních službách", "Podpora dobrovolnictví",
    "Katalog poskytovatelů", "Sdílené odlehčovací služby", "Vzdělávání pracovníků",
    "Koordinace s obcemi v ORP",
]


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _czk(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def demo_files() -> list[tuple[str, bytes]]:
    """The demo data set as import-format CSV files (name, bytes)."""
    rng = random.Random(2026)
    files = [
        ("demo_projekty.csv", _csv(
            [REGISTRATION_NUMBER, "nazev", "prijemce", "program", "vyzva", "orp", "zahajeni",
             "ukonceni", "celkove_zpusobile_vydaje", "podil_eu", "podil_sr", "podil_prijemce",
             "zdroj"],
            [[key, name, beneficiary, "OPZ", "63", orp, start, end, _czk(total), "85 %", "10 %",
              "5 %", DEMO_SOURCE]
             for key, name, beneficiary, orp, start, end, total in DEMO_PROJECTS])),
        ("demo_cile_indikatoru.csv", _csv(
            [REGISTRATION_NUMBER, "kod_indikatoru", "cilova_hodnota", "datum_cile", "zdroj"],
            [[FINISHED, "60000", "20", "31.10.2019", DEMO_SOURCE],
             [FINISHED, "80500", "1", "31.10.2019", DEMO_SOURCE],
             [RUNNING, "60000", "40", "31.12.2027", DEMO_SOURCE],
             [RUNNING, "80500", "2", "31.12.2027", DEMO_SOURCE]])),
        ("demo_plneni_indikatoru.csv", _csv(
            [REGISTRATION_NUMBER, "kod_indikatoru", "datum", ACHIEVED_VALUE, "zprava", "zdroj"],
            [
                [FINISHED, "60000", "30.4.2018", "4", "ZoR 1 (demo)", DEMO_SOURCE],
                [FINISHED, "60000", "31.10.2018", "8", "ZoR 2 (demo)", DEMO_SOURCE],
                [FINISHED, "60000", "30.4.2019", "11", "ZoR 3 (demo)", DEMO_SOURCE],
                [FINISHED, "60000", "31.10.2019", "17", "ZZoR (demo)", DEMO_SOURCE],
                [FINISHED, "80500", "31.10.2018", "0", "ZoR 2 (demo)", DEMO_SOURCE],
                [FINISHED, "80500", "30.4.2019", "1", "ZoR 3 (demo)", DEMO_SOURCE],
                [RUNNING, "60000", "30.6.2024", "3", "ZoR 1 (demo)", DEMO_SOURCE],
                [RUNNING, "60000", "31.12.2024", "7", "ZoR 2 (demo)", DEMO_SOURCE],
                [RUNNING, "60000", "30.6.2025", "10", "ZoR 3 (demo)", DEMO_SOURCE],
                [RUNNING, "80500", "30.6.2025", "1", "ZoR 3 (demo)", DEMO_SOURCE],
            ],
        )),
        ("demo_cerpani.csv", _csv(
            [REGISTRATION_NUMBER, "rok", "zdroj_financovani", "planovano", "cerpano", "zdroj"],
            _drawdown_rows(rng),
        )),
        ("demo_komunitni_plany.csv", _csv(
            ["plan", "nazev", "orp", "obdobi_od", "obdobi_do", REGISTRATION_NUMBER, "zdroj"],
            [[plan, name, orp, first, last, project or "", DEMO_SOURCE]
             for plan, name, orp, project, first, last, _groups, _priorities in DEMO_PLANS])),
        ("demo_cilove_skupiny.csv", _csv(
            ["plan", "nazev", "kanonicka_skupina", "poradi", "zdroj"],
            [[plan, local, canonical, order, DEMO_SOURCE]
             for plan, _name, _orp, _project, _first, _last, groups, _priorities in DEMO_PLANS
             for order, (local, canonical) in enumerate(groups.items(), 1)])),
    ]
    measure_rows, evaluation_rows = [], []
    for plan, _name, _orp, _project, first, last, local_groups, priorities in DEMO_PLANS:
        groups = list(local_groups)
        for number, topic in enumerate(rng.sample(MEASURE_TOPICS, k=min(len(groups) + 2, 8)), 1):
            code = f"{(number - 1) % len(priorities) + 1}.{number}"
            group = groups[(number - 1) % len(groups)]
            planned = Decimal(rng.randrange(50, 900) * 1000)
            measure_rows.append([plan, code, f"{topic} (demo)", priorities[(number - 1) % len(priorities)],
                                 group, "poskytovatelé v území (demo)", _czk(planned), DEMO_SOURCE])
            evaluation_rows.extend(_evaluations(rng, plan, code, first, last, planned))
    files += [
        ("demo_opatreni.csv", _csv(
            ["plan", "kod", "nazev", "priorita", "cilova_skupina", "odpovedny_subjekt",
             "planovane_naklady", "zdroj"], measure_rows)),
        ("demo_plneni_opatreni.csv", _csv(
            ["plan", "kod", "rok", "stav", "plneni_procent", "skutecne_naklady", "komentar",
             "interni_komentar", "verejne", "zdroj"], evaluation_rows)),
    ]
    return files


def _drawdown_rows(rng: random.Random) -> list[list[object]]:
    budgets = {  # planned per year and source, split evenly over the project years (demo)
        FINISHED: ([2017, 2018, 2019], {"eu": Decimal("2550000.00"), "state": Decimal("300000.00"),
                                        "beneficiary": Decimal("150000.00")}),
        RUNNING: ([2024, 2025], {"eu": Decimal("2040000.00"), "state": Decimal("240000.00"),
                                 "beneficiary": Decimal("120000.00")}),
    }
    rows = []
    for project, (years, shares) in budgets.items():
        for source, amount in shares.items():
            per_year = (amount / len(years)).quantize(Decimal("0.01"))
            for index, year in enumerate(years):
                planned = amount - per_year * (len(years) - 1) if index == len(years) - 1 else per_year
                drawn = (planned * Decimal(rng.randrange(70, 101)) / 100).quantize(Decimal("0.01"))
                rows.append([project, year, source, _czk(planned), _czk(drawn), DEMO_SOURCE])
    return rows


def _evaluations(rng: random.Random, plan: str, code: str, first: int, last: int,
                 planned: Decimal) -> list[list[object]]:
    rows = []
    stage = 0
    for year in range(first, last + 1):
        stage = min(stage + rng.choice([0, 1, 1, 2]), len(STATUS_PROGRESSION) - 1)
        status = STATUS_PROGRESSION[stage]
        if stage == 2 and rng.random() < 0.2:
            status = "nesplněno"
        percent = {"nezahájeno": 0, "průběžně plněno": 40, "částečně splněno": 70,
                   "splněno": 100, "nesplněno": 30}[status]
        spent = (planned * percent / 100 / max(1, last - first + 1)).quantize(Decimal("0.01"))
        public = rng.random() > 0.15
        internal = "Interní poznámka řídící skupiny (demo): projednat financování s obcemi." \
            if rng.random() < 0.3 else ""
        rows.append([plan, code, year, status, f"{percent} %", _czk(spent),
                     f"Hodnocení za rok {year} (demo)", internal, "ano" if public else "ne",
                     DEMO_SOURCE])
    return rows


def load_demo(engine: sa.Engine) -> LoadResult:
    """Load the demo data set through the ETL, marked as demo, and approve its years."""
    result = load_files(engine, blobs=demo_files(), dataset="demo")
    if result.ok:
        approve_demo_years(engine)
    return result


def approve_demo_years(engine: sa.Engine) -> int:
    """Approve, as ``DEMO_APPROVER``, each evaluated year of each demo plan that is not
    approved yet, except ``DRAFT_YEARS``; how many years were approved."""
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    with engine.connect() as conn:
        evaluated = conn.execute(sa.select(p.c.key, e.c.year).distinct()
                                 .join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
                                 .where(p.c.is_demo.is_(True))).all()
        approved = plan_year.locked_years(conn)
    years = sorted((key, int(year)) for key, year in evaluated
                   if (key, int(year)) not in approved and (key, int(year)) not in DRAFT_YEARS)
    if years:
        plan_year.approve_years(engine, years, DEMO_APPROVER, now=DEMO_APPROVED_AT)
    return len(years)
