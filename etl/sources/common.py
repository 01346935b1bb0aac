"""What the national sources share: the registration-number filter and building import sheets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.entities import ENTITIES
from etl.read import RawSheet
from etl.registration import PROGRAMME_NUMBER, programme_of

# 2014–20 (…/16_063/0006590) and 2021–27 (…/22_007/0000182) numbers carry the call after "_".
_CALL = re.compile(r"_(\d{3})/\d{7}$")


@dataclass(frozen=True)
class Selection:
    """Which projects of a national file to load: a call number and/or a programme."""

    call: str | None = None
    programme: str | None = None

    def wants(self, registration: str) -> bool:
        """Whether the project with this registration number is selected."""
        if self.call is not None and call_of(registration) != str(int(self.call)):
            return False
        if self.programme is not None:
            number = PROGRAMME_NUMBER.match(registration.strip())
            names = {programme_of(registration), number.group(1) if number else None}
            if self.programme not in names:
                return False
        return True


def call_of(registration: str) -> str | None:
    """The call number (``63``) a registration number names."""
    found = _CALL.search(registration.strip())
    return str(int(found.group(1))) if found else None


def import_sheet(file_name: str, sha256: str, sheet: str | None, entity: str,
                 rows: list[tuple[int, dict[str, object]]]) -> RawSheet:
    """An import-format sheet from (source row number, {import column: raw value}) pairs."""
    columns = [c.name for c in ENTITIES[entity].columns]
    return RawSheet(file_name=file_name, sha256=sha256, sheet=sheet, entity=ENTITIES[entity],
                    header_row=0, headers=columns,
                    rows=[(number, [values.get(c) for c in columns]) for number, values in rows])
