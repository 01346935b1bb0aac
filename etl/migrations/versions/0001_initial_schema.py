"""Initial schema: reference data, projects, indicators, drawdown, plans, measures, load runs.

Money columns are BIGINT haléře (etl.schema.Money).

Revision ID: 0001
Revises: 
Create Date: 2026-11-23 09:09:35.113034
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('canonical_target_group',
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_canonical_target_group')),
    sa.UniqueConstraint('name', name=op.f('uq_canonical_target_group_name'))
    )
    op.create_table('funding_source',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_funding_source'))
    )
    op.create_table('indicator',
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_indicator'))
    )
    op.create_table('load_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dataset', sa.String(length=20), nullable=False),
    sa.Column('user_name', sa.String(length=100), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('dry_run', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('problems', sa.JSON(), nullable=True),
    sa.Column('summary', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_load_run'))
    )
    op.create_table('measure_status',
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('name_en', sa.String(length=50), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('counts_as_fulfilled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_measure_status')),
    sa.UniqueConstraint('name', name=op.f('uq_measure_status_name'))
    )
    op.create_table('programme',
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('period', sa.String(length=20), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_programme'))
    )
    op.create_table('region',
    sa.Column('nuts3', sa.String(length=5), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('orp_count', sa.Integer(), nullable=False),
    sa.Column('population_2021', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('nuts3', name=op.f('pk_region'))
    )
    op.create_table('call',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_code', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['programme_code'], ['programme.code'], name=op.f('fk_call_programme_code_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_call')),
    sa.UniqueConstraint('programme_code', 'number', name=op.f('uq_call_programme_code_number'))
    )
    op.create_table('load_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('load_run_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=500), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=50), nullable=True),
    sa.Column('sheet', sa.String(length=100), nullable=True),
    sa.Column('rows', sa.Integer(), server_default='0', nullable=False),
    sa.Column('inserted', sa.Integer(), server_default='0', nullable=False),
    sa.Column('updated', sa.Integer(), server_default='0', nullable=False),
    sa.Column('unchanged', sa.Integer(), server_default='0', nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_load_file_load_run_id_load_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_load_file'))
    )
    with op.batch_alter_table('load_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_load_file_load_run_id'), ['load_run_id'], unique=False)

    op.create_table('orp',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('ruian_code', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('region_nuts3', sa.String(length=5), nullable=False),
    sa.Column('population_2021', sa.Integer(), nullable=False),
    sa.Column('population_0_14_2021', sa.Integer(), nullable=False),
    sa.Column('population_15_64_2021', sa.Integer(), nullable=False),
    sa.Column('population_65_plus_2021', sa.Integer(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=False),
    sa.Column('lon', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['region_nuts3'], ['region.nuts3'], name=op.f('fk_orp_region_nuts3_region')),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_orp'))
    )
    with op.batch_alter_table('orp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_orp_name'), ['name'], unique=False)

    op.create_table('target_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_key', sa.String(length=60), server_default='', nullable=False),
    sa.Column('local_name', sa.String(length=300), nullable=False),
    sa.Column('canonical_code', sa.String(length=30), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['canonical_code'], ['canonical_target_group.code'], name=op.f('fk_target_group_canonical_code_canonical_target_group')),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_target_group_load_run_id_load_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_group')),
    sa.UniqueConstraint('plan_key', 'local_name', name=op.f('uq_target_group_plan_key_local_name'))
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('registration_number_stated', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=True),
    sa.Column('short_name', sa.String(length=300), nullable=True),
    sa.Column('beneficiary', sa.String(length=300), nullable=True),
    sa.Column('beneficiary_ico', sa.String(length=12), nullable=True),
    sa.Column('programme_code', sa.String(length=20), nullable=True),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('duration_months', sa.Integer(), nullable=True),
    sa.Column('total_eligible', sa.BigInteger(), nullable=True),
    sa.Column('support_eu_state', sa.BigInteger(), nullable=True),
    sa.Column('municipality_count', sa.Integer(), nullable=True),
    sa.Column('predecessor_key', sa.String(length=60), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['call.id'], name=op.f('fk_project_call_id_call')),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_project_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['programme_code'], ['programme.code'], name=op.f('fk_project_programme_code_programme')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('key', name=op.f('uq_project_key'))
    )
    op.create_table('community_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('period_from', sa.Integer(), nullable=True),
    sa.Column('period_to', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_community_plan_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_community_plan_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_plan')),
    sa.UniqueConstraint('key', name=op.f('uq_community_plan_key'))
    )
    op.create_table('drawdown',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('source_code', sa.String(length=20), nullable=False),
    sa.Column('planned', sa.BigInteger(), nullable=True),
    sa.Column('drawn', sa.BigInteger(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_drawdown_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_drawdown_project_id_project')),
    sa.ForeignKeyConstraint(['source_code'], ['funding_source.code'], name=op.f('fk_drawdown_source_code_funding_source')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drawdown')),
    sa.UniqueConstraint('project_id', 'year', 'source_code', name=op.f('uq_drawdown_project_id_year_source_code'))
    )
    op.create_table('indicator_achievement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=10), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('achieved_value', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('report_label', sa.String(length=100), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicator.code'], name=op.f('fk_indicator_achievement_indicator_code_indicator')),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_indicator_achievement_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_indicator_achievement_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_achievement')),
    sa.UniqueConstraint('project_id', 'indicator_code', 'reported_on', name=op.f('uq_indicator_achievement_project_id_indicator_code_reported_on'))
    )
    with op.batch_alter_table('indicator_achievement', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_achievement_code_date', ['indicator_code', 'reported_on'], unique=False)

    op.create_table('indicator_target',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('indicator_code', sa.String(length=10), nullable=False),
    sa.Column('baseline_value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('target_value', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('target_date', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_code'], ['indicator.code'], name=op.f('fk_indicator_target_indicator_code_indicator')),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_indicator_target_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_indicator_target_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_target')),
    sa.UniqueConstraint('project_id', 'indicator_code', name=op.f('uq_indicator_target_project_id_indicator_code'))
    )
    op.create_table('key_activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('goal', sa.Text(), nullable=True),
    sa.Column('outputs', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_key_activity_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_key_activity_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_key_activity')),
    sa.UniqueConstraint('project_id', 'code', name=op.f('uq_key_activity_project_id_code'))
    )
    op.create_table('planning_body',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('local_target_group', sa.String(length=300), nullable=True),
    sa.Column('meetings_public', sa.Boolean(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_planning_body_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_planning_body_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planning_body')),
    sa.UniqueConstraint('project_id', 'name', name=op.f('uq_planning_body_project_id_name'))
    )
    op.create_table('project_funding',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('source_code', sa.String(length=20), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('percent', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('amount_derived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('percent_derived', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('derivation', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_funding_project_id_project')),
    sa.ForeignKeyConstraint(['source_code'], ['funding_source.code'], name=op.f('fk_project_funding_source_code_funding_source')),
    sa.PrimaryKeyConstraint('project_id', 'source_code', name=op.f('pk_project_funding'))
    )
    op.create_table('project_orp',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('orp_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['orp_code'], ['orp.code'], name=op.f('fk_project_orp_orp_code_orp')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_orp_project_id_project')),
    sa.PrimaryKeyConstraint('project_id', 'orp_code', name=op.f('pk_project_orp'))
    )
    with op.batch_alter_table('project_orp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_orp_orp_code'), ['orp_code'], unique=False)

    op.create_table('project_target_group',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_project_target_group_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_target_group_project_id_project')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_target_group')),
    sa.UniqueConstraint('project_id', 'name', name=op.f('uq_project_target_group_project_id_name'))
    )
    op.create_table('action_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_action_plan_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['plan_id'], ['community_plan.id'], name=op.f('fk_action_plan_plan_id_community_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_plan')),
    sa.UniqueConstraint('plan_id', 'year', name=op.f('uq_action_plan_plan_id_year'))
    )
    op.create_table('community_plan_orp',
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('orp_code', sa.String(length=4), nullable=False),
    sa.ForeignKeyConstraint(['orp_code'], ['orp.code'], name=op.f('fk_community_plan_orp_orp_code_orp')),
    sa.ForeignKeyConstraint(['plan_id'], ['community_plan.id'], name=op.f('fk_community_plan_orp_plan_id_community_plan')),
    sa.PrimaryKeyConstraint('plan_id', 'orp_code', name=op.f('pk_community_plan_orp'))
    )
    with op.batch_alter_table('community_plan_orp', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_community_plan_orp_orp_code'), ['orp_code'], unique=False)

    op.create_table('priority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['community_plan.id'], name=op.f('fk_priority_plan_id_community_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_priority')),
    sa.UniqueConstraint('plan_id', 'name', name=op.f('uq_priority_plan_id_name'))
    )
    op.create_table('measure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=True),
    sa.Column('target_group_id', sa.Integer(), nullable=True),
    sa.Column('responsible', sa.String(length=300), nullable=True),
    sa.Column('planned_cost', sa.BigInteger(), nullable=True),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_measure_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['plan_id'], ['community_plan.id'], name=op.f('fk_measure_plan_id_community_plan')),
    sa.ForeignKeyConstraint(['priority_id'], ['priority.id'], name=op.f('fk_measure_priority_id_priority')),
    sa.ForeignKeyConstraint(['target_group_id'], ['target_group.id'], name=op.f('fk_measure_target_group_id_target_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure')),
    sa.UniqueConstraint('plan_id', 'code', name=op.f('uq_measure_plan_id_code'))
    )
    op.create_table('measure_evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('status_code', sa.String(length=30), nullable=False),
    sa.Column('percent_fulfilled', sa.Numeric(precision=7, scale=4), nullable=True),
    sa.Column('actual_cost', sa.BigInteger(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('internal_comment', sa.Text(), nullable=True),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('load_run_id', sa.Integer(), nullable=True),
    sa.Column('source_row', sa.Integer(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.ForeignKeyConstraint(['load_run_id'], ['load_run.id'], name=op.f('fk_measure_evaluation_load_run_id_load_run')),
    sa.ForeignKeyConstraint(['measure_id'], ['measure.id'], name=op.f('fk_measure_evaluation_measure_id_measure')),
    sa.ForeignKeyConstraint(['status_code'], ['measure_status.code'], name=op.f('fk_measure_evaluation_status_code_measure_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_evaluation')),
    sa.UniqueConstraint('measure_id', 'year', name=op.f('uq_measure_evaluation_measure_id_year'))
    )
    with op.batch_alter_table('measure_evaluation', schema=None) as batch_op:
        batch_op.create_index('ix_measure_evaluation_year', ['year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('measure_evaluation', schema=None) as batch_op:
        batch_op.drop_index('ix_measure_evaluation_year')

    op.drop_table('measure_evaluation')
    op.drop_table('measure')
    op.drop_table('priority')
    with op.batch_alter_table('community_plan_orp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_community_plan_orp_orp_code'))

    op.drop_table('community_plan_orp')
    op.drop_table('action_plan')
    op.drop_table('project_target_group')
    with op.batch_alter_table('project_orp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_orp_orp_code'))

    op.drop_table('project_orp')
    op.drop_table('project_funding')
    op.drop_table('planning_body')
    op.drop_table('key_activity')
    op.drop_table('indicator_target')
    with op.batch_alter_table('indicator_achievement', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_achievement_code_date')

    op.drop_table('indicator_achievement')
    op.drop_table('drawdown')
    op.drop_table('community_plan')
    op.drop_table('project')
    op.drop_table('target_group')
    with op.batch_alter_table('orp', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_orp_name'))

    op.drop_table('orp')
    with op.batch_alter_table('load_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_load_file_load_run_id'))

    op.drop_table('load_file')
    op.drop_table('call')
    op.drop_table('region')
    op.drop_table('programme')
    op.drop_table('measure_status')
    op.drop_table('load_run')
    op.drop_table('indicator')
    op.drop_table('funding_source')
    op.drop_table('canonical_target_group')
