"""Reads for evaluation, authorised here: each function that returns scores, bids or summaries takes the
user (or viewer) and gives only what they may see. Bids come only through sealing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, load_only

from marketplace.evaluation import access, scoring
from marketplace.evaluation.models import (
    APPROVED,
    AWARD,
    EVALUATOR,
    MODERATOR,
    PROPOSED,
    REJECTED,
    AssessmentSummary,
    AwardDecision,
    ConflictDeclaration,
    ConsensusScore,
    Contract,
    Exclusion,
    OutcomeReminder,
    PanelMember,
    Score,
    StandstillQuestion,
)
from marketplace.evaluation.rules import OUTCOME_REMINDER_AFTER
from marketplace.extensions import db
from marketplace.opportunities import queries as opportunity_queries
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.models import PUBLISHED, Opportunity


def get_opportunity(opportunity_id: int) -> Opportunity | None:
    return opportunity_queries.get_opportunity(opportunity_id)


def panel(opportunity_id: int) -> list[PanelMember]:
    statement = select(PanelMember).where(PanelMember.opportunity_id == opportunity_id).order_by(PanelMember.id)
    return list(db.session.scalars(statement))


def evaluators(opportunity_id: int) -> list[PanelMember]:
    return [member for member in panel(opportunity_id) if member.role == EVALUATOR]


def moderator(opportunity_id: int) -> PanelMember | None:
    return next((member for member in panel(opportunity_id) if member.role == MODERATOR), None)


def membership(opportunity_id: int, user) -> PanelMember | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(PanelMember).where(PanelMember.opportunity_id == opportunity_id, PanelMember.user_id == user.id)
    )


def panels_of(user) -> list[tuple[PanelMember, Opportunity]]:
    """An evaluator's (or moderator's) own panels, and nobody else's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    statement = (
        select(PanelMember, Opportunity)
        .join(Opportunity, Opportunity.id == PanelMember.opportunity_id)
        .where(PanelMember.user_id == user.id)
        .order_by(Opportunity.closes_at.desc(), Opportunity.id.desc())
    )
    return [(row[0], row[1]) for row in db.session.execute(statement).all()]


def to_declare(opportunity_id: int) -> list[tuple[int, str]]:
    """The organisations in opened bids (leads and joint-bid partners), by name, each once."""
    found: dict[int, str] = {}
    for _, organisation_id, name in sealing.bidding_organisations(opportunity_id):
        found.setdefault(organisation_id, name)
    return list(found.items())


def declarations(opportunity_id: int, user_id: int | None = None) -> list[ConflictDeclaration]:
    statement = select(ConflictDeclaration).where(ConflictDeclaration.opportunity_id == opportunity_id)
    if user_id is not None:
        statement = statement.where(ConflictDeclaration.user_id == user_id)
    return list(db.session.scalars(statement.order_by(ConflictDeclaration.declared_at, ConflictDeclaration.id)))


def declared_conflicts(opportunity_id: int) -> list[ConflictDeclaration]:
    return [d for d in declarations(opportunity_id) if d.conflict]


def get_declaration(opportunity_id: int, declaration_id: int) -> ConflictDeclaration | None:
    if not 0 < declaration_id < 2**31:
        return None
    return db.session.scalar(
        select(ConflictDeclaration).where(
            ConflictDeclaration.id == declaration_id, ConflictDeclaration.opportunity_id == opportunity_id
        )
    )


def bids_for(opportunity: Opportunity, user) -> list[sealing.OpenedBid]:
    """The opened bids this user may read: sealing applies the panel's conflict gating in SQL."""
    return sealing.opened_bids(sealing.viewer_for(user), opportunity.id)


def bid_for(opportunity: Opportunity, user, bid_id: int) -> sealing.OpenedBid | None:
    return sealing.opened_bid(sealing.viewer_for(user), opportunity.id, bid_id)


def own_scores(opportunity_id: int, user_id: int) -> dict[tuple[int, int], Score]:
    statement = select(Score).where(Score.opportunity_id == opportunity_id, Score.user_id == user_id)
    return {(s.bid_id, s.criterion_id): s for s in db.session.scalars(statement)}


def visible_scores(opportunity: Opportunity, user) -> list[Score] | None:
    """Every evaluator's scores, or None when this user may not see them yet (blind scoring)."""
    if not access.sees_every_score(opportunity, user, membership(opportunity.id, user)):
        return None
    statement = select(Score).where(Score.opportunity_id == opportunity.id).order_by(Score.bid_id, Score.id)
    return list(db.session.scalars(statement))


def consensus(opportunity_id: int) -> dict[tuple[int, int], ConsensusScore]:
    statement = select(ConsensusScore).where(ConsensusScore.opportunity_id == opportunity_id)
    return {(c.bid_id, c.criterion_id): c for c in db.session.scalars(statement)}


def exclusions(opportunity_id: int) -> dict[int, Exclusion]:
    statement = select(Exclusion).where(Exclusion.opportunity_id == opportunity_id)
    return {e.bid_id: e for e in db.session.scalars(statement)}


def standings(opportunity: Opportunity, user) -> list[scoring.Standing]:
    """The ranking, for those who may read every bid (owner, moderator); empty for anyone else."""
    role = access.role_of(opportunity, user)
    if role not in (access.OWNER, MODERATOR):
        return []
    return scoring.rank(
        opportunity,
        bids_for(opportunity, user),
        consensus=consensus(opportunity.id),
        exclusions={bid_id: e.reason for bid_id, e in exclusions(opportunity.id).items()},
    )


def current_award(opportunity_id: int) -> AwardDecision | None:
    """The latest decision that was not turned down."""
    statement = (
        select(AwardDecision)
        .where(AwardDecision.opportunity_id == opportunity_id, AwardDecision.status != REJECTED)
        .order_by(AwardDecision.id.desc())
    )
    return db.session.scalars(statement).first()


def approved_award(opportunity_id: int) -> AwardDecision | None:
    award = current_award(opportunity_id)
    return award if award is not None and award.status == APPROVED else None


def awaiting_approval() -> list[tuple[AwardDecision, Opportunity]]:
    statement = (
        select(AwardDecision, Opportunity)
        .join(Opportunity, Opportunity.id == AwardDecision.opportunity_id)
        .where(AwardDecision.status == PROPOSED)
        .order_by(AwardDecision.proposed_at)
    )
    return [(row[0], row[1]) for row in db.session.execute(statement).all()]


def get_award(award_id: int) -> AwardDecision | None:
    if not 0 < award_id < 2**31:
        return None
    return db.session.get(AwardDecision, award_id)


def public_award(opportunity_id: int) -> AwardDecision | None:
    """An approved award is public (the contract award notice); proposals and cancellations are not here."""
    award = approved_award(opportunity_id)
    return award if award is not None and award.outcome == AWARD else None


def contract_for(opportunity_id: int) -> Contract | None:
    return db.session.scalar(select(Contract).where(Contract.opportunity_id == opportunity_id))


def contracts_won(organisation_id: int) -> list[Contract]:
    """For the public profile's panel: each contract with its opportunity's title (not the organisation, already
    shown, nor the opportunity's owner and mission: the joined rows cost ~0.5 ms a profile view, even with none)."""
    statement = (
        select(Contract)
        .where(Contract.organisation_id == organisation_id)
        .order_by(Contract.start_date.desc())
        .options(
            lazyload(Contract.organisation),
            joinedload(Contract.opportunity).options(load_only(Opportunity.title), lazyload("*")),
        )
    )
    return list(db.session.scalars(statement))


def standstill_questions(award_id: int) -> list[StandstillQuestion]:
    statement = select(StandstillQuestion).where(StandstillQuestion.award_id == award_id)
    return list(db.session.scalars(statement.order_by(StandstillQuestion.asked_at)))


@dataclass(frozen=True)
class BidderView:
    """What a bidding organisation may see of the evaluation of its own bid, and nothing else."""

    bid_id: int
    organisation_id: int
    summary: AssessmentSummary | None
    exclusion: str | None


def for_bidder(viewer: sealing.Viewer, opportunity_id: int) -> BidderView | None:
    """The viewer's organisation's own (or confirmed joint) submitted bid's evaluation; None for anyone else."""
    bid = sealing.own_bid(viewer, opportunity_id) or sealing.joint_bid(viewer, opportunity_id)
    if bid is None or bid.submitted_at is None or bid.status != "submitted":
        return None
    summary = db.session.scalar(select(AssessmentSummary).where(AssessmentSummary.bid_id == bid.id))
    exclusion = db.session.scalar(select(Exclusion).where(Exclusion.bid_id == bid.id))
    return BidderView(bid.id, bid.organisation_id, summary, exclusion.reason if exclusion else None)


def opportunities_needing_reminder(now) -> list[Opportunity]:
    """Closed opportunities 28 days or more past close with no approved outcome, not yet reminded."""
    decided = select(AwardDecision.opportunity_id).where(AwardDecision.status == APPROVED)
    reminded = select(OutcomeReminder.opportunity_id)
    statement = (
        select(Opportunity)
        .where(
            Opportunity.status == PUBLISHED,
            Opportunity.closes_at <= now - OUTCOME_REMINDER_AFTER,
            Opportunity.id.not_in(decided),
            Opportunity.id.not_in(reminded),
        )
        .order_by(Opportunity.id)
    )
    return list(db.session.scalars(statement))
