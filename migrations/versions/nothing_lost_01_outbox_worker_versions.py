"""nothing lost: outbox claims and retries, worker leases, organisation versions

Revision ID: nothing_lost_01
Revises: 0005_search_shortlists
Create Date: 2026-11-29 17:26:59.551162

"""
from alembic import op
import sqlalchemy as sa


revision = "nothing_lost_01"
down_revision = "0005_search_shortlists"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('worker_leases',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('last_tick', sa.DateTime(timezone=True), nullable=True),
    sa.Column('held_by', sa.String(length=200), nullable=True),
    sa.Column('held_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_worker_leases'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))

    with op.batch_alter_table('outbox_emails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('message_id', sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('give_up_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_emails_next_attempt_at'), ['next_attempt_at'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_outbox_emails_message_id'), ['message_id'])

    # Emails written before this revision: retry them from now on, for a day, then give up.
    op.execute(
        "UPDATE outbox_emails SET give_up_at = CURRENT_TIMESTAMP + INTERVAL '1 day' WHERE give_up_at IS NULL"
        if op.get_bind().dialect.name == "postgresql"
        else "UPDATE outbox_emails SET give_up_at = datetime('now', '+1 day') WHERE give_up_at IS NULL"
    )



def downgrade():
    with op.batch_alter_table('outbox_emails', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_outbox_emails_message_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_outbox_emails_next_attempt_at'))
        batch_op.drop_column('claimed_until')
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('last_attempt_at')
        batch_op.drop_column('give_up_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('message_id')

    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('version')

    op.drop_table('worker_leases')
