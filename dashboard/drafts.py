"""A draft from a document, for the upload page: a project page or a plan → the draft workbook and report.

The same extractors as ``python -m etl extract-page`` and ``extract-plan``; nothing is
loaded. An unreadable file gives its reason instead of a workbook.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from dashboard.upload_checks import safe_file_name
from dashboard.uploads import decode_contents
from etl.extract.command import EXTRACTORS
from etl.extract.draft import draft_workbook
from etl.extract.report import print_report
from etl.problems import Problem

# What the page offers, and the command whose extractor reads it.
KINDS = {"page": "extract-page", "plan": "extract-plan"}
ACCEPTED = {"page": (".html", ".htm", ".txt"), "plan": (".pdf", ".docx", ".txt")}


@dataclass(frozen=True)
class DraftOutcome:
    """The draft workbook and the report, or why the file could not be read."""

    file_name: str
    workbook: bytes | None = None
    report: str = ""
    error_cs: str = ""
    error_en: str = ""

    @property
    def download_name(self) -> str:
        return f"navrh-{Path(self.file_name).stem}.xlsx"


def draft_from_upload(kind: object, contents: object, name: object, max_bytes: int) -> DraftOutcome:
    """Read one uploaded file (a ``data:…;base64,…`` text) as a page or a plan."""
    file_name = safe_file_name(name)
    if not isinstance(kind, str) or kind not in KINDS:  # what a hostile request sends may be any JSON
        return DraftOutcome(file_name, error_cs="neznámý druh dokumentu", error_en="unknown kind of document")
    if not file_name.lower().endswith(ACCEPTED[kind]):
        wanted = ", ".join(ACCEPTED[kind])
        return DraftOutcome(file_name, error_cs=f"čtu jen soubory {wanted}", error_en=f"only {wanted} files")
    data = decode_contents(file_name, contents, max_bytes)
    if isinstance(data, Problem):
        return DraftOutcome(file_name, error_cs=data.message_cs, error_en=data.message_en)
    try:
        draft = EXTRACTORS[KINDS[kind]](file_name, data)
    except ValueError as exc:  # the extractors' "cannot be read", in Czech (English)
        return DraftOutcome(file_name, error_cs=str(exc), error_en=str(exc))
    out = io.StringIO()
    print_report(draft, out)
    return DraftOutcome(file_name, workbook=draft_workbook([draft]), report=out.getvalue())
