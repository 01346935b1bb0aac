"""The national register of social services (RPSS): dated snapshots of services, their
facilities, forms, registered capacity, target groups and the ORPs where they count; and the
kind of service a plan's measure may name.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 23:21:52.404370
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('measure', sa.Column('service_kind', sa.String(length=300), nullable=True))
    op.create_table('rpss_code',
    sa.Column('list', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('list', 'code', name=op.f('pk_rpss_code'))
    )
    op.create_table('rpss_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('load_run_id', sa.Integer(), nullable=False),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('service_count', sa.Integer(), nullable=False),
    sa.Column('facility_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'],
        name=op.f('fk_rpss_snapshot_load_run_id_load_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rpss_snapshot')),
    sa.UniqueConstraint('as_of', name=op.f('uq_rpss_snapshot_as_of'))
    )
    op.create_table('social_service',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('register_id', sa.String(length=60), nullable=False),
    sa.Column('identifier', sa.String(length=60), nullable=True),
    sa.Column('kind_code', sa.String(length=60), nullable=False),
    sa.Column('provider_ico', sa.String(length=12), nullable=True),
    sa.Column('provider_name', sa.String(length=500), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'],
        name=op.f('fk_social_service_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['rpss_snapshot.id'],
        name=op.f('fk_social_service_snapshot_id_rpss_snapshot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_service')),
    sa.UniqueConstraint('snapshot_id', 'register_id',
        name=op.f('uq_social_service_snapshot_id_register_id'))
    )
    op.create_table('social_service_capacity',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('form_code', sa.String(length=20), nullable=False),
    sa.Column('capacity_type', sa.String(length=20), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['social_service.id'],
        name=op.f('fk_social_service_capacity_service_id_social_service')),
    sa.PrimaryKeyConstraint('service_id', 'form_code', 'capacity_type',
        name=op.f('pk_social_service_capacity'))
    )
    op.create_table('social_service_facility',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=True),
    sa.Column('municipality_code', sa.String(length=6), nullable=True),
    sa.Column('orp_code', sa.String(length=4), nullable=True),
    sa.Column('address_point', sa.BigInteger(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['orp_code'], ['orp.code'],
        name=op.f('fk_social_service_facility_orp_code_orp')),
    sa.ForeignKeyConstraint(['service_id'], ['social_service.id'],
        name=op.f('fk_social_service_facility_service_id_social_service')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_service_facility'))
    )
    with op.batch_alter_table('social_service_facility', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_service_facility_service_id'),
            ['service_id'], unique=False)

    op.create_table('social_service_form',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('form_code', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['social_service.id'],
        name=op.f('fk_social_service_form_service_id_social_service')),
    sa.PrimaryKeyConstraint('service_id', 'form_code', name=op.f('pk_social_service_form'))
    )
    op.create_table('social_service_orp',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('orp_code', sa.String(length=4), nullable=False),
    sa.Column('basis', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['orp_code'], ['orp.code'], name=op.f('fk_social_service_orp_orp_code_orp')),
    sa.ForeignKeyConstraint(['service_id'], ['social_service.id'],
        name=op.f('fk_social_service_orp_service_id_social_service')),
    sa.PrimaryKeyConstraint('service_id', 'orp_code', name=op.f('pk_social_service_orp'))
    )
    with op.batch_alter_table('social_service_orp', schema=None) as batch_op:
        batch_op.create_index('ix_social_service_orp_orp_code', ['orp_code'], unique=False)

    op.create_table('social_service_target_group',
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('register_code', sa.String(length=60), nullable=False),
    sa.Column('canonical_code', sa.String(length=30), nullable=True),
    sa.ForeignKeyConstraint(['canonical_code'], ['canonical_target_group.code'],
        name=op.f('fk_social_service_target_group_canonical_code_canonical_target_group')),
    sa.ForeignKeyConstraint(['service_id'], ['social_service.id'],
        name=op.f('fk_social_service_target_group_service_id_social_service')),
    sa.PrimaryKeyConstraint('service_id', 'register_code', name=op.f('pk_social_service_target_group'))
    )
    op.create_table('rpss_orp_total',
    sa.Column('snapshot_id', sa.Integer(), nullable=False),
    sa.Column('orp_code', sa.String(length=4), nullable=False),
    sa.Column('services', sa.Integer(), nullable=False),
    sa.Column('beds', sa.Integer(), nullable=True),
    sa.Column('senior_beds', sa.Integer(), nullable=True),
    sa.Column('added', sa.Integer(), nullable=True),
    sa.Column('ended', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['orp_code'], ['orp.code'],
        name=op.f('fk_rpss_orp_total_orp_code_orp')),
    sa.ForeignKeyConstraint(['snapshot_id'], ['rpss_snapshot.id'],
        name=op.f('fk_rpss_orp_total_snapshot_id_rpss_snapshot')),
    sa.PrimaryKeyConstraint('snapshot_id', 'orp_code', name=op.f('pk_rpss_orp_total'))
    )


def downgrade() -> None:
    op.drop_table('rpss_orp_total')
    with op.batch_alter_table('measure') as batch:
        batch.drop_column('service_kind')
    op.drop_table('social_service_target_group')
    with op.batch_alter_table('social_service_orp', schema=None) as batch_op:
        batch_op.drop_index('ix_social_service_orp_orp_code')

    op.drop_table('social_service_orp')
    op.drop_table('social_service_form')
    with op.batch_alter_table('social_service_facility', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_service_facility_service_id'))

    op.drop_table('social_service_facility')
    op.drop_table('social_service_capacity')
    op.drop_table('social_service')
    op.drop_table('rpss_snapshot')
    op.drop_table('rpss_code')

