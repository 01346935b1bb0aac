"""docs/ARCHITECTURE.md names only files and functions that exist, and the README links it.

A name is written ``path.py:name`` (``name`` may be ``Class.method``) or as a bare path; each
must be a file of the repository, and each part of the name a function, class or assigned
name defined in that file (at any depth, read with ``ast``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
#: ``etl/load.py:load_files``, ``etl/load.py:_Writer._write_funding``, ``etl/columnar.py``
NAMED = re.compile(r"`((?:dashboard|domain|etl|tests|bench|data)/[\w/.]+?\.(?:py|csv))(?::([\w.]+))?`")


def named_places(text: str) -> list[tuple[str, str | None]]:
    """(file, name or None) of every place the text names, in order, once each."""
    return list(dict.fromkeys((m.group(1), m.group(2)) for m in NAMED.finditer(text)))


def defined_names(path: Path) -> set[str]:
    """Functions, classes and assigned names anywhere in the module at ``path``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.add(node.name)
        elif isinstance(node, ast.Assign):
            found |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.add(node.target.id)
    return found


def missing_places(text: str, root: Path = ROOT) -> list[str]:
    """The places the text names that do not exist."""
    missing = []
    for file, name in named_places(text):
        path = root / file
        if not path.is_file():
            missing.append(file)
        elif name and not set(name.split(".")) <= defined_names(path):
            missing.append(f"{file}:{name}")
    return missing


def test_arc001_every_named_file_and_function_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(named_places(text)) > 50  # the document names the path, not only the layers
    assert missing_places(text) == []


@pytest.mark.parametrize("section", ["## The layers", "## Glossary", "## Loader routes",
                                     "## Aggregate tables", "### One indicator value",
                                     "### One budget share", "### One measure evaluation"])
def test_arc002_the_document_has_its_sections(section: str) -> None:
    assert section in DOC.read_text(encoding="utf-8")


def test_arc003_a_wrong_name_is_found(tmp_path: Path) -> None:
    (tmp_path / "etl").mkdir()
    (tmp_path / "etl" / "load.py").write_text("class _Writer:\n    def write(self): ...\n\n\nLIMIT = 3\n")
    text = ("`etl/load.py:_Writer.write`, `etl/load.py:LIMIT`, `etl/load.py:_Writer.gone`, "
            "`etl/nowhere.py`")
    assert missing_places(text, tmp_path) == ["etl/load.py:_Writer.gone", "etl/nowhere.py"]


def test_arc004_the_readme_links_the_document() -> None:
    assert "docs/ARCHITECTURE.md" in (ROOT / "README.md").read_text(encoding="utf-8")
