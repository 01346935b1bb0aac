"""Start-up check that every component id a callback names exists in some layout.

The app keeps ``suppress_callback_exceptions``: a page's components exist only once its
layout is drawn, and Dash's own ``validation_layout`` would draw every page (each one's
database queries) in every worker, and an empty page (no data loaded yet) lacks ids a full
one has. So the ids are read from the code instead: every string the dashboard's modules
write that is not itself the id argument of a callback's ``Input``/``Output``/``State`` is a
possible component id, and a callback naming an id none of them is (a typo, a renamed
component) stops ``create_app`` with the callback and the id.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterable
from pathlib import Path

import dash
from dash import _callback

PACKAGE_DIR = Path(__file__).parent
DEPENDENCIES = {"Input", "Output", "State"}


class LayoutError(RuntimeError):
    """A callback names a component id that no layout has."""


def _dependency_id(node: ast.AST) -> ast.AST | None:
    """The id argument of ``Input("id", "property")`` and the like (Dash's dependencies take
    both positionally; a component such as ``dbc.Input(id=…)`` does not)."""
    if not isinstance(node, ast.Call) or len(node.args) < 2:
        return None
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    return node.args[0] if name in DEPENDENCIES else None


def written_ids(source: str) -> set[str]:
    """The strings ``source`` writes, but for the ids its callbacks' dependencies name."""
    tree = ast.parse(source)
    named = {id(arg) for node in ast.walk(tree) if (arg := _dependency_id(node)) is not None}
    return {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in named}


@functools.cache
def package_ids(folder: Path = PACKAGE_DIR) -> frozenset[str]:
    """Every string the dashboard's modules write (read once per process)."""
    return frozenset().union(*(written_ids(path.read_text(encoding="utf-8"))
                               for path in sorted(folder.rglob("*.py"))))


def layout_ids(component: object) -> set[str]:
    """The string ids of ``component`` and everything inside it."""
    found: set[str] = set()
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, dash.development.base_component.Component):
            if isinstance(getattr(item, "id", None), str):
                found.add(item.id)
            stack.append(getattr(item, "children", None))
    return found


def _output_ids(output: str) -> list[str]:
    # "id.prop", "id.prop@hash" (allow_duplicate) or "..id1.prop1...id2.prop2.."
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [part.split("@")[0].rsplit(".", 1)[0] for part in parts]


def callback_ids(callbacks: Iterable[dict]) -> list[tuple[str, str]]:
    """(callback output, component id) of every string id the callbacks name."""
    found = []
    for callback in callbacks:
        ids = _output_ids(callback["output"]) + [d["id"] for d in callback.get("inputs", [])] + \
            [d["id"] for d in callback.get("state", [])]
        found += [(callback["output"], i) for i in ids if isinstance(i, str) and not i.startswith("{")]
    return found


def unknown_ids(app: dash.Dash, known: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(callback output, id) for each id a callback of ``app`` names that no layout has."""
    defined = package_ids() | layout_ids(app.layout) | set(known)
    callbacks = list(app._callback_list) + list(_callback.GLOBAL_CALLBACK_LIST)
    return sorted({pair for pair in callback_ids(callbacks) if pair[1] not in defined})


def check(app: dash.Dash) -> None:
    """Stop the start-up when a callback names an id no layout has."""
    missing = unknown_ids(app)
    if missing:
        raise LayoutError("callbacks name component ids no layout has: " + "; ".join(
            f"{component} (in the callback of {_output_ids(output)[0]})"
            for output, component in missing))
