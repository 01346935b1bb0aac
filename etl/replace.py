"""A full replace (``--replace``): rows of the named projects and plans that the files omit go.

A normal load never deletes: a file that leaves a row out says nothing about
it. With ``replace`` the files are the whole truth about every project and
plan they name, so each of their child rows not in the files is deleted.
The project and plan rows themselves stay (other plans and projects may
point at them).
"""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from etl import schema as s
from etl.bulk import FACTS, ID_CHUNK, chunks, project_ids
from etl.staging import Staging
from etl.validate import Record

PLAN_ENTITIES = ("komunitni_plany", "akcni_plany", "opatreni", "plneni_opatreni", "cilove_skupiny")


def replace_projects(conn: sa.Connection, records: list[Record],
                     stagings: dict[str, Staging]) -> Counter:
    """Delete child rows of every project the load names that the load does not hold.

    The projects named are those of the records held (``records``) and of the
    staged fact rows; a fact row is kept when a staged row has its key.
    """
    named = {r.values["registracni_cislo"] for r in records
             if r.entity not in PLAN_ENTITIES and r.values.get("registracni_cislo")}
    ids = set(project_ids(conn, named).values())
    for staging in stagings.values():
        ids |= staging.project_ids()
    deleted: Counter = Counter()
    for entity, spec in FACTS.items():
        if entity in stagings:
            count = stagings[entity].delete_missing(sorted(ids))
        else:  # the load has no rows of this entity: none of the named projects' rows stay
            count = sum(conn.execute(spec.table.delete().where(spec.table.c.project_id.in_(part)))
                        .rowcount for part in chunks(sorted(ids), ID_CHUNK))
        if count:
            deleted[entity] = count
    return deleted


def replace_plans(conn: sa.Connection, records: list[Record]) -> Counter:
    """Delete action plans, measures and evaluations of every named plan that ``records`` omit."""
    named = {r.values["plan"] for r in records if r.entity in PLAN_ENTITIES and r.values.get("plan")}
    if not named:
        return Counter()
    plans = dict(conn.execute(sa.select(s.community_plan.c.key, s.community_plan.c.id).where(
        s.community_plan.c.key.in_(sorted(named)))).all())
    keep_measures = {(r.values["plan"], r.values["kod"]) for r in records if r.entity == "opatreni"}
    keep_evaluations = {(r.values["plan"], r.values["kod"], r.values["rok"])
                        for r in records if r.entity == "plneni_opatreni"}
    keep_measures |= {(plan, code) for plan, code, _year in keep_evaluations}
    keep_actions = {(r.values["plan"], r.values["rok"]) for r in records if r.entity == "akcni_plany"}
    deleted: Counter = Counter()
    key_by_id = {v: k for k, v in plans.items()}
    m, e, a = s.measure, s.measure_evaluation, s.action_plan
    evaluations = conn.execute(sa.select(e.c.id, m.c.plan_id, m.c.code, e.c.year).join(
        m, m.c.id == e.c.measure_id).where(m.c.plan_id.in_(list(plans.values())))).all()
    stale = [row.id for row in evaluations
             if (key_by_id[row.plan_id], row.code, row.year) not in keep_evaluations]
    measures = conn.execute(sa.select(m.c.id, m.c.plan_id, m.c.code).where(
        m.c.plan_id.in_(list(plans.values())))).all()
    stale_measures = [row.id for row in measures
                      if (key_by_id[row.plan_id], row.code) not in keep_measures]
    actions = conn.execute(sa.select(a.c.id, a.c.plan_id, a.c.year).where(
        a.c.plan_id.in_(list(plans.values())))).all()
    stale_actions = [row.id for row in actions if (key_by_id[row.plan_id], row.year) not in keep_actions]
    for table, ids, entity in ((e, stale, "plneni_opatreni"), (m, stale_measures, "opatreni"),
                               (a, stale_actions, "akcni_plany")):
        for part in chunks(ids, ID_CHUNK):
            conn.execute(table.delete().where(table.c.id.in_(part)))
        if ids:
            deleted[entity] = len(ids)
    return deleted
