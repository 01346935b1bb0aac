"""Texts of the project page and the lineage note every section carries."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from dashboard.components.common import demo_badge
from dashboard.components.layout import href
from dashboard.i18n import _
from dashboard.page_sources import source_parts


def _rows_text(rows: list[int], lang: str) -> str:
    rows = sorted(set(rows))
    if len(rows) == 1:
        return f"{_(lang, 'řádek')} {rows[0]}"
    consecutive = rows == list(range(rows[0], rows[-1] + 1))
    listed = f"{rows[0]}–{rows[-1]}" if consecutive else ", ".join(map(str, rows))
    return f"{_(lang, 'řádky')} {listed}"


def lineage_note(rows: pd.DataFrame | Mapping[str, object], lang: str,
                 note_id: str | None = None, what: str | None = None) -> html.Small:
    """“Zdroj: stránka projektu … · projekty.csv, řádek 3 (načtení č. 1)” for one or many rows.

    Rows from the same file and load are summarised into one line with their row numbers;
    ``what`` names the figures when a section has more than one source (“Cíl – zdroj: …”).
    """
    frame = pd.DataFrame([dict(rows)]) if isinstance(rows, Mapping) else rows
    label = f"{what} – {_(lang, 'Zdroj').lower()}" if what else _(lang, "Zdroj")
    parts: list[object] = [f"{label}: "]
    if frame.empty:
        return html.Small("", className="text-muted")
    frame = frame.assign(**{c: frame.get(c)
                            for c in ("source", "file_name", "load_run_id", "source_row", "is_demo")})
    groups = frame.fillna({"source": "", "file_name": ""}).groupby(
        ["source", "file_name", "load_run_id"], dropna=False, sort=False)
    pieces: list[list[object]] = []
    demo = False
    for (source, file_name, run), part in groups:
        piece: list[object] = source_parts(source, lang) if source else []
        location = file_name or ""
        found = [int(r) for r in part["source_row"] if r is not None and r == r]
        if found:
            location += f"{', ' if location else ''}{_rows_text(found, lang)}"
        if location:
            piece += [" · " if piece else "", location]
        if run is not None and run == run:
            # The load run links to the Data page, which lists its files, rows and warnings.
            piece += [" (", html.A(f"{_(lang, 'načtení č.')} {int(run)}",
                                   href=href("/data", lang, beh=int(run))), ")"]
        if piece:
            pieces.append(piece)
        demo = demo or bool(part["is_demo"].fillna(False).astype(bool).any())
    for index, piece in enumerate(pieces):
        parts += (["; "] if index else []) + piece
    if not pieces:
        parts.append(_(lang, "neuvedeno"))
    if demo:
        parts.append(demo_badge(lang))
    return html.Small(parts, className="text-muted d-block lineage", id=note_id or "")
