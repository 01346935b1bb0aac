"""MS2014+ open data ``SeznamProjektu.xml``: one ``<PRJ>`` element per project, streamed.

The national file holds tens of thousands of projects; it is read with
``iterparse`` and each ``<PRJ>`` is dropped once converted, so memory stays
flat. Elements are matched by local name, whatever namespace the export uses.
``KOD`` registration number, ``NAZ`` name, ``DZRSKUT`` actual start,
``DURSKUT``/``DURPRED`` actual/planned end, ``ZAD`` beneficiary (``NAZ``,
``IC``), ``PF`` finance (``CZV`` total, ``EU``, ``CNV`` national public,
``SN`` national private) mapped as in ``etl.sources.dotaceeu``.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from pathlib import Path

from etl.read import ReadResult
from etl.sources.common import Selection, call_of, import_sheet, programme_of

FINANCE = {"CZV": "celkove_zpusobile_vydaje", "EU": "podil_eu", "CNV": "podil_sr",
           "SN": "podil_prijemce"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def project_values(prj: ET.Element, file_name: str) -> dict[str, object]:
    """One ``<PRJ>`` as an import-format project row."""
    registration = _child_text(prj, "KOD") or ""
    values: dict[str, object] = {
        "registracni_cislo": registration, "nazev": _child_text(prj, "NAZ"),
        "zahajeni": _child_text(prj, "DZRSKUT"),
        "ukonceni": _child_text(prj, "DURSKUT") or _child_text(prj, "DURPRED"),
        "program": programme_of(registration, "2021" if "/22_" in registration
                                or "/23_" in registration else "2014"),
        "vyzva": call_of(registration), "zdroj": f"MS2014+ otevřená data ({file_name})",
    }
    beneficiary = _child(prj, "ZAD")
    if beneficiary is not None:
        values["prijemce"] = _child_text(beneficiary, "NAZ")
        values["ico_prijemce"] = _child_text(beneficiary, "IC")
    finance = _child(prj, "PF")
    if finance is not None:
        for tag, column in FINANCE.items():
            values[column] = _child_text(finance, tag)
    return values


def read_ms2014(path: Path, selection: Selection = Selection()) -> ReadResult:  # noqa: B008 - frozen
    """Stream ``SeznamProjektu.xml`` into an import-format projekty sheet."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    rows = []
    number = 0
    # Only end events, and each PRJ cleared after use: the tree never grows.
    for _event, element in ET.iterparse(path, events=("end",)):
        if _local(element.tag) != "PRJ":
            continue
        number += 1
        values = project_values(element, path.name)
        element.clear()
        if selection.wants(str(values["registracni_cislo"]), "2014"):
            rows.append((number, values))
    sheet = import_sheet(path.name, digest.hexdigest(), "PRJ", "projekty", rows)
    return ReadResult(sheets=[sheet], files=[(path.name, digest.hexdigest())])
