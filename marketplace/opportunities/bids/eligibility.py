"""Eligibility first: before any bid page a supplier learns whether they may bid, and why not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from marketplace.opportunities import audience, queries, rules
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.models import INVITED, LOT, Opportunity

# Which help a "no" points at (the view turns these into links).
HELP_FRAMEWORKS = "frameworks"
HELP_PROFILE = "profile"
HELP_PARTNERS = "partners"
HELP_QUESTIONS = "questions"
HELP_OPPORTUNITIES = "opportunities"


@dataclass(frozen=True)
class Eligibility:
    allowed: bool
    reason: str | None = None
    help: str | None = None


def check(opportunity: Opportunity, organisation, *, at: datetime | None = None) -> Eligibility:
    if not rules.is_open(opportunity, at):
        return Eligibility(False, "This opportunity is closed to new bids.", HELP_OPPORTUNITIES)
    lead = sealing.partner_lead_name(opportunity.id, organisation.id)
    if lead:
        return Eligibility(
            False, f"Your organisation is a partner in the joint bid led by {lead}, so it cannot bid separately.", None
        )
    if opportunity.who_may_bid == LOT and opportunity.lot_id not in audience.lots_of(organisation.id):
        label = audience.lot_options().get(opportunity.lot_id or "", "the framework lot")
        return Eligibility(
            False,
            f"This is a mini-competition: only suppliers on {label} can bid, and your organisation is not on it.",
            HELP_FRAMEWORKS,
        )
    if opportunity.who_may_bid == INVITED and not queries.is_invited(opportunity.id, organisation.id):
        return Eligibility(
            False,
            "Only suppliers the council invited can bid for this, and your organisation was not invited.",
            HELP_PARTNERS,
        )
    if opportunity.reserved == "sme-vcse" and not (organisation.is_sme or organisation.is_vcse):
        return Eligibility(
            False,
            "This contract is reserved for small and medium-sized enterprises and VCSEs, and your profile says "
            "your organisation is neither.",
            HELP_PROFILE,
        )
    if opportunity.reserved == "local" and not organisation.based_in_borough:
        return Eligibility(
            False,
            "This contract is reserved for suppliers based in the borough, and your profile does not say your "
            "organisation is based here.",
            HELP_PROFILE,
        )
    return Eligibility(True)


def unmet(opportunity: Opportunity, answers: dict[int, bool]) -> list[str]:
    """The essential requirements answered "no" (or not answered)."""
    return [r.text for r in opportunity.essential if answers.get(r.id) is not True]
