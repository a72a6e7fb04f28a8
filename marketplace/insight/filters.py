"""Reading the admin's choices from the query string: month, mission, CPV division, a range of months and
one notice or one opportunity. Anything unknown or malformed is ignored (no address makes the page fail)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from marketplace.extensions import db
from marketplace.insight.periods import Month
from marketplace.insight.scope import Scope, opportunity_conditions
from marketplace.notices import queries as notice_queries
from marketplace.opportunities.models import Opportunity
from marketplace.suppliers import reference

MAX_ID = 2**31 - 1


@dataclass(frozen=True)
class Choice:
    month: Month
    scope: Scope
    first: Month | None = None  # with `last`: the admin's range of months for breakdowns and the funnel
    last: Month | None = None

    @property
    def is_filtered(self) -> bool:
        return not self.scope.is_everything or self.first is not None

    @property
    def breakdown_month(self) -> Month:
        return self.last or self.month

    def query_args(self, **changes: Any) -> dict[str, str]:
        args: dict[str, str] = {"month": self.month.key, **self.scope.query_args()}
        if self.first is not None and self.last is not None:
            args.update({"from": self.first.key, "to": self.last.key})
        args.update({key: str(value) for key, value in changes.items() if value is not None})
        return {key: value for key, value in args.items() if value}


def _id(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and 0 < int(value) <= MAX_ID else None


def divisions() -> dict[str, str]:
    return {code: category.label for code, category in reference.categories().items() if category.level == "division"}


def public_opportunity(opportunity_id: int | None):
    """The opportunity, if it exists and was published (drafts have no funnel)."""
    if opportunity_id is None:
        return None
    statement = select(Opportunity).where(Opportunity.id == opportunity_id, opportunity_conditions(Scope()))
    return db.session.scalar(statement)


def choice_from_args(args: MultiDict, *, current: Month, earliest: Month | None) -> Choice:
    """The admin's choice, with every value checked against what exists."""
    month = Month.parse(args.get("month"))
    month = month if month is not None and month <= current else current
    mission_id = _id(args.get("mission"))
    if mission_id is not None and notice_queries.get_mission(mission_id) is None:
        mission_id = None
    division = args.get("category") if args.get("category") in divisions() else None
    notice_id = _id(args.get("notice"))
    if notice_id is not None and notice_queries.get_notice(notice_id) is None:
        notice_id = None
    opportunity_id = _id(args.get("opportunity"))
    if opportunity_id is not None and public_opportunity(opportunity_id) is None:
        opportunity_id = None
    if opportunity_id is not None:
        notice_id = None  # one opportunity brings its own notice
    scope = Scope(mission_id=mission_id, division=division, notice_id=notice_id, opportunity_id=opportunity_id)
    choice = Choice(month=month, scope=scope)
    first, last = Month.parse(args.get("from")), Month.parse(args.get("to"))
    if first is not None or last is not None:
        floor = earliest or current
        first = max(min(first or floor, current), floor.minus(120))
        last = min(last or current, current)
        first, last = min(first, last), max(first, last)
        choice = replace(choice, first=first, last=last, month=last)
    return choice
