"""The dashboard's one way to the database: parameterised queries in, DataFrames out.

The engine is made once, in the app factory, and kept on the Flask app;
pages and callbacks reach it with ``get_db()``.
"""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from flask import current_app

EXTENSION_KEY = "kpss_db"


class Database:
    """Runs SQLAlchemy statements and returns rows or DataFrames."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine

    def frame(self, statement: sa.Executable) -> pd.DataFrame:
        """The statement's rows as a DataFrame (columns named as selected)."""
        with self.engine.connect() as conn:
            result = conn.execute(statement)
            # plain tuples: pandas probes Row objects attribute by attribute, four times slower
            return pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))

    def rows(self, statement: sa.Executable) -> list[sa.RowMapping]:
        """The statement's rows as mappings."""
        with self.engine.connect() as conn:
            return list(conn.execute(statement).mappings())

    def scalar(self, statement: sa.Executable) -> object:
        """The first column of the first row, or None."""
        with self.engine.connect() as conn:
            return conn.execute(statement).scalar()


def get_db() -> Database:
    """The database of the running app."""
    return current_app.extensions[EXTENSION_KEY]
