"""Loading ČSÚ's yearly population by ORP: all or nothing, with lineage.

``load_population`` is what ``python -m etl load-population`` calls. The file is read and
checked whole first (``etl.sources.population``); any error rejects it and nothing is written.
A year is written for every ORP at once, in one transaction queued behind any other load; the
same year loaded again updates the ORPs whose figures changed, and the very same figures change
nothing. Other years stay: pages divide a year's figures by the latest year loaded not after it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from etl import schema as s
from etl.reference import REFERENCE_DIR, read_csv
from etl.result import INSERTED, UNCHANGED, UPDATED, LoadResult
from etl.sources.population import BANDS, PopulationRead, read_population
from etl.write import write_checked

ENTITY = "obyvatelstvo_orp"  # the entity name in the load's counts
FIGURES = ("population", *(name for _low, _high, name in BANDS))


def reference_orps() -> tuple[dict[str, str], dict[str, str]]:
    """The ORPs of the reference (ČSÚ code → name) and their RÚIAN codes (→ ČSÚ code)."""
    rows = read_csv(REFERENCE_DIR / "orp.csv")
    return ({r["kod_orp"]: r["nazev"] for r in rows},
            {r["kod_orp_ruian"]: r["kod_orp"] for r in rows})


def load_population(engine: sa.Engine, path: Path, *, year: int | None = None,
                    dataset: str = "national", user: str | None = None,
                    dry_run: bool = False) -> LoadResult:
    """Read, check and load the population file at ``path`` (for ``year``, or the file's own)."""
    read = read_population(path, *reference_orps(), year=year)
    result = LoadResult(status="rejected", problems=read.problems,
                        files=[(read.file_name, read.sha256)])
    if result.errors:
        return result

    def write(conn: sa.Connection, run_id: int) -> dict[tuple[str, str], Counter]:
        return {(read.file_name, ENTITY): _write_year(conn, read, run_id,
                                                      is_demo=dataset.startswith("demo"))}
    return write_checked(engine, result, write, dataset=dataset, user=user, dry_run=dry_run)


def _write_year(conn: sa.Connection, read: PopulationRead, run_id: int, *,
                is_demo: bool) -> Counter:
    """Insert or update each ORP's row of the year; the counts."""
    t = s.orp_population
    stored = {r["orp_code"]: r for r in conn.execute(
        sa.select(t).where(t.c.year == read.year)).mappings()}
    counts: Counter = Counter()
    new = []
    for orp in read.orps:
        figures = {name: getattr(orp, name) for name in FIGURES}
        lineage = {"load_run_id": run_id, "source_row": orp.row, "is_demo": is_demo}
        before = stored.get(orp.orp_code)
        if before is None:
            new.append({"year": read.year, "orp_code": orp.orp_code, **figures, **lineage})
            counts[INSERTED] += 1
        elif any(before[name] != value for name, value in figures.items()):
            conn.execute(t.update().where(t.c.year == read.year, t.c.orp_code == orp.orp_code)
                         .values(**figures, **lineage))
            counts[UPDATED] += 1
        else:
            counts[UNCHANGED] += 1
    if new:
        conn.execute(t.insert(), new)
    return counts
