"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 11:02:34.002925
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None

# Written by alembic autogenerate; the record tables' stamp columns and the downgrade's drops were
# factored out afterwards with every statement kept as it was (the SQL it runs is unchanged, and
# tests/models/test_migration_schema.py holds the schema it builds to what it always built).


def _record_stamps() -> list[sa.Column]:
    """The columns every record table ends with (models.base RecordMixin): its UUID key and the
    created, updated and deleted stamps. New Column objects each call: a column has one table."""
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('deleted_at', sa.DateTime(), nullable=True),
    ]


def _drop_table(table: str, *indexes: str) -> None:
    """Drop `table` after its indexes, in the order given (names already converted by op.f
    where the naming convention made them), as the generated downgrade did table by table."""
    if indexes:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(index)
    op.drop_table(table)


def upgrade() -> None:
    op.create_table('attachment',
    sa.Column('owner_kind', sa.String(length=40), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=True),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    *_record_stamps(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index('ix_attachment_owner', ['owner_kind', 'owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_updated_at'), ['updated_at'], unique=False)

    op.create_table('cluster',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('product', sa.String(length=200), nullable=True),
    sa.Column('province', sa.String(length=100), nullable=True),
    sa.Column('county', sa.String(length=100), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('phase', sa.String(length=40), nullable=True),
    sa.Column('standing', sa.String(length=40), nullable=True),
    sa.Column('programme_start', sa.Date(), nullable=True),
    sa.Column('programme_end', sa.Date(), nullable=True),
    sa.Column('contract_no', sa.String(length=100), nullable=True),
    sa.Column('contract_date', sa.Date(), nullable=True),
    sa.Column('employer', sa.String(length=200), nullable=True),
    sa.Column('supervisor', sa.String(length=200), nullable=True),
    sa.Column('agent_name', sa.String(length=200), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    *_record_stamps(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cluster'))
    )
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cluster_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_cluster_province'), ['province'], unique=False)
        batch_op.create_index(batch_op.f('ix_cluster_updated_at'), ['updated_at'], unique=False)

    op.create_table('organisation',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('contact', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    *_record_stamps(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisation_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisation_updated_at'), ['updated_at'], unique=False)

    op.create_table('search_doc',
    sa.Column('rowid', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('cluster_id', sa.String(length=36), nullable=True),
    sa.Column('display_title', sa.Text(), nullable=False),
    sa.Column('display_detail', sa.Text(), nullable=True),
    sa.Column('sort_date', sa.Date(), nullable=True),
    sa.Column('title_key', sa.Text(), nullable=False),
    sa.Column('body_key', sa.Text(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('rowid', name=op.f('pk_search_doc')),
    sa.UniqueConstraint('record_id', name=op.f('uq_search_doc_record_id'))
    )
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_doc_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_doc_kind'), ['kind'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('action_plan_item',
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=500), nullable=False),
    sa.Column('indicator', sa.String(length=300), nullable=False),
    sa.Column('metric', sa.String(length=40), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('manual_actual', sa.Float(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('owner', sa.String(length=300), nullable=True),
    sa.Column('budget', sa.BigInteger(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_action_plan_item_cluster_id_cluster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_plan_item'))
    )
    with op.batch_alter_table('action_plan_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_plan_item_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_plan_item_updated_at'), ['updated_at'], unique=False)

    op.create_table('activity',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('start_time', sa.String(length=5), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('country', sa.String(length=100), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('cost_total', sa.BigInteger(), nullable=True),
    sa.Column('subsidy_amount', sa.BigInteger(), nullable=True),
    sa.Column('firms_share', sa.BigInteger(), nullable=True),
    sa.Column('meeting_kind', sa.String(length=40), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('agenda', sa.Text(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('domain', sa.String(length=40), nullable=True),
    sa.Column('instructor', sa.String(length=200), nullable=True),
    sa.Column('hours', sa.Float(), nullable=True),
    sa.Column('evaluation', sa.Text(), nullable=True),
    sa.Column('evaluation_score', sa.Float(), nullable=True),
    sa.Column('tour_kind', sa.String(length=40), nullable=True),
    sa.Column('destination', sa.String(length=300), nullable=True),
    sa.Column('scope', sa.String(length=20), nullable=True),
    sa.Column('booth', sa.String(length=200), nullable=True),
    sa.Column('outcomes', sa.Text(), nullable=True),
    sa.Column('contracts_count', sa.Integer(), nullable=True),
    sa.Column('orders_amount', sa.BigInteger(), nullable=True),
    sa.Column('leads_count', sa.Integer(), nullable=True),
    sa.Column('support_amount', sa.BigInteger(), nullable=True),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_activity_cluster_id_cluster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index('ix_activity_cluster_start', ['cluster_id', 'start_date'], unique=False)
        batch_op.create_index('ix_activity_kind_start', ['kind', 'start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_title'), ['title'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_updated_at'), ['updated_at'], unique=False)

    op.create_table('firm',
    sa.Column('cluster_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('national_id', sa.String(length=11), nullable=True),
    sa.Column('manager', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('city', sa.String(length=100), nullable=True),
    sa.Column('employees', sa.Integer(), nullable=True),
    sa.Column('products', sa.Text(), nullable=True),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('coop_member', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_firm_cluster_id_cluster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_firm'))
    )
    with op.batch_alter_table('firm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_firm_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_firm_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_firm_updated_at'), ['updated_at'], unique=False)

    op.create_table('joint_action',
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('achieved_on', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('evidence', sa.Text(), nullable=True),
    sa.Column('cost_total', sa.BigInteger(), nullable=True),
    sa.Column('subsidy_amount', sa.BigInteger(), nullable=True),
    sa.Column('firms_share', sa.BigInteger(), nullable=True),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_joint_action_cluster_id_cluster')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_action'))
    )
    with op.batch_alter_table('joint_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_action_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_action_updated_at'), ['updated_at'], unique=False)

    op.create_table('indicator_value',
    sa.Column('cluster_id', sa.String(length=36), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('indicator', sa.String(length=40), nullable=False),
    sa.Column('period_kind', sa.String(length=10), nullable=False),
    sa.Column('jalali_year', sa.Integer(), nullable=False),
    sa.Column('period_number', sa.Integer(), nullable=True),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], name=op.f('fk_indicator_value_cluster_id_cluster')),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_indicator_value_firm_id_firm')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_value'))
    )
    with op.batch_alter_table('indicator_value', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_value_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_indicator_value_updated_at'), ['updated_at'], unique=False)

    op.create_table('joint_action_firm',
    sa.Column('joint_action_id', sa.String(length=36), nullable=False),
    sa.Column('firm_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_joint_action_firm_firm_id_firm')),
    sa.ForeignKeyConstraint(['joint_action_id'], ['joint_action.id'], name=op.f('fk_joint_action_firm_joint_action_id_joint_action'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('joint_action_id', 'firm_id', name=op.f('pk_joint_action_firm'))
    )
    with op.batch_alter_table('joint_action_firm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_action_firm_firm_id'), ['firm_id'], unique=False)

    op.create_table('person',
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('organisation_id', sa.String(length=36), nullable=True),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('national_code', sa.String(length=10), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_person_firm_id_firm')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_person_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_full_name'), ['full_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_updated_at'), ['updated_at'], unique=False)

    op.create_table('participant',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('firm_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=True),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_participant_activity_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['firm_id'], ['firm.id'], name=op.f('fk_participant_firm_id_firm')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_participant_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant'))
    )
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_firm_id'), ['firm_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_updated_at'), ['updated_at'], unique=False)

    op.create_table('resolution',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.String(length=36), nullable=True),
    sa.Column('owner_text', sa.String(length=300), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('followup_notes', sa.Text(), nullable=True),
    *_record_stamps(),
    sa.ForeignKeyConstraint(['meeting_id'], ['activity.id'], name=op.f('fk_resolution_meeting_id_activity'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_person_id'], ['person.id'], name=op.f('fk_resolution_owner_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution'))
    )
    with op.batch_alter_table('resolution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolution_owner_person_id'), ['owner_person_id'], unique=False)
        batch_op.create_index('ix_resolution_status_due', ['status', 'due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolution_updated_at'), ['updated_at'], unique=False)


    _create_fulltext()

def downgrade() -> None:
    _drop_fulltext()
    _drop_table(
        'resolution',
        op.f('ix_resolution_updated_at'),
        'ix_resolution_status_due',
        op.f('ix_resolution_owner_person_id'),
        op.f('ix_resolution_meeting_id'),
    )
    _drop_table(
        'participant',
        op.f('ix_participant_updated_at'),
        op.f('ix_participant_person_id'),
        op.f('ix_participant_firm_id'),
        op.f('ix_participant_activity_id'),
    )
    _drop_table(
        'person',
        op.f('ix_person_updated_at'),
        op.f('ix_person_organisation_id'),
        op.f('ix_person_full_name'),
        op.f('ix_person_firm_id'),
    )
    _drop_table('joint_action_firm', op.f('ix_joint_action_firm_firm_id'))
    _drop_table(
        'indicator_value',
        op.f('ix_indicator_value_updated_at'),
        op.f('ix_indicator_value_firm_id'),
        op.f('ix_indicator_value_cluster_id'),
    )
    _drop_table(
        'joint_action',
        op.f('ix_joint_action_updated_at'),
        op.f('ix_joint_action_cluster_id'),
    )
    _drop_table(
        'firm',
        op.f('ix_firm_updated_at'),
        op.f('ix_firm_name'),
        op.f('ix_firm_cluster_id'),
    )
    _drop_table(
        'activity',
        op.f('ix_activity_updated_at'),
        op.f('ix_activity_title'),
        op.f('ix_activity_start_date'),
        'ix_activity_kind_start',
        'ix_activity_cluster_start',
        op.f('ix_activity_cluster_id'),
    )
    _drop_table(
        'action_plan_item',
        op.f('ix_action_plan_item_updated_at'),
        op.f('ix_action_plan_item_cluster_id'),
    )
    _drop_table('setting')
    _drop_table(
        'search_doc',
        op.f('ix_search_doc_kind'),
        op.f('ix_search_doc_cluster_id'),
    )
    _drop_table(
        'organisation',
        op.f('ix_organisation_updated_at'),
        op.f('ix_organisation_name'),
    )
    _drop_table(
        'cluster',
        op.f('ix_cluster_updated_at'),
        op.f('ix_cluster_province'),
        op.f('ix_cluster_name'),
    )
    _drop_table(
        'attachment',
        op.f('ix_attachment_updated_at'),
        op.f('ix_attachment_sha256'),
        'ix_attachment_owner',
    )


# Full-text search (SQLite FTS5) over the folded keys of search_doc, sharing its rowids. The data
# layer writes both tables itself: triggers cannot write to a virtual table while
# trusted_schema=OFF, and that pragma stays off so a crafted file cannot run code through its schema.
# Other databases (PostgreSQL) get their own index in a later migration.
FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_key, body_key, tokenize='unicode61 remove_diacritics 0')",
)


def _create_fulltext() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in FTS_STATEMENTS:
        op.execute(statement)


def _drop_fulltext() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS search_fts")
