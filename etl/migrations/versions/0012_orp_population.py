"""ČSÚ's yearly population by ORP and age group (``orp_population``), beside the 2021 census.

Revision ID: 0012
Revises: 0010
Create Date: 2026-12-08 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('orp_population',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('orp_code', sa.String(length=4), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('population_0_14', sa.Integer(), nullable=False),
    sa.Column('population_15_64', sa.Integer(), nullable=False),
    sa.Column('population_65_plus', sa.Integer(), nullable=False),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'],
        name=op.f('fk_orp_population_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['orp_code'], ['orp.code'], name=op.f('fk_orp_population_orp_code_orp')),
    sa.PrimaryKeyConstraint('year', 'orp_code', name=op.f('pk_orp_population'))
    )


def downgrade() -> None:
    op.drop_table('orp_population')
