"""MS2014+ open data ``SeznamProjektu.xml`` (2014–20 projects), read by ``etl.sources.msexport``."""

from __future__ import annotations

from pathlib import Path

from etl.read import ReadResult
from etl.sources.common import Selection
from etl.sources.msexport import MS2014, read_export


def read_ms2014(path: Path, selection: Selection = Selection()) -> ReadResult:  # noqa: B008 - frozen
    """Stream ``SeznamProjektu.xml`` into an import-format projekty sheet."""
    return read_export(path, MS2014, selection)
