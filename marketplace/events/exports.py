"""The attendee list as CSV, safe to open in a spreadsheet (no formulas run from supplier text)."""

from __future__ import annotations

import csv
import io

from marketplace.downloads import safe_cell
from marketplace.events.choices import REGISTRATION_STATUSES
from marketplace.template_helpers import london_datetime

HEADERS = [
    "Organisation",
    "Status",
    "Places",
    "Attendee names",
    "Access needs",
    "Registered by",
    "Registered at",
    "Attended",
]
safe = safe_cell


def attendees_csv(registrations) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    for registration in registrations:
        attended = {True: "Yes", False: "No"}.get(registration.attended, "")
        writer.writerow(
            [
                safe(v)
                for v in (
                    registration.organisation.name,
                    REGISTRATION_STATUSES.get(registration.status, registration.status),
                    registration.attendees,
                    "; ".join(registration.names),
                    registration.access_needs or "",
                    registration.user.email if registration.user else "",
                    london_datetime(registration.queued_at),
                    attended,
                )
            ]
        )
    return buffer.getvalue()
