"""Demo events: upcoming (one full, with a waiting list), standalone and past (with materials
and a Q&A summary published), with registrations. Loaded after the demo notices (`marketplace.demo`)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from marketplace import clock
from marketplace.events.models import HYBRID, IN_PERSON, ONLINE, PUBLISHED, REGISTERED, WAITLISTED, Event, Registration
from marketplace.extensions import db
from marketplace.notices.demo import demo_buyer, demo_notices, organisation_owners

PANCRAS = ("5 Pancras Square", "5 Pancras Square\nLondon\nN1C 4AG")
STEP_FREE = (
    "Step-free access from the street, accessible toilets and a hearing loop. "
    "Tell us about any other needs when you register."
)
# Each spec's values differ in type (numbers, names, tuples), read by key below.
EVENTS: list[dict[str, Any]] = [
    dict(
        notice="safer",
        title="Safer estates: open briefing",
        format=IN_PERSON,
        venue=PANCRAS,
        days=8,
        hour=10,
        capacity=40,
        party=3,
        registrations=range(12),
    ),
    dict(
        notice="safer",
        title="Safer estates: online questions and answers",
        format=ONLINE,
        venue=None,
        days=15,
        hour=16,
        capacity=100,
        party=2,
        registrations=range(12, 16),
    ),
    dict(
        notice="cleaning",
        title="Meet the buyer: estate cleaning",
        format=HYBRID,
        venue=("Kentish Town Community Centre", "17 Busby Place\nLondon\nNW5 2SP"),
        days=10,
        hour=14,
        capacity=6,
        party=2,
        registrations=range(9),
    ),
    dict(
        notice="youth",
        title="Summer activities: what worked last year",
        format=IN_PERSON,
        venue=("Somers Town Community Centre", "150 Ossulston Street\nLondon\nNW1 1EE"),
        days=-10,
        hour=18,
        capacity=30,
        party=2,
        registrations=range(5, 17),
    ),
    dict(
        notice=None,
        title="Meet the buyer: selling to Camden",
        format=IN_PERSON,
        venue=PANCRAS,
        days=25,
        hour=9,
        capacity=80,
        party=2,
        registrations=range(20, 26),
    ),
]
DESCRIPTION = (
    "An open session for any supplier, large or small, and for community groups. The council will explain what it "
    "has heard so far and what it is thinking of buying, then answer questions.\n\nEverything said will be "
    "published afterwards for every interested supplier, whether or not they came."
)
JOINING = "Join the video call at https://meet.example/camden-engagement (passcode 2026). Captions are on."
QA_SUMMARY = (
    "**Will there be lots by area?** Yes, probably four.\n\n**Can small clubs apply for one week only?** Yes."
    "\n\n**Will meals be funded?** Yes, through the Holiday Activities and Food programme."
)


def _at(days: int, hour: int) -> datetime:
    local = datetime.combine(
        clock.to_london(clock.now()).date() + timedelta(days=days), time(hour), tzinfo=clock.LONDON
    )
    return local.astimezone(UTC)


def load_demo_events() -> bool:
    """Idempotent: does nothing once the demo events exist (or before the demo notices do)."""
    from sqlalchemy import select

    buyer, notices = demo_buyer(), demo_notices()
    if buyer is None or not notices or db.session.scalar(select(Event.id).where(Event.title == EVENTS[0]["title"])):
        return False
    owners = organisation_owners()
    for spec in EVENTS:
        starts = _at(spec["days"], spec["hour"])
        published = starts - timedelta(days=20)
        venue_name, venue_address = spec["venue"] or (None, None)
        event = Event(
            notice_id=notices[spec["notice"]].id if spec["notice"] else None,
            owner_id=buyer.id,
            status=PUBLISHED,
            title=spec["title"],
            description=DESCRIPTION,
            format=spec["format"],
            venue_name=venue_name,
            venue_address=venue_address,
            joining_instructions=JOINING if spec["format"] in (ONLINE, HYBRID) else None,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            registration_closes_at=starts - timedelta(days=1),
            capacity=spec["capacity"],
            max_party_size=spec["party"],
            accessibility=STEP_FREE,
            places_taken=0,
            published_at=published,
            created_at=starts - timedelta(days=21),
            updated_at=published,
        )
        past = spec["days"] < 0
        if past:
            event.qa_summary, event.follow_up_published_at = QA_SUMMARY, starts + timedelta(days=2)
        db.session.add(event)
        db.session.flush()
        for n, index in enumerate(i for i in spec["registrations"] if i < len(owners)):
            organisation, user_id = owners[index]
            attendees = 1 + n % spec["party"]
            fits = event.places_taken + attendees <= event.capacity
            event.places_taken += attendees if fits else 0
            db.session.add(
                Registration(
                    event_id=event.id,
                    organisation_id=organisation.id,
                    user_id=user_id,
                    status=REGISTERED if fits else WAITLISTED,
                    attendees=attendees,
                    attendee_names="\n".join(
                        f"{organisation.contact_name or 'Guest'} {i + 1}"
                        if i
                        else (organisation.contact_name or "Guest")
                        for i in range(attendees)
                    ),
                    access_needs="Step-free access" if n % 5 == 3 else None,
                    attended=(n % 4 != 0) if past and fits else None,
                    queued_at=published + timedelta(hours=n + 1),
                    created_at=published + timedelta(hours=n + 1),
                    updated_at=published + timedelta(hours=n + 1),
                )
            )
    db.session.commit()
    return True
