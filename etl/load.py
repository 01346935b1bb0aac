"""Writing validated records: one transaction, upsert by natural key, lineage on every row.

``load_files`` is the one function the command line and the upload page call.

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
import itertools
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from domain.shares import resolve_share_amounts
from etl import schema as s
from etl.aggregates import refresh as refresh_aggregates
from etl.bulk import BATCH_SIZE, FACTS, batches, collector_paused
from etl.catalog import CODE_USES, SHARE_SOURCES, Catalog, load_catalog, mark_codes_in_use
from etl.columnar import AchievedValueColumns, ClearRows
from etl.database import LOAD_LOCK_KEY, serialise_writers  # noqa: F401 - loaders import them here
from etl.entities import LOAD_ORDER
from etl.parallel import stage_in_worker, worth_a_worker
from etl.parse import normalise_header
from etl.problems import Problem
from etl.read import RawSheet, ReadResult, read_bytes, read_files
from etl.replace import locked_deletions, replace_plans, replace_projects
from etl.staged_checks import EXACT, FallingValues, duplicate_problems, located
from etl.staging import Staging, load_page_cache
from etl.validate import (
    Record,
    RowParser,
    add_batch_to_catalog,
    parse_sheet,
    reference_problems,
)

INSERTED, UPDATED, UNCHANGED, DELETED = "inserted", "updated", "unchanged", "deleted"
REPLACED = "--replace"  # the counts key (file, entity) under which a replace reports deletions


@dataclass
class LoadResult:
    """What a load did (or, for a dry run or a rejection, would have done)."""

    status: str  # loaded / rejected / dry-run
    problems: list[Problem] = field(default_factory=list)
    counts: dict[tuple[str, str], Counter] = field(default_factory=dict)  # (file, entity)
    run_id: int | None = None
    files: list[tuple[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that reject the load."""
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Problems reported while the load goes on."""
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """True when nothing rejected the load."""
        return not self.errors

    def total(self, outcome: str) -> int:
        """Rows inserted, updated or unchanged over all files."""
        return sum(c[outcome] for c in self.counts.values())


def load_files(
    engine: sa.Engine,
    paths: Iterable[Path] = (),
    blobs: Iterable[tuple[str, bytes]] = (),
    *,
    dataset: str = "user",
    user: str | None = None,
    dry_run: bool = False,
    replace: bool = False,
    sees_internal: bool = True,
) -> LoadResult:
    """Validate and load files (paths, or (name, bytes) pairs) into the database, all or nothing.

    ``replace``: the files are the whole truth about the projects and plans they
    name, so rows of those the files omit are deleted (see ``etl.replace``).
    ``sees_internal``: whether the loader may read internal data (see the module's note).
    """
    read = read_files(paths)
    for name, data in blobs:
        read_bytes(name, data, read)
    return load_read_result(engine, read, dataset=dataset, user=user, dry_run=dry_run,
                            replace=replace, sees_internal=sees_internal)


class LoadChecks(Protocol):
    """What a caller adds to one load, inside its transaction (an edit on the plan page:
    ``etl.evaluation_edit``)."""

    def before_write(self, conn: sa.Connection, records: list[Record]) -> list[Problem]:
        """More problems, found once the load holds the writers' lock and nothing is written."""

    def written(self, conn: sa.Connection, run_id: int) -> None:
        """The records are written under ``run_id``; the run is not finished yet."""


def load_read_result(engine: sa.Engine, read: ReadResult, *, dataset: str = "user",
                     user: str | None = None, dry_run: bool = False,
                     replace: bool = False, sees_internal: bool = True,
                     checks: LoadChecks | None = None) -> LoadResult:
    """Validate and load what ``etl.read`` produced (``checks``: the caller's own, see there)."""
    result = LoadResult(status="rejected", problems=list(read.problems), files=read.files)
    # The small sheets are parsed whole; the fact sheets stream into staging tables
    # inside the transaction (etl.staging), so a million-row file is never held.
    found = _Findings(read.sheets)
    records: list[Record] = []
    for number, sheet in enumerate(read.sheets):
        if sheet.entity.name not in FACTS:
            sheet_records, found.by_sheet[number] = parse_sheet(sheet)
            records.extend(sheet_records)
    with collector_paused(), engine.connect() as conn, load_page_cache(conn), \
            conn.begin() as transaction:
        serialise_writers(conn)
        catalog = load_catalog(conn)
        add_batch_to_catalog(records, catalog)
        for entity in CODE_USES:
            removed = {r.values["kod"] for r in records
                       if r.entity == entity and r.values.get("odstranit")}
            if removed:
                mark_codes_in_use(conn, catalog, entity, removed)
        for record in records:
            found.add_references(record.entity, reference_problems(record, catalog))
        stagings = _stage_facts(conn, read.sheets, catalog, found)
        result.problems.extend(found.in_order(stagings, no_files=not read.sheets and not read.problems))
        if replace:
            result.problems.extend(locked_deletions(conn, records, catalog))
        if checks is not None:
            result.problems.extend(checks.before_write(conn, records))
        if result.errors:
            transaction.rollback()
            return result
        run_id = start_run(conn, dataset, user, dry_run)
        _write_records(conn, records, stagings, read.sheets, result, run_id=run_id,
                       is_demo=dataset == "demo", catalog=catalog, sees_internal=sees_internal)
        if replace:
            deleted = replace_projects(conn, records, stagings) + replace_plans(conn, records)
            for entity, count in deleted.items():
                result.counts.setdefault((REPLACED, entity), Counter())[DELETED] += count
        for staging in stagings.values():
            staging.drop()
        if checks is not None:
            checks.written(conn, run_id)
        finish_run(conn, run_id, read, result)
        if dry_run:
            transaction.rollback()
            result.status = "dry-run"
        else:
            refresh_aggregates(conn)  # pre-aggregated tables, in the load's transaction
            result.status = "loaded"
            result.run_id = run_id
    return result


class _Findings:
    """The problems of a load as they are found, reported in the order of a whole-batch check:
    each sheet's own problems (duplicate keys last), then references entity by entity (in the
    order the entities first have a row), then falling cumulative values."""

    def __init__(self, sheets: list[RawSheet]):
        self.sheets = sheets
        self.by_sheet: list[list[Problem]] = [[] for _ in sheets]
        self.references: dict[str, tuple[int, list[Problem]]] = {}
        self.falling = FallingValues()

    def add_references(self, entity: str, problems: list[Problem],
                       sheet_no: int | None = None) -> None:
        """Reference problems of one record of ``entity`` (of sheet ``sheet_no``, if known)."""
        if entity not in self.references:
            first = sheet_no if sheet_no is not None else next(
                n for n, sheet in enumerate(self.sheets) if sheet.entity.name == entity)
            self.references[entity] = (first, [])
        self.references[entity][1].extend(problems)

    def state(self) -> tuple:
        """What the fact rows added (problems, references, series), to pass between processes."""
        return self.by_sheet, self.references, self.falling

    def restore(self, state: tuple) -> None:
        """Take over what another process found (``state``), replacing what this one holds."""
        self.by_sheet, self.references, self.falling = state

    def in_order(self, stagings: dict[str, Staging], *, no_files: bool) -> list[Problem]:
        """Every problem, the staged checks run now that all rows are staged."""
        for staging in stagings.values():
            for number, problems in duplicate_problems(staging, self.sheets).items():
                self.by_sheet[number].extend(problems)
        found = [p for problems in self.by_sheet for p in problems]
        if no_files:
            found.append(Problem(file="-", rule="no-files", message_cs="žádné soubory",
                                 message_en="no files to load"))
        found.extend(p for _first, problems in sorted(self.references.values(), key=lambda r: r[0])
                     for p in problems)
        if "plneni_indikatoru" in stagings:
            found.extend(self.falling.problems(stagings["plneni_indikatoru"], self.sheets))
        return found


def _stage_facts(conn: sa.Connection, sheets: list[RawSheet], catalog: Catalog,
                 found: _Findings) -> dict[str, Staging]:
    """Parse, check and stage every fact sheet, one row at a time; the stagings by entity."""
    project_ids = dict(conn.execute(sa.select(s.project.c.key, s.project.c.id)).all())
    stagings: dict[str, Staging] = {}
    for entity in LOAD_ORDER:
        numbered = [(n, sheet) for n, sheet in enumerate(sheets) if sheet.entity.name == entity]
        if entity in FACTS and numbered:
            staging = stagings[entity] = Staging(conn, entity, FACTS[entity], catalog,
                                                 exact=EXACT.get(entity))
            staging.create()
            if worth_a_worker(sum(sheet.size for _n, sheet in numbered)):
                _stage_from_worker(staging, numbered, catalog, project_ids, found)
            else:
                staging.write(_staged_batches(staging, numbered, catalog, project_ids, found))
    return stagings


def _staged_batches(staging: Staging, sheets: list[tuple[int, RawSheet]], catalog: Catalog,
                    project_ids: dict[str, int], found: _Findings) -> Iterator[list[Sequence]]:
    """Every row of the sheets parsed, checked against the catalog and made a staging row,
    in batches given as their columns (``Staging.write`` takes them)."""
    return _Stager(staging, catalog, project_ids, found).batches(sheets)


class _Stager:
    """Makes the staging batches of one fact entity's sheets, numbering the rows as it goes.

    Achieved values in CSV files are parsed and checked a column at a time
    (``etl.columnar``); the rows it has something to say about, and all other
    sheets, go row by row, which reports their problems.
    """

    def __init__(self, staging: Staging, catalog: Catalog, project_ids: dict[str, int],
                 found: _Findings):
        self.staging, self.catalog, self.project_ids, self.found = staging, catalog, project_ids, found
        self.entity = staging.entity.name
        self.falling = found.falling if self.entity == "plneni_indikatoru" else None
        self.seq = 0  # rows staged so far, over all the sheets

    def batches(self, sheets: list[tuple[int, RawSheet]]) -> Iterator[list[Sequence]]:
        """Each batch of rows of the sheets as staging columns."""
        for sheet_no, sheet in sheets:
            parser = RowParser(sheet, self.found.by_sheet[sheet_no])
            if parser.positions is None:
                continue
            columnar = AchievedValueColumns.for_sheet(sheet, parser, self.catalog)
            for part in batches(parser.rows(), BATCH_SIZE):
                runs = columnar.check(part).runs() if columnar else [(False, part)]
                pieces = [self._clear(run, sheet_no, sheet) if clear
                          else self._row_by_row(run, sheet_no, parser) for clear, run in runs]
                yield pieces[0] if len(pieces) == 1 else [
                    list(itertools.chain.from_iterable(column))
                    for column in zip(*pieces, strict=True)]

    def _clear(self, run: ClearRows, sheet_no: int, sheet: RawSheet) -> list[Sequence]:
        """Rows the columns cleared: nothing to report but the falling values."""
        self.found.add_references(self.entity, [], sheet_no)
        if self.falling:
            rows = run.source_rows
            self.falling.add_columns(
                *(run.values[n] for n in ("registracni_cislo", "kod_indikatoru", "datum",
                                          "dosazena_hodnota")),
                lambda i: located(sheet, rows[i]))
        columns = self.staging.columns_of(run.values, run.source_rows, self.seq + 1, sheet_no,
                                          self.project_ids)
        self.seq += len(run.source_rows)
        return columns

    def _row_by_row(self, rows: list[tuple[int, list[object]]], sheet_no: int,
                    parser: RowParser) -> list[Sequence]:
        """Rows read one at a time, each problem reported."""
        staged = []
        for number, cells in rows:
            record = parser.parse(number, cells)
            self.found.add_references(self.entity, reference_problems(record, self.catalog),
                                      sheet_no)
            if self.falling:
                self.falling.add(record)
            self.seq += 1
            staged.append(self.staging.row(record.values, record.row, self.seq, sheet_no,
                                           self.project_ids))
        return list(zip(*staged, strict=True))


def _stage_from_worker(staging: Staging, sheets: list[tuple[int, RawSheet]], catalog: Catalog,
                       project_ids: dict[str, int], found: _Findings) -> None:
    """Stage rows that a second process reads, parses, checks and prepares (``etl.parallel``).

    The worker sends batches as columns of values in the driver's form (plain numbers
    and text: cheap to pass) and this process makes them rows and writes them. The
    worker starts from this process's state at the fork and is the only one to change
    it until it ends: then what it found and what staging learnt replace ours.
    """
    def produce() -> Generator[list, None, tuple]:
        yield from _staged_batches(staging, sheets, catalog, project_ids, found)
        return found.state(), staging.state()

    findings, learnt = stage_in_worker(staging.write, produce)
    found.restore(findings)
    staging.restore(learnt)


def _write_records(conn: sa.Connection, records: list[Record], stagings: dict[str, Staging],
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
        key = v["registracni_cislo"]
        values = {
            "registration_number_stated": not key.startswith("local:"),
            "name": v["nazev"], "short_name": v["zkraceny_nazev"], "beneficiary": v["prijemce"],
            "beneficiary_ico": v["ico_prijemce"], "programme_code": v["program"],
            "call_id": self.call_id(v["program"], v["vyzva"]),
            "start_date": v["zahajeni"], "end_date": v["ukonceni"],
            "planned_end_date": v["planovane_ukonceni"],
            "duration_months": v["doba_trvani_mesice"],
            "total_eligible": v["celkove_zpusobile_vydaje"], "support_eu_state": v["podpora_eu_sr"],
            "municipality_count": v["pocet_obci"], "predecessor_key": v["predchozi_projekt"],
            "description": v["popis"], "source": v["zdroj"],
        }
        outcome, project_id = self.upsert(s.project, {"key": key}, values, r)
        links_changed = self.replace_links(s.project_orp, "project_id", project_id, v["orp"] or [])
        funding_changed = self._write_funding(project_id, v)
        if outcome == UNCHANGED and (links_changed or funding_changed):
            outcome = UPDATED
        return outcome

    def _write_funding(self, project_id: int, v: dict[str, object]) -> bool:
        columns = SHARE_SOURCES
        shares = {c: v[c] for c in columns if v[c] is not None}
        amounts = resolve_share_amounts(v["celkove_zpusobile_vydaje"], shares)
        rule = v["odvozeni_podilu"]
        changed = False
        for column, source in columns.items():
            share = shares.get(column)
            if share is None:
                deleted = self.conn.execute(s.project_funding.delete().where(
                    s.project_funding.c.project_id == project_id,
                    s.project_funding.c.source_code == source)).rowcount
                changed = changed or bool(deleted)
                continue
            values = {
                "amount": amounts.get(column), "percent": share.percent,
                # A percentage stated by the source makes the amount derived; a rule
                # (odvozeni_podilu) makes both derived.
                "amount_derived": bool(rule) or share.amount is None,
                "percent_derived": bool(rule) or share.percent is None and share.amount is None,
                "derivation": rule,
            }
            outcome, _ = self.upsert(s.project_funding,
                                     {"project_id": project_id, "source_code": source},
                                     values, None, lineage=False)
            changed = changed or outcome != UNCHANGED
        return changed

    def _write_programy(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.programme, {"code": v["kod"]},
                           {"name": v["nazev"], "period": v["obdobi"], "source": v["zdroj"]}, r)[0]

    def _write_vyzvy(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.call, {"programme_code": v["program"], "number": v["cislo"]},
                           {"name": v["nazev"], "source": v["zdroj"]}, r)[0]

    def _remove_code(self, table: sa.Table, code: str) -> str:
        """A codebook row the file marks ``odstranit`` (validation refused the load if any
        data uses the code)."""
        removed = self.conn.execute(table.delete().where(table.c.code == code)).rowcount
        return DELETED if removed else UNCHANGED

    def _write_indikatory(self, r: Record) -> str:
        v = r.values
        if v["odstranit"]:
            return self._remove_code(s.indicator, v["kod"])
        return self.upsert(s.indicator, {"code": v["kod"]},
                           {"name": v["nazev"], "unit": v["jednotka"], "period": v["obdobi"],
                            "description": v["popis"], "source": v["zdroj"]}, r)[0]

    def _write_zdroje_financovani(self, r: Record) -> str:
        v = r.values
        if v["odstranit"]:
            return self._remove_code(s.funding_source, v["kod"])
        return self.upsert(s.funding_source, {"code": v["kod"]},
                           {"name": v["nazev"], "name_en": v["nazev_en"] or v["nazev"],
                            "source": v["zdroj"]}, r)[0]

    # Key activities, indicator targets and values, drawdown, project target groups and
    # planning bodies are written in bulk by etl.bulk.

    def _write_komunitni_plany(self, r: Record) -> str:
        v = r.values
        project = v["registracni_cislo"]
        outcome, plan_id = self.upsert(
            s.community_plan, {"key": v["plan"]},
            {"name": v["nazev"], "period_from": v["obdobi_od"], "period_to": v["obdobi_do"],
             "project_id": self.project_id(project) if project else None,
             "description": v["popis"], "source": v["zdroj"]}, r)
        changed = self.replace_links(s.community_plan_orp, "plan_id", plan_id, v["orp"] or [])
        return UPDATED if outcome == UNCHANGED and changed else outcome

    def _write_akcni_plany(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.action_plan, {"plan_id": self.plan_id(v["plan"]), "year": v["rok"]},
                           {"name": v["nazev"], "source": v["zdroj"]}, r)[0]

    def _write_cilove_skupiny(self, r: Record) -> str:
        v = r.values
        return self.upsert(s.target_group,
                           {"plan_key": v["plan"] or "", "local_name": v["nazev"]},
                           {"canonical_code": self.catalog.canonical_group_code(
                               v["kanonicka_skupina"]),
                            "sort_order": v["poradi"], "source": v["zdroj"]}, r)[0]

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
                           {"name": v["nazev"], "priority_id": self._priority_id(plan_id, v["priorita"]),
                            "target_group_id": self._target_group_id(v["plan"], v["cilova_skupina"]),
                            "responsible": v["odpovedny_subjekt"],
                            "planned_cost": v["planovane_naklady"],
                            "service_kind": v["druh_sluzby"], "source": v["zdroj"]}, r)[0]

    def _write_plneni_opatreni(self, r: Record) -> str:
        v = r.values
        measure_id = self.conn.execute(sa.select(s.measure.c.id).where(
            s.measure.c.plan_id == self.plan_id(v["plan"]), s.measure.c.code == v["kod"])
        ).scalar_one()
        values = {"status_code": self.catalog.status_code(v["stav"]),
                  "percent_fulfilled": v["plneni_procent"],
                  "actual_cost": v["skutecne_naklady"], "comment": v["komentar"],
                  "internal_comment": v["interni_komentar"],
                  "is_public": bool(v["verejne"]), "source": v["zdroj"]}
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
