"""Sortable, filterable tables (AG Grid) with Czech number and money formatting in the browser."""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd

from dashboard.components.grid_locale import grid_text
from dashboard.formatting import MONEY_DIGITS, PROJECT
from domain.frames import records

# Formatters live in assets/02-grid-functions.js (the browser's Intl; nothing is fetched).


def money_column(field: str, header: str, lang: str, context: str = PROJECT,
                 **extra: object) -> dict:
    """A right-aligned money column (``3 648 425,00 Kč``) rounded as its ``context`` is
    everywhere (``formatting.MONEY_DIGITS``), sorted and filtered as numbers."""
    digits = MONEY_DIGITS[context]
    return {"field": field, "headerName": header, "type": "rightAligned",
            "valueFormatter": {"function": f"czk(params.value, '{lang}', {digits})"},
            "filter": "agNumberColumnFilter", "minWidth": MONEY_MIN_WIDTH, **extra}


def number_column(field: str, header: str, lang: str, **extra: object) -> dict:
    """A right-aligned number column with the language's separators."""
    return {"field": field, "headerName": header, "type": "rightAligned",
            "valueFormatter": {"function": f"num(params.value, '{lang}')"},
            "filter": "agNumberColumnFilter", **extra}


def percent_column(field: str, header: str, lang: str, **extra: object) -> dict:
    """A share (0.55) shown as ``55 %``."""
    return {"field": field, "headerName": header, "type": "rightAligned",
            "valueFormatter": {"function": f"pct(params.value, '{lang}')"},
            "filter": "agNumberColumnFilter", **extra}


def _grid_options(lang: str, height: int | None) -> dict:
    options = {"context": {"lang": lang}, "domLayout": "autoHeight" if not height else None,
               "enableCellTextSelection": True,
               # every column rendered: tables are narrow, and text search and tests see all cells
               "suppressColumnVirtualisation": True,
               "tooltipShowDelay": 400}
    if text := grid_text(lang):
        options["localeText"] = text
    return options


# Headers wrap (never cut to "Zdr…"); columns keep their minimum width and a narrow screen
# scrolls the grid sideways instead of squeezing money into two lines.
DEFAULT_COLUMN = {"sortable": True, "filter": True, "resizable": True, "wrapText": True,
                  "autoHeight": True, "minWidth": 90, "wrapHeaderText": True,
                  "autoHeaderHeight": True}
MONEY_MIN_WIDTH = 160  # px: ``12 033 720,42 Kč`` on one line, with the cell padding
# A header's longest word must fit beside the sort and filter icons: headers wrap between
# words, and a word wider than its column would be clipped. Measured on the theme's bold
# 13 px header font: at most 8 px a letter, and 70 px of padding and icons.
HEADER_LETTER_PX, HEADER_ICONS_PX = 8, 70


def fit_headers(columns: list[dict]) -> list[dict]:
    """The columns with each minimum width raised to hold its header's longest word."""
    fitted = []
    for column in columns:
        words = str(column.get("headerName") or "").split()
        needed = HEADER_ICONS_PX + HEADER_LETTER_PX * max((len(w) for w in words), default=0)
        width = max(int(column.get("minWidth", DEFAULT_COLUMN["minWidth"])), needed)
        fitted.append({**column, "minWidth": width,
                       **({"maxWidth": max(column["maxWidth"], width)} if "maxWidth" in column else {})})
    return fitted


def default_column(lang: str) -> dict:
    """The column defaults, with text sorted in the language's alphabetical order (textCompare)."""
    return {**DEFAULT_COLUMN, "comparator": {"function": f"textCompare(valueA, valueB, '{lang}')"}}


#: Rows on a page of a grid; a grid with more is paged.
PAGE_ROWS = 50
#: px: the box of a paged grid. Its rows scroll inside it, and only those in view (and a few
#: around them) are drawn: a page of 50 rows that each wrap their text costs the browser as
#: much as the rest of the page. Shorter tables grow to their rows instead.
PAGED_HEIGHT = 640


def grid(grid_id: str, frame: pd.DataFrame, columns: list[dict], lang: str,
         height: int | None = None, **options: object) -> dag.AgGrid:
    """An AG Grid over ``frame`` (already JSON-ready: numbers as floats, dates as text)."""
    rows = records(frame)
    paged = len(rows) > PAGE_ROWS
    height = height or (PAGED_HEIGHT if paged else None)
    style = {"height": f"{height}px"} if height else {"height": None}
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=fit_headers(columns),
        defaultColDef=default_column(lang),
        columnSize="responsiveSizeToFit",
        dashGridOptions={**_grid_options(lang, height), "pagination": paged,
                         "paginationPageSize": PAGE_ROWS, **options},
        style=style,
        className="ag-theme-alpine",
    )


PAGED_ROW_HEIGHT = 72  # px: three lines of 14 px text at line-height 1.35, and the padding


def paged_grid(grid_id: str, columns: list[dict], lang: str, page_size: int = 50) -> dag.AgGrid:
    """An AG Grid that asks the server for each page of rows (``getRowsRequest``), sorted and
    filtered there: the browser never receives the whole table.

    A callback answers ``getRowsRequest`` (startRow, endRow, sortModel, filterModel) with
    ``getRowsResponse`` ({"rowData": [...], "rowCount": n}).
    """
    return dag.AgGrid(
        id=grid_id,
        columnDefs=fit_headers(columns),
        # Rows the server sends cannot be measured in advance: the infinite row model needs
        # one row height. Three lines fit; longer text ends in "…" (kpss-paged in 03-app.css)
        # and shows whole in the column's tooltip.
        defaultColDef={**DEFAULT_COLUMN, "autoHeight": False},
        columnSize="responsiveSizeToFit",
        rowModelType="infinite",
        dashGridOptions={**_grid_options(lang, PAGED_HEIGHT), "pagination": True,
                         "paginationPageSize": page_size, "cacheBlockSize": page_size,
                         "maxBlocksInCache": 10, "rowHeight": PAGED_ROW_HEIGHT},
        style={"height": f"{PAGED_HEIGHT}px"},
        className="ag-theme-alpine kpss-paged",
    )
