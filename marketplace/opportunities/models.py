"""Opportunities (tenders): what is bought, who may bid, award criteria and the timetable."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model
from marketplace.storage.models import StoredFileColumns

DRAFT = "draft"
PUBLISHED = "published"
CANCELLED = "cancelled"
AWARDED = "awarded"  # set by evaluation (the next issue); closed is derived from the clock
PUBLIC_STATUSES = (PUBLISHED, CANCELLED, AWARDED)

ANYONE = "anyone"
LOT = "lot"
INVITED = "invited"

ESSENTIAL = "essential"
NICE = "nice"

QUALITY = "quality"
PRICE = "price"
SOCIAL_VALUE = "social-value"

LUMP_SUM = "lump-sum"
DAY_RATE = "day-rate"


class Opportunity(Model):
    __tablename__ = "opportunities"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    # The engagement notice it came from (linked both ways: the notice page shows the opportunity).
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notices.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)  # Markdown, sanitised when shown
    mission_id: Mapped[int | None] = mapped_column(ForeignKey("missions.id", ondelete="SET NULL"), index=True)
    value_low: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))  # pounds, excluding VAT
    value_high: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    contract_start_date: Mapped[date | None]
    contract_months: Mapped[int | None]
    extension_months: Mapped[int | None]
    who_may_bid: Mapped[str] = mapped_column(String(20), default=ANYONE)
    lot_id: Mapped[str | None] = mapped_column(String(120))  # "framework-slug/lot-slug" for a mini-competition
    suitable_sme: Mapped[bool] = mapped_column(Boolean, default=False)
    suitable_vcse: Mapped[bool] = mapped_column(Boolean, default=False)
    reserved: Mapped[str | None] = mapped_column(String(20))  # "sme-vcse", "local" or None
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(320))
    # Published with the opportunity so bidders know how they will be scored (evaluation reads them).
    scoring_scale: Mapped[str] = mapped_column(String(20), default="0-4")
    tie_break: Mapped[str] = mapped_column(String(20), default="quality")
    questions_close_at: Mapped[datetime | None]
    answers_by_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None] = mapped_column(index=True)
    expected_award_date: Mapped[date | None]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    opened_at: Mapped[datetime | None]  # when the buyer opened the bids (after the closing instant)
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)

    owner = relationship("User", foreign_keys=[owner_id], lazy="joined")
    mission = relationship("Mission", lazy="joined")
    outcomes: Mapped[list[OpportunityOutcome]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OpportunityOutcome.position"
    )
    requirements: Mapped[list[Requirement]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="Requirement.position"
    )
    categories: Mapped[list[OpportunityCategory]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OpportunityCategory.code"
    )
    wards: Mapped[list[OpportunityWard]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="OpportunityWard.ward"
    )
    criteria: Mapped[list[AwardCriterion]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="AwardCriterion.position"
    )
    documents: Mapped[list[OpportunityDocument]] = relationship(
        order_by="OpportunityDocument.id", cascade="all, delete-orphan"
    )
    changes: Mapped[list[OpportunityChange]] = relationship(
        order_by="OpportunityChange.id.desc()", cascade="all, delete-orphan"
    )
    invitations: Mapped[list[OpportunityInvitation]] = relationship(
        order_by="OpportunityInvitation.id", cascade="all, delete-orphan"
    )

    @property
    def category_codes(self) -> list[str]:
        return [category.code for category in self.categories]

    @property
    def ward_slugs(self) -> list[str]:
        return [ward.ward for ward in self.wards]

    @property
    def essential(self) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == ESSENTIAL]

    @property
    def nice_to_have(self) -> list[Requirement]:
        return [r for r in self.requirements if r.kind == NICE]

    @property
    def price_criterion(self) -> AwardCriterion | None:
        return next((c for c in self.criteria if c.kind == PRICE), None)

    @property
    def question_criteria(self) -> list[AwardCriterion]:
        """Quality and social value questions: what a bidder answers in words."""
        return [c for c in self.criteria if c.kind != PRICE]


class OpportunityOutcome(Model):
    __tablename__ = "opportunity_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(300))


class Requirement(Model):
    """An essential or nice-to-have requirement; a bidder answers yes or no to each essential one."""

    __tablename__ = "opportunity_requirements"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)


class OpportunityCategory(Model):
    __tablename__ = "opportunity_categories"

    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), primary_key=True)


class OpportunityWard(Model):
    __tablename__ = "opportunity_wards"

    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True)
    ward: Mapped[str] = mapped_column(String(60), primary_key=True)


class AwardCriterion(Model):
    """One award criterion: a quality or social value question, or price (one per opportunity)."""

    __tablename__ = "opportunity_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    guidance: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[int | None]  # whole percent; all of an opportunity's add up to 100
    word_limit: Mapped[int | None]  # questions only
    price_kind: Mapped[str | None] = mapped_column(String(20))  # price only: lump sum or day rates
    # Price by day rates: [{"role": "Surveyor", "days": 20}, ...]; total = sum(rate x days).
    day_rate_roles: Mapped[list | None] = mapped_column(JSON)
    themes: Mapped[list | None] = mapped_column(JSON)  # social value: the council's theme slugs it covers


class OpportunityDocument(StoredFileColumns, Model):
    __tablename__ = "opportunity_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)


class OpportunityChange(Model):
    """A dated public change note on a published opportunity."""

    __tablename__ = "opportunity_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(default=now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    fields: Mapped[list] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text)


class OpportunityInvitation(Model):
    """An organisation invited to bid (when only invited suppliers may)."""

    __tablename__ = "opportunity_invitations"
    __table_args__ = (UniqueConstraint("opportunity_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=now)

    organisation = relationship("Organisation", lazy="joined")
