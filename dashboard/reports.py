"""``/vyhodnoceni/<plan>/<year>.docx`` and ``.pdf``: the yearly evaluation report of a plan.

The public version for everyone; a signed-in steering member gets the non-public one
(internal comments, unpublished evaluations), named ``neverejne-…``, unless
``?verejne=1`` asks for the public one. ``?lang=en`` gives it in English. The role is
read from the request's session, never from the address.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from dashboard import plan_review
from dashboard.db import get_db
from dashboard.evaluation_report import build_report
from dashboard.i18n import language
from dashboard.report_docx import docx_bytes
from dashboard.report_pdf import pdf_bytes
from dashboard.spreadsheets import attachment

blueprint = Blueprint("reports", __name__)
WRITERS = {
    "docx": (docx_bytes, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": (pdf_bytes, "application/pdf"),
}


def report_url(plan_key: str, year: int, fmt: str, lang: str, public: bool = False) -> str:
    """The download address of a plan year's report."""
    query = "&".join(part for part in ("lang=en" if lang == "en" else "",
                                       f"{plan_review.PUBLIC_VIEW}=1" if public else "") if part)
    return f"/vyhodnoceni/{plan_key}/{year}.{fmt}" + (f"?{query}" if query else "")


@blueprint.route("/vyhodnoceni/<plan>/<int:year>.<fmt>")
def download(plan: str, year: int, fmt: str) -> Response:
    """The report of the plan's year as DOCX or PDF; 404 when the plan or its year has none."""
    if fmt not in WRITERS:
        abort(404)
    lang = language(request.args.get("lang"))
    internal = plan_review.sees_internal(request.args)
    report = build_report(get_db(), plan, year, internal=internal, lang=lang)
    if report is None:
        abort(404)
    write, mimetype = WRITERS[fmt]
    return Response(write(report), mimetype=mimetype,
                    headers=attachment(report.file_name(plan, fmt)))
