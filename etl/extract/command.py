"""``python -m etl extract-page FILE … [-o draft.xlsx]`` and ``extract-plan FILE … [-o draft.xlsx]``:
pages or plan documents → a draft workbook and a report.

It never loads: a person checks the draft, then runs ``python -m etl load``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from etl.extract import PageDraft, extract_page
from etl.extract.plan import extract_plan
from etl.extract.report import print_report

DEFAULT_OUTPUT = Path("draft.xlsx")


# The subcommands and what each reads a file with.
EXTRACTORS: dict[str, Callable[[str, bytes], PageDraft]] = {
    "extract-page": extract_page,
    "extract-plan": extract_plan,
}


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Register the ``extract-page`` and ``extract-plan`` subcommands."""
    helps = {"extract-page": "read project web pages (text or saved HTML) into a draft workbook",
             "extract-plan": "read community plans (PDF, DOCX or text) into a draft workbook"}
    for name, text in helps.items():
        parser = commands.add_parser(name, help=text)
        parser.add_argument("pages", nargs="+", type=Path, metavar="FILE")
        parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT,
                            help=f"draft workbook to write (default: {DEFAULT_OUTPUT})")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Extract every file, print the report, write the draft; 1 when a file cannot be read."""
    out = out or sys.stdout  # looked up per call, so that a redirected stdout is honoured
    extract = EXTRACTORS[getattr(args, "command", "extract-page")]
    drafts = []
    failed = False
    for path in args.pages:
        try:
            drafts.append(extract(path.name, path.read_bytes()))
        except (OSError, ValueError) as exc:
            print(f"== {path.name}\n  nelze přečíst (cannot be read): {exc}", file=out)
            failed = True
    for draft in drafts:
        print_report(draft, out)
    if drafts:
        from etl.extract.draft import draft_workbook  # openpyxl only when a draft is written

        args.output.write_bytes(draft_workbook(drafts))
        print(f"návrh uložen (draft written): {args.output} — zkontrolujte jej a načtěte příkazem "
              f"`python -m etl load {args.output}` (check it, then load it)", file=out)
    return 1 if failed or not drafts else 0
