"""A plan's document (PDF, DOCX or plain text) as normalised lines; tables as rows of " | " cells.

What cannot be read is refused with a ``ValueError`` that says why, in Czech and English:
a PDF without a text layer (a scan), an encrypted file, bytes that are no document.
"""

from __future__ import annotations

import io
import zipfile

from etl.extract.text import normalise, page_text

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted DOCX and old .doc files are OLE containers
_MIN_TEXT = 20  # fewer visible characters than this in a whole PDF: a scan without a text layer


def _refuse(file_name: str, cs: str, en: str) -> ValueError:
    return ValueError(f"{file_name}: {cs} ({en})")


def document_text(file_name: str, data: bytes) -> str:
    """The document's text as the extractors read it (one line per paragraph or table row)."""
    lower = file_name.lower()
    if data.startswith(b"%PDF-"):
        return normalise(_pdf_text(file_name, data))
    if data.startswith(_OLE_MAGIC):
        raise _refuse(file_name, "soubor je zašifrovaný nebo ve starém formátu .doc; uložte jej jako "
                                 "nezašifrovaný DOCX nebo PDF",
                      "the file is encrypted or an old .doc; save it as an unencrypted DOCX or PDF")
    if data.startswith(b"PK"):
        return normalise(_docx_text(file_name, data))
    if lower.endswith((".pdf", ".docx")):
        raise _refuse(file_name, "soubor není PDF ani DOCX, ač se tak jmenuje",
                      "the file is not the PDF or DOCX its name says")
    if lower.endswith((".txt", ".text", ".htm", ".html")) or not lower.rpartition(".")[1]:
        if b"\x00" in data[:4096]:
            raise _refuse(file_name, "soubor není text", "the file is not text")
        # A table exported as text separates its cells by tabs; the extractors read " | ".
        return page_text(file_name, data.replace(b"\t", b" | "))
    raise _refuse(file_name, "neznámý druh dokumentu; čtu PDF, DOCX a prostý text",
                  "not a document this reads: PDF, DOCX or plain text")


def _pdf_text(file_name: str, data: bytes) -> str:
    import pdfplumber  # only when a PDF is read
    from pypdf import PdfReader

    try:
        encrypted = PdfReader(io.BytesIO(data)).is_encrypted
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise _refuse(file_name, "PDF nelze otevřít", f"the PDF cannot be opened: {exc}") from exc
    if encrypted:
        raise _refuse(file_name, "PDF je zašifrované; uložte je bez hesla",
                      "the PDF is encrypted; save it without a password")
    out: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]

            def outside(obj: dict[str, float], boxes: list[tuple[float, ...]] = boxes) -> bool:
                return not any(b[0] <= obj["x0"] and obj["x1"] <= b[2] and b[1] <= obj["top"]
                               and obj["bottom"] <= b[3] for b in boxes)

            # Text above, between and below tables in reading order; each table as its rows.
            pieces = [(t.bbox[1], "\n".join(_row(r) for r in t.extract())) for t in tables]
            pieces += [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
            out += [piece for _top, piece in sorted(pieces, key=lambda p: p[0])]
    joined = "\n".join(out)
    if len("".join(joined.split())) < _MIN_TEXT:
        raise _refuse(file_name, "PDF nemá textovou vrstvu (naskenovaný dokument?); potřebuje "
                                 "rozpoznání textu (OCR)",
                      "the PDF has no text layer (a scan?); it needs OCR first")
    return joined


def _row(cells: list[str | None]) -> str:
    return " | ".join(" ".join((c or "").split()) for c in cells)


def _docx_text(file_name: str, data: bytes) -> str:
    import docx  # python-docx, only when a DOCX is read
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _refuse(file_name, "soubor není dokument DOCX", f"the file is not a DOCX document: {exc}") \
            from exc
    out: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            bullet = "- " if "List" in style else ""
            out.append(bullet + paragraph.text)
        elif tag == "tbl":
            out += [_row([cell.text for cell in row.cells]) for row in Table(block, document).rows]
    return "\n".join(out)
