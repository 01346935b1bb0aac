"""Loading files: the one path the command line and the upload page call, all or nothing.

A load reads the files (``etl.read``), parses and checks the small sheets whole
(``etl.validate``), streams the fact sheets into staging tables (``etl.stage``),
maps what it writes onto the tables (``etl.transform``) and writes it (``etl.write``),
all in one transaction; the problems are reported in one order (``etl.findings``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa

from etl.aggregates import refresh as refresh_aggregates
from etl.bulk import collector_paused
from etl.catalog import CODE_USES, load_catalog, mark_codes_in_use
from etl.database import serialise_writers
from etl.findings import Findings
from etl.problems import Problem
from etl.read import ReadResult, read_bytes, read_files
from etl.replace import locked_deletions, replace_plans, replace_projects
from etl.result import DELETED, REPLACED, LoadResult
from etl.stage import stage_facts
from etl.staging import load_page_cache
from etl.transform import FACTS
from etl.validate import Record, add_batch_to_catalog, parse_sheet, reference_problems
from etl.write import finish_run, start_run, write_records


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
    found = Findings(read.sheets)
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
        stagings = stage_facts(conn, read.sheets, catalog, found)
        result.problems.extend(found.in_order(stagings, no_files=not read.sheets and not read.problems))
        if replace:
            result.problems.extend(locked_deletions(conn, records, catalog))
        if checks is not None:
            result.problems.extend(checks.before_write(conn, records))
        if result.errors:
            transaction.rollback()
            return result
        run_id = start_run(conn, dataset, user, dry_run)
        write_records(conn, records, stagings, read.sheets, result, run_id=run_id,
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
