"""Demo data: clearly labelled, deterministic figures so every page has something to show.

The seed pages state budgets, targets and plans but no achieved values,
drawdown or measure evaluations. The demo data set fills those gaps on top of
the seed projects and plans. It is loaded through the same ETL path as user
files, under the ``demo`` data set: every row it writes has ``is_demo`` set and
the pages mark it. Measure names carry "(demo)" so that exports say it too.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterable
from decimal import Decimal

import sqlalchemy as sa

from etl.load import LoadResult, load_files

DEMO_SOURCE = "DEMO – vygenerovaná ukázková data, ne skutečné hodnoty"
OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
NOVY_JICIN = "CZ.03.2.63/0.0/0.0/16_063/0006540"

STATUS_PROGRESSION = ["nezahájeno", "průběžně plněno", "částečně splněno", "splněno"]

# (plan, first year, last year, local target groups used by its measures, priorities)
DEMO_PLANS = [
    ("ostrava-kp5", 2019, 2022, [
        "I. Podpora seniorům",
        "II. Podpora občanům s duševním onemocněním a psychosociálními obtížemi",
        "V. Podpora občanů s mentálním, tělesným a kombinovaným postižením",
        "VI. Podpora rodinám s dětmi",
        "VII. Podpora občanům ohroženým sociálním vyloučením a sociálně vyloučeným",
        "IX. Podpora protidrogové prevence a prevence kriminality",
    ], ["1 Dostupnost služeb", "2 Kvalita a udržitelnost", "3 Informovanost"]),
    ("pelhrimov-2019", 2019, 2021, [
        "Senioři", "Osoby se zdravotním postižením",
        "Osoby ohrožené sociálním vyloučením a osoby v krizi", "Průřezová opatření",
    ], ["A Síť služeb v ORP", "B Spolupráce obcí"]),
    ("zabreh-kp2", 2012, 2015, [
        "I.PS - Senioři", "II.PS – Lidé s postižením", "III.PS – Děti, mládež a rodiny s dětmi",
        "IV.PS – Osoby v krizi",
    ], ["1 Rozvoj služeb", "2 Informovanost a spolupráce"]),
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
        ("demo_plneni_indikatoru.csv", _csv(
            ["registracni_cislo", "kod_indikatoru", "datum", "dosazena_hodnota", "zprava", "zdroj"],
            [
                [OSTRAVA, "60000", "30.4.2018", "4", "ZoR 1 (demo)", DEMO_SOURCE],
                [OSTRAVA, "60000", "31.10.2018", "8", "ZoR 2 (demo)", DEMO_SOURCE],
                [OSTRAVA, "60000", "30.4.2019", "11", "ZoR 3 (demo)", DEMO_SOURCE],
                [OSTRAVA, "80500", "31.10.2018", "0", "ZoR 2 (demo)", DEMO_SOURCE],
                [OSTRAVA, "80500", "30.4.2019", "1", "ZoR 3 (demo)", DEMO_SOURCE],
            ],
        )),
        ("demo_cerpani.csv", _csv(
            ["registracni_cislo", "rok", "zdroj_financovani", "planovano", "cerpano", "zdroj"],
            _drawdown_rows(rng),
        )),
    ]
    measure_rows, evaluation_rows = [], []
    for plan, first, last, groups, priorities in DEMO_PLANS:
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
    # Pelhřimov's plan names no target groups of its own: its demo measures use the
    # canonical names, which map to themselves.
    return files


def _drawdown_rows(rng: random.Random) -> list[list[object]]:
    budgets = {  # planned per year and source, split evenly over the project years (demo)
        OSTRAVA: ([2017, 2018, 2019], {"eu": Decimal("3101161.25"), "state": Decimal("364842.50"),
                                       "beneficiary": Decimal("182421.25")}),
        NOVY_JICIN: ([2018, 2019], {"eu": Decimal("2354871.87"), "state": Decimal("277043.75"),
                                    "beneficiary": Decimal("138521.88")}),
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
    """Load the demo data set through the ETL, marked as demo."""
    return load_files(engine, blobs=demo_files(), dataset="demo")
