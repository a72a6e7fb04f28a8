"""Joint bids: the lead adds partner organisations (from the notice's partner list or any registered
organisation); each partner confirms through a signed link; confirmed partners see the bid read-only."""

from __future__ import annotations

from flask import current_app

from marketplace import clock
from marketplace.accounts import tokens
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import emails
from marketplace.opportunities.bids import rules, sealing
from marketplace.opportunities.bids.models import CONFIRMED, DECLINED, PENDING, Bid, BidMember
from marketplace.opportunities.bids.services import BidError, TooLate, _editable, _touched, member_emails

PURPOSE = "bid-partner"
MAX_PARTNERS = 10


def token_max_age() -> int:
    """Partners may need a few days to agree: a week, rather than a day as for account emails."""
    return current_app.config["EMAIL_TOKEN_MAX_AGE"] * 7


def add_partner(bid: Bid, user, organisation, *, role: str | None) -> BidMember:
    _editable(bid)
    if organisation.id == bid.organisation_id:
        raise BidError("Your own organisation is already the lead", field="organisation")
    if any(m.organisation_id == organisation.id for m in bid.members):
        raise BidError(f"{organisation.display_name} is already a partner in this bid", field="organisation")
    if len(bid.members) >= MAX_PARTNERS:
        raise BidError(f"A joint bid can have up to {MAX_PARTNERS} partners", field="organisation")
    if sealing.organisation_has_bid(bid.opportunity_id, organisation.id):
        raise BidError(f"{organisation.display_name} is already in a bid for this opportunity", field="organisation")
    member = BidMember(organisation_id=organisation.id, role=role, status=PENDING, invited_by_id=user.id)
    bid.members.append(member)
    _touched(bid)
    db.session.flush()
    _invite(bid, member, organisation, user)
    record("bid.partner_added", bid, actor_id=user.id, partner=organisation.id)
    db.session.commit()
    return member


def _invite(bid: Bid, member: BidMember, organisation, user) -> None:
    token = tokens.make_token(PURPOSE, {"member": member.id, "organisation": organisation.id})
    emails.send(
        member_emails(organisation.id),
        f"Confirm your joint bid with {bid.organisation.display_name}",
        "partner_invitation.txt",
        lead=bid.organisation.display_name,
        opportunity=bid.opportunity,
        role=member.role,
        inviter=user.full_name or user.email,
        link=emails.link("opportunities.confirm_partner", token=token),
        days=token_max_age() // 86400,
    )


def remove_partner(bid: Bid, user, member_id: int) -> None:
    _editable(bid)
    member = next((m for m in bid.members if m.id == member_id), None)
    if member is not None:
        bid.members.remove(member)
        _touched(bid)
        record("bid.partner_removed", bid, actor_id=user.id, partner=member.organisation_id)
    db.session.commit()


def member_for_token(token: str) -> BidMember:
    payload = tokens.read_token(PURPOSE, token, token_max_age())
    member = sealing.pending_membership(int(payload.get("member", 0) or 0))
    if member is None or member.organisation_id != payload.get("organisation"):
        raise tokens.TokenInvalid()
    return member


def decide(token: str, user, organisation, *, accept: bool) -> BidMember:
    """The partner organisation (any member of it) confirms or declines; the lead is told."""
    member = member_for_token(token)
    if organisation is None or organisation.id != member.organisation_id:
        raise BidError("Sign in as someone in the invited organisation to answer this")
    bid = member.bid
    if not rules.can_edit(bid):
        raise TooLate()
    if not rules.partner_can_answer(member):
        return member  # already answered (a second click)
    member.status = CONFIRMED if accept else DECLINED
    member.decided_at, member.decided_by_id = clock.now(), user.id
    _touched(bid)
    record(f"bid.partner_{member.status}", bid, actor_id=user.id, partner=organisation.id)
    emails.send(
        member_emails(bid.organisation_id),
        f"{organisation.display_name} {'confirmed' if accept else 'declined'} your joint bid",
        "partner_decided.txt",
        partner=organisation.display_name,
        accepted=accept,
        opportunity=bid.opportunity,
        link=emails.link("opportunities.bid", opportunity_id=bid.opportunity_id),
    )
    db.session.commit()
    return member
