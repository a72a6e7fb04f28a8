"""What can happen to a bid, and when: the server's clock decides (a submit at the closing instant
or later is late). Used by services, views and templates (through `bid_rules`)."""

from __future__ import annotations

from datetime import datetime

from marketplace import clock
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities.bids import content
from marketplace.opportunities.bids.models import (
    CONFIRMED,
    DECLINED,
    DRAFT,
    PENDING,
    SUBMITTED,
    WITHDRAWN,
    Bid,
    BidMember,
)

MAX_ATTACHMENTS = 10
MAX_COMMITMENTS = 20


def can_edit(bid: Bid, at: datetime | None = None) -> bool:
    """The lead may change the working copy until the closing instant (withdrawn bids restart as drafts)."""
    return bid.status in (DRAFT, SUBMITTED, WITHDRAWN) and opportunity_rules.is_open(bid.opportunity, at)


def is_submitted(bid: Bid) -> bool:
    return bid.status == SUBMITTED


def is_withdrawn(bid: Bid) -> bool:
    return bid.status == WITHDRAWN


def can_withdraw(bid: Bid, at: datetime | None = None) -> bool:
    return bid.status == SUBMITTED and opportunity_rules.is_open(bid.opportunity, at)


def answer_problem(text: str, limit: int | None) -> str | None:
    if limit and opportunity_rules.word_count(text) > limit:
        return f"Your answer must be {limit:,} words or fewer"
    return None


def task_problems(bid: Bid) -> dict[str, list[str]]:
    """Bid task → what it still needs before it can be submitted."""
    opportunity = bid.opportunity
    problems: dict[str, list[str]] = {"partners": [], "answers": [], "price": [], "declaration": []}
    pending = [m for m in bid.members if m.status != CONFIRMED]
    if pending:
        names = ", ".join(m.organisation.display_name for m in pending)
        problems["partners"].append(f"Every partner must confirm, or be removed, before you submit: {names}")
    for criterion in opportunity.question_criteria:
        text = bid.answer_to(criterion.id)
        if not text.strip():
            problems["answers"].append(f"Answer ‘{criterion.title}’")
        elif message := answer_problem(text, criterion.word_limit):
            problems["answers"].append(f"‘{criterion.title}’: {message}")
    if content.price_of(opportunity, bid)["total"] is None:
        problems["price"].append("Enter your price")
    if not bid.declaration_agreed:
        problems["declaration"].append("Agree to the declaration")
    return problems


def missing_for_submit(bid: Bid) -> list[str]:
    return [message for messages in task_problems(bid).values() for message in messages]


def has_unsubmitted_changes(bid: Bid) -> bool:
    if bid.status != SUBMITTED or bid.submission is None:
        return False
    return content.build(bid.opportunity, bid) != bid.submission


def status_label(bid: Bid | None, at: datetime | None = None) -> str:
    at = at or clock.now()
    if bid is None:
        return "Not started"
    if bid.status == SUBMITTED:
        return "Submitted"
    if bid.status == WITHDRAWN:
        return "Withdrawn"
    return "In progress" if opportunity_rules.is_open(bid.opportunity, at) else "Not submitted"


# --- partners in a joint bid ----------------------------------------------------------------------


def partner_can_answer(member: BidMember) -> bool:
    """The partner has not confirmed or declined yet."""
    return member.status == PENDING


def partner_confirmed(member: BidMember) -> bool:
    return member.status == CONFIRMED


def partner_declined(member: BidMember) -> bool:
    return member.status == DECLINED
