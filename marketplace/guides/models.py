"""Guides, their published versions, attachments, where they are linked, feedback and views."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.storage.models import StoredFileColumns

DRAFT = "draft"
IN_REVIEW = "in-review"
PUBLISHED = "published"
ARCHIVED = "archived"
STATUSES = (DRAFT, IN_REVIEW, PUBLISHED, ARCHIVED)

MAJOR = "major"
MINOR = "minor"


class GuideEditor(Model):
    """A buyer given the "content editor" permission (admins always have it)."""

    __tablename__ = "guide_editors"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=now)

    user = relationship("User", foreign_keys=[user_id], lazy="joined")


class Guide(Model):
    __tablename__ = "guides"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    # The working copy editors change; readers see `current_version` until the next one is published.
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown, sanitised when shown
    topics: Mapped[list] = mapped_column(JSON, default=list)
    audience: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    review_months: Mapped[int] = mapped_column(default=12)
    last_reviewed_on: Mapped[date | None]
    # The change waiting for review: its kind, public note, and who asked (who may then not publish it).
    change_kind: Mapped[str | None] = mapped_column(String(10))
    change_note: Mapped[str | None] = mapped_column(Text)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None]
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The number of the version readers see (None until first published); the row is in guide_versions.
    live_number: Mapped[int | None]
    last_updated_at: Mapped[datetime | None]  # the latest major version's publication: "Last updated"
    replacement_id: Mapped[int | None] = mapped_column(ForeignKey("guides.id", ondelete="SET NULL"))  # archived
    review_reminded_for: Mapped[date | None]  # the due date the last reminder was about
    review_reminded_on: Mapped[date | None]
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    owner = relationship("User", foreign_keys=[owner_id], lazy="joined")
    versions: Mapped[list[GuideVersion]] = relationship(
        order_by="GuideVersion.number.desc()",
        cascade="all, delete-orphan",
        back_populates="guide",
    )
    attachments: Mapped[list[GuideAttachment]] = relationship(
        order_by="GuideAttachment.id", cascade="all, delete-orphan"
    )
    placements: Mapped[list[GuidePlacement]] = relationship(
        order_by="GuidePlacement.place", cascade="all, delete-orphan"
    )

    @property
    def is_live(self) -> bool:
        """Readers can see it: a version has been published and it is not archived."""
        return self.live_number is not None and self.status != ARCHIVED

    @property
    def live_version(self) -> GuideVersion | None:
        return next((v for v in self.versions if v.number == self.live_number), None)


class GuideVersion(Model):
    """A published version: what readers saw from `published_at` until the next one."""

    __tablename__ = "guide_versions"
    __table_args__ = (UniqueConstraint("guide_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    kind: Mapped[str] = mapped_column(String(10))  # major or minor
    change_note: Mapped[str | None] = mapped_column(Text)  # public, major changes only
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    topics: Mapped[list] = mapped_column(JSON, default=list)
    audience: Mapped[str] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(default=now)

    guide: Mapped[Guide] = relationship(back_populates="versions")

    @property
    def is_major(self) -> bool:
        return self.kind == MAJOR


class GuideAttachment(StoredFileColumns, Model):
    """A template, checklist or image; images are shown in the body as ![description](attachment:name.png)."""

    __tablename__ = "guide_attachments"
    __table_args__ = (UniqueConstraint("guide_id", "filename"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class GuidePlacement(Model):
    """Where a guide is linked: a place key such as "notice:12" or "opportunity-criterion:40" (see places.py)."""

    __tablename__ = "guide_placements"
    __table_args__ = (UniqueConstraint("guide_id", "place"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    place: Mapped[str] = mapped_column(String(160), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)


class GuideFeedback(Model):
    __tablename__ = "guide_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    useful: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)


class GuideView(Model):
    """One reading of a guide's page; the organisation (for suppliers) lets insight relate reading to bidding."""

    __tablename__ = "guide_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    guide_id: Mapped[int] = mapped_column(ForeignKey("guides.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    viewed_at: Mapped[datetime] = mapped_column(default=now)
