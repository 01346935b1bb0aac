"""No production function is there only for the tests.

A function defined in ``dashboard``, ``domain`` or ``etl`` whose name no production code
mentions, but a test does, is a rule kept alive by its tests alone (or a second copy of
one): it belongs in the tests. Read from the source with ``ast``, nothing imported. A name
counts as used where production code (or a benchmark, or a config file naming an entry
point) refers to it in any way: called, passed, imported, or spelled in a string.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION = ("dashboard", "domain", "etl")
#: Alembic calls each migration's ``upgrade``/``downgrade`` by convention, not by name.
NOT_SCANNED = ("etl/migrations/versions",)
#: Benchmarks and the files that name entry points (``module:function``) use functions too.
OTHER_USERS = ("bench",)
ENTRY_POINT_FILES = ("Procfile", "babel.cfg", "pyproject.toml", "Makefile")

#: Decorators that register a function with a framework, which then calls it: Dash
#: callbacks, Flask routes and hooks, flask-login's loader, the export registry
#: (``dashboard.exports.dataset``), SQLAlchemy's compiler hooks.
REGISTERING = {"callback", "route", "after_request", "before_request", "errorhandler",
               "user_loader", "dataset", "compiles", "listens_for"}

#: Functions kept in production code although only tests call them, with the reason; keep it short.
ALLOWED = {
    "get_id": "flask-login calls it on the signed-in user object (UserMixin protocol)",
    "summarise": "the row-by-row rule etl/aggregates.py computes in SQL (indicator_series); "
                 "tests/etl/test_aggregates.py holds the fast path to it",
    "assess_series": "the row-by-row rule whose parts (on_trend, settle) the ETL and the SQL "
                     "apply; tests/dashboard/test_indicator_progress.py holds them to it",
}


def _python_files(root: Path, folders: Iterable[str]) -> list[Path]:
    return [path for folder in folders for path in sorted((root / folder).rglob("*.py"))
            if not any(path.relative_to(root).as_posix().startswith(skip) for skip in NOT_SCANNED)]


def _words(text: str) -> set[str]:
    return {word for word in text.replace(":", " ").replace(".", " ").replace("(", " ").split()
            if word.isidentifier()}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of ``tree`` (prose, not references)."""
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)}


def referenced_names(tree: ast.AST) -> set[str]:
    """Every name a module refers to: names, attributes, imported names and words in strings
    (``getattr`` and f-string lookups), docstrings aside."""
    found: set[str] = set()
    prose = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found.add(node.id)
        elif isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.alias):
            found.add(node.name.split(".")[-1])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose:
            found |= _words(node.value)
    return found


def _registered(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
        if name in REGISTERING:
            return True
    return False


def defined_functions(root: Path) -> dict[str, list[str]]:
    """Production functions that are called by name (not dunders, not registered): name → places."""
    found: dict[str, list[str]] = {}
    for path in _python_files(root, PRODUCTION):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not (
                    node.name.startswith("__") or _registered(node)):
                found.setdefault(node.name, []).append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def names_used(root: Path, folders: Iterable[str]) -> set[str]:
    used: set[str] = set()
    for path in _python_files(root, folders):
        used |= referenced_names(ast.parse(path.read_text(encoding="utf-8")))
    return used


def functions_only_tests_use(root: Path = ROOT) -> dict[str, list[str]]:
    """Production functions that only the tests mention, with where they are defined."""
    production = names_used(root, PRODUCTION + OTHER_USERS)
    for name in ENTRY_POINT_FILES:
        if (root / name).exists():
            production |= _words((root / name).read_text(encoding="utf-8"))
    tests = names_used(root, ("tests",))
    return {name: places for name, places in defined_functions(root).items()
            if name not in production and name in tests and name not in ALLOWED}


def test_tof001_no_production_function_only_the_tests_call() -> None:
    assert functions_only_tests_use() == {}


def test_tof002_the_check_finds_one_in_a_small_tree(tmp_path: Path) -> None:
    (tmp_path / "etl").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "etl" / "rules.py").write_text(
        "def used():\n    return kept()\n\n\ndef kept():\n    return 1\n\n\n"
        "def only_tested():\n    return 2\n\n\n@app.callback(x)\ndef shown():\n    return 3\n")
    (tmp_path / "tests" / "test_rules.py").write_text(
        "from etl.rules import kept, only_tested, shown\n\n\n"
        "def test_it():\n    assert kept() + only_tested() + shown()\n")
    assert functions_only_tests_use(tmp_path) == {"only_tested": ["etl/rules.py:9"]}


def test_tof003_every_allowed_name_is_still_defined() -> None:
    assert set(ALLOWED) <= set(defined_functions(ROOT))
