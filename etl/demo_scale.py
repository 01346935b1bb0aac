"""National-scale demo data: deterministic, labelled DEMO, written as import-format files.

``python -m etl demo --scale national`` covers all 206 ORPs in 14 regions with
≥ 2 000 projects over the 2007–13, 2014–20 and 2021–27 periods, their targets,
achieved values, drawdown, community plans, measures and evaluations.
``--scale large`` adds enough observations for ≥ 1 000 000 achieved values and
≥ 50 000 measure-year evaluations. The files go through the same ETL path as
users' files (``load_files``, data set ``demo``), so every row is marked demo.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from etl.demo import DEMO_SOURCE as DEMO
from etl.entities import ACHIEVED_VALUE, INDICATOR_ACHIEVEMENT, REGISTRATION_NUMBER
from etl.reference import REFERENCE_DIR, read_csv

STATUSES = ["nezahájeno", "průběžně plněno", "částečně splněno", "splněno", "nesplněno"]
CANONICAL = ["Senioři", "Osoby se zdravotním postižením", "Osoby s duševním onemocněním",
             "Rodiny s dětmi, děti a mládež",
             "Osoby ohrožené sociálním vyloučením a osoby v krizi",
             "Osoby ohrožené závislostí a prevence kriminality", "Průřezová opatření"]

# (programme, call, registration-number pattern, first start year, last start year)
PERIODS = [
    ("OP LZZ", "3.1", "CZ.1.04/3.1.00/{call:02d}.{n:05d}", 2009, 2013),
    ("OPZ", "63", "CZ.03.2.63/0.0/0.0/16_063/{n:07d}", 2016, 2020),
    ("OPZ+", "5", "CZ.03.02.01/0.0/0.0/22_005/{n:07d}", 2022, 2025),
]


@dataclass(frozen=True)
class Scale:
    """How much to generate."""

    projects: int
    observations_per_indicator: int
    measures_per_plan: int


SCALES = {
    "national": Scale(projects=2_000, observations_per_indicator=6, measures_per_plan=10),
    # 206 ORPs × 2 plans × 31 measures × 4 years = 51 088 evaluations (≥ 50 000)
    "large": Scale(projects=2_000, observations_per_indicator=250, measures_per_plan=31),
}


def _czk(halere: int) -> str:
    return f"{halere // 100},{halere % 100:02d}"


class _Writer:
    """One CSV file per entity, written row by row (the large scale never sits in memory)."""

    def __init__(self, folder: Path, entity: str, header: list[str]):
        self.path = folder / f"demo_{entity}.csv"
        self.handle = self.path.open("w", newline="", encoding="utf-8")
        self.csv = csv.writer(self.handle, delimiter=";", lineterminator="\n")
        self.csv.writerow(header)
        self.rows = 0

    def write(self, row: list[object]) -> None:
        self.csv.writerow(row)
        self.rows += 1

    def close(self) -> None:
        self.handle.close()


def generate(folder: Path, scale: str = "national", seed: int = 2026) -> dict[str, int]:
    """Write the demo files for ``scale`` into ``folder``; returns rows per entity."""
    plan = SCALES[scale]
    rng = random.Random(seed)
    orps = read_csv(REFERENCE_DIR / "orp.csv")
    by_region: dict[str, list[dict[str, str]]] = {}
    for orp in orps:
        by_region.setdefault(orp["kraj_nuts3"], []).append(orp)
    folder.mkdir(parents=True, exist_ok=True)
    writers = {
        "projekty": _Writer(folder, "projekty", [
            REGISTRATION_NUMBER, "nazev", "prijemce", "program", "vyzva", "orp", "zahajeni",
            "ukonceni", "celkove_zpusobile_vydaje", "podil_eu", "podil_sr", "podil_prijemce", "zdroj"]),
        "cile_indikatoru": _Writer(folder, "cile_indikatoru", [
            REGISTRATION_NUMBER, "kod_indikatoru", "cilova_hodnota", "datum_cile", "zdroj"]),
        INDICATOR_ACHIEVEMENT: _Writer(folder, INDICATOR_ACHIEVEMENT, [
            REGISTRATION_NUMBER, "kod_indikatoru", "datum", ACHIEVED_VALUE, "zprava", "zdroj"]),
        "cerpani": _Writer(folder, "cerpani", [
            REGISTRATION_NUMBER, "rok", "zdroj_financovani", "planovano", "cerpano", "zdroj"]),
        "komunitni_plany": _Writer(folder, "komunitni_plany", [
            "plan", "nazev", "orp", "obdobi_od", "obdobi_do", "zdroj"]),
        "opatreni": _Writer(folder, "opatreni", [
            "plan", "kod", "nazev", "priorita", "cilova_skupina", "planovane_naklady", "zdroj"]),
        "plneni_opatreni": _Writer(folder, "plneni_opatreni", [
            "plan", "kod", "rok", "stav", "plneni_procent", "skutecne_naklady", "komentar",
            "interni_komentar", "verejne", "zdroj"]),
    }
    try:
        for number in range(1, plan.projects + 1):
            _project(writers, rng, number, orps, by_region, plan)
        for orp in orps:
            _plans(writers, rng, orp, plan)
    finally:
        for writer in writers.values():
            writer.close()
    return {name: writer.rows for name, writer in writers.items()}


def _project(writers: dict[str, _Writer], rng: random.Random, number: int,
             orps: list[dict[str, str]], by_region: dict[str, list[dict[str, str]]],
             plan: Scale) -> None:
    programme, call, pattern, first, last = PERIODS[number % len(PERIODS)]
    key = pattern.format(call=5, n=(90_000 if programme == "OP LZZ" else 900_000) + number)
    home = orps[number % len(orps)]
    covered = [home]
    if number % 40 == 0:  # now and then a regional project covering every ORP of its region
        covered = by_region[home["kraj_nuts3"]]
    elif number % 3 == 0:
        covered += rng.sample(by_region[home["kraj_nuts3"]], k=min(2, len(by_region[home["kraj_nuts3"]])))
    codes = sorted({o["kod_orp"] for o in covered})
    start = dt.date(rng.randint(first, last), rng.choice([1, 4, 7, 10]), 1)
    end = dt.date(start.year + 2, start.month, 1) - dt.timedelta(days=1)
    total = rng.randrange(800_000, 9_000_000) * 100
    writers["projekty"].write([
        key, f"DEMO plánování sociálních služeb {number:04d} – {home['nazev']}",
        f"DEMO příjemce {home['nazev']}", programme, call, "; ".join(codes),
        start.strftime("%-d.%-m.%Y"), end.strftime("%-d.%-m.%Y"), _czk(total),
        "85 %", "10 %", "5 %", DEMO])
    for code, target in (("60000", rng.randint(10, 120)), ("80500", rng.randint(1, 3))):
        writers["cile_indikatoru"].write([key, code, target, end.strftime("%-d.%-m.%Y"), DEMO])
        value = 0
        span = (end - start).days
        pace = rng.uniform(0.5, 1.3)
        count = plan.observations_per_indicator
        for index in range(1, count + 1):
            when = start + dt.timedelta(days=span * index // count)
            expected = target * pace * index / count
            value = max(value, round(expected))
            writers[INDICATOR_ACHIEVEMENT].write([key, code, when.isoformat(), value,
                                                f"ZoR {index}", DEMO])
    shares = {"eu": total * 85 // 100, "state": total * 10 // 100}
    shares["beneficiary"] = total - shares["eu"] - shares["state"]
    for year in range(start.year, end.year + 1):
        for source, amount in shares.items():
            planned = amount // (end.year - start.year + 1)
            drawn = planned * rng.randint(60, 100) // 100
            writers["cerpani"].write([key, year, source, _czk(planned), _czk(drawn), DEMO])


def _plans(writers: dict[str, _Writer], rng: random.Random, orp: dict[str, str],
           plan: Scale) -> None:
    for index, (first, last) in enumerate(((2015, 2018), (2019, 2022))):
        key = f"demo-{orp['kod_orp']}-{index + 1}"
        writers["komunitni_plany"].write([
            key, f"DEMO {index + 1}. komunitní plán ORP {orp['nazev']}", orp["kod_orp"],
            first, last, DEMO])
        for number in range(1, plan.measures_per_plan + 1):
            code = f"{number % 4 + 1}.{number}"
            planned = rng.randrange(20, 900) * 100_000
            writers["opatreni"].write([
                key, code, f"DEMO opatření {number}", f"Priorita {number % 4 + 1}",
                CANONICAL[number % len(CANONICAL)], _czk(planned), DEMO])
            stage = 0
            for year in range(first, last + 1):
                stage = min(stage + rng.choice([0, 1, 1]), 3)
                status = STATUSES[stage] if rng.random() > 0.08 else "nesplněno"
                percent = {0: 0, 1: 40, 2: 70, 3: 100}[stage] if status != "nesplněno" else 20
                spent = planned * percent // 100 // (last - first + 1)
                internal = "Interní poznámka (DEMO)" if rng.random() < 0.1 else ""
                writers["plneni_opatreni"].write([
                    key, code, year, status, f"{percent} %", _czk(spent), "DEMO hodnocení",
                    internal, "ano" if rng.random() > 0.1 else "ne", DEMO])

