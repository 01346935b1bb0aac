"""The message extractor of ``make messages`` (``babel.cfg``): every ``_``, ``n_`` and ``N_`` call.

Babel's own Python extractor reads tokens, and on Python 3.11 an f-string is one token: a
``_(lang, "řádek")`` inside ``f"{…}"`` would never reach the catalog. Reading the syntax tree
finds the calls wherever they are.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO

from dashboard.i18n import KEYWORDS

Message = tuple[int, str, "str | tuple[str, ...]", list[str]]


def messages_in(source: str) -> Iterator[tuple[int, str, str | tuple[str, ...]]]:
    """(line, function, message id or (singular, plural)) of each marked text in ``source``."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in KEYWORDS):
            continue
        positions = KEYWORDS[node.func.id] or (1,)
        args = [node.args[p - 1] if len(node.args) >= p else None for p in positions]
        if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
            continue  # a variable (``_(lang, label)``): its text is marked where it is written
        texts = tuple(a.value for a in args)
        yield node.lineno, node.func.id, texts[0] if len(texts) == 1 else texts


def extract(fileobj: IO[bytes], keywords: object, comment_tags: object,
            options: dict) -> Iterator[Message]:
    """Babel's extractor interface over :func:`messages_in`.

    Named as Babel's default keywords know them (``gettext``: one text, ``ngettext``: singular
    and plural), so ``pybabel extract`` needs no ``-k`` options.
    """
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for lineno, _function, message in messages_in(source):
        yield lineno, "ngettext" if isinstance(message, tuple) else "gettext", message, []
