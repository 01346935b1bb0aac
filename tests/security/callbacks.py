"""Calling Dash callbacks by hand, as a browser would (or an attacker): bodies from /_dash-dependencies."""

from __future__ import annotations

import html
import io
import json
import zipfile
from collections.abc import Iterator

import dash
from flask.testing import FlaskClient

LOCATION_IDS = ("app-url", "_pages_location")


def dependencies(client: FlaskClient) -> list[dict]:
    """Every callback the app registered, as the browser learns them."""
    response = client.get("/_dash-dependencies")
    assert response.status_code == 200
    return response.json


def _split(spec: str) -> dict:
    component, _, prop = spec.rpartition(".")
    return {"id": json.loads(component) if component.startswith("{") else component,
            "property": prop}


def outputs_of(output: str) -> list[dict] | dict:
    """The ``outputs`` part of a request for a dependency's ``output`` text."""
    if output.startswith("..") and output.endswith(".."):
        return [_split(part) for part in output[2:-2].split("...")]
    return _split(output)


def _concrete(component: object) -> object:
    """A wildcard id made concrete (MATCH → a value); plain ids unchanged."""
    if isinstance(component, dict):
        return {k: ("x" if isinstance(v, dict) and "wildcard" in v else v) for k, v in component.items()}
    return component


def _is_all(component: object) -> bool:
    return isinstance(component, dict) and any(
        isinstance(v, dict) and v.get("wildcard") in ("ALL", "ALLSMALLER") for v in component.values())


def body(dependency: dict, values: dict[tuple[str, str], object] | None = None) -> dict:
    """A request body for ``dependency`` with the given values (others None)."""
    values = values or {}

    def items(specs: list[dict]) -> list:
        out = []
        for spec in specs:
            key = (json.dumps(spec["id"]) if isinstance(spec["id"], dict) else spec["id"],
                   spec["property"])
            if _is_all(spec["id"]):
                out.append([])  # no component matches the wildcard
            else:
                out.append({"id": _concrete(spec["id"]), "property": spec["property"],
                            "value": values.get(key)})
        return out

    inputs = items(dependency["inputs"])
    return {
        "output": dependency["output"],
        "outputs": outputs_of(dependency["output"]),
        "inputs": inputs,
        "state": items(dependency["state"]),
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs
                           if isinstance(i, dict) and isinstance(i["id"], str)],
    }


def slots(dependency: dict) -> list[tuple[str, str]]:
    """(id, property) of every input and state with a plain id."""
    return [(spec["id"], spec["property"]) for spec in dependency["inputs"] + dependency["state"]
            if isinstance(spec["id"], str)]


def page_paths() -> list[str]:
    """The path of every registered page, and an unknown one."""
    return sorted({page["path"] for page in dash.page_registry.values()} | {"/neexistuje"})


def is_location(dependency: dict) -> bool:
    """True for the callbacks driven by the address (page content, navigation bar)."""
    return any(spec["id"] in LOCATION_IDS and spec["property"] == "pathname"
               for spec in dependency["inputs"])


def location_values(dependency: dict, pathname: str, search: str) -> dict:
    """Values for a location-driven callback: this path and query string."""
    values = {}
    for spec in dependency["inputs"] + dependency["state"]:
        if spec["id"] in LOCATION_IDS:
            values[(spec["id"], spec["property"])] = {"pathname": pathname, "search": search,
                                                      "href": f"http://localhost{pathname}{search}"
                                                      }.get(spec["property"])
    return values


def call(client: FlaskClient, payload: object, raw: bytes | None = None):  # noqa: ANN201
    """POST a callback request (a body, or raw bytes) the way the renderer does."""
    data = raw if raw is not None else json.dumps(payload)
    return client.post("/_dash-update-component", data=data, content_type="application/json")


def stores(tree: object) -> Iterator[object]:
    """The data of every dcc.Store in a callback response (any depth)."""
    if isinstance(tree, dict):
        if tree.get("type") == "Store" and isinstance(tree.get("props"), dict):
            yield tree["props"].get("data")
        for value in tree.values():
            yield from stores(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from stores(value)


def text_of_export(data: bytes) -> str:
    """The text of a CSV body, or of every XML part of an XLSX body with its character
    references undone (openpyxl writes ``ř`` as ``&#345;``: a marker would not show otherwise)."""
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "".join(html.unescape(archive.read(n).decode("utf-8", "replace"))
                           for n in archive.namelist())
    return data.decode("utf-8-sig", "replace")


def components(tree: object) -> Iterator[dict]:
    """Every component (type, namespace, props) in a layout or callback response."""
    if isinstance(tree, dict):
        if "type" in tree and "namespace" in tree and isinstance(tree.get("props"), dict):
            yield tree
        for value in tree.values():
            yield from components(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from components(value)


def harvest(trees: list[object]) -> dict[str, dict]:
    """The props of every component with a text id, as the pages rendered them."""
    found: dict[str, dict] = {}
    for tree in trees:
        for component in components(tree):
            component_id = component["props"].get("id")
            if isinstance(component_id, str):
                found.setdefault(component_id, component["props"])
    return found


def option_values(options: object, limit: int = 25) -> list[object]:
    """The values a dropdown, radio or checklist offers (any of Dash's option forms)."""
    if isinstance(options, dict):
        return list(options)[:limit]
    values = []
    for option in options if isinstance(options, list) else []:
        values.append(option.get("value") if isinstance(option, dict) else option)
    return values[:limit]


def realistic_value_sets(dependency: dict, props: dict[str, dict]) -> list[dict]:
    """Values as a browser showing the page would send them, then every offered option in turn."""
    base = {}
    for spec in dependency["inputs"] + dependency["state"]:
        if isinstance(spec["id"], str) and spec["id"] in props:
            base[(spec["id"], spec["property"])] = props[spec["id"]].get(spec["property"])
    sets = [base] if base else []
    for spec in dependency["inputs"] + dependency["state"]:
        component = props.get(spec["id"]) if isinstance(spec["id"], str) else None
        if component is None or spec["property"] != "value":
            continue
        for value in option_values(component.get("options")):
            multi = component.get("multi") or isinstance(component.get("value"), list)
            sets.append({**base, (spec["id"], "value"): [value] if multi else value})
    return sets


def text_of_document(data: bytes) -> str:
    """The text of a DOCX (paragraphs, tables, page headers) or PDF body, whitespace removed:
    a table cell or a line may wrap a marker anywhere between its words."""
    import docx
    import pypdf

    if data[:4] == b"%PDF":
        reader = pypdf.PdfReader(io.BytesIO(data))
        text = "".join(page.extract_text() or "" for page in reader.pages)
    else:
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        parts += [p.text for section in document.sections for p in section.header.paragraphs]
        text = "\n".join(parts)
    return "".join(text.split())
