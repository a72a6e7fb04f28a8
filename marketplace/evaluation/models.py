"""The evaluation of one opportunity's opened bids: who is on the panel, what they declared, what they
scored, what the moderator agreed, the award decision, the assessment summaries and the contract."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import now
from marketplace.extensions import Model

EVALUATOR = "evaluator"
MODERATOR = "moderator"

# Award decision outcomes and statuses.
AWARD = "award"
CANCELLED = "cancelled"
NO_SUITABLE_BID = "no-suitable-bid"
PROPOSED = "proposed"
APPROVED = "approved"
REJECTED = "rejected"


class PanelMember(Model):
    """An evaluator or the moderator of one opportunity (a buyer account other than the owner, usually)."""

    __tablename__ = "evaluation_panel_members"
    __table_args__ = (UniqueConstraint("opportunity_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    added_at: Mapped[datetime] = mapped_column(default=now)
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Set once a declaration covers every bidding organisation: only then may they read bids.
    declared_at: Mapped[datetime | None]
    # Set when the evaluator submits all of their scores: only then may they see the others'.
    scores_submitted_at: Mapped[datetime | None]

    user = relationship("User", foreign_keys=[user_id], lazy="joined")


class ConflictDeclaration(Model):
    """One evaluator's declaration about one bidding organisation. Rows are only ever added once scoring
    has started; a declared conflict stops them reading or scoring every bid that organisation is in."""

    __tablename__ = "evaluation_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    organisation_name: Mapped[str] = mapped_column(String(300))
    conflict: Mapped[bool] = mapped_column(Boolean)
    description: Mapped[str | None] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(default=now)
    # How the moderator handled a declared conflict.
    handling: Mapped[str | None] = mapped_column(Text)
    handled_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    handled_at: Mapped[datetime | None]

    user = relationship("User", foreign_keys=[user_id], lazy="joined")


class Score(Model):
    """An evaluator's own score for one question of one bid, with the justification the scale requires."""

    __tablename__ = "evaluation_scores"
    __table_args__ = (UniqueConstraint("bid_id", "criterion_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("opportunity_criteria.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    score: Mapped[int]
    justification: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=now)


class ConsensusScore(Model):
    """The moderator's agreed score for one question of one bid: what counts, and what the bidder reads."""

    __tablename__ = "evaluation_consensus"
    __table_args__ = (UniqueConstraint("bid_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("opportunity_criteria.id", ondelete="CASCADE"))
    score: Mapped[int]
    justification: Mapped[str] = mapped_column(Text)  # tied to the bid; the bidder reads it
    note: Mapped[str | None] = mapped_column(Text)  # the moderation note (internal)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=now)


class Exclusion(Model):
    """A bid the buyer excluded, with the reason the bidder is shown."""

    __tablename__ = "evaluation_exclusions"
    __table_args__ = (UniqueConstraint("bid_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    excluded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    excluded_at: Mapped[datetime] = mapped_column(default=now)


class AwardDecision(Model):
    """The outcome: an award to one bid (proposed, then approved by a second person) or the end of the
    procurement (cancelled, no suitable bid). Approval starts standstill."""

    __tablename__ = "evaluation_awards"

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default=PROPOSED)
    bid_id: Mapped[int | None] = mapped_column(ForeignKey("bids.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    reason: Mapped[str | None] = mapped_column(Text)
    # The ranking as the proposer saw it (names, prices, consensus scores, totals): the approver decides on
    # it and the assessment summaries are written from it, so neither needs to read a bid.
    ranking: Mapped[list] = mapped_column(JSON, default=list)
    rejected_reason: Mapped[str | None] = mapped_column(Text)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    proposed_at: Mapped[datetime] = mapped_column(default=now)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    standstill_starts: Mapped[date | None]  # the London day the decision was published
    standstill_ends: Mapped[date | None]  # the last day of standstill (extensions move it later)

    organisation = relationship("Organisation", lazy="joined")
    extensions: Mapped[list[StandstillExtension]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="StandstillExtension.id"
    )


class StandstillExtension(Model):
    __tablename__ = "evaluation_standstill_extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("evaluation_awards.id", ondelete="CASCADE"), index=True)
    previous_end: Mapped[date]
    new_end: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    extended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    extended_at: Mapped[datetime] = mapped_column(default=now)


class StandstillQuestion(Model):
    """A bidder's question to the buyer about the award decision, during standstill."""

    __tablename__ = "evaluation_standstill_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("evaluation_awards.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    asked_at: Mapped[datetime] = mapped_column(default=now)


class AssessmentSummary(Model):
    """The scored feedback written for one assessed bid when the award is approved (a fixed record)."""

    __tablename__ = "evaluation_summaries"
    __table_args__ = (UniqueConstraint("bid_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    award_id: Mapped[int] = mapped_column(ForeignKey("evaluation_awards.id", ondelete="CASCADE"), index=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    content: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=now)


class Contract(Model):
    """Contract details, recorded once the contract is entered (never before standstill ends)."""

    __tablename__ = "evaluation_contracts"
    __table_args__ = (UniqueConstraint("opportunity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"))
    award_id: Mapped[int] = mapped_column(ForeignKey("evaluation_awards.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    start_date: Mapped[date]
    end_date: Mapped[date]
    entered_at: Mapped[datetime] = mapped_column(default=now)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    organisation = relationship("Organisation", lazy="joined")
    opportunity = relationship("Opportunity", lazy="joined")


class OutcomeReminder(Model):
    """The buyer was reminded to record an outcome 28 days after close (once per opportunity)."""

    __tablename__ = "evaluation_outcome_reminders"

    opportunity_id: Mapped[int] = mapped_column(ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True)
    reminded_at: Mapped[datetime] = mapped_column(default=now)
