"""The problems of one load, gathered as they are found and reported in one fixed order.

A load finds problems in several passes (each small sheet parsed whole, each fact row as it
streams into staging, possibly in a worker process, then the checks in SQL on the staged
rows); the report lists them as a whole-batch check would: each sheet's own problems
(duplicate keys last), then references entity by entity (in the order the entities first
have a row), then falling cumulative values.
"""

from __future__ import annotations

from etl.entities import INDICATOR_ACHIEVEMENT
from etl.problems import Problem
from etl.read import RawSheet
from etl.staged_checks import FallingValues, duplicate_problems
from etl.staging import Staging


class Findings:
    """The problems of a load as they are found, reported in the order of a whole-batch check."""

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
        if INDICATOR_ACHIEVEMENT in stagings:
            found.extend(self.falling.problems(stagings[INDICATOR_ACHIEVEMENT], self.sheets))
        return found
