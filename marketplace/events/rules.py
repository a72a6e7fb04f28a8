"""What can happen to an event and to a registration, and when: used by services, views and templates alike.

Templates call these (through the `event_rules` global) rather than comparing statuses.
"""

from __future__ import annotations

from datetime import datetime

from marketplace.events.models import CANCELLED, DRAFT, PUBLISHED, REGISTERED, WAITLISTED, Event, Registration

# --- events ---------------------------------------------------------------------------------------


def is_draft(event: Event) -> bool:
    return event.status == DRAFT


def is_published(event: Event) -> bool:
    """Published and not cancelled (it may have taken place)."""
    return event.status == PUBLISHED


def is_cancelled(event: Event) -> bool:
    return event.status == CANCELLED


def can_edit(event: Event) -> bool:
    return event.status != CANCELLED


def can_publish(event: Event) -> bool:
    return event.status == DRAFT


def can_cancel(event: Event) -> bool:
    return event.status == PUBLISHED


def can_manage_follow_up(event: Event) -> bool:
    """The materials and questions page (publishing waits until the event has taken place)."""
    return event.status == PUBLISHED


def can_publish_follow_up(event: Event, at: datetime | None = None) -> bool:
    return event.status == PUBLISHED and event.has_ended(at)


def has_taken_place(event: Event, at: datetime | None = None) -> bool:
    return event.status == PUBLISHED and event.has_ended(at)


def registration_has_closed(event: Event, at: datetime | None = None) -> bool:
    """Still to come, but too late to register."""
    return event.status == PUBLISHED and not event.has_ended(at) and not event.registration_open(at)


# --- registrations ------------------------------------------------------------------------------


def is_active(registration: Registration) -> bool:
    """Holding places or waiting for them (not cancelled)."""
    return registration.status in (REGISTERED, WAITLISTED)


def holds_places(registration: Registration | None) -> bool:
    return registration is not None and registration.status == REGISTERED


def is_waiting(registration: Registration | None) -> bool:
    return registration is not None and registration.status == WAITLISTED
