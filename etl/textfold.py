"""Text compared the way a Czech user types it: without case and without diacritics.

Someone looking for "Říčany" types "ricany" as often as "Říčany"; the grid's
text filters must find it either way, and find the same rows on SQLite and
PostgreSQL. SQLite's ``lower()`` folds ASCII letters only and PostgreSQL's
``lower()`` depends on the database's locale, so both databases fold with one
explicit table of the letters of Czech and Slovak names: SQLite through a
function registered on each connection (``register``), PostgreSQL through
``translate`` and ``lower`` (``fold`` compiles to either).
"""

from __future__ import annotations

import sqlite3

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

ACCENTED = "áäčďéěíĺľňóôŕřšťúůýžÁÄČĎÉĚÍĹĽŇÓÔŔŘŠŤÚŮÝŽ"
PLAIN = "aacdeeillnoorrstuuyzaacdeeillnoorrstuuyz"
_TABLE = str.maketrans(ACCENTED, PLAIN)
SQLITE_FUNCTION = "kpss_fold"


def fold_text(text: str | None) -> str | None:
    """``text`` in lower case without the diacritics of Czech and Slovak letters."""
    return None if text is None else text.translate(_TABLE).lower()


def register(connection: sqlite3.Connection) -> None:
    """Make ``fold`` available on a SQLite connection (deterministic: usable in indexes)."""
    connection.create_function(SQLITE_FUNCTION, 1, fold_text, deterministic=True)


class fold(GenericFunction):  # noqa: N801 - SQL functions are lower case, like sa.func.lower
    """SQL: the folded text of one expression (NULL stays NULL)."""

    type = sa.Text()
    inherit_cache = True


@compiles(fold, "sqlite")
def _fold_sqlite(element: fold, compiler: sa.sql.compiler.SQLCompiler, **kw: object) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(fold)
def _fold_default(element: fold, compiler: sa.sql.compiler.SQLCompiler, **kw: object) -> str:
    # translate() first: it maps upper-case accented letters straight to plain lower case,
    # whatever lower() of the database's locale would make of them.
    text = compiler.process(element.clauses, **kw)
    return f"lower(translate({text}, '{ACCENTED}', '{PLAIN}'))"
