"""The steering group's year: approvals and reopenings of a plan's year (which lock its
evaluations), a row version on measure evaluations for edits made on the page, and the
before/after values of those edits.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('measure_evaluation', sa.Column('row_version', sa.Integer(), server_default='1',
                                                  nullable=False))
    op.create_table('plan_year_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('user_name', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['community_plan.id'],
        name=op.f('fk_plan_year_event_plan_id_community_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_year_event'))
    )
    op.create_index('ix_plan_year_event_plan_id_year', 'plan_year_event', ['plan_id', 'year'],
                    unique=False)
    op.create_table('measure_evaluation_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('load_run_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('measure_code', sa.String(length=30), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=30), nullable=False),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'],
        name=op.f('fk_measure_evaluation_change_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['plan_id'], ['community_plan.id'],
        name=op.f('fk_measure_evaluation_change_plan_id_community_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_evaluation_change'))
    )
    op.create_index(op.f('ix_measure_evaluation_change_load_run_id'), 'measure_evaluation_change',
                    ['load_run_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_measure_evaluation_change_load_run_id'),
                  table_name='measure_evaluation_change')
    op.drop_table('measure_evaluation_change')
    op.drop_index('ix_plan_year_event_plan_id_year', table_name='plan_year_event')
    op.drop_table('plan_year_event')
    with op.batch_alter_table('measure_evaluation') as batch_op:
        batch_op.drop_column('row_version')
