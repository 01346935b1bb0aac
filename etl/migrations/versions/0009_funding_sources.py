"""Funding sources as data: the funding-source codebook carries its source and lineage like
the indicator, programme and call codebooks, so that a load can add, rename or remove one.

Indicator progress is rebuilt: a running project's projection now works to its planned end
(``domain.projects.project_end``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 00:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    name = 'fk_funding_source_load_run_id_load_run'
    op.add_column('funding_source', sa.Column('source', sa.Text(), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        # In place, as in 0006: a rebuild of a table that fact tables reference is forbidden.
        op.execute(f'ALTER TABLE funding_source ADD COLUMN load_run_id INTEGER '
                   f'CONSTRAINT {name} REFERENCES load_run (id)')
    else:
        op.add_column('funding_source', sa.Column('load_run_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f(name), 'funding_source', 'load_run', ['load_run_id'], ['id'])
    op.add_column('funding_source', sa.Column('source_row', sa.Integer(), nullable=True))
    op.add_column('funding_source', sa.Column('is_demo', sa.Boolean(), server_default=sa.false(),
                                              nullable=False))
    from etl.aggregates import refresh_indicator_progress

    refresh_indicator_progress(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('funding_source') as batch_op:
        batch_op.drop_column('is_demo')
        batch_op.drop_column('source_row')
        batch_op.drop_column('load_run_id')
        batch_op.drop_column('source')
