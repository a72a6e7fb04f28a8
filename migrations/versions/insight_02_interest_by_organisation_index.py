"""insight: index on notice_interests (organisation_id, created_at) for the insight figures

Revision ID: insight_02
Revises: guides_01
Create Date: 2026-11-30 01:00:00

The insight figures count 100,000 registrations of interest per organisation and month (the headline's
interest by group and window); with this index PostgreSQL reads them from the index alone.
"""

from alembic import op


revision = "insight_02"
down_revision = "guides_01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_notice_interests_organisation_id_created_at",
        "notice_interests",
        ["organisation_id", "created_at"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_notice_interests_organisation_id_created_at", table_name="notice_interests")
