"""The pre-aggregated indicator series always agree with the reported values they summarise."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from domain.indicators import summarise
from etl import aggregates
from etl import schema as s
from etl.load import load_files


def _from_facts(engine: sa.Engine) -> dict[tuple, tuple]:
    """The series computed in Python from every reported value."""
    ia = s.indicator_achievement
    pairs: dict[tuple, list] = {}
    demo: dict[tuple, bool] = {}
    with engine.connect() as conn:
        for row in conn.execute(sa.select(ia.c.project_id, ia.c.indicator_code, ia.c.reported_on,
                                          ia.c.achieved_value, ia.c.is_demo)):
            key = (row.project_id, row.indicator_code)
            pairs.setdefault(key, []).append((row.reported_on, float(row.achieved_value)))
            demo[key] = demo.get(key, False) or bool(row.is_demo)
    found = {}
    for key, values in pairs.items():
        series = summarise(values)
        found[key] = (series.observations, series.first_on, max(d for d, _ in values), series.latest,
                      series.sum_x, series.sum_xx, round(series.sum_y, 6), round(series.sum_xy, 6),
                      demo[key])
    return found


def _stored(engine: sa.Engine) -> dict[tuple, tuple]:
    t = s.indicator_series
    with engine.connect() as conn:
        return {(r.project_id, r.indicator_code): (
            r.observations, r.first_on, r.last_on, float(r.latest_value), r.sum_x, r.sum_xx,
            round(r.sum_y, 6), round(r.sum_xy, 6), bool(r.is_demo))
            for r in conn.execute(sa.select(t))}


def test_agg001_series_match_the_reported_values_after_the_seed_load(seeded_engine: sa.Engine) -> None:
    stored = _stored(seeded_engine)
    assert stored  # the seed and demo data report values
    assert stored == _from_facts(seeded_engine)


def test_agg002_a_load_rebuilds_the_series_in_its_transaction(seeded_engine, tmp_path) -> None:  # noqa: ANN001
    with seeded_engine.connect() as conn:
        key, code, first = conn.execute(
            sa.select(s.project.c.key, s.indicator_series.c.indicator_code,
                      s.indicator_series.c.first_on)
            .join(s.project, s.project.c.id == s.indicator_series.c.project_id)
            .order_by(s.project.c.key).limit(1)).one()
    before = _stored(seeded_engine)
    later = first.replace(year=first.year + 5)
    path = tmp_path / "plneni_indikatoru.csv"
    path.write_text("registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zdroj\n"
                    f"{key};{code};{later.isoformat()};987654;test\n", encoding="utf-8")
    assert load_files(seeded_engine, [path], dry_run=True).status == "dry-run"
    assert _stored(seeded_engine) == before  # a dry run changes nothing
    assert load_files(seeded_engine, [path]).status == "loaded"
    after = _stored(seeded_engine)
    assert after != before
    assert after == _from_facts(seeded_engine)
    assert [v for v in after.values() if v[3] == 987654.0 and v[2] == later]


def test_agg003_sqlite_bounds_and_windows_give_the_same_series(seeded_engine: sa.Engine) -> None:
    if seeded_engine.dialect.name != "sqlite":
        pytest.skip("the bounds form is SQLite's")
    found = []
    with seeded_engine.connect() as conn:
        for select in (aggregates._series_from_bounds(), aggregates._series_by_windows(conn)):
            found.append(sorted(tuple(round(v, 6) if isinstance(v, float) else v for v in row)
                                for row in conn.execute(select)))
    assert found[0] and found[0] == found[1]
