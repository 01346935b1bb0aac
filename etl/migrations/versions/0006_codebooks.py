"""Codebooks as data: indicators carry their programme period and a description, and the
indicator, programme and call codebooks carry lineage like every loaded row.

The two codes the product shipped with (60000, 80500) are NČI 2014+ codes: they get the
period 2014–2020.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 23:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

CODEBOOKS = ('indicator', 'programme', 'call')


def upgrade() -> None:
    op.add_column('indicator', sa.Column('period', sa.String(length=20), nullable=True))
    op.add_column('indicator', sa.Column('description', sa.Text(), nullable=True))
    for table in CODEBOOKS:
        name = f'fk_{table}_load_run_id_load_run'
        if op.get_bind().dialect.name == 'sqlite':
            # In place: SQLite adds a column with a foreign key (default NULL) by ALTER, while
            # alembic would rebuild the table, which the keys every fact table holds forbid.
            op.execute(f'ALTER TABLE "{table}" ADD COLUMN load_run_id INTEGER '
                       f'CONSTRAINT {name} REFERENCES load_run (id)')
        else:
            op.add_column(table, sa.Column('load_run_id', sa.Integer(), nullable=True))
            op.create_foreign_key(op.f(name), table, 'load_run', ['load_run_id'], ['id'])
        op.add_column(table, sa.Column('source_row', sa.Integer(), nullable=True))
        op.add_column(table, sa.Column('is_demo', sa.Boolean(), server_default=sa.false(),
                                       nullable=False))
    op.execute("UPDATE indicator SET period = '2014–2020' WHERE code IN ('60000', '80500')")


def downgrade() -> None:
    for table in CODEBOOKS:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column('is_demo')
            batch_op.drop_column('source_row')
            batch_op.drop_column('load_run_id')
    with op.batch_alter_table('indicator') as batch_op:
        batch_op.drop_column('description')
        batch_op.drop_column('period')
