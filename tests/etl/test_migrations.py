"""The migrations create exactly the schema the code declares, on both databases."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from etl.schema import metadata


def test_mig001_migrated_database_matches_the_schema(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn)
        differences = compare_metadata(context, metadata)
    # Money is a TypeDecorator over BIGINT; the comparison sees through it.
    assert differences == []
