"""MS2014+ and MS2021+ open-data exports: one ``<PRJ>`` element per project, streamed.

Both exports (``SeznamProjektu.xml``, ``SeznamOperaci_21_27.xml``) use the same
fields: ``KOD`` registration number, ``NAZ`` name, ``PROBLEM`` and ``CIL`` the
problem the project answers and its goal, ``DZRSKUT``/``DURSKUT`` the actual
start and end (no actual end while a project runs), ``DURPRED`` the planned end,
``ZAD`` the beneficiary (``NAZ``, ``IC``), and finance ``PF`` in blocks marked by
a child ``T`` (``0`` or ``1``; the ``T=1`` block is the one to take, and the
blocks differ on a few hundred projects). ``CZV`` total eligible, ``EU``,
``CNV`` national public and ``SN`` national private map as in
``etl.sources.dotaceeu``.

The national file is over 100 MB and its whole tree over a gigabyte: it is read
with ``iterparse``, and each ``<PRJ>`` is cut from the root once converted, so
memory holds one project's elements at a time. Elements are matched by local
name, whatever namespace the export uses. A file that is not the export (an HTML
error page served with status 200, another XML file, an empty download) is
refused from its first bytes, before anything is parsed.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.entities import REGISTRATION_NUMBER
from etl.problems import WARNING, Problem
from etl.read import ReadResult
from etl.registration import programme_of
from etl.sources.common import Selection, call_of, import_sheet

FINANCE = {"CZV": "celkove_zpusobile_vydaje", "EU": "podil_eu", "CNV": "podil_sr",
           "SN": "podil_prijemce"}
HEAD_BYTES = 1 << 16  # the root element is within the first bytes of any real export
RECORD = "PRJ"
# 2024-02-28T00:00:00.000+01:00: a date at local midnight; its day is the date meant.
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?(?:Z|[+-]\d{2}:\d{2})?$")
_MEANINGFUL = re.compile(r"\w")


@dataclass(frozen=True)
class Export:
    """One kind of export: its name in sources and messages and the root element it must have."""

    label: str  # "MS2021+ otevřená data"
    root: str | None = None  # the root's local name; None: any XML root but an HTML page
    namespace: str | None = None  # the root's namespace, where the export documents one


MS2014 = Export("MS2014+ otevřená data")
MS2021 = Export("MS2021+ otevřená data", root="EXPORT",
                namespace="https://ms21xsd.mssf.cz/OpenData/v_1")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in element if _local(c.tag) == name]


def _text(element: ET.Element | None, name: str) -> str | None:
    if element is None:
        return None
    found = _children(element, name)
    return (found[0].text or "").strip() or None if found else None


def meaningful(text: str | None) -> str | None:
    """The text, or None for a placeholder such as ``-`` (no letter or digit at all)."""
    return text if text is not None and _MEANINGFUL.search(text) else None


def date_text(text: str | None) -> str | None:
    """``2024-02-28`` from ``2024-02-28T00:00:00.000+01:00``; any other text as found."""
    match = _MIDNIGHT.match(text) if text else None
    return match.group(1) if match else text


def ico(text: str | None) -> str | None:
    """The beneficiary's IČO with its eight digits (a number form drops leading zeros)."""
    return text.zfill(8) if text and text.isdigit() and len(text) < 8 else text


def finance_block(prj: ET.Element) -> tuple[ET.Element | None, str | None]:
    """The ``T=1`` finance block, or (None, why) when the project has none to take.

    Never the first block found: ``T=0`` often comes first and differs. A single
    unmarked block is the project's only statement of its finance and is taken.
    """
    blocks = _children(prj, "PF")
    marked = [b for b in blocks if _text(b, "T") == "1"]
    if len(marked) == 1:
        return marked[0], None
    if len(blocks) == 1 and _text(blocks[0], "T") is None:
        return blocks[0], None
    if not blocks:
        return None, None
    found = ", ".join(f"T={_text(b, 'T') or '?'}" for b in blocks)
    return None, found


def project_values(prj: ET.Element, source: str) -> dict[str, object]:
    """One ``<PRJ>`` as an import-format project row (finance not included)."""
    registration = _text(prj, "KOD") or ""
    beneficiary = next(iter(_children(prj, "ZAD")), None)
    about = [f"{label}: {text}" for label, text in (
        ("Problém", meaningful(_text(prj, "PROBLEM"))), ("Cíl", meaningful(_text(prj, "CIL"))))
        if text]
    return {
        REGISTRATION_NUMBER: registration, "nazev": _text(prj, "NAZ"),
        "zahajeni": date_text(_text(prj, "DZRSKUT")), "ukonceni": date_text(_text(prj, "DURSKUT")),
        "planovane_ukonceni": date_text(_text(prj, "DURPRED")),
        "program": programme_of(registration), "vyzva": call_of(registration),
        "prijemce": _text(beneficiary, "NAZ"), "ico_prijemce": ico(_text(beneficiary, "IC")),
        "popis": "\n".join(about) or None, "zdroj": source,
    }


def _refusal(file_name: str, export: Export, reason_cs: str, reason_en: str,
             found: str | None) -> Problem:
    return Problem(file=file_name, rule="not-ms-export", value=found,
                   message_cs=f"soubor není export {export.label} ({reason_cs}); nic nenačteno",
                   message_en=f"the file is not the {export.label} export ({reason_en}); "
                              "nothing loaded")


def root_problem(path: Path, export: Export) -> Problem | None:
    """Why the file is not this export, judged from its first bytes only; None when it is."""
    with path.open("rb") as stream:
        head = stream.read(HEAD_BYTES)
    if not head.strip():
        return _refusal(path.name, export, "prázdný soubor", "an empty file", None)
    parser = ET.XMLPullParser(events=("start",))
    try:
        parser.feed(head)
        root = next((element for _event, element in parser.read_events()), None)
    except ET.ParseError:
        root = None
    if root is None:
        start = head[:60].decode("utf-8", errors="replace").strip()
        return _refusal(path.name, export, "začátek není XML, např. stránka HTML",
                        "it does not start as XML, e.g. an HTML page", start)
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else None
    name = _local(root.tag)
    wrong_name = name.lower() == "html" or (export.root is not None and name != export.root)
    if wrong_name or (export.namespace is not None and namespace != export.namespace):
        expected = f"{{{export.namespace}}}{export.root}" if export.namespace else export.root
        return _refusal(path.name, export, f"kořenový prvek {root.tag}, čekán {expected or 'PRJ…'}",
                        f"root element {root.tag}, expected {expected or 'PRJ…'}", root.tag)
    return None


def records(path: Path) -> Iterator[tuple[dict[str, str], ET.Element]]:
    """(the root's attributes, one ``<PRJ>``) per project, each cut from the tree once used."""
    root: ET.Element | None = None
    attributes: dict[str, str] = {}
    for event, element in ET.iterparse(path, events=("start", "end")):
        if root is None:
            root, attributes = element, dict(element.attrib)  # kept: clearing the root drops them
        elif event == "end" and _local(element.tag) == RECORD:
            yield attributes, element
            # Cleared and detached: neither its elements nor empty shells pile up under the root.
            element.clear()
            root.clear()


def read_export(path: Path, export: Export, selection: Selection = Selection()) -> ReadResult:  # noqa: B008
    """Stream an MS2014+/MS2021+ export into an import-format projekty sheet."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    result = ReadResult(files=[(path.name, digest.hexdigest())])
    refused = root_problem(path, export)
    if refused is not None:
        result.problems.append(refused)
        return result
    rows: list[tuple[int, dict[str, object]]] = []
    number = 0
    try:
        for attributes, prj in records(path):
            number += 1
            as_of = date_text(attributes.get("DATE"))
            source = f"{export.label} ({path.name}" + (f", k {as_of})" if as_of else ")")
            values = project_values(prj, source)
            if not selection.wants(str(values[REGISTRATION_NUMBER])):
                continue
            block, unclear = finance_block(prj)
            for tag, column in FINANCE.items():
                values[column] = _text(block, tag)
            if unclear:
                result.problems.append(Problem(
                    file=path.name, sheet=RECORD, row=number, column="PF", value=unclear,
                    severity=WARNING, rule="finance-block-missing",
                    message_cs="projekt nemá jediný blok financí T=1; částky zůstávají prázdné",
                    message_en="the project has no single T=1 finance block; amounts left empty"))
            rows.append((number, values))
    except ET.ParseError as exc:
        line, _column = exc.position
        result.problems.append(Problem(
            file=path.name, rule="xml-broken", value=str(exc),
            message_cs=f"XML je porušené na řádku {line} (stažení nedoběhlo?); nic nenačteno",
            message_en=f"the XML breaks at line {line} (an unfinished download?); nothing loaded"))
        return result
    if number == 0:
        result.problems.append(_refusal(path.name, export, f"žádný prvek {RECORD}",
                                        f"no {RECORD} element", None))
        return result
    result.sheets.append(import_sheet(path.name, digest.hexdigest(), RECORD, "projekty", rows))
    return result
