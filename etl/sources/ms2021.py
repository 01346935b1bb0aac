"""MS2021+ open data ``SeznamOperaci_21_27.xml`` (2021–27 projects), read by ``etl.sources.msexport``.

The root must be ``EXPORT`` in the namespace ``https://ms21xsd.mssf.cz/OpenData/v_1``
(attributes ``LICENCE``, ``AUTOR``, ``DATE``, ``FILE``); anything else is refused
before parsing.
"""

from __future__ import annotations

from pathlib import Path

from etl.read import ReadResult
from etl.sources.common import Selection
from etl.sources.msexport import MS2021, read_export


def read_ms2021(path: Path, selection: Selection = Selection()) -> ReadResult:  # noqa: B008 - frozen
    """Stream ``SeznamOperaci_21_27.xml`` into an import-format projekty sheet."""
    return read_export(path, MS2021, selection)
