"""What can happen to a guide, and when: the workflow, review dates and reminders. No database access."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from marketplace.guides.models import ARCHIVED, DRAFT, IN_REVIEW, MAJOR, MINOR, PUBLISHED

SUMMARY_WORD_LIMIT = 60
MIN_REVIEW_MONTHS, MAX_REVIEW_MONTHS = 3, 12
REMIND_BEFORE = timedelta(days=14)
REMIND_OVERDUE_EVERY = timedelta(days=7)
LONG_GUIDE_HEADINGS = 3  # a contents list once a guide has this many sections
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
IMAGE_PREFIX = "attachment:"
RESERVED_SLUGS = {"manage"}  # /guides/manage is the editors' list

AUDIENCES = {"suppliers": "Suppliers", "buyers": "Council buyers", "both": "Suppliers and council buyers"}
TOPICS = {
    "resident-engagement": "Resident engagement",
    "social-value": "Social value",
    "how-to-bid": "How to bid",
    "procurement-act": "The Procurement Act for small suppliers",
    "vcse": "Working with the council as a VCSE",
    "consortium": "Working together",
    "safeguarding": "Safeguarding",
    "health-and-safety": "Health and safety",
}
STATUS_LABELS = {DRAFT: "Draft", IN_REVIEW: "In review", PUBLISHED: "Published", ARCHIVED: "Archived"}
CHANGE_KINDS = {MAJOR: "Major change", MINOR: "Minor change"}


class NotAllowed(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def word_count(text: str | None) -> int:
    return len((text or "").split())


def can_edit(guide) -> bool:
    return guide.status != ARCHIVED


def can_submit(guide) -> bool:
    return guide.status == DRAFT


def in_review(guide) -> bool:
    return guide.status == IN_REVIEW


def has_earlier_published_version(guide) -> bool:
    """Live, but what editors see now is a newer draft or review copy."""
    return bool(guide.is_live) and guide.status != PUBLISHED


def check_publish(guide, reviewer_id: int) -> None:
    """A second editor publishes: never the one who asked for review nor the last to change the draft."""
    if guide.status != IN_REVIEW:
        raise NotAllowed("Only a guide in review can be published")
    if reviewer_id in (guide.submitted_by_id, guide.edited_by_id):
        raise NotAllowed("You cannot publish your own changes: another content editor must review them")


def check_change(kind: str | None, note: str | None, *, first: bool) -> str | None:
    """The error for a change's kind and note, if any: a major change needs a public note."""
    if kind not in (MAJOR, MINOR):
        return "Select whether this is a major or a minor change"
    if kind == MAJOR and not first and not (note or "").strip():
        return "Enter a change note: readers see it in the guide's history"
    if first and kind == MINOR:
        return "The first version of a guide is a major change"
    return None


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def next_review_due(guide) -> date | None:
    if guide.last_reviewed_on is None:
        return None
    return add_months(guide.last_reviewed_on, guide.review_months)


def review_state(due: date | None, today: date) -> str | None:
    """ "overdue", "due-soon" (within 14 days) or None."""
    if due is None:
        return None
    if due < today:
        return "overdue"
    return "due-soon" if due - today <= REMIND_BEFORE else None


def needs_reminder(guide, today: date) -> bool:
    """Once when the review comes within 14 days, and weekly while it is overdue."""
    due = next_review_due(guide)
    if not guide.is_live or review_state(due, today) is None or guide.owner_id is None:
        return False
    if guide.review_reminded_for != due or guide.review_reminded_on is None:
        return True
    return due < today and today - guide.review_reminded_on >= REMIND_OVERDUE_EVERY
