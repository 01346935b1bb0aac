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
from etl.bulk import ID_CHUNK, chunks, project_ids
from etl.catalog import Catalog
from etl.entities import REGISTRATION_NUMBER
from etl.plan_year import LOCKED_RULE, locked_message
from etl.problems import Problem
from etl.staging import Staging
from etl.transform import FACTS
from etl.validate import Record

PLAN_ENTITIES = ("komunitni_plany", "akcni_plany", "opatreni", "plneni_opatreni", "cilove_skupiny")


def replace_projects(conn: sa.Connection, records: list[Record],
                     stagings: dict[str, Staging]) -> Counter:
    """Delete child rows of every project the load names that the load does not hold.

    The projects named are those of the records held (``records``) and of the
    staged fact rows; a fact row is kept when a staged row has its key.
    """
    named = {r.values[REGISTRATION_NUMBER] for r in records
             if r.entity not in PLAN_ENTITIES and r.values.get(REGISTRATION_NUMBER)}
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


def _stale_plan_rows(conn: sa.Connection, records: list[Record]) -> dict[str, list[sa.Row]]:
    """Per entity, the stored rows of the plans ``records`` name that the records omit
    (evaluations with their plan key, measure code and year)."""
    named = {r.values["plan"] for r in records if r.entity in PLAN_ENTITIES and r.values.get("plan")}
    if not named:
        return {}
    plans = dict(conn.execute(sa.select(s.community_plan.c.key, s.community_plan.c.id).where(
        s.community_plan.c.key.in_(sorted(named)))).all())
    keep_measures = {(r.values["plan"], r.values["kod"]) for r in records if r.entity == "opatreni"}
    keep_evaluations = {(r.values["plan"], r.values["kod"], r.values["rok"])
                        for r in records if r.entity == "plneni_opatreni"}
    keep_measures |= {(plan, code) for plan, code, _year in keep_evaluations}
    keep_actions = {(r.values["plan"], r.values["rok"]) for r in records if r.entity == "akcni_plany"}
    m, e, a, p = s.measure, s.measure_evaluation, s.action_plan, s.community_plan
    ids = list(plans.values())
    evaluations = conn.execute(sa.select(e.c.id, p.c.key, m.c.code, e.c.year)
                               .join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
                               .where(m.c.plan_id.in_(ids))).all()
    measures = conn.execute(sa.select(m.c.id, p.c.key, m.c.code).join(p, p.c.id == m.c.plan_id)
                            .where(m.c.plan_id.in_(ids))).all()
    actions = conn.execute(sa.select(a.c.id, p.c.key, a.c.year).join(p, p.c.id == a.c.plan_id)
                           .where(a.c.plan_id.in_(ids))).all()
    return {
        "plneni_opatreni": [r for r in evaluations if (r.key, r.code, r.year) not in keep_evaluations],
        "opatreni": [r for r in measures if (r.key, r.code) not in keep_measures],
        "akcni_plany": [r for r in actions if (r.key, r.year) not in keep_actions],
    }


def locked_deletions(conn: sa.Connection, records: list[Record],
                     catalog: Catalog) -> list[Problem]:
    """A replace would delete evaluations of an approved (locked) year: one problem per plan
    year, at the first record naming the plan (``period-locked``, as for a changed row)."""
    stale = _stale_plan_rows(conn, records).get("plneni_opatreni", [])
    found = []
    for plan, year in sorted({(r.key, r.year) for r in stale}):
        approval = catalog.locked_years.get((plan, year))
        if approval is None:
            continue
        first = next(r for r in records if r.entity in PLAN_ENTITIES and r.values.get("plan") == plan)
        cs, en = locked_message(plan, year, approval.user, approval.at)
        found.append(first.problem("plan", LOCKED_RULE, f"--replace by smazal hodnocení: {cs}",
                                   f"--replace would delete evaluations: {en}", value=plan))
    return found


def replace_plans(conn: sa.Connection, records: list[Record]) -> Counter:
    """Delete action plans, measures and evaluations of every named plan that ``records`` omit."""
    deleted: Counter = Counter()
    stale = _stale_plan_rows(conn, records)
    m, e, a = s.measure, s.measure_evaluation, s.action_plan
    for table, entity in ((e, "plneni_opatreni"), (m, "opatreni"), (a, "akcni_plany")):
        ids = [row.id for row in stale.get(entity, [])]
        for part in chunks(ids, ID_CHUNK):
            conn.execute(table.delete().where(table.c.id.in_(part)))
        if ids:
            deleted[entity] = len(ids)
    return deleted
