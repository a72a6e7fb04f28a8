"""guides: capability-building content, versions, placements, feedback

Revision ID: guides_01
Revises: evaluation_01


"""

from alembic import op
import sqlalchemy as sa


revision = "guides_01"
down_revision = "evaluation_01"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "guide_editors",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["granted_by_id"], ["users.id"], name=op.f("fk_guide_editors_granted_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_guide_editors_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_guide_editors")),
    )
    op.create_table(
        "guides",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("review_months", sa.Integer(), nullable=False),
        sa.Column("last_reviewed_on", sa.Date(), nullable=True),
        sa.Column("change_kind", sa.String(length=10), nullable=True),
        sa.Column("change_note", sa.Text(), nullable=True),
        sa.Column("submitted_by_id", sa.Integer(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("edited_by_id", sa.Integer(), nullable=True),
        sa.Column("live_number", sa.Integer(), nullable=True),
        sa.Column("last_updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("replacement_id", sa.Integer(), nullable=True),
        sa.Column("review_reminded_for", sa.Date(), nullable=True),
        sa.Column("review_reminded_on", sa.Date(), nullable=True),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["edited_by_id"], ["users.id"], name=op.f("fk_guides_edited_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_guides_owner_id_users"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["replacement_id"], ["guides.id"], name=op.f("fk_guides_replacement_id_guides"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by_id"], ["users.id"], name=op.f("fk_guides_submitted_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guides")),
        sa.UniqueConstraint("slug", name=op.f("uq_guides_slug")),
    )
    with op.batch_alter_table("guides", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guides_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_guides_status"), ["status"], unique=False)

    op.create_table(
        "guide_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["guide_id"], ["guides.id"], name=op.f("fk_guide_attachments_guide_id_guides"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_id"],
            ["users.id"],
            name=op.f("fk_guide_attachments_uploaded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_attachments")),
        sa.UniqueConstraint("guide_id", "filename", name=op.f("uq_guide_attachments_guide_id")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_guide_attachments_storage_key")),
    )
    with op.batch_alter_table("guide_attachments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_attachments_guide_id"), ["guide_id"], unique=False)

    op.create_table(
        "guide_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.Integer(), nullable=False),
        sa.Column("useful", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guide_id"], ["guides.id"], name=op.f("fk_guide_feedback_guide_id_guides"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_guide_feedback_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_feedback")),
    )
    with op.batch_alter_table("guide_feedback", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_feedback_guide_id"), ["guide_id"], unique=False)

    op.create_table(
        "guide_placements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=160), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_guide_placements_created_by_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["guide_id"], ["guides.id"], name=op.f("fk_guide_placements_guide_id_guides"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_placements")),
        sa.UniqueConstraint("guide_id", "place", name=op.f("uq_guide_placements_guide_id")),
    )
    with op.batch_alter_table("guide_placements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_placements_guide_id"), ["guide_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_guide_placements_place"), ["place"], unique=False)

    op.create_table(
        "guide_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("change_note", sa.Text(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("audience", sa.String(length=20), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_guide_versions_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["guide_id"], ["guides.id"], name=op.f("fk_guide_versions_guide_id_guides"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["published_by_id"], ["users.id"], name=op.f("fk_guide_versions_published_by_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_versions")),
        sa.UniqueConstraint("guide_id", "number", name=op.f("uq_guide_versions_guide_id")),
    )
    with op.batch_alter_table("guide_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_versions_guide_id"), ["guide_id"], unique=False)

    op.create_table(
        "guide_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guide_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("viewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guide_id"], ["guides.id"], name=op.f("fk_guide_views_guide_id_guides"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_guide_views_organisation_id_organisations"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_guide_views_user_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guide_views")),
    )
    with op.batch_alter_table("guide_views", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guide_views_guide_id"), ["guide_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_guide_views_organisation_id"), ["organisation_id"], unique=False)


def downgrade():
    with op.batch_alter_table("guide_views", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_views_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_guide_views_guide_id"))

    op.drop_table("guide_views")
    with op.batch_alter_table("guide_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_versions_guide_id"))

    op.drop_table("guide_versions")
    with op.batch_alter_table("guide_placements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_placements_place"))
        batch_op.drop_index(batch_op.f("ix_guide_placements_guide_id"))

    op.drop_table("guide_placements")
    with op.batch_alter_table("guide_feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_feedback_guide_id"))

    op.drop_table("guide_feedback")
    with op.batch_alter_table("guide_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guide_attachments_guide_id"))

    op.drop_table("guide_attachments")
    with op.batch_alter_table("guides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guides_status"))
        batch_op.drop_index(batch_op.f("ix_guides_owner_id"))

    op.drop_table("guides")
    op.drop_table("guide_editors")
