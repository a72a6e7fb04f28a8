"""Writes for registrations: register (or join the waiting list), cancel, promote, attendance.

Never overbooked: places are taken by one atomic conditional UPDATE of the event's counter
(`places_taken + n <= capacity`), which PostgreSQL re-checks after waiting for a concurrent
writer's lock and SQLite runs one writer at a time; a CHECK constraint backs it up. Cancelling
and promoting lock the event row first (SELECT … FOR UPDATE) so promotions happen in order.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from marketplace import clock
from marketplace.audit.services import record
from marketplace.events import queries, rules
from marketplace.events.models import PUBLISHED, REGISTERED, WAITLISTED, WITHDRAWN, Event, Registration
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.mail.services import queue_email


class BookingError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def take_places(event_id: int, places: int) -> bool:
    """Take `places` if they are free, atomically; False if the event is full (or not open)."""
    statement = (
        update(Event)
        .where(Event.id == event_id, Event.status == PUBLISHED, Event.places_taken + places <= Event.capacity)
        .values(places_taken=Event.places_taken + places)
        .execution_options(synchronize_session=False)
    )
    # An UPDATE returns a CursorResult; Session.execute is typed with the general Result, which has no rowcount.
    return db.session.execute(statement).rowcount == 1  # type: ignore[attr-defined]


def _release_places(event_id: int, places: int) -> None:
    statement = (
        update(Event)
        .where(Event.id == event_id)
        .values(places_taken=Event.places_taken - places)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(statement)


def lock_event(event: Event) -> Event:
    """Hold the event's row until commit (PostgreSQL; SQLite has one writer anyway) and re-read it."""
    db.session.execute(select(Event.id).where(Event.id == event.id).with_for_update())
    db.session.refresh(event)
    return event


def register(
    event: Event, organisation, user, *, attendees: int, names: list[str], access_needs: str | None
) -> Registration:
    now = clock.now()
    user_id = user.id  # read before the new row joins the session: a stale user would autoflush it half-filled
    if not event.registration_open(now):
        raise BookingError("Registration for this event has closed")
    if not 1 <= attendees <= event.max_party_size:
        raise BookingError(f"You can bring up to {event.max_party_size} people")
    # Lock the event first, so a registration that finds it full and joins the waiting list is
    # committed before a racing cancellation looks for someone to promote (never free places
    # with people waiting).
    event = lock_event(event)
    registration = queries.get_registration(event.id, organisation.id)
    if registration is not None and rules.is_active(registration):
        raise BookingError("Your organisation is already registered for this event")
    status = REGISTERED if take_places(event.id, attendees) else WAITLISTED
    if registration is None:
        registration = Registration(
            event_id=event.id, organisation_id=organisation.id, created_at=now, user_id=user_id, status=status
        )
        db.session.add(registration)
    registration.user_id, registration.status, registration.attendees = user_id, status, attendees
    registration.attendee_names, registration.access_needs = "\n".join(names), access_needs
    registration.queued_at, registration.cancelled_at, registration.promoted_at, registration.attended = (
        now,
        None,
        None,
        None,
    )
    registration.updated_at = now
    try:
        db.session.flush()
        record(f"event.{status}", event, actor_id=user.id, organisation=organisation.id, attendees=attendees)
        _email(user.email, event, "event_registered" if status == REGISTERED else "event_waitlisted", registration)
        db.session.commit()
    except IntegrityError:  # a colleague registered the organisation at the same moment
        db.session.rollback()
        raise BookingError("Your organisation is already registered for this event") from None
    return registration


def update_details(registration: Registration, user, *, names: list[str], access_needs: str | None) -> None:
    """Change who is coming and their access needs (the number of places stays)."""
    registration.attendee_names, registration.access_needs, registration.updated_at = (
        "\n".join(names),
        access_needs,
        clock.now(),
    )
    record(
        "event.registration_updated", registration.event, actor_id=user.id, organisation=registration.organisation_id
    )
    db.session.commit()


def cancel(registration: Registration, user) -> list[Registration]:
    """Give up the places (or leave the waiting list); the waiting list moves up. Returns who was promoted."""
    event = lock_event(registration.event)
    db.session.refresh(registration)
    if not rules.is_active(registration):
        raise BookingError("This registration is already cancelled")
    if event.has_ended():
        raise BookingError("This event has already taken place")
    if rules.holds_places(registration):
        _release_places(event.id, registration.attendees)
    registration.status, registration.cancelled_at, registration.updated_at = WITHDRAWN, clock.now(), clock.now()
    record("event.registration_cancelled", event, actor_id=user.id, organisation=registration.organisation_id)
    promoted = promote_waiting_list(event)
    db.session.commit()
    return promoted


def promote_waiting_list(event: Event) -> list[Registration]:
    """Move waiting organisations into free places, first come first served; a party too big for
    the places left keeps its turn while smaller ones behind it fit. Caller holds the event lock."""
    promoted: list[Registration] = []
    if event.status != PUBLISHED or event.has_ended():
        return promoted
    for waiting in queries.waiting_list(event.id):
        if take_places(event.id, waiting.attendees):
            waiting.status, waiting.promoted_at, waiting.updated_at = REGISTERED, clock.now(), clock.now()
            record("event.promoted_from_waiting_list", event, organisation=waiting.organisation_id)
            if waiting.user is not None:
                _email(waiting.user.email, event, "event_promoted", waiting)
            promoted.append(waiting)
    return promoted


def mark_attendance(event: Event, actor, attended_ids: set[int]) -> int:
    changed = 0
    for registration in queries.list_registrations(event.id):
        if registration.status != REGISTERED:
            continue
        attended = registration.id in attended_ids
        if registration.attended != attended:
            registration.attended, changed = attended, changed + 1
    record("event.attendance_marked", event, actor_id=actor.id, attended=len(attended_ids))
    db.session.commit()
    return changed


def _email(recipient: str, event: Event, template: str, registration: Registration) -> None:
    subjects = {
        "event_registered": f"You are registered: {event.title}",
        "event_waitlisted": f"You are on the waiting list: {event.title}",
        "event_promoted": f"A place has come up: {event.title}",
    }
    link = external_url("events.show", event_id=event.id)
    queue_email(
        recipient,
        subjects[template][:200],
        template,
        event=event,
        registration=registration,
        link=link,
        calendar=external_url("events.calendar", event_id=event.id),
    )
