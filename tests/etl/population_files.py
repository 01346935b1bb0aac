"""Small files in the shape of ČSÚ's population by ORP and age (data set 130181), for the tests.

Every ORP of the reference with its total and its five-year age groups for both sexes, a men's
total beside them (never to be added in), a region and a municipality row (skipped), and Prague
given only as the region (code list 100), as ČSÚ's own ORP code list may leave it out.
"""

from __future__ import annotations

import csv
from pathlib import Path

from etl.reference import REFERENCE_DIR, read_csv

HEADER = ["idhod", "hodnota", "stapro_kod", "pohlavi_cis", "pohlavi_kod", "vek_cis", "vek_kod",
          "uzemi_cis", "uzemi_kod", "casref_do", "pohlavi_txt", "vek_txt", "uzemi_txt"]
GROUPS = [(start, start + 5) for start in range(0, 95, 5)] + [(95, None)]


def age_text(start: int, end: int | None) -> str:
    """An age group as ČSÚ writes it."""
    return f"{start} a více" if end is None else f"{start} až {end} (méně než {end})"


def figures(code: str, census: dict[str, str], year: int) -> dict[tuple[int, int | None], int]:
    """A made-up population per age group of one ORP: its census, a little more each year."""
    growth = 1 + (year - 2021) / 100
    young, working, old = (int(census[f"obyvatel_{band}_2021"]) for band in ("0_14", "15_64",
                                                                             "65_plus"))
    out = {}
    for part, groups in ((young, GROUPS[:3]), (working, GROUPS[3:13]), (old, GROUPS[13:])):
        share = int(part * growth) // len(groups)
        for n, group in enumerate(groups):
            out[group] = share + (int(part * growth) % len(groups) if n == 0 else 0)
    return out


def population_rows(year: int, change=None) -> list[list[str]]:  # noqa: ANN001
    """The file's rows (without the header); ``change(rows)`` may alter them."""
    rows: list[list[str]] = []
    day = f"{year}-12-31"

    def add(value: int | str, listed: str, code: str, name: str, sex: str = "",
            age: str = "") -> None:
        rows.append([str(len(rows) + 1), str(value), "DEM0004", "102" if sex else "",
                     {"": "", "muž": "1", "žena": "2"}[sex], "7700" if age else "", "",
                     listed, code, day, sex, age, name])

    add(10_900_555, "97", "19", "Česko")
    for r in read_csv(REFERENCE_DIR / "orp.csv"):
        groups = figures(r["kod_orp"], r, year)
        listed, code = ("100", "3018") if r["kod_orp"] == "1000" else ("65", r["kod_orp"])
        add(sum(groups.values()), listed, code, r["nazev"])
        add(sum(groups.values()) // 2, listed, code, r["nazev"], sex="muž")
        for (start, end), value in groups.items():
            add(value, listed, code, r["nazev"], age=age_text(start, end))
    add(1234, "43", "500011", "Želechovice nad Dřevnicí")
    if change:
        change(rows)
    return rows


def write_population(path: Path, year: int = 2024, change=None) -> Path:  # noqa: ANN001
    """Write the file; returns its path."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_ALL)
        writer.writerow(HEADER)
        writer.writerows(population_rows(year, change))
    return path


def expected(year: int) -> dict[str, tuple[int, int, int, int]]:
    """Per ORP: (population, 0–14, 15–64, 65+) of ``write_population(year)``."""
    out = {}
    for r in read_csv(REFERENCE_DIR / "orp.csv"):
        groups = figures(r["kod_orp"], r, year)
        out[r["kod_orp"]] = (sum(groups.values()), sum(groups[g] for g in GROUPS[:3]),
                             sum(groups[g] for g in GROUPS[3:13]),
                             sum(groups[g] for g in GROUPS[13:]))
    return out
