"""The evaluation report (``evaluation_report.Report``) as a Word document (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt, RGBColor

from dashboard.evaluation_report import Report
from dashboard.i18n import _

WARNING_COLOUR = RGBColor(0x9C, 0x3D, 0x00)


def _table(document: Document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)


def docx_bytes(report: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    lang = report.lang
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    document.core_properties.title = f"{report.title} – {report.plan_name}"
    document.core_properties.language = "en" if lang == "en" else "cs"
    if report.internal:  # on every page: the version is not for the public
        header = section.header.paragraphs[0]
        run = header.add_run(_(lang, "NEVEŘEJNÉ – pouze pro řídící skupinu"))
        run.bold = True
        run.font.color.rgb = WARNING_COLOUR
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.plan_name).runs[0].bold = True
    state = document.add_paragraph(f"{_(lang, 'Stav vyhodnocení')}: {report.state}")
    state.runs[0].bold = report.approved
    for note in report.notes:
        document.add_paragraph(note).runs[0].font.color.rgb = WARNING_COLOUR

    document.add_heading(_(lang, "Souhrn"), level=1)
    _table(document, [_(lang, "Ukazatel"), _(lang, "Hodnota")], [list(f) for f in report.facts])
    document.add_paragraph()
    _table(document, [_(lang, "Stav"), str(report.year), str(report.year - 1)],
           [list(r) for r in report.status_rows])

    document.add_heading(_(lang, "Opatření podle priorit a cílových skupin"), level=1)
    header = [_(lang, "Kód"), _(lang, "Opatření"), _(lang, "Stav"), _(lang, "Plnění"),
              _(lang, "Plánováno"), _(lang, "Vynaloženo v roce {year}", year=report.year),
              _(lang, "Komentář")]
    if report.internal:
        header.append(_(lang, "Interní komentář (neveřejné)"))
    for part in report.sections:
        document.add_heading(part.title, level=2)
        rows = [[r.code, r.name, r.status, r.percent, r.planned, r.spent, r.comment]
                + ([r.internal_comment] if report.internal else []) for r in part.rows]
        _table(document, header, rows)

    document.add_heading(_(lang, "Co se změnilo oproti roku {prev}", prev=report.year - 1), level=1)
    if report.changes:
        _table(document, [_(lang, "Opatření"), str(report.year - 1), str(report.year), _(lang, "Změna")],
               [list(c) for c in report.changes])
    else:
        document.add_paragraph(_(lang, "Oproti předchozímu roku se nic nezměnilo."))

    if report.charts:
        document.add_heading(_(lang, "Grafy"), level=1)
    for chart in report.charts:
        document.add_heading(chart.title, level=2)
        if chart.png:
            document.add_picture(io.BytesIO(chart.png), width=Cm(22))
        else:
            document.add_paragraph(_(lang, "Graf se nepodařilo vykreslit; jeho údaje jsou v tabulkách výše."))

    document.add_heading(_(lang, "Zdroje údajů"), level=1)
    for source in report.sources:
        document.add_paragraph(source, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
