""" "For you": guides recommended on the supplier dashboard from the organisation's profile and activity,
each with the reason it is shown. `reasons` is pure (table-tested); `for_supplier` gathers the facts."""

from __future__ import annotations

from dataclasses import dataclass, field

from marketplace import clock
from marketplace.guides import queries
from marketplace.guides.models import Guide
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.models import DRAFT
from marketplace.opportunities.models import PRICE

MAX_RECOMMENDATIONS = 4
RESIDENT_WORDS = ("resident", "community engagement", "engaging the community", "tenant")


@dataclass(frozen=True)
class SupplierFacts:
    is_vcse: bool = False
    is_micro: bool = False
    has_submitted_bid: bool = False
    has_commitments: bool = False
    # (opportunity title, weight %) of open bids on opportunities with a resident engagement criterion
    resident_bids: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Recommendation:
    guide: Guide
    reason: str


def reasons(facts: SupplierFacts) -> list[tuple[str, str]]:
    """(topic, reason) in order of urgency: what the supplier is doing now first."""
    found = [
        (
            "resident-engagement",
            f"Because you are bidding for ‘{title}’, which gives {weight}% of the marks to resident engagement",
        )
        for title, weight in facts.resident_bids
    ]
    if not facts.has_submitted_bid:
        found.append(("how-to-bid", "Because you have not submitted a bid on the marketplace yet"))
    if facts.is_vcse:
        found.append(("procurement-act", "Because you are a voluntary, community or social enterprise (VCSE)"))
    elif facts.is_micro:
        found.append(("procurement-act", "Because you are a micro business"))
    if not facts.has_commitments:
        found.append(("social-value", "Because your profile has no social value commitments yet"))
    return found


def weights_resident_engagement(criterion) -> bool:
    text = f"{criterion.title} {criterion.guidance or ''}".lower()
    return criterion.kind != PRICE and bool(criterion.weight) and any(word in text for word in RESIDENT_WORDS)


def facts_for(organisation, user) -> SupplierFacts:
    bids = sealing.own_bids(sealing.viewer_for(user))
    now = clock.now()
    resident_bids = []
    for bid in bids:
        opportunity = bid.opportunity
        if (
            bid.status != DRAFT
            or bid.organisation_id != organisation.id
            or not opportunity_rules.is_open(opportunity, now)
        ):
            continue
        weight = sum(c.weight or 0 for c in opportunity.criteria if weights_resident_engagement(c))
        if weight:
            resident_bids.append((opportunity.title, weight))
    return SupplierFacts(
        is_vcse=bool(organisation.is_vcse),
        is_micro=organisation.size_band == "micro",
        has_submitted_bid=any(bid.submitted_at is not None for bid in bids),
        has_commitments=bool(organisation.commitments),
        resident_bids=resident_bids,
    )


def for_supplier(organisation, user) -> list[Recommendation]:
    if organisation is None:
        return []
    live = [g for g in queries.list_live() if g.live_version and g.live_version.audience in ("suppliers", "both")]
    live.sort(key=lambda g: g.last_updated_at or g.created_at, reverse=True)
    chosen: list[Recommendation] = []
    for topic, reason in reasons(facts_for(organisation, user)):
        shown = [r.guide for r in chosen]
        guide = next((g for g in live if g.live_version and topic in g.live_version.topics and g not in shown), None)
        if guide is not None:
            chosen.append(Recommendation(guide, reason))
    return chosen[:MAX_RECOMMENDATIONS]
