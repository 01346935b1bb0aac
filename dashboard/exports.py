"""Downloads of every table and chart as CSV or XLSX, made for the user's spreadsheet.

Pages register a dataset (a function of the database and the query string
that returns the DataFrame the page shows) with ``@dataset("name")``; the
route ``/export/<name>.csv|xlsx?…`` serves it in the page's language (``lang``
in the query, else the language cookie), with the columns, words, rounding and
file name that ``dashboard.export_columns`` declares for it and the formula
protection and typing of ``dashboard.spreadsheets``. A dataset without declared
columns is refused when its page is imported, so no export ships code names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

import pandas as pd
from flask import Blueprint, Response, abort, request

from dashboard.db import Database, get_db
from dashboard.export_columns import EXPORTS
from dashboard.i18n import language
from dashboard.spreadsheets import (
    CSV_MIMETYPE,
    XLSX_MIMETYPE,
    attachment,
    columns_of,
    to_csv,
    to_xlsx,
)

#: ``frame.attrs[NOT_PUBLIC]`` true: the table holds non-public data (the steering group's
#: view), and its file name says so, so that it is not shared by mistake.
NOT_PUBLIC = "not_public"
DATASETS: dict[str, Callable[[Database, Mapping[str, str]], pd.DataFrame]] = {}

blueprint = Blueprint("exports", __name__)


def dataset(name: str) -> Callable:
    """Register a function (db, query args) → DataFrame as the export ``name``."""
    if name not in EXPORTS:
        raise KeyError(f"export {name!r} has no declared columns in dashboard.export_columns")

    def register(function: Callable[[Database, Mapping[str, str]], pd.DataFrame]) -> Callable:
        DATASETS[name] = function
        return function
    return register


def export_url(name: str, fmt: str, params: Mapping[str, object] | None = None) -> str:
    """The download address of dataset ``name`` in ``fmt`` (csv or xlsx)."""
    query = urlencode({k: v for k, v in (params or {}).items() if v not in (None, "")})
    return f"/export/{name}.{fmt}" + (f"?{query}" if query else "")


def file_name(name: str, fmt: str, lang: str, not_public: bool = False) -> str:
    """The name a download of ``name`` is saved under, in ``lang``."""
    return EXPORTS[name].file_name(lang, fmt, not_public)


def render(name: str, frame: pd.DataFrame, fmt: str, lang: str) -> bytes:
    """The file body of export ``name`` for ``frame`` in ``lang``."""
    spec = EXPORTS[name]
    columns = columns_of(frame, spec.columns, spec.rest)
    if fmt == "csv":
        return to_csv(frame, columns, lang)
    title = file_name(name, fmt, lang).rsplit(".", 1)[0]
    return to_xlsx(frame, columns, lang, sheet=title)


@blueprint.route("/export/<name>.<fmt>")
def download(name: str, fmt: str) -> Response:
    """Serve a registered dataset as CSV or XLSX."""
    if name not in DATASETS or fmt not in ("csv", "xlsx"):
        abort(404)
    lang = language(request.args.get("lang"))
    frame = DATASETS[name](get_db(), request.args)
    body = render(name, frame, fmt, lang)
    mimetype = CSV_MIMETYPE if fmt == "csv" else XLSX_MIMETYPE
    return Response(body, mimetype=mimetype,
                    headers=attachment(file_name(name, fmt, lang, bool(frame.attrs.get(NOT_PUBLIC)))))
