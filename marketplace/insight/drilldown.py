"""Admins only: the list behind a count on the insight page (which suppliers, which notices).

Each figure's list is one query with the same conditions as the count it explains, limited to a page of
rows with the total alongside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, DateTime, Select, and_, cast, func, null, select, true
from sqlalchemy.orm import aliased

from marketplace.events.models import PUBLISHED as EVENT_PUBLISHED
from marketplace.events.models import REGISTERED, Event, Registration
from marketplace.extensions import db
from marketplace.frameworks.models import SUBMITTED, FrameworkApplication
from marketplace.insight import funnel
from marketplace.insight.periods import Window
from marketplace.insight.scope import (
    Scope,
    notice_conditions,
    opportunity_conditions,
    published_suppliers,
    supplier_conditions,
)
from marketplace.insight.sql import division_of, group_conditions, within
from marketplace.notices.clarifications.queries import SUBJECT as NOTICE_QUESTION
from marketplace.notices.models import Interest, Notice, NoticeCategory
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.models import SUBMITTED as BID_SUBMITTED
from marketplace.opportunities.models import Opportunity, OpportunityCategory
from marketplace.questions.models import ClarificationQuestion
from marketplace.suppliers.models import Organisation, OrganisationCategory, OrganisationWard

PAGE_SIZE = 500
NO_MISSION = "none"
BASE_NOT_GIVEN = "not-given"

TITLES = {
    "published": "Published supplier profiles",
    "profiles": "Published supplier profiles",
    "new_profiles": "Supplier profiles published",
    "notices": "Notices published",
    "interest": "Registrations of interest",
    "events": "Events held",
    "event_places": "Suppliers with a place at an event",
    "attended": "Suppliers who attended an event",
    "questions": "Questions asked about notices",
    "framework_applications": "Framework applications submitted",
    "framework_agreements": "Suppliers joining a framework",
    "opportunities": "Opportunities published",
    "bids": "Bids submitted",
    "step": "Engagement funnel step",
}
ORGANISATIONS, ENGAGEMENTS, NOTICES, EVENTS = "organisations", "engagements", "notices", "events"
OPPORTUNITIES = "opportunities"


@dataclass(frozen=True)
class Request:
    figure: str
    window: Window
    scope: Scope
    group: str | None = None
    ward: str | None = None  # suppliers serving it ("whole-borough": serving the whole borough)
    base_ward: str | None = None  # suppliers based in it (BASE_NOT_GIVEN: based in the borough, ward not given)
    division: str | None = None
    mission: str | None = None  # a mission id, or "none" for notices without one
    step: str | None = None


@dataclass
class Listing:
    kind: str
    title: str
    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)


def _group(request: Request) -> ColumnElement[bool]:
    return group_conditions().get(request.group or "total", true())


def _notices(request: Request) -> ColumnElement[bool]:
    conditions = [notice_conditions(request.scope)]
    if request.division is not None:
        conditions.append(
            Notice.id.in_(select(NoticeCategory.notice_id).where(division_of(NoticeCategory.code) == request.division))
        )
    if request.mission == NO_MISSION:
        conditions.append(Notice.mission_id.is_(None))
    elif request.mission is not None and request.mission.isdigit():
        conditions.append(Notice.mission_id == int(request.mission))
    return and_(*conditions)


def _organisations(request: Request) -> Select | None:
    window = request.window
    figure = request.figure
    conditions: list[ColumnElement[bool]] = [_group(request)]
    date = Organisation.published_at
    if figure in ("profiles", "published"):
        conditions += [published_suppliers(request.scope), Organisation.published_at < window.end]
    elif figure == "new_profiles":
        conditions += [published_suppliers(request.scope), within(Organisation.published_at, window.start, window.end)]
    else:
        return None
    if request.ward == "whole-borough":
        conditions.append(Organisation.serves_whole_borough.is_(True))
    elif request.ward is not None:
        conditions.append(
            Organisation.id.in_(select(OrganisationWard.organisation_id).where(OrganisationWard.ward == request.ward))
        )
    if request.base_ward is not None:
        base = (
            Organisation.base_ward.is_(None)
            if request.base_ward == BASE_NOT_GIVEN
            else Organisation.base_ward == request.base_ward
        )
        conditions += [Organisation.based_in_borough.is_(True), base]
    if request.division is not None:
        conditions.append(
            Organisation.id.in_(
                select(OrganisationCategory.organisation_id).where(
                    division_of(OrganisationCategory.code) == request.division
                )
            )
        )
    return _organisation_columns(date).where(*conditions)


def _organisation_columns(date) -> Select:
    return select(
        Organisation.id.label("organisation_id"),
        func.coalesce(Organisation.trading_name, Organisation.name).label("organisation"),
        Organisation.is_sme,
        Organisation.is_vcse,
        Organisation.based_in_borough,
        date.label("at"),
    )


def _frameworks(request: Request) -> Select | None:
    window = request.window
    if request.figure == "framework_applications":
        date, extra = FrameworkApplication.submitted_at, FrameworkApplication.status == SUBMITTED
    elif request.figure == "framework_agreements":
        date, extra = FrameworkApplication.agreement_accepted_at, true()
    else:
        return None
    return (
        _organisation_columns(date)
        .select_from(FrameworkApplication)
        .join(Organisation, Organisation.id == FrameworkApplication.organisation_id)
        .where(extra, supplier_conditions(request.scope), within(date, window.start, window.end), _group(request))
    )


def _engagements(request: Request) -> Select | None:
    window = request.window
    figure = request.figure
    source: Select
    if figure == "interest":
        source = select(Interest.notice_id, Interest.organisation_id, Interest.created_at.label("at")).where(
            within(Interest.created_at, window.start, window.end)
        )
    elif figure in ("event_places", "attended"):
        source = (
            select(Event.notice_id, Registration.organisation_id, Event.starts_at.label("at"))
            .join(Event, Event.id == Registration.event_id)
            .where(
                Event.status == EVENT_PUBLISHED,
                Registration.status == REGISTERED,
                within(Event.starts_at, window.start, window.end),
                Registration.attended.is_(True) if figure == "attended" else true(),
            )
        )
    elif figure == "questions":
        source = select(
            ClarificationQuestion.subject_id.label("notice_id"),
            ClarificationQuestion.organisation_id,
            ClarificationQuestion.asked_at.label("at"),
        ).where(
            ClarificationQuestion.subject_type == NOTICE_QUESTION,
            within(ClarificationQuestion.asked_at, window.start, window.end),
        )
    elif figure == "bids":
        facts = sealing.closed_bid_facts()
        source = select(facts.c.notice_id, facts.c.organisation_id, facts.c.closes_at.label("at")).where(
            facts.c.status == BID_SUBMITTED,
            within(facts.c.closes_at, window.start, window.end),
            facts.c.opportunity_id.in_(select(Opportunity.id).where(_opportunities(request))),
        )
    elif figure == "step" and request.step is not None:
        pairs = funnel.step_pairs(request.step, request.scope, window)
        if pairs is None:
            return None
        inner = pairs.subquery()
        source = select(inner.c.notice_id, inner.c.organisation_id, cast(null(), DateTime(timezone=True)).label("at"))
    else:
        return None
    rows = source.subquery()
    notice = aliased(Notice)
    statement = (
        select(
            rows.c.organisation_id,
            func.coalesce(Organisation.trading_name, Organisation.name).label("organisation"),
            Organisation.is_sme,
            Organisation.is_vcse,
            Organisation.based_in_borough,
            notice.id.label("notice_id"),
            notice.title.label("notice"),
            rows.c.at,
        )
        .select_from(rows)
        .join(Organisation, Organisation.id == rows.c.organisation_id)
        .join(notice, notice.id == rows.c.notice_id, isouter=figure in ("event_places", "attended", "bids"))
        .where(_group(request))
    )
    needs_notice = not request.scope.is_everything or request.division is not None or request.mission is not None
    if figure not in ("step", "bids") and (needs_notice or figure in ("interest", "questions")):
        statement = statement.where(notice.id.in_(select(Notice.id).where(_notices(request))))
    return statement


def _opportunities(request: Request) -> ColumnElement[bool]:
    conditions = [opportunity_conditions(request.scope)]
    if request.division is not None:
        conditions.append(
            Opportunity.id.in_(
                select(OpportunityCategory.opportunity_id).where(
                    division_of(OpportunityCategory.code) == request.division
                )
            )
        )
    if request.mission == NO_MISSION:
        conditions.append(Opportunity.mission_id.is_(None))
    elif request.mission is not None and request.mission.isdigit():
        conditions.append(Opportunity.mission_id == int(request.mission))
    return and_(*conditions)


def _notice_rows(request: Request) -> Select | None:
    window = request.window
    if request.figure == "opportunities":
        return select(
            Opportunity.id.label("opportunity_id"),
            Opportunity.title.label("notice"),
            Opportunity.published_at.label("at"),
            Opportunity.notice_id.label("notice_id"),
        ).where(_opportunities(request), within(Opportunity.published_at, window.start, window.end))
    if request.figure == "notices":
        return select(
            Notice.id.label("notice_id"), Notice.title.label("notice"), Notice.published_at.label("at")
        ).where(_notices(request), within(Notice.published_at, window.start, window.end))
    if request.figure == "events":
        conditions = [Event.status == EVENT_PUBLISHED, within(Event.starts_at, window.start, window.end)]
        if not request.scope.is_everything:
            conditions.append(Event.notice_id.in_(select(Notice.id).where(_notices(request))))
        return select(
            Event.notice_id.label("notice_id"),
            Event.title.label("notice"),
            Event.starts_at.label("at"),
            Event.id.label("event_id"),
        ).where(*conditions)
    return None


def listing(request: Request, *, page: int = 1) -> Listing | None:
    """The rows behind the figure, or None if the figure has no list (an unknown name in the address)."""
    for kind, build in (
        (ORGANISATIONS, _organisations),
        (ORGANISATIONS, _frameworks),
        (ENGAGEMENTS, _engagements),
        (NOTICES, _notice_rows),
    ):
        statement = build(request)
        if statement is None:
            continue
        if request.figure in ("events", "opportunities"):
            kind = EVENTS if request.figure == "events" else OPPORTUNITIES
        counted = select(func.count()).select_from(statement.subquery())
        total = int(db.session.scalar(counted) or 0)
        ordered = statement.order_by(*_order(statement)).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
        rows = [dict(row._mapping) for row in db.session.execute(ordered)]
        title = TITLES.get(request.figure, "Figures")
        return Listing(kind, title, total, rows)
    return None


def _order(statement: Select) -> list[Any]:
    """Newest first, then by name (a stable order for paging)."""
    columns = {column.key: column for column in statement.selected_columns}
    names = [columns[key] for key in ("organisation", "notice", "organisation_id", "notice_id") if key in columns]
    return [columns["at"].desc(), *names] if "at" in columns else names
