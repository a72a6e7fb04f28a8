"""What a notice needs before it can be published, in one place for the form and the service."""

from __future__ import annotations

from marketplace.notices.models import ENGAGEMENT, PIPELINE

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
    return {name: message for name, message in required.items() if not present[name]}
