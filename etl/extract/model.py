"""What extraction produces: draft records in the import format, each value with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.entities import ENTITIES, REGISTRATION_NUMBER


@dataclass(frozen=True)
class Evidence:
    """One value found (or proposed) for one column, and the sentence it came from."""

    column: str
    value: str
    sentence: str
    proposal: bool = False  # not stated by the page: a suggestion a person must check
    note: str = ""


@dataclass
class DraftRecord:
    """One row of one entity of the import format, as text in the format's notation."""

    entity: str
    values: dict[str, str] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def set(self, column: str, value: str | None, sentence: str, *, proposal: bool = False,
            note: str = "", write: bool = True) -> None:
        """Record a value and where it came from; ``write=False`` keeps it for the report only."""
        if value is None or value == "":
            return
        if write:
            if column not in {c.name for c in ENTITIES[self.entity].columns}:
                raise KeyError(f"{self.entity} has no column {column}")
            self.values[column] = value
        self.evidence.append(Evidence(column, value, sentence, proposal, note))

    def append(self, column: str, line: str, sentence: str) -> None:
        """Add one line (a list item) to a multi-line column such as ``vystupy``."""
        self.values[column] = "\n".join(filter(None, [self.values.get(column), line]))
        self.evidence.append(Evidence(column, line, sentence))

    def link_to(self, project: DraftRecord) -> None:
        """Key this record to the page's project (its number, or the proposed local key)."""
        key = project.get(REGISTRATION_NUMBER)
        if key:
            self.values[REGISTRATION_NUMBER] = key

    def get(self, column: str) -> str | None:
        """The value of ``column``, or None."""
        return self.values.get(column)

    @property
    def label(self) -> str:
        """The record's natural key as people read it."""
        key = ENTITIES[self.entity].key
        return " / ".join(self.values.get(k, "?") for k in key)

    def evidence_for(self, column: str) -> str:
        """The sentence the value of ``column`` came from ("" when none)."""
        return next((e.sentence for e in self.evidence if e.column == column), "")

    def proposed_columns(self) -> set[str]:
        """Columns whose value is a proposal, not a fact stated by the page."""
        return {e.column for e in self.evidence if e.proposal}


@dataclass
class PageDraft:
    """Everything one page gave: records, the facts not found, and remarks for the reader."""

    file_name: str
    source: str
    records: list[DraftRecord] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def of(self, entity: str) -> list[DraftRecord]:
        """The records of one entity."""
        return [r for r in self.records if r.entity == entity]

    def add(self, record: DraftRecord) -> DraftRecord:
        """Add a record (with the page as its source) and return it."""
        record.values.setdefault("zdroj", self.source)
        self.records.append(record)
        return record
