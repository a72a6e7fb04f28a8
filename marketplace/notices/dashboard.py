"""The buyer's dashboard of notices: each with counts of interest, questions and event registrations.

Three grouped counts for the whole list, never a query per notice."""

from __future__ import annotations

from dataclasses import dataclass

from marketplace.notices import queries
from marketplace.notices.clarifications import queries as clarifications
from marketplace.notices.models import Notice


@dataclass
class NoticeRow:
    notice: Notice
    interest: int
    questions: int
    unanswered: int
    registrations: int
    events: int


def rows_for(user) -> list[NoticeRow]:
    from marketplace.events import queries as event_queries

    notices = queries.list_managed_notices(user)
    ids = [notice.id for notice in notices]
    interest = queries.interest_counts(ids)
    questions = clarifications.question_counts(ids)
    registrations, events = event_queries.registration_counts_by_notice(ids), event_queries.event_counts_by_notice(ids)
    return [
        NoticeRow(
            notice,
            interest.get(notice.id, 0),
            *questions.get(notice.id, (0, 0)),
            registrations.get(notice.id, 0),
            events.get(notice.id, 0),
        )
        for notice in notices
    ]


@dataclass
class SupplierEngagement:
    interests: list
    notices: dict
    registrations: list
    alerts: bool


def supplier_engagement(organisation) -> SupplierEngagement:
    """For the supplier dashboard partial (a template global: the dashboard view is not ours)."""
    from flask_login import current_user

    from marketplace.events import queries as event_queries
    from marketplace.notices.alerts.queries import get_subscription
    from marketplace.notices.interest import queries as interest_queries

    interests = interest_queries.list_for_organisation(organisation.id)
    notices = interest_queries.notices_by_id([interest.notice_id for interest in interests])
    alerts = current_user.is_authenticated and get_subscription(current_user.id) is not None
    return SupplierEngagement(interests, notices, event_queries.list_for_organisation(organisation.id), alerts)


@dataclass
class BuyerEngagement:
    notices: int
    unanswered: int
    events: int


def buyer_engagement(user) -> BuyerEngagement:
    from marketplace.events import queries as event_queries

    ids = [notice.id for notice in queries.list_managed_notices(user)]
    unanswered = sum(waiting for _, waiting in clarifications.question_counts(ids).values())
    return BuyerEngagement(len(ids), unanswered, len(event_queries.list_managed_events(user)))
