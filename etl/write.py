"""Writing validated records: upsert by natural key, lineage on every row, a load run for each load.

Who loads matters for measure evaluations only: a loader who may not read
internal data (``sees_internal`` false: an editor on the upload page) may add
and overwrite evaluations, unpublished ones and internal comments included, as
the steering group decided them; but a blank internal comment in their file
keeps the stored one (they cannot see it, so blank is "not stated", never a
deletion), and their report never depends on what they may not read: an
evaluation is compared over the fields they may read of it (``hidden_from_public``),
and one whose write touches a field they may not read is reported ``updated``
(will be written) whether or not the stored value was the same. Otherwise a dry
run would tell them when a guessed internal comment or unpublished status was right.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import sqlalchemy as sa

from etl import schema as s
from etl import transform as t
from etl.bulk import collector_paused
from etl.catalog import Catalog
from etl.database import serialise_writers
from etl.entities import LOAD_ORDER, REGISTRATION_NUMBER
from etl.parse import normalise_header
from etl.read import RawSheet, ReadResult
from etl.result import DELETED, INSERTED, UNCHANGED, UPDATED, LoadResult
from etl.staging import Staging
from etl.validate import Record


def write_records(conn: sa.Connection, records: list[Record], stagings: dict[str, Staging],
                  sheets: list[RawSheet], result: LoadResult, *, run_id: int, is_demo: bool,
                  catalog: Catalog, sees_internal: bool = True) -> None:
    """Write every entity in load order: staged fact tables merged in SQL, the rest row by row."""
    writer = _Writer(conn, run_id, is_demo=is_demo, catalog=catalog, sees_internal=sees_internal)
    by_entity: dict[str, list[Record]] = {}
    for record in records:
        by_entity.setdefault(record.entity, []).append(record)
    file_names = [sheet.file_name for sheet in sheets]  # by sheet number
    for entity in LOAD_ORDER:
        if entity in stagings:
            for file_name, counts in stagings[entity].merge(run_id, is_demo, file_names).items():
                result.counts.setdefault((file_name, entity), Counter()).update(counts)
        for record in by_entity.get(entity, []):
            outcome = writer.write(record)
            result.counts.setdefault((record.file, entity), Counter())[outcome] += 1


def write_checked(engine: sa.Engine, result: LoadResult, write: Callable[
        [sa.Connection, int], dict[tuple[str, str], Counter]], *, dataset: str,
        user: str | None, dry_run: bool) -> LoadResult:
    """Write a file a reader has read and checked whole (``result``, no errors): one transaction
    queued behind other loads, with a load run recording its files, counts and problems;
    ``write(conn, run_id)`` writes the rows and gives the counts per (file, entity). A dry run
    is rolled back."""
    with collector_paused(), engine.connect() as conn, conn.begin() as transaction:
        serialise_writers(conn)
        run_id = start_run(conn, dataset, user, dry_run)
        result.counts = write(conn, run_id)
        finish_run(conn, run_id, ReadResult(files=result.files), result)
        if dry_run:
            transaction.rollback()
            result.status = "dry-run"
        else:
            result.status, result.run_id = "loaded", run_id
    return result


def start_run(conn: sa.Connection, dataset: str, user: str | None, dry_run: bool) -> int:
    """Record a load as running; its id, which every row it writes carries."""
    return conn.execute(
        s.load_run.insert().values(
            dataset=dataset, user_name=user, started_at=dt.datetime.now(dt.UTC),
            status="running", dry_run=dry_run,
        ).returning(s.load_run.c.id)
    ).scalar_one()


def finish_run(conn: sa.Connection, run_id: int, read: ReadResult, result: LoadResult) -> None:
    """Record the load's files with their counts and its problems, and mark it loaded."""
    for file_name, digest in read.files:
        per_entity = {e: c for (f, e), c in result.counts.items() if f == file_name}
        for entity, counts in (per_entity or {None: Counter()}).items():
            conn.execute(s.load_file.insert().values(
                load_run_id=run_id, file_name=file_name, sha256=digest, entity=entity,
                rows=sum(counts.values()), inserted=counts[INSERTED], updated=counts[UPDATED],
                unchanged=counts[UNCHANGED]))
    conn.execute(s.load_run.update().where(s.load_run.c.id == run_id).values(
        status="loaded", finished_at=dt.datetime.now(dt.UTC),
        problems=[p.to_dict() for p in result.problems],
        summary={f"{f}|{e}": dict(c) for (f, e), c in result.counts.items()},
    ))


class _Writer:
    """Upserts each entity's records; resolves natural keys to row ids as it goes."""

    def __init__(self, conn: sa.Connection, run_id: int, *, is_demo: bool, catalog: Catalog,
                 sees_internal: bool = True):
        self.conn = conn
        self.run_id = run_id
        self.is_demo = is_demo
        self.catalog = catalog
        self.sees_internal = sees_internal

    # -- helpers ---------------------------------------------------------

    def upsert(self, table: sa.Table, key: dict[str, object], values: dict[str, object],
               record: Record | None, lineage: bool = True,
               hidden: Callable[[sa.RowMapping], set[str]] | None = None) -> tuple[str, int | None]:
        """Insert or update the row with ``key``; report whether anything changed.

        ``hidden`` names the columns of the stored row that the loader may not
        read: when the write sets any of them, the row is reported ``updated``
        whether it changed or not, so that the report does not tell their values.
        """
        where = sa.and_(*(table.c[k] == v for k, v in key.items()))
        row = self.conn.execute(sa.select(table).where(where)).mappings().first()
        extra = {}
        if lineage:
            extra = {"load_run_id": self.run_id, "source_row": record.row if record else None,
                     "is_demo": self.is_demo}
        pk = table.c.get("id")
        if row is None:
            statement = table.insert().values(**key, **values, **extra)
            if pk is not None:
                return INSERTED, self.conn.execute(statement.returning(pk)).scalar_one()
            self.conn.execute(statement)
            return INSERTED, None
        changed = {k: v for k, v in values.items() if row[k] != v}
        row_id = row["id"] if pk is not None else None
        if not changed:
            blind = hidden is not None and bool(hidden(row) & values.keys())
            return UPDATED if blind else UNCHANGED, row_id
        if "row_version" in table.c:  # an edit made from the row as it was is now stale
            extra["row_version"] = row["row_version"] + 1
        self.conn.execute(table.update().where(where).values(**changed, **extra))
        return UPDATED, row_id

    def project_id(self, key: str) -> int:
        return self.conn.execute(
            sa.select(s.project.c.id).where(s.project.c.key == key)).scalar_one()

    def plan_id(self, key: str) -> int:
        return self.conn.execute(
            sa.select(s.community_plan.c.id).where(s.community_plan.c.key == key)).scalar_one()

    def call_id(self, programme: str | None, number: str | None) -> int | None:
        if not programme or not number:
            return None
        found = self.conn.execute(sa.select(s.call.c.id).where(
            s.call.c.programme_code == programme, s.call.c.number == number)).scalar()
        if found is None:
            found = self.conn.execute(s.call.insert().values(
                programme_code=programme, number=number).returning(s.call.c.id)).scalar_one()
        return found

    def replace_links(self, table: sa.Table, owner_column: str, owner_id: int,
                      codes: list[str]) -> bool:
        """Set the ORPs of a project or plan; True when they changed."""
        current = set(self.conn.scalars(
            sa.select(table.c.orp_code).where(table.c[owner_column] == owner_id)))
        wanted = {self.catalog.orp_code(c) for c in codes}
        if current == wanted:
            return False
        self.conn.execute(table.delete().where(table.c[owner_column] == owner_id))
        if wanted:
            self.conn.execute(table.insert(), [{owner_column: owner_id, "orp_code": c}
                                               for c in sorted(wanted)])
        return True

    # -- entities --------------------------------------------------------

    def write(self, record: Record) -> str:
        """Write one record; returns inserted, updated or unchanged."""
        return getattr(self, f"_write_{record.entity}")(record)

    def _write_projekty(self, r: Record) -> str:
        v = r.values
        values = {**t.project_row(v), "call_id": self.call_id(v["program"], v["vyzva"])}
        outcome, project_id = self.upsert(s.project, {"key": v[REGISTRATION_NUMBER]}, values, r)
        links_changed = self.replace_links(s.project_orp, "project_id", project_id, v["orp"] or [])
        funding_changed = self._write_funding(project_id, v)
        if outcome == UNCHANGED and (links_changed or funding_changed):
            outcome = UPDATED
        return outcome

    def _write_funding(self, project_id: int, v: dict[str, object]) -> bool:
        changed = False
        for source, values in t.funding_rows(v).items():
            if values is None:
                deleted = self.conn.execute(s.project_funding.delete().where(
                    s.project_funding.c.project_id == project_id,
                    s.project_funding.c.source_code == source)).rowcount
                changed = changed or bool(deleted)
                continue
            outcome, _ = self.upsert(s.project_funding,
                                     {"project_id": project_id, "source_code": source},
                                     values, None, lineage=False)
            changed = changed or outcome != UNCHANGED
        return changed

    def _write_programy(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.programme, {"code": v["kod"]}, t.programme_row(v), r)[0]

    def _write_vyzvy(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.call, {"programme_code": v["program"], "number": v["cislo"]},
                           t.call_row(v), r)[0]

    def _remove_code(self, table: sa.Table, code: str) -> str:
        """A codebook row the file marks ``odstranit`` (validation refused the load if any
        data uses the code)."""
        removed = self.conn.execute(table.delete().where(table.c.code == code)).rowcount
        return DELETED if removed else UNCHANGED

    def _write_indikatory(self, r: Record) -> str:
        v = r.values
        if v["odstranit"]:
            return self._remove_code(s.indicator, v["kod"])
        return self.upsert(s.indicator, {"code": v["kod"]}, t.indicator_row(v), r)[0]

    def _write_zdroje_financovani(self, r: Record) -> str:
        v = r.values
        if v["odstranit"]:
            return self._remove_code(s.funding_source, v["kod"])
        return self.upsert(s.funding_source, {"code": v["kod"]}, t.funding_source_row(v), r)[0]

    # Key activities, indicator targets and values, drawdown, project target groups and
    # planning bodies are written in bulk by etl.bulk.

    def _write_komunitni_plany(self, r: Record) -> str:
        v = r.values
        project = v[REGISTRATION_NUMBER]
        outcome, plan_id = self.upsert(
            s.community_plan, {"key": v["plan"]},
            {**t.community_plan_row(v),
             "project_id": self.project_id(project) if project else None}, r)
        changed = self.replace_links(s.community_plan_orp, "plan_id", plan_id, v["orp"] or [])
        return UPDATED if outcome == UNCHANGED and changed else outcome

    def _write_akcni_plany(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.action_plan, {"plan_id": self.plan_id(v["plan"]), "year": v["rok"]},
                           t.action_plan_row(v), r)[0]

    def _write_cilove_skupiny(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.target_group,
                           {"plan_key": v["plan"] or "", "local_name": v["nazev"]},
                           t.target_group_row(v, self.catalog), r)[0]

    def _target_group_id(self, plan_key: str, name: str | None) -> int | None:
        if not name:
            return None
        table = s.target_group
        # Validation accepts a group named as the plan lists it in any case or accents
        # (Catalog.has_local_group); find it by the same key, the plan's own name first.
        key = normalise_header(name)
        for owner in (plan_key, ""):
            for found, local_name in self.conn.execute(sa.select(table.c.id, table.c.local_name).where(
                    table.c.plan_key == owner)):
                if normalise_header(local_name) == key:
                    return found
        canonical = self.catalog.canonical_group_code(name)
        return self.upsert(table, {"plan_key": "", "local_name": name},
                           {"canonical_code": canonical}, None)[1]

    def _priority_id(self, plan_id: int, name: str | None) -> int | None:
        if not name:
            return None
        return self.upsert(s.priority, {"plan_id": plan_id, "name": name}, {}, None,
                           lineage=False)[1]

    def _write_opatreni(self, r: Record) -> str:
        v = r.values
        plan_id = self.plan_id(v["plan"])
        return self.upsert(s.measure, {"plan_id": plan_id, "code": v["kod"]},
                           {**t.measure_row(v),
                            "priority_id": self._priority_id(plan_id, v["priorita"]),
                            "target_group_id": self._target_group_id(v["plan"], v["cilova_skupina"])},
                           r)[0]

    def _write_plneni_opatreni(self, r: Record) -> str:
        v = r.values
        measure_id = self.conn.execute(sa.select(s.measure.c.id).where(
            s.measure.c.plan_id == self.plan_id(v["plan"]), s.measure.c.code == v["kod"])
        ).scalar_one()
        values = t.measure_evaluation_row(v, self.catalog)
        if self.sees_internal:
            return self.upsert(s.measure_evaluation, {"measure_id": measure_id, "year": v["rok"]},
                               values, r)[0]
        if values["internal_comment"] is None:  # not stated: keep what the loader cannot see
            del values["internal_comment"]
        return self.upsert(s.measure_evaluation, {"measure_id": measure_id, "year": v["rok"]},
                           values, r, hidden=hidden_from_public)[0]


# What of a measure evaluation the public (and an editor) may read: whether it is
# published, and of a published one its status, money, comment and source; never the
# internal comment. dashboard.queries.plan.evaluations selects the same.
EVALUATION_CONTENT = frozenset({"status_code", "percent_fulfilled", "actual_cost", "comment",
                                "source", "internal_comment"})


def hidden_from_public(evaluation: sa.RowMapping) -> set[str]:
    """The columns of a stored measure evaluation that the public may not read."""
    return set(EVALUATION_CONTENT) if not evaluation["is_public"] else {"internal_comment"}
