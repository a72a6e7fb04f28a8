"""The figures, each one grouped query: suppliers, notices, interest, events, questions and frameworks,
per time window and per supplier group; and the breakdowns by ward, CPV division and mission."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, distinct, func, select

from marketplace.events.models import PUBLISHED as EVENT_PUBLISHED
from marketplace.events.models import REGISTERED, Event, Registration
from marketplace.extensions import db
from marketplace.frameworks.models import SUBMITTED, FrameworkApplication
from marketplace.insight.periods import Window
from marketplace.insight.scope import (
    Scope,
    notice_conditions,
    published_suppliers,
    supplier_conditions,
)
from marketplace.insight.sql import (
    GroupCounts,
    counted,
    division_of,
    group_columns,
    window_group_columns,
    window_results,
    window_totals,
    within,
)
from marketplace.notices.clarifications.queries import SUBJECT as NOTICE_QUESTION
from marketplace.notices.models import Interest, Notice, NoticeCategory
from marketplace.questions.models import ClarificationQuestion
from marketplace.suppliers.models import Organisation, OrganisationCategory, OrganisationWard


def _end(windows: Sequence[Window]) -> datetime:
    return max(window.end for window in windows)


# Headline figures, for each window -----------------------------------------------------------------


def published_profiles(end: datetime, scope: Scope) -> GroupCounts:
    """Supplier profiles published at `end` (and not unpublished since), by group."""
    statement = select(*group_columns()).where(published_suppliers(scope), Organisation.published_at < end)
    return GroupCounts.from_mapping(dict(db.session.execute(statement).one()._mapping))


def new_profiles(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Profiles first published (or published again) in each window, by group."""
    statement = select(*window_group_columns(Organisation.published_at, windows)).where(
        published_suppliers(scope), Organisation.published_at < _end(windows)
    )
    return window_results(db.session.execute(statement).one(), windows)


def notices_published(windows: Sequence[Window], scope: Scope) -> dict[str, int]:
    statement = select(*window_group_columns(Notice.published_at, windows, groups=False)).where(
        notice_conditions(scope), Notice.published_at < _end(windows)
    )
    return window_totals(db.session.execute(statement).one(), windows)


def interest_registered(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Registrations of interest (one organisation, one notice) made in each window, by group."""
    statement = (
        select(*window_group_columns(Interest.created_at, windows))
        .select_from(Interest)
        .join(Notice, Notice.id == Interest.notice_id)
        .join(Organisation, Organisation.id == Interest.organisation_id)
        .where(notice_conditions(scope), Interest.created_at < _end(windows))
    )
    return window_results(db.session.execute(statement).one(), windows)


def _event_scope(scope: Scope):
    if scope.mission_id is None and scope.division is None and scope.notice_id is None:
        return Event.status == EVENT_PUBLISHED
    return and_(Event.status == EVENT_PUBLISHED, Event.notice_id.in_(select(Notice.id).where(notice_conditions(scope))))


def events_held(windows: Sequence[Window], scope: Scope) -> dict[str, int]:
    """Published (not cancelled) events starting in each window."""
    statement = select(*window_group_columns(Event.starts_at, windows, groups=False)).where(
        _event_scope(scope), Event.starts_at < _end(windows)
    )
    return window_totals(db.session.execute(statement).one(), windows)


def event_places(windows: Sequence[Window], scope: Scope, *, attended: bool) -> dict[str, GroupCounts]:
    """Organisations holding a place at (or, with attended, marked as attending) events in each window."""
    statement = (
        select(*window_group_columns(Event.starts_at, windows))
        .select_from(Registration)
        .join(Event, Event.id == Registration.event_id)
        .join(Organisation, Organisation.id == Registration.organisation_id)
        .where(_event_scope(scope), Registration.status == REGISTERED, Event.starts_at < _end(windows))
    )
    if attended:
        statement = statement.where(Registration.attended.is_(True))
    return window_results(db.session.execute(statement).one(), windows)


def questions_asked(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Clarification questions suppliers asked about notices in each window, by the asker's group."""
    statement = (
        select(*window_group_columns(ClarificationQuestion.asked_at, windows))
        .select_from(ClarificationQuestion)
        .join(Notice, Notice.id == ClarificationQuestion.subject_id)
        .join(Organisation, Organisation.id == ClarificationQuestion.organisation_id)
        .where(
            ClarificationQuestion.subject_type == NOTICE_QUESTION,
            notice_conditions(scope),
            ClarificationQuestion.asked_at < _end(windows),
        )
    )
    return window_results(db.session.execute(statement).one(), windows)


def framework_applications(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Framework applications submitted in each window (and not withdrawn), by group."""
    statement = (
        select(*window_group_columns(FrameworkApplication.submitted_at, windows))
        .select_from(FrameworkApplication)
        .join(Organisation, Organisation.id == FrameworkApplication.organisation_id)
        .where(
            FrameworkApplication.status == SUBMITTED,
            supplier_conditions(scope),
            FrameworkApplication.submitted_at < _end(windows),
        )
    )
    return window_results(db.session.execute(statement).one(), windows)


def framework_agreements(windows: Sequence[Window], scope: Scope) -> dict[str, GroupCounts]:
    """Suppliers who accepted a framework agreement in each window (they are on the framework), by group."""
    statement = (
        select(*window_group_columns(FrameworkApplication.agreement_accepted_at, windows))
        .select_from(FrameworkApplication)
        .join(Organisation, Organisation.id == FrameworkApplication.organisation_id)
        .where(supplier_conditions(scope), FrameworkApplication.agreement_accepted_at < _end(windows))
    )
    return window_results(db.session.execute(statement).one(), windows)


# Breakdowns -----------------------------------------------------------------------------------------


def suppliers_by_ward(end: datetime, scope: Scope) -> tuple[dict[str, GroupCounts], GroupCounts]:
    """Published suppliers serving each ward they named, and those serving the whole borough."""
    published = and_(published_suppliers(scope), Organisation.published_at < end)
    statement = (
        select(OrganisationWard.ward, *group_columns())
        .join(Organisation, Organisation.id == OrganisationWard.organisation_id)
        .where(published)
        .group_by(OrganisationWard.ward)
    )
    wards = {row.ward: GroupCounts.from_mapping(dict(row._mapping)) for row in db.session.execute(statement)}
    whole = select(*group_columns()).where(published, Organisation.serves_whole_borough.is_(True))
    return wards, GroupCounts.from_mapping(dict(db.session.execute(whole).one()._mapping))


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


def notices_by_division(window: Window, scope: Scope) -> dict[str, tuple[int, int]]:
    """Per division: notices published in the window, and interest registered in the window on any notice."""
    pairs = _notice_divisions()
    notices = (
        select(pairs.c.division, func.count(distinct(Notice.id)))
        .select_from(pairs)
        .join(Notice, Notice.id == pairs.c.notice_id)
        .where(notice_conditions(scope), within(Notice.published_at, window.start, window.end))
        .group_by(pairs.c.division)
    )
    interest = (
        select(pairs.c.division, func.count(Interest.id))
        .select_from(pairs)
        .join(Notice, Notice.id == pairs.c.notice_id)
        .join(Interest, Interest.notice_id == Notice.id)
        .where(notice_conditions(scope), within(Interest.created_at, window.start, window.end))
        .group_by(pairs.c.division)
    )
    counts: dict[str, list[int]] = {}
    for index, statement in enumerate((notices, interest)):
        for division, count in db.session.execute(statement):
            counts.setdefault(division, [0, 0])[index] = int(count)
    return {division: (values[0], values[1]) for division, values in counts.items()}


def by_mission(window: Window, scope: Scope) -> dict[int | None, dict[str, int]]:
    """Per mission (None: notices with no mission): notices published, interest registered, organisations
    that attended a linked event and questions asked, each in the window."""
    published = within(Notice.published_at, window.start, window.end)
    statements = {
        "notices": select(Notice.mission_id, func.count(Notice.id)).where(notice_conditions(scope), published),
        "interest": select(Notice.mission_id, func.count(Interest.id))
        .join(Interest, Interest.notice_id == Notice.id)
        .where(notice_conditions(scope), within(Interest.created_at, window.start, window.end)),
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
