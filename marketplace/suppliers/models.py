from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.storage.models import StoredFileColumns

DRAFT = "draft"
PUBLISHED = "published"
OWNER = "owner"
MEMBER = "member"


class Organisation(Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    trading_name: Mapped[str | None] = mapped_column(String(200))
    legal_form: Mapped[str | None] = mapped_column(String(40))
    identifier_scheme: Mapped[str | None] = mapped_column(String(10))
    identifier_number: Mapped[str | None] = mapped_column(String(20), index=True)
    address_line_1: Mapped[str | None] = mapped_column(String(200))
    address_line_2: Mapped[str | None] = mapped_column(String(200))
    town: Mapped[str | None] = mapped_column(String(100))
    postcode: Mapped[str | None] = mapped_column(String(10))
    website: Mapped[str | None] = mapped_column(String(300))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_phone: Mapped[str | None] = mapped_column(String(40))

    staff_band: Mapped[str | None] = mapped_column(String(20))
    turnover_band: Mapped[str | None] = mapped_column(String(20))
    # Derived from the bands (Companies Act thresholds), stored so lists and search can filter on them.
    size_band: Mapped[str | None] = mapped_column(String(10), index=True)
    is_sme: Mapped[bool | None] = mapped_column(Boolean)

    is_vcse: Mapped[bool | None] = mapped_column(Boolean)
    vcse_type: Mapped[str | None] = mapped_column(String(40))
    supported_employment: Mapped[bool | None] = mapped_column(Boolean)
    public_service_mutual: Mapped[bool | None] = mapped_column(Boolean)

    serves_whole_borough: Mapped[bool] = mapped_column(Boolean, default=False)
    serves_neighbouring: Mapped[bool] = mapped_column(Boolean, default=False)
    serves_london: Mapped[bool] = mapped_column(Boolean, default=False)
    serves_national: Mapped[bool] = mapped_column(Boolean, default=False)
    based_in_borough: Mapped[bool | None] = mapped_column(Boolean)
    # The ward (slug, as in data/wards.json) of the main base, for suppliers based in the borough; else None.
    base_ward: Mapped[str | None] = mapped_column(String(60))

    summary: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    services: Mapped[str | None] = mapped_column(Text)

    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    # Bumped by every profile save; a save made from an older version is refused (two people editing at once).
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    published_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)

    wards: Mapped[list[OrganisationWard]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    categories: Mapped[list[OrganisationCategory]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    memberships: Mapped[list[Membership]] = relationship(back_populates="organisation", cascade="all, delete-orphan")
    case_studies: Mapped[list[CaseStudy]] = relationship(cascade="all, delete-orphan", order_by="CaseStudy.id")
    commitments: Mapped[list[SocialValueCommitment]] = relationship(
        cascade="all, delete-orphan", order_by="SocialValueCommitment.id"
    )
    documents: Mapped[list[SupplierDocument]] = relationship(order_by="SupplierDocument.id")

    @property
    def display_name(self) -> str:
        return self.trading_name or self.name

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED


class OrganisationWard(Model):
    __tablename__ = "organisation_wards"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    ward: Mapped[str] = mapped_column(String(60), primary_key=True)


class OrganisationCategory(Model):
    __tablename__ = "organisation_categories"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True)


class Membership(Model):
    __tablename__ = "memberships"
    # One organisation per person keeps "whose draft is this?" simple and safe.
    __table_args__ = (UniqueConstraint("user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10), default=MEMBER)
    created_at: Mapped[datetime] = mapped_column(default=now)

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    user = relationship("User", lazy="joined")


class CaseStudy(Model):
    __tablename__ = "case_studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    client: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    approach: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    resident_engagement: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now)


class SocialValueCommitment(Model):
    __tablename__ = "social_value_commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    theme: Mapped[str] = mapped_column(String(40))
    measure: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(40))
    evidence_url: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=now)


class SupplierDocument(StoredFileColumns, Model):
    __tablename__ = "supplier_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    expires_on: Mapped[date | None]


class JoinRequest(Model):
    """Someone asks to join an organisation that is already registered; its owners decide."""

    __tablename__ = "join_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=now)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    user = relationship("User", foreign_keys=[user_id], lazy="joined")
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class Invitation(Model):
    """A colleague invited by email; the signed link carries the invitation id."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    accepted_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
