"""opportunities and sealed bids

Revision ID: opportunities_01
Revises: nothing_lost_01
Create Date: 2026-11-29 17:28:31.000465

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'opportunities_01'
down_revision = 'nothing_lost_01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('opportunities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('notice_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('mission_id', sa.Integer(), nullable=True),
    sa.Column('value_low', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('value_high', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('contract_start_date', sa.Date(), nullable=True),
    sa.Column('contract_months', sa.Integer(), nullable=True),
    sa.Column('extension_months', sa.Integer(), nullable=True),
    sa.Column('who_may_bid', sa.String(length=20), nullable=False),
    sa.Column('lot_id', sa.String(length=120), nullable=True),
    sa.Column('suitable_sme', sa.Boolean(), nullable=False),
    sa.Column('suitable_vcse', sa.Boolean(), nullable=False),
    sa.Column('reserved', sa.String(length=20), nullable=True),
    sa.Column('contact_name', sa.String(length=200), nullable=True),
    sa.Column('contact_email', sa.String(length=320), nullable=True),
    sa.Column('scoring_scale', sa.String(length=20), nullable=False),
    sa.Column('tie_break', sa.String(length=20), nullable=False),
    sa.Column('questions_close_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answers_by_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('expected_award_date', sa.Date(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opened_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['mission_id'], ['missions.id'], name=op.f('fk_opportunities_mission_id_missions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['notice_id'], ['notices.id'], name=op.f('fk_opportunities_notice_id_notices'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opened_by_id'], ['users.id'], name=op.f('fk_opportunities_opened_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_opportunities_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunities'))
    )
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunities_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_opportunities_mission_id'), ['mission_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opportunities_notice_id'), ['notice_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opportunities_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opportunities_published_at'), ['published_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_opportunities_status'), ['status'], unique=False)

    op.create_table('bids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('price_amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('declaration_agreed', sa.Boolean(), nullable=False),
    sa.Column('declared_by_id', sa.Integer(), nullable=True),
    sa.Column('submission', sa.JSON(), nullable=True),
    sa.Column('receipt_code', sa.String(length=64), nullable=True),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submission_count', sa.Integer(), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('verified', sa.Boolean(), nullable=True),
    sa.Column('reminder_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_bids_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['declared_by_id'], ['users.id'], name=op.f('fk_bids_declared_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_bids_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_bids_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_bids_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bids')),
    sa.UniqueConstraint('opportunity_id', 'organisation_id', name=op.f('uq_bids_opportunity_id'))
    )
    with op.batch_alter_table('bids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bids_opportunity_id'), ['opportunity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bids_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bids_status'), ['status'], unique=False)

    op.create_table('opportunity_categories',
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_categories_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('opportunity_id', 'code', name=op.f('pk_opportunity_categories'))
    )
    op.create_table('opportunity_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_opportunity_changes_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_changes_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_changes'))
    )
    with op.batch_alter_table('opportunity_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_changes_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('opportunity_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('guidance', sa.Text(), nullable=True),
    sa.Column('weight', sa.Integer(), nullable=True),
    sa.Column('word_limit', sa.Integer(), nullable=True),
    sa.Column('price_kind', sa.String(length=20), nullable=True),
    sa.Column('day_rate_roles', sa.JSON(), nullable=True),
    sa.Column('themes', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_criteria_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_criteria'))
    )
    with op.batch_alter_table('opportunity_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_criteria_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('opportunity_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_documents_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_opportunity_documents_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_documents')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_opportunity_documents_storage_key'))
    )
    with op.batch_alter_table('opportunity_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_documents_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('opportunity_invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_opportunity_invitations_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_invitations_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_opportunity_invitations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_invitations')),
    sa.UniqueConstraint('opportunity_id', 'organisation_id', name=op.f('uq_opportunity_invitations_opportunity_id'))
    )
    with op.batch_alter_table('opportunity_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_invitations_opportunity_id'), ['opportunity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opportunity_invitations_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('opportunity_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_outcomes_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_outcomes'))
    )
    with op.batch_alter_table('opportunity_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_outcomes_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('opportunity_requirements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_requirements_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opportunity_requirements'))
    )
    with op.batch_alter_table('opportunity_requirements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opportunity_requirements_opportunity_id'), ['opportunity_id'], unique=False)

    op.create_table('opportunity_wards',
    sa.Column('opportunity_id', sa.Integer(), nullable=False),
    sa.Column('ward', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['opportunity_id'], ['opportunities.id'], name=op.f('fk_opportunity_wards_opportunity_id_opportunities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('opportunity_id', 'ward', name=op.f('pk_opportunity_wards'))
    )
    op.create_table('bid_answers',
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_answers_bid_id_bids'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['criterion_id'], ['opportunity_criteria.id'], name=op.f('fk_bid_answers_criterion_id_opportunity_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_bid_answers_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('bid_id', 'criterion_id', name=op.f('pk_bid_answers'))
    )
    op.create_table('bid_commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=40), nullable=False),
    sa.Column('measure', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('period', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_commitments_bid_id_bids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_commitments'))
    )
    with op.batch_alter_table('bid_commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_commitments_bid_id'), ['bid_id'], unique=False)

    op.create_table('bid_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_documents_bid_id_bids'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_bid_documents_uploaded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_documents')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_bid_documents_storage_key'))
    )
    with op.batch_alter_table('bid_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_documents_bid_id'), ['bid_id'], unique=False)

    op.create_table('bid_eligibility',
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('requirement_id', sa.Integer(), nullable=False),
    sa.Column('meets', sa.Boolean(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_eligibility_bid_id_bids'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requirement_id'], ['opportunity_requirements.id'], name=op.f('fk_bid_eligibility_requirement_id_opportunity_requirements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('bid_id', 'requirement_id', name=op.f('pk_bid_eligibility'))
    )
    op.create_table('bid_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('role', sa.Text(), nullable=True),
    sa.Column('invited_email', sa.String(length=320), nullable=True),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('invited_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_members_bid_id_bids'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_bid_members_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['invited_by_id'], ['users.id'], name=op.f('fk_bid_members_invited_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_bid_members_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bid_members')),
    sa.UniqueConstraint('bid_id', 'organisation_id', name=op.f('uq_bid_members_bid_id'))
    )
    with op.batch_alter_table('bid_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_members_bid_id'), ['bid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bid_members_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('bid_rates',
    sa.Column('bid_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('rate', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['bid_id'], ['bids.id'], name=op.f('fk_bid_rates_bid_id_bids'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('bid_id', 'position', name=op.f('pk_bid_rates'))
    )


def downgrade():
    op.drop_table('bid_rates')
    with op.batch_alter_table('bid_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_members_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_bid_members_bid_id'))

    op.drop_table('bid_members')
    op.drop_table('bid_eligibility')
    with op.batch_alter_table('bid_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_documents_bid_id'))

    op.drop_table('bid_documents')
    with op.batch_alter_table('bid_commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bid_commitments_bid_id'))

    op.drop_table('bid_commitments')
    op.drop_table('bid_answers')
    op.drop_table('opportunity_wards')
    with op.batch_alter_table('opportunity_requirements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_requirements_opportunity_id'))

    op.drop_table('opportunity_requirements')
    with op.batch_alter_table('opportunity_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_outcomes_opportunity_id'))

    op.drop_table('opportunity_outcomes')
    with op.batch_alter_table('opportunity_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_invitations_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_opportunity_invitations_opportunity_id'))

    op.drop_table('opportunity_invitations')
    with op.batch_alter_table('opportunity_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_documents_opportunity_id'))

    op.drop_table('opportunity_documents')
    with op.batch_alter_table('opportunity_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_criteria_opportunity_id'))

    op.drop_table('opportunity_criteria')
    with op.batch_alter_table('opportunity_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunity_changes_opportunity_id'))

    op.drop_table('opportunity_changes')
    op.drop_table('opportunity_categories')
    with op.batch_alter_table('bids', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bids_status'))
        batch_op.drop_index(batch_op.f('ix_bids_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_bids_opportunity_id'))

    op.drop_table('bids')
    with op.batch_alter_table('opportunities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opportunities_status'))
        batch_op.drop_index(batch_op.f('ix_opportunities_published_at'))
        batch_op.drop_index(batch_op.f('ix_opportunities_owner_id'))
        batch_op.drop_index(batch_op.f('ix_opportunities_notice_id'))
        batch_op.drop_index(batch_op.f('ix_opportunities_mission_id'))
        batch_op.drop_index(batch_op.f('ix_opportunities_closes_at'))

    op.drop_table('opportunities')
