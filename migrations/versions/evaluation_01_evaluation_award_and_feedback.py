"""evaluation, award and feedback: panels, conflicts, scores, consensus, awards, summaries, contracts

Revision ID: evaluation_01
Revises: insight_01
Create Date: 2026-11-29 21:03:17.770783

"""

from alembic import op
import sqlalchemy as sa


revision = "evaluation_01"
down_revision = "insight_01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "evaluation_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("organisation_name", sa.String(length=300), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handling", sa.Text(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["handled_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_conflicts_handled_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_conflicts_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_evaluation_conflicts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_evaluation_conflicts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_conflicts")),
    )
    with op.batch_alter_table("evaluation_conflicts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_conflicts_opportunity_id"), ["opportunity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_conflicts_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_conflicts_user_id"), ["user_id"], unique=False)

    op.create_table(
        "evaluation_outcome_reminders",
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_outcome_reminders_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("opportunity_id", name=op.f("pk_evaluation_outcome_reminders")),
    )
    op.create_table(
        "evaluation_panel_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=True),
        sa.Column("declared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("scores_submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_panel_members_added_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_panel_members_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_evaluation_panel_members_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_panel_members")),
        sa.UniqueConstraint("opportunity_id", "user_id", name=op.f("uq_evaluation_panel_members_opportunity_id")),
    )
    with op.batch_alter_table("evaluation_panel_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_evaluation_panel_members_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_evaluation_panel_members_user_id"), ["user_id"], unique=False)

    op.create_table(
        "evaluation_awards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("ranking", sa.JSON(), nullable=False),
        sa.Column("rejected_reason", sa.Text(), nullable=True),
        sa.Column("proposed_by_id", sa.Integer(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("standstill_starts", sa.Date(), nullable=True),
        sa.Column("standstill_ends", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bid_id"], ["bids.id"], name=op.f("fk_evaluation_awards_bid_id_bids"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_evaluation_awards_decided_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_awards_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_evaluation_awards_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_awards_proposed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_awards")),
    )
    with op.batch_alter_table("evaluation_awards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_awards_opportunity_id"), ["opportunity_id"], unique=False)

    op.create_table(
        "evaluation_consensus",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("moderator_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bid_id"], ["bids.id"], name=op.f("fk_evaluation_consensus_bid_id_bids"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["opportunity_criteria.id"],
            name=op.f("fk_evaluation_consensus_criterion_id_opportunity_criteria"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["moderator_id"], ["users.id"], name=op.f("fk_evaluation_consensus_moderator_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_consensus_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_consensus")),
        sa.UniqueConstraint("bid_id", "criterion_id", name=op.f("uq_evaluation_consensus_bid_id")),
    )
    with op.batch_alter_table("evaluation_consensus", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_consensus_bid_id"), ["bid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_consensus_opportunity_id"), ["opportunity_id"], unique=False)

    op.create_table(
        "evaluation_exclusions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("excluded_by_id", sa.Integer(), nullable=True),
        sa.Column("excluded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bid_id"], ["bids.id"], name=op.f("fk_evaluation_exclusions_bid_id_bids"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["excluded_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_exclusions_excluded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_exclusions_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_exclusions")),
        sa.UniqueConstraint("bid_id", name=op.f("uq_evaluation_exclusions_bid_id")),
    )
    with op.batch_alter_table("evaluation_exclusions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_exclusions_opportunity_id"), ["opportunity_id"], unique=False)

    op.create_table(
        "evaluation_scores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("criterion_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bid_id"], ["bids.id"], name=op.f("fk_evaluation_scores_bid_id_bids"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["criterion_id"],
            ["opportunity_criteria.id"],
            name=op.f("fk_evaluation_scores_criterion_id_opportunity_criteria"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_scores_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_evaluation_scores_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_scores")),
        sa.UniqueConstraint("bid_id", "criterion_id", "user_id", name=op.f("uq_evaluation_scores_bid_id")),
    )
    with op.batch_alter_table("evaluation_scores", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_scores_bid_id"), ["bid_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_scores_opportunity_id"), ["opportunity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_scores_user_id"), ["user_id"], unique=False)

    op.create_table(
        "evaluation_contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["award_id"],
            ["evaluation_awards.id"],
            name=op.f("fk_evaluation_contracts_award_id_evaluation_awards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_contracts_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_evaluation_contracts_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_contracts_recorded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_contracts")),
        sa.UniqueConstraint("opportunity_id", name=op.f("uq_evaluation_contracts_opportunity_id")),
    )
    with op.batch_alter_table("evaluation_contracts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_contracts_organisation_id"), ["organisation_id"], unique=False)

    op.create_table(
        "evaluation_standstill_extensions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("previous_end", sa.Date(), nullable=False),
        sa.Column("new_end", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("extended_by_id", sa.Integer(), nullable=True),
        sa.Column("extended_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["award_id"],
            ["evaluation_awards.id"],
            name=op.f("fk_evaluation_standstill_extensions_award_id_evaluation_awards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["extended_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_standstill_extensions_extended_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_standstill_extensions")),
    )
    with op.batch_alter_table("evaluation_standstill_extensions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_standstill_extensions_award_id"), ["award_id"], unique=False)

    op.create_table(
        "evaluation_standstill_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["asked_by_id"],
            ["users.id"],
            name=op.f("fk_evaluation_standstill_questions_asked_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["award_id"],
            ["evaluation_awards.id"],
            name=op.f("fk_evaluation_standstill_questions_award_id_evaluation_awards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_evaluation_standstill_questions_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_standstill_questions")),
    )
    with op.batch_alter_table("evaluation_standstill_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_standstill_questions_award_id"), ["award_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_evaluation_standstill_questions_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "evaluation_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("award_id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("bid_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["award_id"],
            ["evaluation_awards.id"],
            name=op.f("fk_evaluation_summaries_award_id_evaluation_awards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["bid_id"], ["bids.id"], name=op.f("fk_evaluation_summaries_bid_id_bids"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["opportunity_id"],
            ["opportunities.id"],
            name=op.f("fk_evaluation_summaries_opportunity_id_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_evaluation_summaries_organisation_id_organisations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_summaries")),
        sa.UniqueConstraint("bid_id", name=op.f("uq_evaluation_summaries_bid_id")),
    )
    with op.batch_alter_table("evaluation_summaries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evaluation_summaries_award_id"), ["award_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_summaries_opportunity_id"), ["opportunity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_evaluation_summaries_organisation_id"), ["organisation_id"], unique=False)


def downgrade():
    with op.batch_alter_table("evaluation_summaries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_summaries_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_summaries_opportunity_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_summaries_award_id"))

    op.drop_table("evaluation_summaries")
    with op.batch_alter_table("evaluation_standstill_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_standstill_questions_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_standstill_questions_award_id"))

    op.drop_table("evaluation_standstill_questions")
    with op.batch_alter_table("evaluation_standstill_extensions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_standstill_extensions_award_id"))

    op.drop_table("evaluation_standstill_extensions")
    with op.batch_alter_table("evaluation_contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_contracts_organisation_id"))

    op.drop_table("evaluation_contracts")
    with op.batch_alter_table("evaluation_scores", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_scores_user_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_scores_opportunity_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_scores_bid_id"))

    op.drop_table("evaluation_scores")
    with op.batch_alter_table("evaluation_exclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_exclusions_opportunity_id"))

    op.drop_table("evaluation_exclusions")
    with op.batch_alter_table("evaluation_consensus", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_consensus_opportunity_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_consensus_bid_id"))

    op.drop_table("evaluation_consensus")
    with op.batch_alter_table("evaluation_awards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_awards_opportunity_id"))

    op.drop_table("evaluation_awards")
    with op.batch_alter_table("evaluation_panel_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_panel_members_user_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_panel_members_opportunity_id"))

    op.drop_table("evaluation_panel_members")
    op.drop_table("evaluation_outcome_reminders")
    with op.batch_alter_table("evaluation_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evaluation_conflicts_user_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_conflicts_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_evaluation_conflicts_opportunity_id"))

    op.drop_table("evaluation_conflicts")
