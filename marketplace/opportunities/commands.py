"""What a buyer saves on an opportunity, one typed command per task of the task list.

Each task page saves all of its answers together, so each command has every answer of its task and
no other: a misspelt or missing answer fails where the command is built instead of being dropped on the
way. To change only some answers of a task (a demo, a factory), start from `Task.of(opportunity)` and
`dataclasses.replace` the rest: what is kept is said, not implied by a missing key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from marketplace.opportunities.models import Opportunity


@dataclass(frozen=True)
class AboutAnswers:
    """Title, summary and outcomes (and the mission it serves)."""

    title: str
    summary: str | None
    description: str | None
    outcomes: list[str]
    mission_id: int | None

    @classmethod
    def of(cls, opportunity: Opportunity) -> Self:
        return cls(
            title=opportunity.title,
            summary=opportunity.summary,
            description=opportunity.description,
            outcomes=[outcome.text for outcome in opportunity.outcomes],
            mission_id=opportunity.mission_id,
        )


@dataclass(frozen=True)
class RequirementsAnswers:
    """Essential requirements (every bidder must meet them) and nice-to-have ones, one line each."""

    essential: list[str]
    nice: list[str]

    @classmethod
    def of(cls, opportunity: Opportunity) -> Self:
        return cls(essential=[r.text for r in opportunity.essential], nice=[r.text for r in opportunity.nice_to_have])


@dataclass(frozen=True)
class ValueAnswers:
    """Value and contract."""

    value_low: Decimal | None
    value_high: Decimal | None
    contract_start_date: date | None
    contract_months: int | None
    extension_months: int | None

    @classmethod
    def of(cls, opportunity: Opportunity) -> Self:
        return cls(
            value_low=opportunity.value_low,
            value_high=opportunity.value_high,
            contract_start_date=opportunity.contract_start_date,
            contract_months=opportunity.contract_months,
            extension_months=opportunity.extension_months,
        )


@dataclass(frozen=True)
class WhereAnswers:
    """Categories (CPV division codes) and locations (ward slugs or whole-borough)."""

    categories: list[str]
    wards: list[str]

    @classmethod
    def of(cls, opportunity: Opportunity) -> Self:
        return cls(categories=list(opportunity.category_codes), wards=list(opportunity.ward_slugs))


@dataclass(frozen=True)
class ContactAnswers:
    contact_name: str | None
    contact_email: str | None

    @classmethod
    def of(cls, opportunity: Opportunity) -> Self:
        return cls(contact_name=opportunity.contact_name, contact_email=opportunity.contact_email)


@dataclass(frozen=True)
class TimetableAnswers:
    """When questions close, the last answers are published, bids close, and the award is expected."""

    questions_close_at: datetime | None
    answers_by_at: datetime | None
    closes_at: datetime | None
    expected_award_date: date | None

    @classmethod
    def of(cls, opportunity: Opportunity) -> Self:
        return cls(
            questions_close_at=opportunity.questions_close_at,
            answers_by_at=opportunity.answers_by_at,
            closes_at=opportunity.closes_at,
            expected_award_date=opportunity.expected_award_date,
        )


TaskAnswers = AboutAnswers | RequirementsAnswers | ValueAnswers | WhereAnswers | ContactAnswers | TimetableAnswers
# What may still be corrected once published (the rest would change what bidders answer).
CORRECTABLE = (AboutAnswers, ValueAnswers, WhereAnswers, ContactAnswers)
