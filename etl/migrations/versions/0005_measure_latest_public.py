"""Pre-aggregated latest public evaluation per measure (status, % fulfilled, public costs summed).

Filled from the evaluations already in the database by 0014 (the rule of what is public
reads the approvals of 0013); after that every load and approval rebuilds it in its own
transaction (etl.aggregates).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 16:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('measure_latest_public',
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status_code', sa.String(length=30), nullable=False),
    sa.Column('percent_fulfilled', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('actual_cost', sa.BigInteger(), nullable=True),
    sa.Column('evaluated_demo', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['status_code'], ['measure_status.code'],
                            name=op.f('fk_measure_latest_public_status_code_measure_status')),
    sa.PrimaryKeyConstraint('measure_id', name=op.f('pk_measure_latest_public'))
    )
    # filled by 0014, once the approvals it reads exist (etl.aggregates' rule reads them)


def downgrade() -> None:
    op.drop_table('measure_latest_public')
