"""insight snapshots: each ended month's figures, stored once

Revision ID: insight_01
Revises: opportunities_01
Create Date: 2026-11-29 17:27:08.522623

"""

from alembic import op
import sqlalchemy as sa


revision = "insight_01"
down_revision = "opportunities_01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "insight_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_snapshots")),
        sa.UniqueConstraint("month", name=op.f("uq_insight_snapshots_month")),
    )


def downgrade():
    op.drop_table("insight_snapshots")
