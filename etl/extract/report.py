"""The terminal report: each value found with the sentence it came from, proposals, what is missing."""

from __future__ import annotations

import sys
from typing import TextIO

from etl.entities import ENTITIES
from etl.extract.model import PageDraft

_QUOTE_LIMIT = 160


def _quote(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) > _QUOTE_LIMIT:
        sentence = sentence[:_QUOTE_LIMIT - 1] + "…"
    return f"„{sentence}“" if sentence else "(odvozeno / derived)"


def print_report(draft: PageDraft, out: TextIO | None = None) -> None:
    """Print what one page gave."""
    out = out or sys.stdout
    print(f"== {draft.file_name}", file=out)
    for record in draft.records:
        print(f"  [{record.entity}] {record.label}", file=out)
        key = ENTITIES[record.entity].key
        for e in sorted(record.evidence, key=lambda e: e.column not in key):  # the key first
            value = e.value.replace("\n", " | ")
            flag = "  NÁVRH (proposal)" if e.proposal else ""
            print(f"    {e.column} = {value}{flag}", file=out)
            print(f"        ← {_quote(e.sentence)}", file=out)
            if e.note:
                print(f"        ({e.note})", file=out)
    if draft.missing:
        print("  nenalezeno (not found on the page): " + ", ".join(draft.missing), file=out)
    for note in draft.notes:
        print(f"  pozn. (note): {note}", file=out)
