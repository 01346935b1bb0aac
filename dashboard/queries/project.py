"""One project in full: identity, ORPs, funding, drawdown, activities, groups, plans, lineage.

Every function takes the project's key (``project_key``: its registration number, or
``local:…`` where the source states none), as the page has it from its address, and
returns plain rows or DataFrames; the page and the exports format them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.queries import indicators
from domain.collation import sort_frame
from etl import schema as s
from etl.entities import INDICATOR_ACHIEVEMENT

LINEAGE = ("source", "load_run_id", "source_row", "is_demo")
SOURCE_ORDER = ("eu", "state", "beneficiary")


def _file_name(load_run_id: sa.ColumnElement, entity: str) -> sa.ScalarSelect:
    """The name of the file of ``entity`` that load run ``load_run_id`` read (lineage)."""
    return (sa.select(s.load_file.c.file_name)
            .where(s.load_file.c.load_run_id == load_run_id, s.load_file.c.entity == entity)
            .order_by(s.load_file.c.id).limit(1).scalar_subquery())


def _id_of(project_key: str) -> sa.ScalarSelect:
    """The row id of the project with ``project_key``, as a subquery of the statement."""
    return sa.select(s.project.c.id).where(s.project.c.key == project_key).scalar_subquery()


def project(db: Database, project_key: str) -> dict | None:
    """The project's own row with programme and call names and its lineage; None if unknown."""
    p = s.project
    predecessor = p.alias("predecessor")
    statement = (
        sa.select(
            p, s.programme.c.name.label("programme_name"), s.call.c.number.label("call_number"),
            s.call.c.name.label("call_name"), _file_name(p.c.load_run_id, "projekty").label("file_name"),
            predecessor.c.key.label("predecessor_found"),
            predecessor.c.name.label("predecessor_name"),
        )
        .select_from(
            p.outerjoin(s.programme, s.programme.c.code == p.c.programme_code)
            .outerjoin(s.call, s.call.c.id == p.c.call_id)
            .outerjoin(predecessor, predecessor.c.key == p.c.predecessor_key))
        .where(p.c.key == project_key)
    )
    rows = db.rows(statement)
    return dict(rows[0]) if rows else None


def successors(db: Database, project_key: str) -> pd.DataFrame:
    """Projects that name this one as their predecessor (key, name, short name, description)."""
    p = s.project
    return db.frame(sa.select(p.c.key, p.c.name, p.c.short_name, p.c.description)
                    .where(p.c.predecessor_key == project_key).order_by(p.c.key))


def orps(db: Database, project_key: str) -> pd.DataFrame:
    """The ORPs the project covers: code, name, region."""
    return sort_frame(db.frame(
        sa.select(s.orp.c.code, s.orp.c.name, s.region.c.name.label("region"))
        .join(s.project_orp, s.project_orp.c.orp_code == s.orp.c.code)
        .join(s.region, s.region.c.nuts3 == s.orp.c.region_nuts3)
        .where(s.project_orp.c.project_id == _id_of(project_key))
    ), "name")


def funding(db: Database, project_key: str) -> pd.DataFrame:
    """Amount and share per funding source (EU, state, beneficiary) with the derived marks."""
    f = s.project_funding
    frame = db.frame(
        sa.select(f.c.source_code, s.funding_source.c.name, s.funding_source.c.name_en,
                  f.c.amount, f.c.percent, f.c.amount_derived, f.c.percent_derived, f.c.derivation)
        .join(s.funding_source, s.funding_source.c.code == f.c.source_code)
        .where(f.c.project_id == _id_of(project_key))
    )
    return _in_source_order(frame, "source_code")


def drawdown(db: Database, project_key: str) -> pd.DataFrame:
    """Planned and drawn money per year and funding source, with lineage."""
    d = s.drawdown
    frame = db.frame(
        sa.select(d.c.year, d.c.source_code, s.funding_source.c.name, s.funding_source.c.name_en,
                  d.c.planned, d.c.drawn, *[d.c[c] for c in LINEAGE],
                  _file_name(d.c.load_run_id, "cerpani").label("file_name"))
        .join(s.funding_source, s.funding_source.c.code == d.c.source_code)
        .where(d.c.project_id == _id_of(project_key))
        .order_by(d.c.year)
    )
    return _in_source_order(frame, "source_code", "year")


def _in_source_order(frame: pd.DataFrame, column: str, first: str | None = None) -> pd.DataFrame:
    """EU, state, beneficiary (then anything else), optionally after ``first``."""
    if frame.empty:
        return frame
    rank = frame[column].map(lambda c: SOURCE_ORDER.index(c) if c in SOURCE_ORDER else 99)
    keys = ([first] if first else []) + ["_rank"]
    return frame.assign(_rank=rank).sort_values(keys, kind="stable").drop(columns="_rank") \
        .reset_index(drop=True)


def key_activities(db: Database, project_key: str) -> pd.DataFrame:
    """Key activities (KA) with their period, goal and outputs, in code order."""
    k = s.key_activity
    frame = db.frame(
        sa.select(k.c.code, k.c.name, k.c.start_date, k.c.end_date, k.c.goal, k.c.outputs,
                  *[k.c[c] for c in LINEAGE],
                  _file_name(k.c.load_run_id, "klicove_aktivity").label("file_name"))
        .where(k.c.project_id == _id_of(project_key))
    )
    if frame.empty:
        return frame
    # "KA 02" and "KA10" sort by their number, not as text.
    number = frame["code"].str.extract(r"(\d+)")[0].astype(float)
    return frame.assign(_n=number).sort_values(["_n", "code"]).drop(columns="_n") \
        .reset_index(drop=True)


def target_groups(db: Database, project_key: str) -> pd.DataFrame:
    """The project's target groups as its source names them."""
    g = s.project_target_group
    return db.frame(
        sa.select(g.c.name, g.c.description, *[g.c[c] for c in LINEAGE],
                  _file_name(g.c.load_run_id, "cilove_skupiny_projektu").label("file_name"))
        .where(g.c.project_id == _id_of(project_key)).order_by(g.c.id)
    )


def planning_bodies(db: Database, project_key: str) -> pd.DataFrame:
    """The organisational structure: steering and working groups, platforms, forums."""
    b = s.planning_body
    return db.frame(
        sa.select(b.c.name, b.c.kind, b.c.description, b.c.local_target_group, b.c.meetings_public,
                  *[b.c[c] for c in LINEAGE],
                  _file_name(b.c.load_run_id, "organizacni_struktura").label("file_name"))
        .where(b.c.project_id == _id_of(project_key)).order_by(b.c.id)
    )


def plans(db: Database, project_key: str) -> pd.DataFrame:
    """Community plans the project produced (community_plan.project_id)."""
    c = s.community_plan
    return db.frame(
        sa.select(c.c.key, c.c.name, c.c.period_from, c.c.period_to)
        .where(c.c.project_id == _id_of(project_key)).order_by(c.c.period_from, c.c.key)
    )


def indicator_targets(db: Database, project_key: str) -> pd.DataFrame:
    """Targets of the project with their lineage (which file and row stated them)."""
    t = s.indicator_target
    return db.frame(
        sa.select(t.c.indicator_code, t.c.baseline_value, t.c.target_value, t.c.target_date,
                  *[t.c[c] for c in LINEAGE],
                  _file_name(t.c.load_run_id, "cile_indikatoru").label("file_name"))
        .where(t.c.project_id == _id_of(project_key)).order_by(t.c.indicator_code)
    )


def indicator_achievements(db: Database, project_key: str,
                           indicator_code: str | None = None) -> pd.DataFrame:
    """The project's indicator achievements (reported cumulative values), with the file each
    came from."""
    frame = indicators.indicator_achievements(db, indicator_code=indicator_code, project_key=project_key)
    if frame.empty:
        return frame.assign(file_name=pd.Series(dtype=object))
    files = db.frame(sa.select(s.load_file.c.load_run_id, s.load_file.c.file_name)
                     .where(s.load_file.c.entity == INDICATOR_ACHIEVEMENT))
    names = files.drop_duplicates("load_run_id").set_index("load_run_id")["file_name"]
    return frame.assign(file_name=frame["load_run_id"].map(names))


def indicator_progress(db: Database, project_key: str, today: dt.date | None = None) -> pd.DataFrame:
    """Progress of each of the project's indicators (see ``queries.indicators.progress``)."""
    return indicators.progress(db, today, project_key=project_key)


def indicator_options(db: Database, period: str | None = None) -> pd.DataFrame:
    """Indicators that some project has a target or a value for: code, name, unit, period,
    projects; ``period``: only the codes of that programme period."""
    used = sa.union(sa.select(s.indicator_target.c.indicator_code.label("code"),
                              s.indicator_target.c.project_id),
                    # the pre-aggregated series: one row per project and indicator with values
                    sa.select(s.indicator_series.c.indicator_code.label("code"),
                              s.indicator_series.c.project_id)).subquery()
    statement = (
        sa.select(s.indicator.c.code, s.indicator.c.name, s.indicator.c.unit, s.indicator.c.period,
                  sa.func.count(sa.distinct(used.c.project_id)).label("projects"))
        .join(used, used.c.code == s.indicator.c.code)
        .group_by(s.indicator.c.code, s.indicator.c.name, s.indicator.c.unit, s.indicator.c.period)
        .order_by(s.indicator.c.code)
    )
    if period:
        statement = statement.where(s.indicator.c.period == period)
    return db.frame(statement)


def indicator(db: Database, code: str) -> dict | None:
    """One indicator of the codebook (code, name, unit, source); None if unknown."""
    rows = db.rows(sa.select(s.indicator).where(s.indicator.c.code == code))
    return dict(rows[0]) if rows else None
