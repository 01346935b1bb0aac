"""Pre-aggregated indicator series (count, latest value, projection sums per project and indicator).

Filled from the reported values already in the database; after this every load
rebuilds it in its own transaction (etl.aggregates).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('indicator_series',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=10), nullable=False),
    sa.Column('observations', sa.Integer(), nullable=False),
    sa.Column('first_on', sa.Date(), nullable=False),
    sa.Column('last_on', sa.Date(), nullable=False),
    sa.Column('latest_value', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('sum_x', sa.BigInteger(), nullable=False),
    sa.Column('sum_xx', sa.BigInteger(), nullable=False),
    sa.Column('sum_y', sa.Float(), nullable=False),
    sa.Column('sum_xy', sa.Float(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicator.code'],
                            name=op.f('fk_indicator_series_indicator_code_indicator')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'],
                            name=op.f('fk_indicator_series_project_id_project')),
    sa.PrimaryKeyConstraint('project_id', 'indicator_code', name=op.f('pk_indicator_series'))
    )
    from etl.aggregates import refresh_indicator_series

    refresh_indicator_series(op.get_bind())


def downgrade() -> None:
    op.drop_table('indicator_series')
