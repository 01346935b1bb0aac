"""Pre-aggregated indicator progress (latest value, share of target, projection, status per target).

Filled from the targets and indicator_series already in the database; after this every
load rebuilds it in its own transaction (etl.aggregates).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('indicator_progress',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=10), nullable=False),
    sa.Column('latest_value', sa.Float(), nullable=True),
    sa.Column('share_of_target', sa.Float(), nullable=True),
    sa.Column('projected', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicator.code'],
                            name=op.f('fk_indicator_progress_indicator_code_indicator')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                            name=op.f('fk_indicator_progress_project_id_project')),
    sa.PrimaryKeyConstraint('project_id', 'indicator_code', name=op.f('pk_indicator_progress'))
    )
    op.create_index('ix_indicator_progress_status', 'indicator_progress', ['status'], unique=False)
    # Filled by 0009, the revision whose schema the rule's code reads today (a running
    # project's planned end): the code of today cannot read this revision's tables.


def downgrade() -> None:
    op.drop_index('ix_indicator_progress_status', table_name='indicator_progress')
    op.drop_table('indicator_progress')
