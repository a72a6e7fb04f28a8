"""A framework's status comes from its dates, never from a stored flag.

Every deadline is an instant (stored in UTC, written in London time), so the BST/GMT change
needs no special handling here: `definition.parse_london_time` already turned the council's
local time into the right instant. A deadline is exclusive: at 12:00:00 on the closing date
applications are closed, and one second before they are open.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from marketplace import clock

COMING, OPEN, CLOSED, LIVE, EXPIRED = "coming", "open", "closed", "live", "expired"
LABELS = {
    COMING: "Coming soon",
    OPEN: "Open for applications",
    CLOSED: "Closed (pending evaluation)",
    LIVE: "Live",
    EXPIRED: "Expired",
}


class HasDates(Protocol):
    applications_open_at: datetime
    questions_close_at: datetime
    applications_close_at: datetime
    results_at: datetime
    live_from: datetime
    expires_at: datetime


def status_at(dates: HasDates, moment: datetime | None = None) -> str:
    moment = moment or clock.now()
    if moment < dates.applications_open_at:
        return COMING
    if moment < dates.applications_close_at:
        return OPEN
    if moment < dates.live_from:
        return CLOSED
    if moment < dates.expires_at:
        return LIVE
    return EXPIRED


def accepting_applications(dates: HasDates, moment: datetime | None = None) -> bool:
    return status_at(dates, moment) == OPEN


def accepting_questions(dates: HasDates, moment: datetime | None = None) -> bool:
    moment = moment or clock.now()
    return dates.applications_open_at <= moment < dates.questions_close_at


def closed_for_applications(dates: HasDates, moment: datetime | None = None) -> bool:
    return (moment or clock.now()) >= dates.applications_close_at


def results_due(dates: HasDates, moment: datetime | None = None) -> bool:
    return (moment or clock.now()) >= dates.results_at


def label(status: str) -> str:
    return LABELS[status]
