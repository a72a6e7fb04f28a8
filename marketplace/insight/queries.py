"""The figures, each one grouped query: suppliers, notices, interest, events, questions and frameworks,
per time window and per supplier group; and the breakdowns by ward, CPV division and mission."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, case, cast, distinct, func, literal, null, select, union_all
from sqlalchemy.orm import aliased

from marketplace import clock
from marketplace.evaluation.models import Contract
from marketplace.events.models import PUBLISHED as EVENT_PUBLISHED
from marketplace.events.models import REGISTERED, Event, Registration
from marketplace.extensions import db
from marketplace.frameworks.models import SUBMITTED, FrameworkApplication
from marketplace.insight.periods import Window
from marketplace.insight.scope import (
    Scope,
    notice_conditions,
    opportunity_conditions,
    published_suppliers,
    supplier_conditions,
)
from marketplace.insight.sql import (
    GroupCounts,
    Slots,
    counted,
    division_of,
    group_columns,
    group_conditions,
    per_organisation_by_window,
    window_group_counts,
    within,
)
from marketplace.notices.clarifications.queries import SUBJECT as NOTICE_QUESTION
from marketplace.notices.models import Interest, Notice, NoticeCategory
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.models import SUBMITTED as BID_SUBMITTED
from marketplace.opportunities.models import Opportunity, OpportunityCategory
from marketplace.questions.models import ClarificationQuestion
from marketplace.suppliers.models import Organisation, OrganisationCategory, OrganisationWard


def _end(windows: Sequence[Window]) -> datetime:
    return max(window.end for window in windows)


# Headline figures, for each window -----------------------------------------------------------------


def published_profiles(end: datetime, scope: Scope) -> GroupCounts:
    """Supplier profiles published at `end` (and not unpublished since), by group."""
    statement = select(*group_columns()).where(published_suppliers(scope), Organisation.published_at < end)
    return GroupCounts.from_mapping(dict(db.session.execute(statement).one()._mapping))


def _group_counts(statement, slots: Slots, organisation_id=None) -> dict[str, GroupCounts]:
    """Group sums per slot of `statement`'s rows: counted per organisation first when the rows are many
    (`organisation_id` given), else classified straight from the Organisation the statement joins."""
    if organisation_id is not None:
        row = db.session.execute(per_organisation_by_window(statement, organisation_id, slots)).one()
        return window_group_counts(slots, row)
    grouped = slots.bounded(statement).add_columns(slots.column, *group_columns()).group_by(slots.group_by())
    return slots.group_counts(db.session.execute(grouped))


def _notices_in(scope: Scope):
    """Rows about notices (interest, questions) only exist for notices that were published, so with no
    filter there is nothing to check (and no join of 100,000 rows to make)."""
    if scope.is_everything:
        return None
    return select(Notice.id).where(notice_conditions(scope))


def _totals(statement, slots: Slots) -> dict[str, int]:
    grouped = slots.bounded(statement).add_columns(slots.column, func.count().label("total")).group_by(slots.group_by())
    return slots.totals(db.session.execute(grouped))


def new_profiles(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Profiles first published (or published again) in each window, by group."""
    statement = select().where(published_suppliers(scope), Organisation.published_at < _end(windows))
    return _group_counts(statement.select_from(Organisation), Slots(Organisation.published_at, windows))


def notices_published(windows: Sequence[Window], scope: Scope) -> dict[str, int]:
    statement = select().select_from(Notice).where(notice_conditions(scope), Notice.published_at < _end(windows))
    return _totals(statement, Slots(Notice.published_at, windows))


def _event_scope(scope: Scope):
    if scope.is_everything:
        return Event.status == EVENT_PUBLISHED
    return and_(Event.status == EVENT_PUBLISHED, Event.notice_id.in_(select(Notice.id).where(notice_conditions(scope))))


def events_held(windows: Sequence[Window], scope: Scope) -> dict[str, int]:
    """Published (not cancelled) events starting in each window."""
    statement = select().select_from(Event).where(_event_scope(scope), Event.starts_at < _end(windows))
    return _totals(statement, Slots(Event.starts_at, windows))


def event_places(windows: Sequence[Window], scope: Scope, *, attended: bool) -> dict[str, GroupCounts]:
    """Organisations holding a place at (or, with attended, marked as attending) events in each window."""
    statement = (
        select()
        .select_from(Registration)
        .join(Event, Event.id == Registration.event_id)
        .where(_event_scope(scope), Registration.status == REGISTERED, Event.starts_at < _end(windows))
    )
    if attended:
        statement = statement.where(Registration.attended.is_(True))
    return _group_counts(statement, Slots(Event.starts_at, windows), Registration.organisation_id)


def questions_asked(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Clarification questions suppliers asked about notices in each window, by the asker's group."""
    statement = (
        select()
        .select_from(ClarificationQuestion)
        .where(
            ClarificationQuestion.subject_type == NOTICE_QUESTION,
            ClarificationQuestion.organisation_id.is_not(None),
            ClarificationQuestion.asked_at < _end(windows),
        )
    )
    if (notices := _notices_in(scope)) is not None:
        statement = statement.where(ClarificationQuestion.subject_id.in_(notices))
    return _group_counts(
        statement, Slots(ClarificationQuestion.asked_at, windows), ClarificationQuestion.organisation_id
    )


def opportunities_published(windows: Sequence[Window], scope: Scope) -> dict[str, int]:
    statement = (
        select().select_from(Opportunity).where(opportunity_conditions(scope), Opportunity.published_at < _end(windows))
    )
    return _totals(statement, Slots(Opportunity.published_at, windows))


def bids_submitted(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Submitted bids (not withdrawn), counted in the window their opportunity closed in, by the lead
    bidder's group: before the closing instant bids are sealed, counts included."""
    facts = sealing.closed_bid_facts()
    statement = select().select_from(facts).where(facts.c.status == BID_SUBMITTED, facts.c.closes_at < _end(windows))
    if not scope.is_everything:
        statement = statement.where(
            facts.c.opportunity_id.in_(select(Opportunity.id).where(opportunity_conditions(scope)))
        )
    return _group_counts(statement, Slots(facts.c.closes_at, windows), facts.c.organisation_id)


def _contracts_in(scope: Scope, statement):
    if scope.is_everything:
        return statement
    return statement.where(Contract.opportunity_id.in_(select(Opportunity.id).where(opportunity_conditions(scope))))


def contracts_awarded(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Contracts entered (after standstill) in each window, by the winning supplier's group."""
    statement = select().select_from(Contract).where(Contract.entered_at < _end(windows))
    return _group_counts(_contracts_in(scope, statement), Slots(Contract.entered_at, windows), Contract.organisation_id)


def contracted_value(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """The value of those contracts in whole pounds, by the winning supplier's group (value shares)."""
    slots = Slots(Contract.entered_at, windows)
    sums = [
        func.coalesce(func.sum(case((condition, Contract.value), else_=0)), 0).label(name)
        for name, condition in group_conditions().items()
    ]
    statement = (
        select(slots.column, *sums)
        .select_from(Contract)
        .join(Organisation, Organisation.id == Contract.organisation_id)
        .where(Contract.entered_at < _end(windows))
        .group_by(slots.group_by())
    )
    return slots.group_counts(db.session.execute(slots.bounded(_contracts_in(scope, statement))))


def framework_applications(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Framework applications submitted in each window (and not withdrawn), by group."""
    statement = (
        select()
        .select_from(FrameworkApplication)
        .join(Organisation, Organisation.id == FrameworkApplication.organisation_id)
        .where(
            FrameworkApplication.status == SUBMITTED,
            supplier_conditions(scope),
            FrameworkApplication.submitted_at < _end(windows),
        )
    )
    return _group_counts(statement, Slots(FrameworkApplication.submitted_at, windows))


def framework_agreements(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Suppliers who accepted a framework agreement in each window (they are on the framework), by group."""
    statement = (
        select()
        .select_from(FrameworkApplication)
        .join(Organisation, Organisation.id == FrameworkApplication.organisation_id)
        .where(supplier_conditions(scope), FrameworkApplication.agreement_accepted_at < _end(windows))
    )
    return _group_counts(statement, Slots(FrameworkApplication.agreement_accepted_at, windows))


# Breakdowns -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WardCounts:
    """Published suppliers per ward, by group: those based in it (`based_in`; the key None holds suppliers
    based in the borough who have not said in which ward), those serving it, and those serving the whole
    borough."""

    based_in: dict[str | None, GroupCounts]
    serving: dict[str, GroupCounts]
    whole_borough: GroupCounts


def suppliers_by_ward(end: datetime, scope: Scope) -> WardCounts:
    """Published suppliers based in and serving each ward, and serving the whole borough: three grouped
    counts in one statement."""
    published = and_(published_suppliers(scope), Organisation.published_at < end)
    based_in = (
        select(literal("based_in").label("kind"), Organisation.base_ward.label("ward"), *group_columns())
        .where(published, Organisation.based_in_borough.is_(True))
        .group_by(Organisation.base_ward)
    )
    serving = (
        select(literal("serving").label("kind"), OrganisationWard.ward.label("ward"), *group_columns())
        .join(Organisation, Organisation.id == OrganisationWard.organisation_id)
        .where(published)
        .group_by(OrganisationWard.ward)
    )
    whole = select(literal("whole_borough").label("kind"), cast(null(), String).label("ward"), *group_columns()).where(
        published, Organisation.serves_whole_borough.is_(True)
    )
    counts: dict[str, dict[str | None, GroupCounts]] = {"based_in": {}, "serving": {}, "whole_borough": {}}
    for row in db.session.execute(union_all(based_in, serving, whole)):
        counts[row.kind][row.ward] = GroupCounts.from_mapping(dict(row._mapping))
    return WardCounts(
        based_in=counts["based_in"],
        serving={ward: groups for ward, groups in counts["serving"].items() if ward is not None},
        whole_borough=counts["whole_borough"].get(None, GroupCounts()),
    )


def _organisation_divisions():
    """(organisation, division) once each, however many groups of the division the supplier chose."""
    return (
        select(OrganisationCategory.organisation_id, division_of(OrganisationCategory.code).label("division"))
        .distinct()
        .subquery()
    )


def _notice_divisions():
    return select(NoticeCategory.notice_id, division_of(NoticeCategory.code).label("division")).distinct().subquery()


def suppliers_by_division(end: datetime, scope: Scope) -> dict[str, GroupCounts]:
    pairs = _organisation_divisions()
    statement = (
        select(pairs.c.division, *group_columns())
        .select_from(pairs)
        .join(Organisation, Organisation.id == pairs.c.organisation_id)
        .where(published_suppliers(scope), Organisation.published_at < end)
        .group_by(pairs.c.division)
    )
    return {row.division: GroupCounts.from_mapping(dict(row._mapping)) for row in db.session.execute(statement)}


def _interest_per_notice(window: Window):
    """Interest counted per notice first (a thousand rows to join, not a hundred thousand)."""
    return (
        select(Interest.notice_id, func.count().label("n"))
        .where(within(Interest.created_at, window.start, window.end))
        .group_by(Interest.notice_id)
    )


def notices_by_division(window: Window, scope: Scope, *, interest: bool = True) -> dict[str, tuple[int, int]]:
    """Per division: notices published in the window, and interest registered in the window on any notice
    (0 with `interest=False`: counted apart, `by_division_and_mission`)."""
    pairs = _notice_divisions()
    notices = (
        select(pairs.c.division, func.count(distinct(Notice.id)))
        .select_from(pairs)
        .join(Notice, Notice.id == pairs.c.notice_id)
        .where(notice_conditions(scope), within(Notice.published_at, window.start, window.end))
        .group_by(pairs.c.division)
    )
    statements = [notices]
    if interest:
        statements.append(_interest_by_division(_interest_per_notice(window).subquery(), scope))
    counts: dict[str, list[int]] = {}
    for index, statement in enumerate(statements):
        for division, count in db.session.execute(statement):
            counts.setdefault(division, [0, 0])[index] = int(count)
    return {division: (values[0], values[1]) for division, values in counts.items()}


def _interest_by_division(per_notice, scope: Scope):
    pairs = _notice_divisions()
    return (
        select(pairs.c.division, func.sum(per_notice.c.n))
        .select_from(pairs)
        .join(per_notice, per_notice.c.notice_id == pairs.c.notice_id)
        .join(Notice, Notice.id == pairs.c.notice_id)
        .where(notice_conditions(scope))
        .group_by(pairs.c.division)
    )


def _interest_by_mission(per_notice, scope: Scope):
    return (
        select(Notice.mission_id, func.sum(per_notice.c.n))
        .join(per_notice, per_notice.c.notice_id == Notice.id)
        .where(notice_conditions(scope))
        .group_by(Notice.mission_id)
    )


def by_mission(window: Window, scope: Scope) -> dict[int | None, dict[str, int]]:
    """Per mission (None: notices with no mission): notices published, organisations that attended a linked
    event and questions asked, each in the window (interest is counted apart, `by_division_and_mission`)."""
    published = within(Notice.published_at, window.start, window.end)
    statements = {
        "notices": select(Notice.mission_id, func.count(Notice.id)).where(notice_conditions(scope), published),
        "attended": select(Notice.mission_id, counted(Registration.attended.is_(True)))
        .join(Event, Event.notice_id == Notice.id)
        .join(Registration, Registration.event_id == Event.id)
        .where(
            notice_conditions(scope),
            Event.status == EVENT_PUBLISHED,
            Registration.status == REGISTERED,
            within(Event.starts_at, window.start, window.end),
        ),
        "questions": select(Notice.mission_id, func.count(ClarificationQuestion.id))
        .join(
            ClarificationQuestion,
            and_(
                ClarificationQuestion.subject_id == Notice.id,
                ClarificationQuestion.subject_type == NOTICE_QUESTION,
            ),
        )
        .where(notice_conditions(scope), within(ClarificationQuestion.asked_at, window.start, window.end)),
    }
    result: dict[int | None, dict[str, int]] = {}
    for name, statement in statements.items():
        for mission_id, count in db.session.execute(statement.group_by(Notice.mission_id)):
            result.setdefault(mission_id, dict.fromkeys(statements, 0))[name] = int(count)
    return result


# Opportunities, bids and awards by CPV division and by mission ----------------------------------------


def _opportunity_divisions(scope: Scope):
    """(opportunity, division) once each for the opportunities in scope, however many codes of the division."""
    codes = aliased(OpportunityCategory)  # the scope's own division filter reads OpportunityCategory
    return (
        select(codes.opportunity_id, division_of(codes.code).label("key"))
        .join(Opportunity, Opportunity.id == codes.opportunity_id)
        .where(opportunity_conditions(scope))
        .distinct()
        .subquery()
    )


def _opportunity_missions(scope: Scope):
    return (
        select(Opportunity.id.label("opportunity_id"), Opportunity.mission_id.label("key"))
        .where(opportunity_conditions(scope))
        .subquery()
    )


def _bids_per_opportunity(window: Window):
    """Submitted bids counted per opportunity first (a thousand rows to join, not a hundred thousand), only
    for opportunities whose deadline fell in the window and has passed: before it bids are sealed."""
    facts = sealing.closed_bid_facts()
    return (
        select(facts.c.opportunity_id, func.count().label("n"))
        .where(facts.c.status == BID_SUBMITTED, within(facts.c.closes_at, window.start, window.end))
        .group_by(facts.c.opportunity_id)
    )


@dataclass(frozen=True)
class Apart:
    """Submitted bids and registrations of interest per CPV division and per mission (None: no mission),
    counted apart from the category and mission rows (`by_division_and_mission`)."""

    division_bids: dict[str, int]
    mission_bids: dict[int | None, int]
    division_interest: dict[str, int]
    mission_interest: dict[int | None, int]


def by_division_and_mission(window: Window, scope: Scope) -> Apart:
    """Bids and interest per CPV division and per mission in one statement: the bids counted per opportunity
    once and the interest per notice once (a hundred thousand rows each, read once), each shared by both
    groupings; for `opportunities_by_division`, `opportunities_by_mission`, `notices_by_division` and
    `by_mission`, which leave them out."""
    per_opportunity = _bids_per_opportunity(window).cte("bids_per_opportunity")
    per_notice = _interest_per_notice(window).cte("interest_per_notice")

    def bids_by(keyed, kind: str):
        return (
            select(
                literal(kind).label("kind"),
                cast(keyed.c.key, String).label("key"),
                func.sum(per_opportunity.c.n).label("n"),
            )
            .select_from(keyed)
            .join(per_opportunity, per_opportunity.c.opportunity_id == keyed.c.opportunity_id)
            .group_by(keyed.c.key)
        )

    def interest_by(statement, kind: str):
        key, count = statement.selected_columns
        return statement.with_only_columns(
            literal(kind).label("kind"), cast(key, String).label("key"), count.label("n"), maintain_column_froms=True
        )

    statement = union_all(
        bids_by(_opportunity_divisions(scope), "division_bids"),
        bids_by(_opportunity_missions(scope), "mission_bids"),
        interest_by(_interest_by_division(per_notice, scope), "division_interest"),
        interest_by(_interest_by_mission(per_notice, scope), "mission_interest"),
    )
    found: dict[str, dict[Any, int]] = {
        "division_bids": {},
        "mission_bids": {},
        "division_interest": {},
        "mission_interest": {},
    }
    for kind, key, count in db.session.execute(statement):
        if kind.startswith("mission"):
            key = int(key) if key is not None else None
        found[kind][key] = int(count or 0)
    return Apart(**found)


def _empty_breakdown() -> dict[str, Any]:
    return {"opportunities": 0, "closed": 0, "bids": 0, "awards": GroupCounts()}


def add_bids(breakdown: dict[Any, dict[str, Any]], bids: dict[Any, int]) -> dict[Any, dict[str, Any]]:
    """Put bids counted apart (`by_division_and_mission`) into a breakdown counted with `bids={}`."""
    for key, count in bids.items():
        breakdown.setdefault(key, _empty_breakdown())["bids"] = count
    return breakdown


def _opportunity_breakdown(keyed, window: Window, bids: dict[Any, int] | None = None) -> dict[Any, dict[str, Any]]:
    """Per key (a division or a mission) of `keyed` (opportunity_id, key) rows: opportunities published in
    the window, opportunities whose deadline fell in the window (and has passed), submitted bids on those
    (or `bids`, counted already per key), and contracts entered in the window by the winner's group."""
    per_opportunity = _bids_per_opportunity(window).subquery()
    counts = {
        "opportunities": select(keyed.c.key, func.count())
        .select_from(keyed)
        .join(Opportunity, Opportunity.id == keyed.c.opportunity_id)
        .where(within(Opportunity.published_at, window.start, window.end)),
        "closed": select(keyed.c.key, func.count())
        .select_from(keyed)
        .join(Opportunity, Opportunity.id == keyed.c.opportunity_id)
        .where(within(Opportunity.closes_at, window.start, window.end), Opportunity.closes_at <= clock.now()),
        "bids": select(keyed.c.key, func.sum(per_opportunity.c.n))
        .select_from(keyed)
        .join(per_opportunity, per_opportunity.c.opportunity_id == keyed.c.opportunity_id),
    }
    result: dict[Any, dict[str, Any]] = {}

    def entry(key: Any) -> dict[str, Any]:
        return result.setdefault(key, _empty_breakdown())

    if bids is not None:
        del counts["bids"]
        add_bids(result, bids)
    for name, statement in counts.items():
        for key, count in db.session.execute(statement.group_by(keyed.c.key)):
            entry(key)[name] = int(count or 0)
    awards = (
        select(keyed.c.key, *group_columns())
        .select_from(Contract)
        .join(keyed, keyed.c.opportunity_id == Contract.opportunity_id)
        .join(Organisation, Organisation.id == Contract.organisation_id)
        .where(within(Contract.entered_at, window.start, window.end))
        .group_by(keyed.c.key)
    )
    for row in db.session.execute(awards):
        entry(row.key)["awards"] = GroupCounts.from_mapping(dict(row._mapping))
    return result


def opportunities_by_division(
    window: Window, scope: Scope, *, bids: dict[str, int] | None = None
) -> dict[str, dict[str, Any]]:
    """Per CPV division: opportunities published, closed, bids submitted and contracts awarded in the window."""
    return _opportunity_breakdown(_opportunity_divisions(scope), window, bids)


def opportunities_by_mission(
    window: Window, scope: Scope, *, bids: dict[int | None, int] | None = None
) -> dict[int | None, dict[str, Any]]:
    """The same per mission the opportunity is tagged with (None: no mission)."""
    return _opportunity_breakdown(_opportunity_missions(scope), window, bids)
