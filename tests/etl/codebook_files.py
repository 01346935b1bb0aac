"""A workbook that carries its own indicator code: the codebook sheet beside a 2021–2027
project with targets and values for the code (shared by the ETL and page tests)."""

from __future__ import annotations

import io

import openpyxl

PROJECT = "CZ.03.02.01/00/22_007/0000182"
CODEBOOK = [("kod", "nazev", "jednotka", "obdobi", "zdroj"),
            ("67010", "Počet podpořených osob", "osoby", "2021-2027", "NČI 2021+")]
PROJECTS = [("registracni_cislo", "nazev", "program", "zahajeni", "ukonceni",
             "celkove_zpusobile_vydaje"),
            (PROJECT, "Plánování sociálních služeb 2023–2025", "OPZ+", "1.1.2023", "31.12.2025",
             "2 000 000,00 Kč")]
TARGETS = [("registracni_cislo", "kod_indikatoru", "cilova_hodnota", "datum_cile"),
           (PROJECT, "67010", "120", "31.12.2025")]
VALUES = [("registracni_cislo", "kod_indikatoru", "datum", "dosazena_hodnota"),
          (PROJECT, "67010", "30.6.2023", "15"), (PROJECT, "67010", "31.12.2023", "40")]


def workbook(**sheets: list[tuple]) -> bytes:
    """A workbook with one sheet per keyword (its name) holding the rows."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def full_workbook(codebook: list[tuple] = CODEBOOK) -> bytes:
    """The codebook sheet beside a project with targets and values for its code."""
    return workbook(indikatory=codebook, projekty=PROJECTS, cile_indikatoru=TARGETS,
                    plneni_indikatoru=VALUES)
