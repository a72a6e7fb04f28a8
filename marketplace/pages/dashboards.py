"""Dashboards: pages that show several domains at once, so they are composed here, above every domain.

Each keeps the address and endpoint of the domain people think of it as belonging to (`suppliers.dashboard`,
`notices.dashboard`): it is added to that domain's blueprint, so links and bookmarks are unchanged. Counts come
from grouped queries over the whole list, never a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import redirect, render_template, url_for
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER, SUPPLIER
from marketplace.events import queries as event_queries
from marketplace.frameworks import queries as framework_queries
from marketplace.frameworks import status as framework_statuses
from marketplace.guides import recommend as guide_recommendations
from marketplace.notices import bp as notices_bp
from marketplace.notices import queries as notice_queries
from marketplace.notices.alerts.queries import get_subscription
from marketplace.notices.clarifications import queries as clarifications
from marketplace.notices.interest import queries as interest_queries
from marketplace.notices.models import Notice
from marketplace.opportunities.panels import supplier_dashboard_panel as supplier_bids_panel
from marketplace.suppliers import bp as suppliers_bp
from marketplace.suppliers import profile
from marketplace.suppliers import queries as supplier_queries
from marketplace.suppliers.access import current_membership


@suppliers_bp.get("/supplier/dashboard", endpoint="dashboard")
@role_required(SUPPLIER)
def supplier_dashboard():
    membership = current_membership()
    organisation = membership.organisation if membership else None
    pending = supplier_queries.get_pending_join_request_for_user(current_user.id)
    if organisation is None and pending is None:
        return redirect(url_for("suppliers.start"))  # nothing to show yet: go straight to setting up
    return render_template(
        "pages/supplier_dashboard.html",
        organisation=organisation,
        membership=membership,
        completeness=profile.completeness(organisation) if organisation else 0,
        pending=pending,
        framework_rows=supplier_frameworks(organisation),
        engagement=supplier_engagement(organisation) if organisation else None,
        panels=[panel for panel in [supplier_bids_panel(user=current_user, organisation=organisation)] if panel],
        for_you=guide_recommendations.for_supplier(organisation, current_user),
    )


@notices_bp.get("/buyer/notices", endpoint="dashboard")
@role_required(BUYER, ADMIN)
def buyer_notices():
    return render_template("pages/buyer_notices.html", rows=notice_rows(current_user))


def supplier_frameworks(organisation) -> list[dict]:
    """Frameworks open (or soon open) to apply to, and every framework the organisation has applied to."""
    if organisation is None:
        return []
    applications = {a.framework_id: a for a in framework_queries.list_applications_for_organisation(organisation.id)}
    rows = []
    for framework in framework_queries.list_current_frameworks():
        application = applications.get(framework.id)
        if application is not None or framework.status in (framework_statuses.OPEN, framework_statuses.COMING):
            rows.append({"framework": framework, "application": application})
    return rows


@dataclass
class SupplierEngagement:
    interests: list
    notices: dict
    registrations: list
    alerts: bool


def supplier_engagement(organisation) -> SupplierEngagement:
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
    ids = [notice.id for notice in notice_queries.list_managed_notices(user)]
    unanswered = sum(waiting for _, waiting in clarifications.question_counts(ids).values())
    return BuyerEngagement(len(ids), unanswered, len(event_queries.list_managed_events(user)))


@dataclass
class NoticeRow:
    notice: Notice
    interest: int
    questions: int
    unanswered: int
    registrations: int
    events: int


def notice_rows(user) -> list[NoticeRow]:
    """The buyer's notices, each with counts of interest, questions and event registrations."""
    notices = notice_queries.list_managed_notices(user)
    ids = [notice.id for notice in notices]
    interest = notice_queries.interest_counts(ids)
    questions = clarifications.question_counts(ids)
    registrations = event_queries.registration_counts_by_notice(ids)
    events = event_queries.event_counts_by_notice(ids)
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
