"""The evaluation report (``evaluation_report.Report``) as a PDF, in pure Python (fpdf2).

Czech needs a Unicode font: DejaVu Sans ships with the app (``dashboard/fonts``, with its
licence), so the PDF looks the same on any machine and needs nothing installed.
"""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from dashboard.evaluation_report import Report
from dashboard.i18n import _

FONTS = Path(__file__).with_name("fonts")
FAMILY = "DejaVu"
WARNING_RGB = (156, 61, 0)


class _Document(FPDF):
    """A landscape A4 page with the report's running header and page numbers."""

    def __init__(self, report: Report):
        super().__init__(orientation="L", format="A4")
        self.report = report
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)
        self.set_title(f"{report.title} – {report.plan_name}")
        self.set_lang("en" if report.lang == "en" else "cs")

    def header(self) -> None:
        if self.report.internal:  # on every page: the version is not for the public
            self.set_font(FAMILY, "B", 8)
            self.set_text_color(*WARNING_RGB)
            self.cell(0, 5, _(self.report.lang, "NEVEŘEJNÉ – pouze pro řídící skupinu"),
                      new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 5, f"{self.report.plan_name} · {self.report.year} · {self.page_no()}", align="C")

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(2)
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font(FAMILY, "", 9)

    def paragraph(self, text: str, bold: bool = False, colour: tuple[int, int, int] | None = None) -> None:
        self.set_font(FAMILY, "B" if bold else "", 9)
        if colour:
            self.set_text_color(*colour)
        self.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, "", 9)

    def grid(self, header: list[str], rows: list[list[str]], widths: tuple[float, ...] | None = None,
             width: float | None = None) -> None:
        self.set_font(FAMILY, "", 8)
        headings = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
        with self.table(col_widths=widths, width=width, headings_style=headings, line_height=4.5,
                        text_align="LEFT", first_row_as_headings=True) as table:
            for values in [header, *rows]:
                row = table.row()
                for value in values:
                    row.cell(value)
        self.ln(2)
        self.set_font(FAMILY, "", 9)


def pdf_bytes(report: Report) -> bytes:
    """The report as the bytes of a .pdf file."""
    lang = report.lang
    pdf = _Document(report)
    pdf.add_page()
    pdf.heading(report.title, 18)
    pdf.paragraph(report.plan_name, bold=True)
    pdf.paragraph(f"{_(lang, 'Stav vyhodnocení')}: {report.state}", bold=report.approved)
    for note in report.notes:
        pdf.paragraph(note, colour=WARNING_RGB)

    pdf.heading(_(lang, "Souhrn"))
    pdf.grid([_(lang, "Ukazatel"), _(lang, "Hodnota")], [list(f) for f in report.facts], (3, 2), width=130)
    pdf.grid([_(lang, "Stav"), str(report.year), str(report.year - 1)],
             [list(r) for r in report.status_rows], (3, 1, 1), width=130)

    pdf.heading(_(lang, "Opatření podle priorit a cílových skupin"))
    header = [_(lang, "Kód"), _(lang, "Opatření"), _(lang, "Stav"), _(lang, "Plnění"),
              _(lang, "Plánováno"), _(lang, "Vynaloženo v roce {year}", year=report.year),
              _(lang, "Komentář")]
    widths: tuple[float, ...] = (1, 5, 2.5, 1.3, 2.2, 2.2, 5)
    if report.internal:
        header.append(_(lang, "Interní komentář (neveřejné)"))
        widths = (1, 4, 2.2, 1.2, 2, 2, 4, 4)
    for part in report.sections:
        pdf.heading(part.title, 11)
        pdf.grid(header, [[r.code, r.name, r.status, r.percent, r.planned, r.spent, r.comment]
                          + ([r.internal_comment] if report.internal else []) for r in part.rows],
                 widths)

    pdf.heading(_(lang, "Co se změnilo oproti roku {prev}", prev=report.year - 1))
    if report.changes:
        pdf.grid([_(lang, "Opatření"), str(report.year - 1), str(report.year), _(lang, "Změna")],
                 [list(c) for c in report.changes], (5, 2, 2, 1.5))
    else:
        pdf.paragraph(_(lang, "Oproti předchozímu roku se nic nezměnilo."))

    if report.charts:
        pdf.heading(_(lang, "Grafy"))
    for chart in report.charts:
        pdf.heading(chart.title, 11)
        if chart.png:
            pdf.image(io.BytesIO(chart.png), w=200)
        else:
            pdf.paragraph(_(lang, "Graf se nepodařilo vykreslit; jeho údaje jsou v tabulkách výše."))

    pdf.heading(_(lang, "Zdroje údajů"))
    for source in report.sources:
        pdf.paragraph(f"• {source}")
    return bytes(pdf.output())
