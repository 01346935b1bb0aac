"""Reading a page's component tree in tests: its components, their ids, its text, a page module."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import dash
from dash.development.base_component import Component


def walk(node: object) -> Iterator[Component]:
    """Every component in ``node`` (a component, or lists of them), depth first."""
    if isinstance(node, Component):
        yield node
        yield from walk(getattr(node, "children", None))
    elif isinstance(node, list | tuple):
        for child in node:
            yield from walk(child)


def ids(tree: Component) -> dict[str, Component]:
    """The components of ``tree`` that have a string id, by id."""
    return {c.id: c for c in walk(tree) if isinstance(getattr(c, "id", None), str) and c.id}


def text(node: object) -> str:
    """The text a reader sees in ``node``, joined."""
    if isinstance(node, str | int | float):
        return str(node)
    if isinstance(node, Component):
        return text(getattr(node, "children", None))
    if isinstance(node, list | tuple):
        return "".join(text(c) for c in node)
    return ""


def page_module(path: str) -> ModuleType:
    """The page module the app registered for ``path`` (importing it again would register it twice)."""
    entry = next(p for p in dash.page_registry.values() if p["path"] == path)
    return sys.modules[entry["module"]]


def render(app: dash.Dash, path: str, **query: str) -> str:
    """The page at ``path`` drawn for ``query``, as the text of its component tree."""
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    with app.server.test_request_context(path):
        return str(page["layout"](**query))
