"""What can happen to an opportunity, and when: used by services, views and templates alike.

Templates call these (through the `opportunity_rules` global) rather than comparing statuses.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from marketplace import clock
from marketplace.opportunities import choices
from marketplace.opportunities.models import (
    AWARDED,
    CANCELLED,
    DAY_RATE,
    DRAFT,
    INVITED,
    LOT,
    PRICE,
    PUBLISHED,
    Opportunity,
)
from marketplace.working_days import add_working_days, london_date

SUMMARY_WORDS = 50
MAX_REQUIREMENTS = 20
REQUIREMENT_WORDS = 30
MAX_OUTCOMES = 10
MIN_OPEN_DAYS = 10
QUESTIONS_WORKING_DAYS_BEFORE = 2
ANSWERS_WORKING_DAYS_BEFORE = 1
REMINDER_BEFORE_CLOSE = timedelta(hours=24)


def word_count(text: str | None) -> int:
    """Counted as the GOV.UK character count component counts words (runs of non-space)."""
    return len(re.findall(r"\S+", text or ""))


# --- status -------------------------------------------------------------------------------------


def public_status(opportunity: Opportunity, at: datetime | None = None) -> str:
    """draft, open, closed, cancelled or awarded: what everyone is told."""
    if opportunity.status == PUBLISHED:
        return "open" if is_open(opportunity, at) else "closed"
    return opportunity.status


def is_open(opportunity: Opportunity, at: datetime | None = None) -> bool:
    """Published and before the closing instant (a bid at the instant itself is late)."""
    at = at or clock.now()
    return opportunity.status == PUBLISHED and opportunity.closes_at is not None and at < opportunity.closes_at


def has_closed(opportunity: Opportunity, at: datetime | None = None) -> bool:
    """Past the closing instant (cancelled opportunities never close for bidding: they end)."""
    at = at or clock.now()
    return (
        opportunity.status in (PUBLISHED, AWARDED) and opportunity.closes_at is not None and at >= opportunity.closes_at
    )


def is_draft(opportunity: Opportunity) -> bool:
    return opportunity.status == DRAFT


def is_public(opportunity: Opportunity) -> bool:
    return opportunity.status != DRAFT


def is_cancelled(opportunity: Opportunity) -> bool:
    return opportunity.status == CANCELLED


def can_edit_draft(opportunity: Opportunity) -> bool:
    return opportunity.status == DRAFT


def can_correct(opportunity: Opportunity, at: datetime | None = None) -> bool:
    """After publishing: correct details, add documents, extend, cancel, while bids are still open."""
    return is_open(opportunity, at)


def can_cancel(opportunity: Opportunity, at: datetime | None = None) -> bool:
    return opportunity.status == PUBLISHED and opportunity.opened_at is None


def can_open_bids(opportunity: Opportunity, at: datetime | None = None) -> bool:
    return has_closed(opportunity, at) and opportunity.opened_at is None


def bids_opened(opportunity: Opportunity) -> bool:
    return opportunity.opened_at is not None


def questions_open(opportunity: Opportunity, at: datetime | None = None) -> bool:
    at = at or clock.now()
    deadline = opportunity.questions_close_at or opportunity.closes_at
    return is_open(opportunity, at) and deadline is not None and at < deadline


def closing_within(opportunity: Opportunity, delta: timedelta, at: datetime | None = None) -> bool:
    at = at or clock.now()
    return is_open(opportunity, at) and opportunity.closes_at is not None and opportunity.closes_at - at <= delta


# --- the timetable ------------------------------------------------------------------------------


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def earliest_close(published_at: datetime) -> datetime:
    return published_at + timedelta(days=MIN_OPEN_DAYS)


def latest_questions_close(closes_at: datetime) -> date:
    return add_working_days(london_date(closes_at), -QUESTIONS_WORKING_DAYS_BEFORE)


def latest_answers_by(closes_at: datetime) -> date:
    return add_working_days(london_date(closes_at), -ANSWERS_WORKING_DAYS_BEFORE)


def timetable_problems(
    *,
    published_at: datetime,
    questions_close_at: datetime | None,
    answers_by_at: datetime | None,
    closes_at: datetime | None,
) -> dict[str, str]:
    """Field → message for each rule the timetable breaks (dates are London dates)."""
    problems: dict[str, str] = {}
    if closes_at is None:
        return problems
    if closes_at < earliest_close(published_at):
        when = london_date(earliest_close(published_at))
        problems["closes_on"] = (
            f"Bids must close at least {MIN_OPEN_DAYS} days after the opportunity is published: "
            f"{_day(when)} at the earliest if you publish now"
        )
    if questions_close_at is not None:
        latest = latest_questions_close(closes_at)
        if london_date(questions_close_at) > latest:
            problems["questions_close_on"] = (
                f"Questions must close at least {QUESTIONS_WORKING_DAYS_BEFORE} working days before bids close: "
                f"{_day(latest)} at the latest"
            )
        elif questions_close_at <= published_at:
            problems["questions_close_on"] = "Questions must close after the opportunity is published"
    if answers_by_at is not None:
        latest = latest_answers_by(closes_at)
        if london_date(answers_by_at) > latest:
            problems["answers_by_on"] = (
                f"Answers must be published at least {ANSWERS_WORKING_DAYS_BEFORE} working day before bids close: "
                f"{_day(latest)} at the latest"
            )
        elif questions_close_at is not None and answers_by_at < questions_close_at:
            problems["answers_by_on"] = "The last answers must be published on or after the date questions close"
    return problems


# --- award criteria -----------------------------------------------------------------------------


def weight_problems(criteria) -> list[str]:
    """Every reason the weights are not whole numbers above 0 adding up to 100 (empty when they are)."""
    problems = [f"Enter a weight for ‘{c.title}’" for c in criteria if c.weight is None]
    problems += [
        f"The weight for ‘{c.title}’ must be more than 0" for c in criteria if c.weight is not None and c.weight <= 0
    ]
    if problems:
        return problems
    total = sum(c.weight for c in criteria)
    if total != 100:
        return [f"The weights add up to {total}%. They must add up to 100%"]
    return []


def criteria_problems(opportunity: Opportunity) -> list[str]:
    problems = []
    if not opportunity.question_criteria:
        problems.append("Add at least one quality or social value question")
    price = opportunity.price_criterion
    if price is None:
        problems.append("Say how price will be assessed")
    elif price.price_kind == DAY_RATE and not price.day_rate_roles:
        problems.append("Name at least one role for the day rates")
    return problems + weight_problems(opportunity.criteria)


# --- who may bid, reservation -------------------------------------------------------------------


def reservation_allowed(value_high: Decimal | None, value_low: Decimal | None = None) -> bool:
    """Reserving is allowed below the threshold (values here exclude VAT; the threshold includes it)."""
    value = value_high if value_high is not None else value_low
    return value is not None and value * choices.VAT < choices.RESERVATION_THRESHOLD_INCLUDING_VAT


def reservation_message() -> str:
    threshold = choices.RESERVATION_THRESHOLD_INCLUDING_VAT
    return (
        f"You can only reserve a contract worth less than £{threshold:,.0f} including VAT. "
        "Enter the estimated value first"
    )


def who_may_bid_problem(opportunity: Opportunity) -> str | None:
    if opportunity.who_may_bid == LOT and not opportunity.lot_id:
        return "Select the framework lot"
    if opportunity.who_may_bid == INVITED and not opportunity.invitations:
        return "Invite at least one supplier"
    if opportunity.reserved and not reservation_allowed(opportunity.value_high, opportunity.value_low):
        return reservation_message()
    return None


# --- completeness (the task list and publishing) ------------------------------------------------

TASKS = (
    ("about", "Title, summary and outcomes"),
    ("requirements", "Requirements"),
    ("value", "Value and contract"),
    ("where", "Categories and location"),
    ("who", "Who may bid"),
    ("criteria", "Award criteria"),
    ("timetable", "Timetable"),
    ("documents", "Documents"),
    ("contact", "Contact"),
)
OPTIONAL_TASKS = {"documents"}


def task_problems(opportunity: Opportunity) -> dict[str, list[str]]:
    """Task → what it still needs before publishing."""
    o = opportunity
    missing: dict[str, list[str]] = {key: [] for key, _ in TASKS}
    if not o.title:
        missing["about"].append("Enter a title")
    if not o.summary:
        missing["about"].append("Enter a summary")
    if not o.outcomes:
        missing["about"].append("Enter at least one outcome you are looking for")
    if not o.essential:
        missing["requirements"].append("Enter at least one essential requirement")
    if o.value_low is None and o.value_high is None:
        missing["value"].append("Enter the estimated value")
    if not o.contract_start_date:
        missing["value"].append("Enter the contract start date")
    if not o.contract_months:
        missing["value"].append("Enter the contract length")
    if not o.categories:
        missing["where"].append("Select at least one category")
    if not o.wards:
        missing["where"].append("Select where the work will happen")
    problem = who_may_bid_problem(o)
    if problem:
        missing["who"].append(problem)
    missing["criteria"] = criteria_problems(o)
    if not (o.questions_close_at and o.answers_by_at and o.closes_at):
        missing["timetable"].append("Enter the dates for questions, answers and bids")
    if not o.expected_award_date:
        missing["timetable"].append("Enter the expected award date")
    if not o.contact_email:
        missing["contact"].append("Enter a contact email address")
    return missing


def task_status(opportunity: Opportunity, key: str, problems: dict[str, list[str]]) -> str:
    if key in OPTIONAL_TASKS:
        return "Completed" if opportunity.documents else "Optional"
    return "Completed" if not problems[key] else "Incomplete"


def missing_for_publish(opportunity: Opportunity, at: datetime | None = None) -> list[str]:
    problems = [message for messages in task_problems(opportunity).values() for message in messages]
    o = opportunity
    if o.closes_at is not None:
        published_at = at or clock.now()
        problems += timetable_problems(
            published_at=published_at,
            questions_close_at=o.questions_close_at,
            answers_by_at=o.answers_by_at,
            closes_at=o.closes_at,
        ).values()
    return problems


def can_publish(opportunity: Opportunity, at: datetime | None = None) -> bool:
    return is_draft(opportunity) and not missing_for_publish(opportunity, at)


def price_is_day_rates(opportunity: Opportunity) -> bool:
    price = opportunity.price_criterion
    return price is not None and price.price_kind == DAY_RATE


def is_price(criterion) -> bool:
    return criterion.kind == PRICE
