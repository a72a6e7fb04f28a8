"""suppliers: the ward of a local supplier's main base (organisations.base_ward)

Revision ID: suppliers_01
Revises: insight_02
Create Date: 2026-11-30 04:00:00

Suppliers based in the borough say which ward their main base is in, so the insight can count suppliers
based in each ward beside those serving it. Nullable: suppliers based elsewhere have none, and those
registered before the question was asked are asked the next time they save 'where you work'.
"""

import sqlalchemy as sa
from alembic import op


revision = "suppliers_01"
down_revision = "insight_02"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("base_ward", sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("base_ward")
