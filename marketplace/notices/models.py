"""Notices, the missions they serve, and what suppliers do with them (interest, alerts)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.storage.models import StoredFileColumns

PIPELINE = "pipeline"
ENGAGEMENT = "engagement"

DRAFT = "draft"
PUBLISHED = "published"
CLOSED = "closed"
WITHDRAWN = "withdrawn"
PUBLIC_STATUSES = (PUBLISHED, CLOSED, WITHDRAWN)


class Mission(Model):
    """A council mission a notice serves (for example the Estates Mission); admins keep the list."""

    __tablename__ = "missions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Notice(Model):
    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)  # Markdown, sanitised when shown
    mission_id: Mapped[int | None] = mapped_column(ForeignKey("missions.id", ondelete="SET NULL"), index=True)
    # Estimated value, excluding VAT, in pounds.
    value_low: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    value_high: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    engagement_closes_at: Mapped[datetime | None]
    questions_close_at: Mapped[datetime | None]
    expected_tender_date: Mapped[date | None]
    contract_start_date: Mapped[date | None]
    contract_months: Mapped[int | None]
    suitable_sme: Mapped[bool] = mapped_column(Boolean, default=False)
    suitable_vcse: Mapped[bool] = mapped_column(Boolean, default=False)
    reserved: Mapped[str | None] = mapped_column(String(20))  # "sme-vcse", "local" or None
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    status_reason: Mapped[str | None] = mapped_column(Text)  # why it was closed early or withdrawn
    published_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    mission: Mapped[Mission | None] = relationship(lazy="joined")
    owner = relationship("User", lazy="joined")
    outcomes: Mapped[list[NoticeOutcome]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="NoticeOutcome.position"
    )
    categories: Mapped[list[NoticeCategory]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="NoticeCategory.code"
    )
    wards: Mapped[list[NoticeWard]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="NoticeWard.ward"
    )
    documents: Mapped[list[NoticeDocument]] = relationship(order_by="NoticeDocument.id", cascade="all, delete-orphan")
    changes: Mapped[list[NoticeChange]] = relationship(order_by="NoticeChange.id.desc()", cascade="all, delete-orphan")

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def engagement_open(self, at: datetime | None = None) -> bool:
        """Published and its engagement period has not ended."""
        at = at or now()
        return self.status == PUBLISHED and (self.engagement_closes_at is None or self.engagement_closes_at > at)

    def questions_open(self, at: datetime | None = None) -> bool:
        at = at or now()
        deadline = self.questions_close_at or self.engagement_closes_at
        return self.status == PUBLISHED and (deadline is None or deadline > at)

    def public_status(self, at: datetime | None = None) -> str:
        """open, closed or withdrawn (draft for drafts): what suppliers are told."""
        if self.status == PUBLISHED:
            return "open" if self.engagement_open(at) else CLOSED
        return self.status

    @property
    def category_codes(self) -> list[str]:
        return [category.code for category in self.categories]

    @property
    def ward_slugs(self) -> list[str]:
        return [ward.ward for ward in self.wards]


class NoticeOutcome(Model):
    """One outcome the buyer seeks ("residents feel safer on estates"), in the buyer's order."""

    __tablename__ = "notice_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(300))


class NoticeCategory(Model):
    __tablename__ = "notice_categories"

    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True)


class NoticeWard(Model):
    __tablename__ = "notice_wards"

    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True)
    ward: Mapped[str] = mapped_column(String(60), primary_key=True)  # a ward slug or "whole-borough"


class NoticeDocument(StoredFileColumns, Model):
    __tablename__ = "notice_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)


class NoticeChange(Model):
    """A dated entry in a published notice's change history."""

    __tablename__ = "notice_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(default=now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    fields: Mapped[list] = mapped_column(JSON, default=list)  # human labels of what changed
    note: Mapped[str | None] = mapped_column(Text)  # the buyer's explanation


class Interest(Model):
    """A supplier organisation registered interest in a notice, perhaps open to partnering."""

    __tablename__ = "notice_interests"
    __table_args__ = (UniqueConstraint("notice_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    open_to_partnering: Mapped[bool] = mapped_column(Boolean, default=False)
    partnering_offer: Mapped[str | None] = mapped_column(Text)  # what they bring to a consortium
    # Open to partnering but not shown to other suppliers: the buyer still sees it.
    listed: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    organisation = relationship("Organisation", lazy="joined")

    @property
    def in_partner_list(self) -> bool:
        return self.open_to_partnering and self.listed


class AlertSubscription(Model):
    """A supplier's opt-in to a daily digest of new notices matching their categories or wards."""

    __tablename__ = "notice_alert_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    match_categories: Mapped[bool] = mapped_column(Boolean, default=True)
    match_wards: Mapped[bool] = mapped_column(Boolean, default=True)
    # Notices published after this are still to be sent; moves forward with each digest.
    covered_until: Mapped[datetime] = mapped_column(default=now)
    last_digest_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)

    user = relationship("User", lazy="joined")
