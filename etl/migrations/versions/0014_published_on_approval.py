"""Evaluations are published when their plan's year is approved: the stored public aggregate
is rebuilt by that rule (etl.publication.published).

No schema changes. An evaluation marked public of a year nobody has approved leaves the
public pages with this revision, until a steering member approves its year
(``python -m dashboard plan approve PLAN YEAR --user NAME``).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 05:30:00
"""

from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from etl.aggregates import refresh_measure_latest_public

    refresh_measure_latest_public(op.get_bind())


def downgrade() -> None:
    pass  # the aggregate is rebuilt by the next load either way
