"""What can happen to a notice and when, and what it needs before it can be published: in one place for the
services, views and templates (through the `notice_rules` global), which do not compare statuses themselves."""

from __future__ import annotations

from marketplace import clock
from marketplace.notices.models import CLOSED, DRAFT, ENGAGEMENT, PIPELINE, PUBLISHED, WITHDRAWN, Notice

# field → the message shown when it is missing (the field's id on the form, for the error summary)
REQUIRED = {
    "title": "Enter a title",
    "summary": "Enter a summary",
    "outcomes": "Enter at least one outcome you are looking for",
    "categories": "Select at least one category",
    "wards": "Select where the work will happen",
    "contact_email": "Enter a contact email address",
}
REQUIRED_FOR_KIND = {
    ENGAGEMENT: {"engagement_closes_on": "Enter the date engagement closes"},
    PIPELINE: {"expected_tender_date": "Enter the expected tender date"},
}


def missing_for_publish(notice) -> dict[str, str]:
    """Field → message for everything a draft still needs."""
    present = {
        "title": bool(notice.title),
        "summary": bool(notice.summary),
        "outcomes": bool(notice.outcomes),
        "categories": bool(notice.categories),
        "wards": bool(notice.wards),
        "contact_email": bool(notice.contact_email),
        "engagement_closes_on": notice.engagement_closes_at is not None,
        "expected_tender_date": notice.expected_tender_date is not None,
    }
    required = {**REQUIRED, **REQUIRED_FOR_KIND.get(notice.kind, {})}
    missing = {name: message for name, message in required.items() if not present[name]}
    return missing | dates_in_the_past(notice)


def dates_in_the_past(notice) -> dict[str, str]:
    """Deadlines that have already passed: a draft saves with them, but cannot be published until changed."""
    now = clock.now()
    past = {}
    if notice.engagement_closes_at is not None and notice.engagement_closes_at <= now:
        past["engagement_closes_on"] = "Change the date engagement closes: it is in the past"
    if notice.questions_close_at is not None and notice.questions_close_at <= now:
        past["questions_close_on"] = "Change the deadline for questions: it is in the past"
    return past


# --- status -------------------------------------------------------------------------------------


def can_publish(notice: Notice) -> bool:
    return notice.status == DRAFT


def can_edit(notice: Notice) -> bool:
    """Drafts and published notices; closed and withdrawn ones stay as they ended."""
    return notice.status in (DRAFT, PUBLISHED)


def can_add_documents(notice: Notice) -> bool:
    return notice.status in (DRAFT, PUBLISHED)


def can_add_event(notice: Notice) -> bool:
    return notice.status in (DRAFT, PUBLISHED)


def can_close(notice: Notice) -> bool:
    """Close engagement early."""
    return notice.status == PUBLISHED


def can_withdraw(notice: Notice) -> bool:
    return notice.status in (PUBLISHED, CLOSED)


def is_published(notice: Notice) -> bool:
    """Published and not ended (engagement may still have closed by its date)."""
    return notice.status == PUBLISHED


def is_withdrawn(notice: Notice) -> bool:
    return notice.status == WITHDRAWN


def ended_early(notice: Notice) -> bool:
    """Closed early or withdrawn by the buyer (a reason is shown with it)."""
    return notice.status in (CLOSED, WITHDRAWN)
