"""Downloads of every table and chart as CSV or XLSX, safe to open in Excel.

Pages register a dataset (a function of the database and the query string
that returns the DataFrame the page shows) with ``@dataset("name")``; the
route ``/export/<name>.csv|xlsx?…`` serves it. Text cells that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or CR)
get a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

import pandas as pd
from flask import Blueprint, Response, abort, request

from dashboard.db import Database, get_db

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: ``frame.attrs[NOT_PUBLIC]`` true: the table holds non-public data (the steering group's
#: view), and its file name says so, so that it is not shared by mistake.
NOT_PUBLIC = "not_public"
DATASETS: dict[str, Callable[[Database, Mapping[str, str]], pd.DataFrame]] = {}

blueprint = Blueprint("exports", __name__)


def dataset(name: str) -> Callable:
    """Register a function (db, query args) → DataFrame as the export ``name``."""
    def register(function: Callable[[Database, Mapping[str, str]], pd.DataFrame]) -> Callable:
        DATASETS[name] = function
        return function
    return register


def neutralise(value: object) -> object:
    """Text that a spreadsheet would execute becomes inert text; everything else is kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised and lists joined by '; '."""
    out = frame.copy()
    for column in out.columns:
        # pandas 3 keeps text in a string dtype, older pandas in object: anything not numeric.
        if not pd.api.types.is_numeric_dtype(out[column]) and not pd.api.types.is_bool_dtype(out[column]):
            out[column] = out[column].astype(object).map(
                lambda v: neutralise("; ".join(map(str, v)) if isinstance(v, list) else v))
    out.columns = [str(neutralise(str(c))) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM (Excel opens it with the right accents), ``;``-separated."""
    return safe_frame(frame).to_csv(index=False, sep=";").encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An XLSX workbook with one sheet; numbers as numbers."""
    buffer = io.BytesIO()
    out = safe_frame(frame)
    for column in out.columns:
        if out[column].map(lambda v: v.__class__.__name__ == "Decimal").any():
            out[column] = out[column].astype(float)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        out.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def export_url(name: str, fmt: str, params: Mapping[str, object] | None = None) -> str:
    """The download address of dataset ``name`` in ``fmt`` (csv or xlsx)."""
    query = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    return f"/export/{name}.{fmt}" + (f"?{query}" if query else "")


@blueprint.route("/export/<name>.<fmt>")
def download(name: str, fmt: str) -> Response:
    """Serve a registered dataset as CSV or XLSX."""
    if name not in DATASETS or fmt not in ("csv", "xlsx"):
        abort(404)
    frame = DATASETS[name](get_db(), request.args)
    if fmt == "csv":
        body, mimetype = to_csv(frame), "text/csv; charset=utf-8"
    else:
        body = to_xlsx(frame, name)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    filename = f"{'neverejne-' if frame.attrs.get(NOT_PUBLIC) else ''}{name}.{fmt}"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
