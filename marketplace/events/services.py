"""Writes for events: draft, edit, publish, cancel; materials and the follow-up for everyone
interested. One commit per action, audited (registrations are in registrations.py)."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime

from marketplace import clock
from marketplace.audit.services import record
from marketplace.events import queries, rules
from marketplace.events.models import CANCELLED, DRAFT, PUBLISHED, Event, EventMaterial
from marketplace.events.registrations import lock_event, promote_waiting_list
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.mail.services import queue_email
from marketplace.storage import CheckedUpload
from marketplace.storage.records import delete_stored_object, save_upload

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EventDetails:
    """Everything the buyer says about an event, for creating it or changing it: each field is an Event column,
    so a misspelt or missing one fails where the command is built instead of being dropped on the way."""

    title: str
    format: str
    starts_at: datetime
    ends_at: datetime
    registration_closes_at: datetime
    capacity: int
    max_party_size: int
    notice_id: int | None = None
    description: str | None = None
    venue_name: str | None = None
    venue_address: str | None = None
    joining_instructions: str | None = None
    accessibility: str | None = None


class EventError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def create_event(owner, details: EventDetails) -> Event:
    event = Event(owner_id=owner.id, status=DRAFT, places_taken=0, **asdict(details))
    db.session.add(event)
    db.session.flush()
    record("event.created", event, actor_id=owner.id, notice=event.notice_id)
    db.session.commit()
    return event


def update_event(event: Event, actor, details: EventDetails) -> list[str]:
    event = lock_event(event)
    if details.capacity < event.places_taken:
        db.session.rollback()
        raise EventError(
            f"{event.places_taken} places are already taken: the capacity cannot be less than that", field="capacity"
        )
    grew = details.capacity > event.capacity
    values = asdict(details)
    changed = [name for name, value in values.items() if getattr(event, name) != value]
    for name in changed:
        setattr(event, name, values[name])
    if changed:
        event.updated_at = clock.now()
        record("event.updated", event, actor_id=actor.id, fields=changed)
    if grew:
        db.session.flush()
        promote_waiting_list(event)
    db.session.commit()
    return changed


def dates_in_the_past(event: Event) -> dict[str, str]:
    """Field → message for dates already passed: a draft saves with them, but cannot be published."""
    if event.starts_at <= clock.now():
        return {"starts_on": "Change the date of the event: it is in the past"}
    return {}


def publish_event(event: Event, actor) -> None:
    if not rules.can_publish(event):
        return
    if event.notice is not None and not event.notice.is_public:
        raise EventError("Publish the notice first: suppliers could not see it from the event page")
    if event.starts_at <= clock.now():
        raise EventError("The event must start in the future", field="starts_on")
    event.status, event.published_at, event.updated_at = PUBLISHED, clock.now(), clock.now()
    record("event.published", event, actor_id=actor.id)
    db.session.commit()


def cancel_event(event: Event, actor, reason: str) -> None:
    if not rules.can_cancel(event):
        raise EventError("Only a published event can be cancelled")
    event.status, event.cancel_reason, event.cancelled_at, event.updated_at = (
        CANCELLED,
        reason,
        clock.now(),
        clock.now(),
    )
    record("event.cancelled", event, actor_id=actor.id, reason=reason)
    link = external_url("events.show", event_id=event.id)
    for email in queries.registrant_emails(event):
        queue_email(email, f"Cancelled: {event.title}"[:200], "event_cancelled", event=event, reason=reason, link=link)
    db.session.commit()


def publish_follow_up(event: Event, actor, *, qa_summary: str | None) -> None:
    """Publish the Q&A summary and materials, and tell everyone interested, attendee or not."""
    if not rules.can_publish_follow_up(event):
        raise EventError("You can publish materials once the event has taken place")
    first_time = event.follow_up_published_at is None
    event.qa_summary, event.updated_at = qa_summary, clock.now()
    event.follow_up_published_at = event.follow_up_published_at or clock.now()
    record("event.follow_up_published", event, actor_id=actor.id, materials=len(event.materials), first=first_time)
    link = external_url("events.show", event_id=event.id)
    subject = ("Materials and questions from " if first_time else "Updated materials from ") + event.title
    for email in queries.follow_up_emails(event):
        queue_email(email, subject[:200], "event_follow_up", event=event, link=link, first_time=first_time)
    db.session.commit()


def add_material(event: Event, actor, *, title: str, checked: CheckedUpload) -> EventMaterial:
    return save_upload(
        checked,
        EventMaterial(event_id=event.id, title=title),
        uploaded_by_id=actor.id,
        key_in_use=queries.storage_key_in_use,
        audit=lambda material: record(
            "event.material_added", event, actor_id=actor.id, material=material.id, filename=checked.filename
        ),
    )


def delete_material(event: Event, material: EventMaterial, actor) -> None:
    if material.event_id != event.id:
        raise EventError("That file is not from this event")
    key = material.storage_key
    record("event.material_deleted", event, actor_id=actor.id, material=material.id, title=material.title)
    db.session.delete(material)
    db.session.commit()
    delete_stored_object(key)
