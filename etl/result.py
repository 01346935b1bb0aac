"""What a load did: its status, its problems and the rows it wrote, per file and entity.

The outcome of every write path (``etl.load``, ``etl.write.write_checked``) and what the
command line, the upload page and the load run record report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from etl.problems import Problem

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
