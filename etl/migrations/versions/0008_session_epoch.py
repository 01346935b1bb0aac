"""A session epoch per user: signing out raises it, and every session signed with an older one ends.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 23:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('app_user', sa.Column('session_epoch', sa.Integer(), server_default='0',
                                        nullable=False))


def downgrade() -> None:
    # batch mode: SQLite drops a column by copying the table
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('session_epoch')
