"""The layers import downwards only: ``domain`` below ``etl`` below ``dashboard``.

Read from the source with ``ast`` (no module is imported), so an import inside a function
counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: What each package may not import: no layer reaches up.
FORBIDDEN = {"domain": ("etl", "dashboard"), "etl": ("dashboard",)}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in ``path``, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def upward_imports(package: str) -> list[str]:
    """``file:line module`` of every import in ``package`` of a package above it."""
    above = FORBIDDEN[package]
    return [f"{path.relative_to(ROOT)}:{line} {module}"
            for path in sorted((ROOT / package).rglob("*.py"))
            for line, module in imported_modules(path)
            if module.split(".")[0] in above]


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_lay001_no_package_imports_a_layer_above_it(package: str) -> None:
    assert upward_imports(package) == []


def test_lay002_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from dashboard.rules import x\n    import dashboard.db\n")
    assert imported_modules(module) == [(2, "dashboard.rules"), (3, "dashboard.db")]
