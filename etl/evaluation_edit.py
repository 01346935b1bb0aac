"""One measure evaluation edited on the plan page, saved as a load of a one-row sheet.

The page's values go through the same reading, rules and writer as a row of a
``plneni_opatreni`` file (``etl.load.load_read_result``): one implementation of each
rule, the lock of an approved year included (``period-locked``). The save is one
transaction and one load run with the user and the time; the fields it changed are
kept with their values before and after (``measure_evaluation_change``).

Two people editing the same evaluation: each edit carries the row version it was
made from (``measure_evaluation.row_version``, raised by every write that changes the
row); when another write came in between, the save is refused (``edit-conflict``)
naming who wrote it and when, and nothing is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from etl import schema as s
from etl.entities import ENTITIES
from etl.load import load_read_result
from etl.plan_year import local_time
from etl.problems import Problem
from etl.read import RawSheet, ReadResult
from etl.result import LoadResult
from etl.validate import Record

CONFLICT_RULE = "edit-conflict"
DATASET = "page"  # the load run's data set: an edit on the page, not a file
# The evaluation's columns an edit may change, as the table names them.
FIELDS = ("status_code", "percent_fulfilled", "actual_cost", "comment", "internal_comment",
          "is_public")
HEADERS = ("plan", "kod", "rok", "stav", "plneni_procent", "skutecne_naklady", "komentar",
           "interni_komentar", "verejne", "zdroj")


@dataclass(frozen=True)
class EvaluationEdit:
    """What the page sends for one measure's evaluation of one year, as typed (text)."""

    plan: str
    code: str
    year: int
    status: str  # a status name or code, as a file may give it
    percent: str | None = None
    actual_cost: str | None = None
    comment: str | None = None
    internal_comment: str | None = None
    public: bool = False
    version: int = 0  # the row version the edit was made from; 0: there was no evaluation

    def sheet_name(self) -> str:
        """What the load run calls the edit (its "file", shown on /data)."""
        return f"úprava na stránce: {self.plan} {self.code} {self.year}"


def _stored(conn: sa.Connection, plan: str, code: str, year: int) -> sa.RowMapping | None:
    """The evaluation as stored, with who last wrote it and when."""
    e, m, p, r = s.measure_evaluation, s.measure, s.community_plan, s.load_run
    return conn.execute(
        sa.select(e, p.c.id.label("plan_id"), r.c.user_name.label("written_by"),
                  sa.func.coalesce(r.c.finished_at, r.c.started_at).label("written_at"))
        .join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
        .outerjoin(r, r.c.id == e.c.load_run_id)
        .where(p.c.key == plan, m.c.code == code, e.c.year == year)).mappings().first()


class _EditChecks:
    """The row-version check before the write, the before/after record after it."""

    def __init__(self, edit: EvaluationEdit):
        self.edit = edit
        self.before: sa.RowMapping | None = None

    def before_write(self, conn: sa.Connection, records: list[Record]) -> list[Problem]:
        edit = self.edit
        self.before = stored = _stored(conn, edit.plan, edit.code, edit.year)
        version = stored["row_version"] if stored is not None else 0
        if version == edit.version:
            return []
        if stored is None:
            cs = "hodnocení mezitím někdo smazal"
            en = "someone has deleted the evaluation in the meantime"
        else:
            who = stored["written_by"] or "?"
            when = local_time(stored["written_at"]) if stored["written_at"] else "?"
            cs = f"hodnocení mezitím změnil(a) {who} ({when})"
            en = f"{who} changed the evaluation in the meantime ({when})"
        return [records[0].problem(
            None, CONFLICT_RULE,
            f"{cs}; vaše změny nebyly uloženy. Zkontrolujte nový stav a uložte je znovu.",
            f"{en}; your changes were not saved. Check the new state and save them again.")]

    def written(self, conn: sa.Connection, run_id: int) -> None:
        edit, before = self.edit, self.before
        after = _stored(conn, edit.plan, edit.code, edit.year)
        was_public = before is None or bool(before["is_public"])
        rows = []
        for name in FIELDS:
            old = None if before is None else before[name]
            if old == after[name]:
                continue
            rows.append({"load_run_id": run_id, "plan_id": after["plan_id"],
                         "measure_code": edit.code, "year": edit.year, "field": name,
                         "before": _text(name, old), "after": _text(name, after[name]),
                         "is_public": name != "internal_comment" and was_public
                         and bool(after["is_public"])})
        if rows:
            conn.execute(s.measure_evaluation_change.insert(), rows)


def _text(field: str, value: object) -> str | None:
    """A stored value as the change record keeps it (a percentage without trailing zeros)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "ano" if value else "ne"
    if field == "percent_fulfilled":
        return format(Decimal(value).normalize(), "f")
    return str(value)


def edit_sheet(edit: EvaluationEdit, source: str | None) -> ReadResult:
    """The edit as a one-row ``plneni_opatreni`` sheet, read as a file would be."""
    row = [edit.plan, edit.code, str(edit.year), edit.status, edit.percent, edit.actual_cost,
           edit.comment, edit.internal_comment, "ano" if edit.public else "ne", source]
    name = edit.sheet_name()
    digest = hashlib.sha256(repr((name, row, edit.version)).encode()).hexdigest()
    sheet = RawSheet(file_name=name, sha256=digest, sheet=None,
                     entity=ENTITIES["plneni_opatreni"], header_row=1, headers=list(HEADERS),
                     rows=[(2, row)])
    return ReadResult(sheets=[sheet], files=[(name, digest)])


def save_evaluation(engine: sa.Engine, edit: EvaluationEdit, user: str, *,
                    sees_internal: bool) -> LoadResult:
    """Validate and save one edited evaluation, all or nothing (see the module's note).

    ``sees_internal``: whether the user may read internal data; as for a file, a blank
    internal comment of someone who may not keeps the stored one (``etl.write``).
    """
    with engine.connect() as conn:  # the figure's source stays what it was
        stored = _stored(conn, edit.plan, edit.code, edit.year)
    source = stored["source"] if stored is not None else None
    return load_read_result(engine, edit_sheet(edit, source), dataset=DATASET, user=user,
                            sees_internal=sees_internal, checks=_EditChecks(edit))
