"""What can happen in an evaluation, and when; the arithmetic of price scores, flags and standstill.
Used by services, views and templates (through `evaluation_rules`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from marketplace import clock
from marketplace.evaluation.models import APPROVED, AWARD, PROPOSED, AwardDecision
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities.models import Opportunity
from marketplace.working_days import add_working_days, london_date, working_days_between

STANDSTILL_WORKING_DAYS = 8  # Procurement Act 2023 s.51: at least 8 working days
ABNORMALLY_LOW_BELOW_MEAN = Decimal("0.30")  # more than 30% below the mean of compliant bids
DISAGREEMENT_POINTS = 2  # evaluators this far apart on a question are flagged for moderation
OUTCOME_REMINDER_AFTER = timedelta(days=28)
JUSTIFICATION_MIN_WORDS = 3
TWO_PLACES = Decimal("0.01")


def _round(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


# --- arithmetic -----------------------------------------------------------------------------------


def price_score(*, lowest: Decimal, price: Decimal, weight: int) -> Decimal:
    """The published formula: lowest price ÷ this price × the price weight (0 for a missing or zero price)."""
    if price <= 0 or lowest <= 0:
        return Decimal(0)
    return _round(lowest / price * weight)


def question_score(*, score: int, top: int, weight: int) -> Decimal:
    """A consensus score on the published scale, as its share of the question's weight."""
    return _round(Decimal(score) / Decimal(top) * weight) if top else Decimal(0)


def abnormally_low(price: Decimal, compliant_prices: list[Decimal]) -> bool:
    """More than 30% below the mean of the compliant bids' prices (the buyer investigates before award)."""
    if not compliant_prices:
        return False
    mean = sum(compliant_prices, Decimal(0)) / len(compliant_prices)
    return price < mean * (1 - ABNORMALLY_LOW_BELOW_MEAN)


def disagree(scores: list[int]) -> bool:
    return len(scores) > 1 and max(scores) - min(scores) >= DISAGREEMENT_POINTS


# --- standstill -----------------------------------------------------------------------------------


def standstill_end(published_on: date) -> date:
    """The last day of standstill: the 8th working day after the day the decision is published (that day
    itself never counts), so a contract can be entered from the next day at the earliest."""
    return add_working_days(published_on, STANDSTILL_WORKING_DAYS)


def earliest_contract_date(award: AwardDecision) -> date | None:
    if award.standstill_ends is None:
        return None
    return award.standstill_ends + timedelta(days=1)


def in_standstill(award: AwardDecision | None, at: datetime | None = None) -> bool:
    if award is None or award.status != APPROVED or award.outcome != AWARD or award.standstill_ends is None:
        return False
    return london_date(at or clock.now()) <= award.standstill_ends


def standstill_over(award: AwardDecision | None, at: datetime | None = None) -> bool:
    if award is None or award.status != APPROVED or award.outcome != AWARD or award.standstill_ends is None:
        return False
    return london_date(at or clock.now()) > award.standstill_ends


def working_days_left(award: AwardDecision, at: datetime | None = None) -> int:
    """Working days of standstill still to come, today included when it is one."""
    if award.standstill_ends is None:
        return 0
    today = london_date(at or clock.now())
    return max(0, working_days_between(today - timedelta(days=1), award.standstill_ends))


def can_enter_contract(award: AwardDecision | None, at: datetime | None = None) -> bool:
    return standstill_over(award, at)


def can_extend_standstill(award: AwardDecision | None, new_end: date, at: datetime | None = None) -> bool:
    return in_standstill(award, at) and award is not None and new_end > (award.standstill_ends or new_end)


# --- stages ---------------------------------------------------------------------------------------


def can_form_panel(opportunity: Opportunity, award: AwardDecision | None) -> bool:
    return (
        opportunity_rules.is_public(opportunity)
        and not opportunity_rules.is_cancelled(opportunity)
        and (award is None or award.status not in (APPROVED,))
    )


def evaluating(opportunity: Opportunity, award: AwardDecision | None) -> bool:
    """Bids are opened and no decision is approved: scoring, moderation and proposing happen now."""
    return (
        opportunity_rules.bids_opened(opportunity)
        and not opportunity_rules.is_cancelled(opportunity)
        and (award is None or award.status not in (APPROVED,))
    )


def awaiting_approval(award: AwardDecision | None) -> bool:
    return award is not None and award.status == PROPOSED


def is_public_award(award: AwardDecision | None) -> bool:
    """An approved decision to award (not a cancellation): the contract award the public sees."""
    return award is not None and award.outcome == AWARD and award.status == APPROVED


def can_approve(award: AwardDecision | None, user) -> bool:
    """Four eyes: an admin or another buyer, never the person who proposed it."""
    if not awaiting_approval(award) or user is None or not getattr(user, "is_authenticated", False):
        return False
    assert award is not None
    return bool((user.is_admin or user.is_buyer) and user.is_verified and user.id != award.proposed_by_id)


def needs_outcome_reminder(opportunity: Opportunity, at: datetime | None = None) -> bool:
    at = at or clock.now()
    return (
        opportunity_rules.has_closed(opportunity, at)
        and opportunity.closes_at is not None
        and at - opportunity.closes_at >= OUTCOME_REMINDER_AFTER
    )
