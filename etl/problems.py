"""Problems found in input files: where (file, sheet, row, column), what, and why, in Czech and English."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

ERROR = "error"
WARNING = "warning"
# Characters of a value a problem quotes: a 100 KB cell is named, not repeated.
SHOWN_CHARS = 200


@dataclass(frozen=True)
class Problem:
    """One problem with one place of one input file."""

    file: str
    rule: str
    message_cs: str
    message_en: str
    severity: str = ERROR
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def __post_init__(self) -> None:
        if self.value is not None and len(self.value) > SHOWN_CHARS:
            object.__setattr__(self, "value", f"{self.value[:SHOWN_CHARS]}… ({len(self.value)})")

    @property
    def is_error(self) -> bool:
        """Errors reject the whole load; warnings are reported and the load goes on."""
        return self.severity == ERROR

    def where(self) -> str:
        """``file.csv, list projekty, řádek 4, sloupec zahajeni`` in short form."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f" value {self.value!r}:" if self.value is not None else ""
        label = "ERROR" if self.is_error else "WARNING"
        return f"{label} {self.where()}:{value} {self.message_cs} / {self.message_en} [{self.rule}]"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form (stored on the load run)."""
        return asdict(self)


def shown(value: object) -> str:
    """A parsed value as a problem shows it, in the file's own Czech forms: ``30.6.2018``,
    ``12,5``, a key's parts joined by commas (not ``2018-06-30``, ``12.5`` or a tuple)."""
    if isinstance(value, dt.date):
        return f"{value.day}.{value.month}.{value.year}"
    if isinstance(value, Decimal | float):
        return str(value).replace(".", ",")
    if isinstance(value, tuple):
        return ", ".join(shown(part) for part in value)
    return str(value)
