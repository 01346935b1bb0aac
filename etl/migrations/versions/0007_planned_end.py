"""A project's planned end, kept apart from its actual end.

MS2014+ and MS2021+ exports state both (DURPRED and DURSKUT); a running project
has a planned end and no actual one yet.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('project', sa.Column('planned_end_date', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('project') as batch:
        batch.drop_column('planned_end_date')
