"""Panels evaluation adds to other domains' pages through slots (see slots.py). Each runs its queries here,
so templates run none, and each shows a viewer only what they may see."""

from __future__ import annotations

from marketplace import clock
from marketplace.evaluation import access, queries, rules
from marketplace.evaluation.models import AWARD
from marketplace.opportunities.bids import sealing
from marketplace.slots import Panel


def bidder_status(opportunity, view: queries.BidderView | None, award, at=None) -> tuple[str, str | None]:
    """submitted → under evaluation → standstill → awarded / unsuccessful / cancelled, with the next step."""
    from marketplace.opportunities import rules as opportunity_rules

    at = at or clock.now()
    if view is not None and view.exclusion:
        return "Excluded", f"Reason: {view.exclusion}"
    if opportunity_rules.is_cancelled(opportunity):
        return "Cancelled", opportunity.cancel_reason
    if award is not None and award.outcome == AWARD and award.status == "approved":
        won = view is not None and view.organisation_id == award.organisation_id
        if rules.in_standstill(award, at):
            return "Standstill", f"Standstill ends at the end of {award.standstill_ends:%-d %B %Y}" + (
                "; you are the preferred bidder" if won else ""
            )
        return ("Awarded", None) if won else ("Unsuccessful", None)
    if not opportunity_rules.has_closed(opportunity, at):
        return "Submitted", f"Bids close {opportunity.closes_at:%-d %B %Y}"
    expected = opportunity.expected_award_date
    return "Under evaluation", f"Expected award decision: {expected:%-d %B %Y}" if expected else None


def opportunity_panel(*, opportunity, viewer=None, user=None, **_) -> Panel | None:
    award = queries.public_award(opportunity.id)
    contract = queries.contract_for(opportunity.id) if award else None
    role = access.role_of(opportunity, user) if user is not None else None
    view = queries.for_bidder(viewer, opportunity.id) if viewer is not None else None
    status = bidder_status(opportunity, view, queries.approved_award(opportunity.id)) if view else None
    if award is None and role is None and view is None:
        return None
    return Panel(
        "evaluation/_opportunity_panel.html",
        {
            "award": award,
            "contract": contract,
            "role": role,
            "bidder": view,
            "status": status,
            "in_standstill": rules.in_standstill(award),
            "days_left": rules.working_days_left(award) if award else 0,
        },
    )


def bid_panel(*, opportunity, bid, **_) -> Panel | None:
    viewer = sealing.Viewer(None, bid.organisation_id, "supplier")
    view = queries.for_bidder(viewer, opportunity.id)
    if view is None:
        return None
    award = queries.approved_award(opportunity.id)
    public = queries.public_award(opportunity.id)
    return Panel(
        "evaluation/_bid_panel.html",
        {
            "bidder": view,
            "status": bidder_status(opportunity, view, award),
            "award": public,
            "in_standstill": rules.in_standstill(public),
            "days_left": rules.working_days_left(public) if public else 0,
        },
    )


def contracts_won_panel(*, organisation, **_) -> Panel | None:
    contracts = queries.contracts_won(organisation.id)
    if not contracts:
        return None
    return Panel("evaluation/_contracts_won.html", {"contracts": contracts})
