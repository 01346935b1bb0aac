"""Reference data (ORPs, regions, codebooks) from ``data/reference/`` into the database."""

from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa

from etl import schema as s
from etl.database import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
SEED_DIR = PROJECT_ROOT / "data" / "seed"


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a reference CSV (UTF-8, ``;`` or ``,`` as the header shows)."""
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    return list(csv.DictReader(text.splitlines(), delimiter=delimiter))


def _rows(name: str) -> list[dict[str, str]]:
    return read_csv(REFERENCE_DIR / name)


def reference_rows() -> dict[sa.Table, list[dict[str, object]]]:
    """Each reference table's rows as they should be in the database."""
    return {
        s.region: [
            {"nuts3": r["kraj_nuts3"], "name": r["nazev"], "orp_count": int(r["pocet_orp"]),
             "population_2021": int(r["obyvatel_2021"])} for r in _rows("kraje.csv")
        ],
        s.orp: [
            {"code": r["kod_orp"], "ruian_code": int(r["kod_orp_ruian"]), "name": r["nazev"],
             "region_nuts3": r["kraj_nuts3"], "population_2021": int(r["obyvatel_2021"]),
             "population_0_14_2021": int(r["obyvatel_0_14_2021"]),
             "population_15_64_2021": int(r["obyvatel_15_64_2021"]),
             "population_65_plus_2021": int(r["obyvatel_65_plus_2021"]),
             "lat": float(r["lat"]), "lon": float(r["lon"])} for r in _rows("orp.csv")
        ],
        s.programme: [
            {"code": r["kod"], "name": r["nazev"], "period": r["obdobi"],
             "source": r["zdroj"] or None} for r in _rows("programy.csv")
        ],
        s.indicator: [
            {"code": r["kod"], "name": r["nazev"], "unit": r["jednotka"], "period": r["obdobi"],
             "source": r["zdroj"]}
            for r in _rows("indikatory.csv")
        ],
        s.canonical_target_group: [
            {"code": r["kod"], "name": r["nazev"], "name_en": r["nazev_en"],
             "description": r["popis"] or None, "sort_order": int(r["poradi"])}
            for r in _rows("kanonicke_cilove_skupiny.csv")
        ],
        s.funding_source: [
            {"code": r["kod"], "name": r["nazev"], "name_en": r["nazev_en"]}
            for r in _rows("zdroje_financovani.csv")
        ],
        s.measure_status: [
            {"code": r["kod"], "name": r["nazev"], "name_en": r["nazev_en"],
             "sort_order": int(r["poradi"]), "counts_as_fulfilled": r["splneno"] == "ano"}
            for r in _rows("stavy_opatreni.csv")
        ],
    }


def load_reference(engine: sa.Engine) -> int:
    """Upsert all reference rows (and the calls they name); returns rows written.

    A codebook row (indicator, programme, call) that a load has changed since keeps the
    load's values: the shipped file only fills in what no user has said.
    """
    written = 0
    with engine.begin() as conn:
        for table, rows in reference_rows().items():
            pk = [c.name for c in table.primary_key.columns]
            existing = {tuple(r[:len(pk)]): r for r in conn.execute(
                sa.select(*[table.c[c] for c in pk], table))}
            for row in rows:
                key = tuple(row[c] for c in pk)
                if key not in existing:
                    conn.execute(table.insert().values(**row))
                    written += 1
                else:
                    current = existing[key]._mapping
                    if current.get("load_run_id") is not None:
                        continue  # a codebook row a load has set since: the user's word stands
                    changed = {k: v for k, v in row.items() if current[k] != v}
                    if changed:
                        conn.execute(table.update().where(
                            sa.and_(*(table.c[c] == row[c] for c in pk))).values(**changed))
                        written += 1
        for r in _rows("vyzvy.csv"):
            where = (s.call.c.programme_code == r["program"]) & (s.call.c.number == r["cislo"])
            found = conn.execute(sa.select(s.call.c.id, s.call.c.load_run_id).where(where)).first()
            values = {"name": r["nazev"], "source": r["zdroj"]}
            if found is None:
                conn.execute(s.call.insert().values(programme_code=r["program"],
                                                    number=r["cislo"], **values))
                written += 1
            elif found.load_run_id is None:  # not set by a load since
                conn.execute(s.call.update().where(where).values(**values))
    return written
