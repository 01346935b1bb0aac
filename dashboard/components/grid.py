"""Sortable, filterable tables (AG Grid) with Czech number and money formatting in the browser."""

from __future__ import annotations

import dash_ag_grid as dag
import pandas as pd

# Browser-side formatters: Intl is built into the browser, nothing is fetched.
MONEY_FORMATTER = {
    "function": "params.value == null ? '–' : new Intl.NumberFormat(params.context && "
                "params.context.lang === 'en' ? 'en-GB' : 'cs-CZ', {style: 'currency', "
                "currency: 'CZK'}).format(params.value)"
}
NUMBER_FORMATTER = {
    "function": "params.value == null ? '–' : new Intl.NumberFormat(params.context && "
                "params.context.lang === 'en' ? 'en-GB' : 'cs-CZ', "
                "{maximumFractionDigits: 2}).format(params.value)"
}


def money_column(field: str, header: str, **extra: object) -> dict:
    """A right-aligned money column, sorted as numbers."""
    return {"field": field, "headerName": header, "type": "rightAligned",
            "valueFormatter": MONEY_FORMATTER, "filter": "agNumberColumnFilter", **extra}


def number_column(field: str, header: str, **extra: object) -> dict:
    """A right-aligned number column."""
    return {"field": field, "headerName": header, "type": "rightAligned",
            "valueFormatter": NUMBER_FORMATTER, "filter": "agNumberColumnFilter", **extra}


def grid(grid_id: str, frame: pd.DataFrame, columns: list[dict], lang: str,
         height: int | None = None, **options: object) -> dag.AgGrid:
    """An AG Grid over ``frame`` (already JSON-ready: numbers as floats, dates as text)."""
    rows = frame.to_dict("records")
    style = {"height": f"{height}px"} if height else {"height": None}
    return dag.AgGrid(
        id=grid_id,
        rowData=rows,
        columnDefs=columns,
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "wrapText": True,
                       "autoHeight": True, "minWidth": 90},
        columnSize="responsiveSizeToFit",
        dashGridOptions={"context": {"lang": lang}, "domLayout": "autoHeight" if not height else None,
                         "pagination": len(rows) > 50, "paginationPageSize": 50,
                         "enableCellTextSelection": True, **options},
        style=style,
        className="ag-theme-alpine",
    )
