"""The editor's browser upload, without the page: decode, check, dry run, load.

The browser sends each file as a ``data:…;base64,…`` text (dcc.Upload). The
files are checked by content (``upload_checks.check_upload``) before the ETL reads
them, then ``etl.load.load_files`` validates them as a dry run; the confirmed
load runs the same files again, all or nothing. Nothing of the files is kept on
the server between the two steps: the confirmation sends them again, and a
fingerprint of the dry-run version makes sure it is the same files.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from dashboard import formatting
from dashboard.auth import WRITER_KEY
from dashboard.upload_checks import check_upload, safe_file_name
from etl.database import lock_timed_out
from etl.entities import ENTITIES
from etl.load import load_files
from etl.problems import Problem
from etl.result import LoadResult

MAX_FILES = 20
MAX_PROBLEMS_SHOWN = 200


@dataclass
class Prepared:
    """Files ready for the ETL, and the problems that refused others."""

    blobs: list[tuple[str, bytes]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """One hash over the names and contents: the same files give the same text."""
        digest = hashlib.sha256()
        for name, data in self.blobs:
            digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
        return digest.hexdigest()


def _problem(file_name: str, rule: str, cs: str, en: str) -> Problem:
    return Problem(file=file_name, rule=rule, message_cs=cs, message_en=en)


def decode_contents(file_name: str, contents: object, max_bytes: int) -> bytes | Problem:
    """The bytes of one ``data:…;base64,…`` text, or the problem with it."""
    if not isinstance(contents, str):
        return _problem(file_name, "upload-malformed", "soubor nedorazil celý",
                        "the file did not arrive whole")
    if len(contents) > max_bytes * 4 // 3 + 1024:
        mb = max_bytes // (1024 * 1024)
        return _problem(file_name, "file-too-large", f"soubor je větší než {mb} MB",
                        f"the file is larger than {mb} MB")
    header, comma, payload = contents.partition(",")
    if not comma or not header.startswith("data:") or not header.endswith(";base64"):
        return _problem(file_name, "upload-malformed", "soubor nedorazil celý",
                        "the file did not arrive whole")
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        return _problem(file_name, "upload-malformed", "soubor nedorazil celý",
                        "the file did not arrive whole")


def prepare(contents: object, names: object, max_bytes: int) -> Prepared:
    """Decode and check what dcc.Upload sent (lists of data texts and file names)."""
    prepared = Prepared()
    if isinstance(contents, str):
        contents, names = [contents], [names]
    if not isinstance(contents, list) or not contents:
        prepared.problems.append(_problem("-", "no-files", "žádné soubory", "no files"))
        return prepared
    if not isinstance(names, list) or len(names) != len(contents):
        names = [None] * len(contents)
    if len(contents) > MAX_FILES:
        prepared.problems.append(_problem("-", "too-many-files",
                                          f"najednou lze nahrát nejvýše {MAX_FILES} souborů",
                                          f"at most {MAX_FILES} files at once"))
        return prepared
    for raw_name, text in zip(names, contents, strict=True):
        name = safe_file_name(raw_name)
        data = decode_contents(name, text, max_bytes)
        if isinstance(data, Problem):
            prepared.problems.append(data)
            continue
        check = check_upload(name, data, max_bytes)
        if check.problem is not None:
            prepared.problems.append(check.problem)
        else:
            prepared.blobs.append((name, data))
    return prepared


def writer_engine() -> sa.Engine:
    """The running app's engine for writing (SQLite: takes the write lock at once)."""
    return current_app.extensions[WRITER_KEY]


def run(engine: sa.Engine, prepared: Prepared, user: str, *, dry_run: bool,
        sees_internal: bool) -> LoadResult:
    """Validate (dry run) or load the prepared files; refused files reject the whole load.

    ``sees_internal``: the user may read internal data (the steering group); for
    anyone else the report never depends on it (see ``etl.write``).

    A dry run writes too (into staging tables it rolls back), so both wait for a
    load that holds the lock only briefly (``auth.WRITE_WAIT_MS``), then say so.
    """
    if prepared.problems:
        return LoadResult(status="rejected", problems=list(prepared.problems))
    try:
        return load_files(engine, blobs=prepared.blobs, user=user, dry_run=dry_run,
                          sees_internal=sees_internal)
    except sa.exc.OperationalError as error:
        if not lock_timed_out(error):
            raise
        return LoadResult(status="rejected", problems=[_problem(
            "-", "database-busy",
            "databáze je právě zaneprázdněná jiným načítáním; nic nebylo změněno, zkuste to "
            "za minutu", "the database is busy with another load; nothing was changed, try "
            "again in a minute")])


def problem_rows(result: LoadResult, lang: str) -> list[dict[str, str]]:
    """The problems as table rows: errors first, each in file and row order (texts only, values
    shortened)."""
    rows = []
    ordered = sorted(result.problems,
                     key=lambda p: (not p.is_error, p.file, p.sheet or "", p.row or 0))
    for problem in ordered[:MAX_PROBLEMS_SHOWN]:
        value = "" if problem.value is None else str(problem.value)
        rows.append({
            "severity": ("error" if problem.is_error else "warning"),
            "file": problem.file, "sheet": problem.sheet or "",
            "row": "" if problem.row is None else str(problem.row),
            "column": problem.column or "",
            "value": value if len(value) <= 100 else value[:100] + "…",
            "message": problem.message_en if lang == "en" else problem.message_cs,
        })
    return rows


def count_rows(result: LoadResult, lang: str) -> list[dict[str, str]]:
    """Rows per file and entity (its Czech title on the Czech page): new, changed, unchanged and
    deleted (codes removed from a codebook, rows a replacing load left out)."""
    return [{"file": file_name, "entity": _entity_title(entity, lang),
             **{outcome: formatting.number(counts[outcome], lang, digits=0)
                for outcome in ("inserted", "updated", "unchanged", "deleted")}}
            for (file_name, entity), counts in sorted(result.counts.items())]


def _entity_title(entity: str, lang: str) -> str:
    known = ENTITIES.get(entity)
    return known.title_cs if lang == "cs" and known is not None and known.title_cs else entity
