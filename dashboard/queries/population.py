"""The population a per-inhabitant figure of a year divides by.

The rule: the latest year loaded from ČSÚ (``orp_population``, the state on 31 December) that
is not after the year compared; without one, the 2021 census the reference ships (``orp``).
A year is loaded for every ORP at once, so one source serves the whole comparison.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa

from dashboard.cache import cached_query
from dashboard.db import Database
from etl import schema as s

CENSUS_YEAR = 2021
POPULATION_COLUMNS = ["orp_code", "population", "population_65_plus"]


def population_year(db: Database, year: int | None) -> int | None:
    """The latest year loaded from ČSÚ not after ``year`` (None: use the census)."""
    if year is None:
        return None
    t = s.orp_population
    return db.scalar(sa.select(sa.func.max(t.c.year)).where(t.c.year <= year))


@cached_query("population-for-year")
def population_for(db: Database, year: int | None) -> tuple[dict, pd.DataFrame]:
    """The source (``year``, ``census``: whether the 2021 census) and the per-ORP population
    (``POPULATION_COLUMNS``) to divide figures of ``year`` by."""
    loaded = population_year(db, year)
    if loaded is None:
        o = s.orp
        frame = db.frame(sa.select(o.c.code.label("orp_code"),
                                   o.c.population_2021.label("population"),
                                   o.c.population_65_plus_2021.label("population_65_plus"))
                         .order_by(o.c.code))
        return {"year": CENSUS_YEAR, "census": True}, frame[POPULATION_COLUMNS]
    t = s.orp_population
    frame = db.frame(sa.select(t.c.orp_code, t.c.population, t.c.population_65_plus)
                     .where(t.c.year == loaded).order_by(t.c.orp_code))
    return {"year": int(loaded), "census": False}, frame[POPULATION_COLUMNS]
