"""A bid: one per organisation per opportunity, its working copy (answers, price, commitments,
attachments, partners) and the snapshot last submitted, which is what the buyer opens."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.storage.models import StoredFileColumns

DRAFT = "draft"
SUBMITTED = "submitted"
WITHDRAWN = "withdrawn"

PENDING = "pending"
CONFIRMED = "confirmed"
DECLINED = "declined"


class Bid(Model):
    __tablename__ = "bids"
    # One bid per organisation per opportunity: a double-clicked "start" or "submit" cannot make two.
    __table_args__ = (UniqueConstraint("opportunity_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    price_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))  # lump sum, pounds excluding VAT
    declaration_agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    declared_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Exactly what was last submitted, in the canonical form the receipt code is computed over.
    submission: Mapped[dict | None] = mapped_column(JSON)
    receipt_code: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime | None]
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    submission_count: Mapped[int] = mapped_column(default=0)
    withdrawn_at: Mapped[datetime | None]
    # At opening, the receipt code re-computed from the snapshot and every attachment re-read from storage.
    verified: Mapped[bool | None] = mapped_column(Boolean)
    reminder_sent_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    opportunity = relationship("Opportunity", lazy="joined")
    organisation = relationship("Organisation", lazy="joined")
    eligibility: Mapped[list[BidEligibility]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    answers: Mapped[list[BidAnswer]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    rates: Mapped[list[BidRate]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="BidRate.position"
    )
    commitments: Mapped[list[BidCommitment]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="BidCommitment.id"
    )
    documents: Mapped[list[BidDocument]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="BidDocument.id"
    )
    members: Mapped[list[BidMember]] = relationship(
        back_populates="bid", cascade="all, delete-orphan", lazy="selectin", order_by="BidMember.id"
    )

    def answer_to(self, criterion_id: int) -> str:
        return next((a.text for a in self.answers if a.criterion_id == criterion_id), "")

    def rate_for(self, position: int) -> Decimal | None:
        return next((r.rate for r in self.rates if r.position == position), None)

    @property
    def current_documents(self) -> list[BidDocument]:
        return [d for d in self.documents if d.removed_at is None]

    @property
    def partners(self) -> list[BidMember]:
        return list(self.members)

    @property
    def confirmed_partners(self) -> list[BidMember]:
        return [m for m in self.members if m.status == CONFIRMED]

    @property
    def is_joint(self) -> bool:
        return bool(self.members)


class BidEligibility(Model):
    """The bidder's yes to an essential requirement (a no stops them before a bid exists)."""

    __tablename__ = "bid_eligibility"

    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), primary_key=True)
    requirement_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity_requirements.id", ondelete="CASCADE"), primary_key=True
    )
    meets: Mapped[bool] = mapped_column(Boolean)
    answered_at: Mapped[datetime] = mapped_column(default=now)


class BidAnswer(Model):
    """One answer per question: a row each, so colleagues saving different answers never overwrite each other."""

    __tablename__ = "bid_answers"

    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), primary_key=True)
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("opportunity_criteria.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class BidRate(Model):
    """A day rate for one of the buyer's roles (price by day rates)."""

    __tablename__ = "bid_rates"

    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(primary_key=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(12, 2))


class BidCommitment(Model):
    """A social value commitment made in this bid (copied from the profile to start with)."""

    __tablename__ = "bid_commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    theme: Mapped[str] = mapped_column(String(40))
    measure: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    unit: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(40))


class BidDocument(StoredFileColumns, Model):
    """An attachment. Removing one only hides it from the working copy: a submitted snapshot may name it."""

    __tablename__ = "bid_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    removed_at: Mapped[datetime | None]


class BidMember(Model):
    """A partner organisation in a joint bid; it confirms through a signed link and sees the bid read-only."""

    __tablename__ = "bid_members"
    __table_args__ = (UniqueConstraint("bid_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    role: Mapped[str | None] = mapped_column(Text)  # what the partner does in the bid
    invited_email: Mapped[str | None] = mapped_column(String(320))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    invited_at: Mapped[datetime] = mapped_column(default=now)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    organisation = relationship("Organisation", lazy="joined")
    # For the partner's confirmation page: the lead's name and the opportunity (never the content).
    bid: Mapped[Bid] = relationship(back_populates="members")
