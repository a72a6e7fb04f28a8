"""Every read about events and registrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.events.models import CANCELLED, PUBLISHED, REGISTERED, WAITLISTED, Event, EventMaterial, Registration
from marketplace.extensions import db

PUBLIC = (PUBLISHED, CANCELLED)


def get_event(event_id: int) -> Event | None:
    return db.session.get(Event, event_id)


def get_material(material_id: int) -> EventMaterial | None:
    return db.session.get(EventMaterial, material_id)


def storage_key_in_use(key: str) -> bool:
    statement = select(func.count()).select_from(EventMaterial).where(EventMaterial.storage_key == key)
    return (db.session.scalar(statement) or 0) > 0


def list_public_events_for_notice(notice_id: int) -> list[Event]:
    statement = (
        select(Event).where(Event.notice_id == notice_id, Event.status.in_(PUBLIC)).order_by(Event.starts_at, Event.id)
    )
    return list(db.session.scalars(statement))


def list_public_events(*, at: datetime, upcoming: bool) -> list[Event]:
    if upcoming:
        statement = (
            select(Event).where(Event.status.in_(PUBLIC), Event.ends_at > at).order_by(Event.starts_at, Event.id)
        )
    else:
        statement = (
            select(Event)
            .where(Event.status == PUBLISHED, Event.ends_at <= at)
            .order_by(Event.starts_at.desc(), Event.id)
        )
    return list(db.session.scalars(statement.limit(200)))


def list_managed_events(user) -> list[Event]:
    statement = select(Event).order_by(Event.starts_at.desc(), Event.id.desc())
    if not user.is_admin:
        statement = statement.where(Event.owner_id == user.id)
    return list(db.session.scalars(statement))


def places_by_event(event_ids: list[int]) -> dict[int, dict[str, int]]:
    """Event → {"registered": organisations holding places, "waitlisted": organisations waiting}."""
    counts: dict[int, dict[str, int]] = {event_id: {REGISTERED: 0, WAITLISTED: 0} for event_id in event_ids}
    if event_ids:
        statement = (
            select(Registration.event_id, Registration.status, func.count())
            .where(Registration.event_id.in_(event_ids), Registration.status.in_((REGISTERED, WAITLISTED)))
            .group_by(Registration.event_id, Registration.status)
        )
        for event_id, status, count in db.session.execute(statement):
            counts[event_id][status] = count
    return counts


def registration_counts_by_notice(notice_ids: list[int]) -> dict[int, int]:
    """Notice → organisations registered (holding places) for its events."""
    if not notice_ids:
        return {}
    statement = (
        select(Event.notice_id, func.count(Registration.id))
        .join(Registration, Registration.event_id == Event.id)
        .where(Event.notice_id.in_(notice_ids), Registration.status == REGISTERED)
        .group_by(Event.notice_id)
    )
    # The filter on notice_ids leaves no event without a notice.
    return {notice_id: count for notice_id, count in db.session.execute(statement).all() if notice_id is not None}


def event_counts_by_notice(notice_ids: list[int]) -> dict[int, int]:
    if not notice_ids:
        return {}
    statement = select(Event.notice_id, func.count()).where(Event.notice_id.in_(notice_ids)).group_by(Event.notice_id)
    # The filter on notice_ids leaves no event without a notice.
    return {notice_id: count for notice_id, count in db.session.execute(statement).all() if notice_id is not None}


def get_registration(event_id: int, organisation_id: int | None) -> Registration | None:
    if organisation_id is None:
        return None
    return db.session.scalar(
        select(Registration).where(Registration.event_id == event_id, Registration.organisation_id == organisation_id)
    )


def list_registrations(event_id: int) -> list[Registration]:
    """Registered first (by name), then the waiting list in order, then cancellations."""
    order = {REGISTERED: 0, WAITLISTED: 1}
    registrations = db.session.scalars(select(Registration).where(Registration.event_id == event_id)).unique()
    return sorted(
        registrations,
        key=lambda r: (
            order.get(r.status, 2),
            r.queued_at if r.status == WAITLISTED else r.organisation.name.lower(),
            r.id,
        ),
    )


def waiting_list(event_id: int) -> list[Registration]:
    statement = (
        select(Registration)
        .where(Registration.event_id == event_id, Registration.status == WAITLISTED)
        .order_by(Registration.queued_at, Registration.id)
    )
    return list(db.session.scalars(statement).unique())


def list_for_organisation(organisation_id: int) -> list[Registration]:
    statement = (
        select(Registration)
        .where(Registration.organisation_id == organisation_id, Registration.status.in_((REGISTERED, WAITLISTED)))
        .order_by(Registration.created_at.desc())
    )
    return list(db.session.scalars(statement).unique())


def follow_up_emails(event: Event) -> list[str]:
    """Everyone who registered (attended or not, waiting or cancelled) and, for a notice's event,
    everyone who registered interest in the notice."""
    statement = (
        select(User.email).join(Registration, Registration.user_id == User.id).where(Registration.event_id == event.id)
    )
    emails = list(db.session.scalars(statement))
    if event.notice_id:
        from marketplace.notices.interest.queries import interested_emails

        emails += interested_emails(event.notice_id)
    return sorted(dict.fromkeys(emails))


def registrant_emails(event: Event) -> list[str]:
    statement = (
        select(User.email)
        .join(Registration, Registration.user_id == User.id)
        .where(Registration.event_id == event.id, Registration.status.in_((REGISTERED, WAITLISTED)))
    )
    return sorted(dict.fromkeys(db.session.scalars(statement)))
