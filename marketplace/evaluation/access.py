"""Who may do what in an evaluation, checked on the server; and the panel's right to read opened bids,
registered with sealing as one SQL condition (conflict gating included, so no query can forget it):

* the moderator reads every opened bid;
* an evaluator reads nothing until they have declared about every bidding organisation, and never a bid
  that an organisation they declared a conflict with leads or is a confirmed partner in.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, not_, or_, select

from marketplace.evaluation.models import EVALUATOR, MODERATOR, ConflictDeclaration, PanelMember
from marketplace.extensions import db
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.models import CONFIRMED, Bid, BidMember
from marketplace.opportunities.models import Opportunity

OWNER = "owner"


def panel_reader(viewer: sealing.Viewer):
    if viewer.user_id is None:
        return None
    member = exists().where(
        PanelMember.opportunity_id == Opportunity.id,
        PanelMember.user_id == viewer.user_id,
        or_(PanelMember.role == MODERATOR, PanelMember.declared_at.is_not(None)),
    )
    conflicted = select(ConflictDeclaration.organisation_id).where(
        ConflictDeclaration.opportunity_id == Opportunity.id,
        ConflictDeclaration.user_id == viewer.user_id,
        ConflictDeclaration.conflict.is_(True),
    )
    partner_conflicted = exists().where(
        BidMember.bid_id == Bid.id, BidMember.status == CONFIRMED, BidMember.organisation_id.in_(conflicted)
    )
    return and_(member, Bid.organisation_id.not_in(conflicted), not_(partner_conflicted))


def register() -> None:
    sealing.register_reader(panel_reader)


def _signed_in(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_verified)


def role_of(opportunity: Opportunity, user) -> str | None:
    """owner, moderator or evaluator (a buyer on the panel); None for anyone else, admins included."""
    if not _signed_in(user) or not user.is_buyer:
        return None
    member = db.session.scalar(
        select(PanelMember).where(PanelMember.opportunity_id == opportunity.id, PanelMember.user_id == user.id)
    )
    if member is not None:
        return member.role
    return OWNER if opportunity.owner_id == user.id else None


def is_owner(opportunity: Opportunity, user) -> bool:
    return _signed_in(user) and user.is_buyer and opportunity.owner_id == user.id


def is_moderator(opportunity: Opportunity, user) -> bool:
    return role_of(opportunity, user) == MODERATOR


def is_evaluator(opportunity: Opportunity, user) -> bool:
    return role_of(opportunity, user) == EVALUATOR


def sees_every_score(opportunity: Opportunity, user, member: PanelMember | None) -> bool:
    """The moderator and the owner see every score; an evaluator only once all of their own are submitted."""
    if is_owner(opportunity, user):
        return True
    if member is None:
        return False
    return member.role == MODERATOR or member.scores_submitted_at is not None
