"""Demo events: upcoming (one full, with a waiting list), standalone and past (attendance marked and a Q&A
summary published), with registrations. Loaded after the demo notices (`marketplace.demo`), through the
events' services with the clock moved to when each thing happened (see `marketplace.notices.demo`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.events import queries, registrations, services
from marketplace.events.models import HYBRID, IN_PERSON, ONLINE, Event
from marketplace.extensions import db
from marketplace.notices.demo import (
    Timeline,
    at_day,
    demo_buyer,
    demo_notices,
    london_today,
    moving_clock,
    organisation_owners,
)
from marketplace.notices.models import Notice
from marketplace.suppliers.models import Organisation

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


def load_demo_events() -> bool:
    """Idempotent: does nothing once the demo events exist (or before the demo notices do)."""
    buyer, notices = demo_buyer(), demo_notices()
    if buyer is None or not notices or db.session.scalar(select(Event.id).where(Event.title == EVENTS[0]["title"])):
        return False
    owners, today, timeline = organisation_owners(), london_today(), Timeline()
    events: dict[str, Event] = {}
    for spec in EVENTS:
        starts = at_day(today, spec["days"], spec["hour"])
        published = min(starts - timedelta(days=20), at_day(today, -1, 10))  # never in the future
        notice = notices[spec["notice"]] if spec["notice"] else None
        timeline.at(published - timedelta(minutes=30), partial(_create, events, spec, buyer, notice, starts))
        timeline.at(published, partial(_publish, events, spec, buyer))
        came = set()
        for n, index in enumerate(i for i in spec["registrations"] if i < len(owners)):
            organisation, user = owners[index]
            timeline.at(published + timedelta(hours=n + 1), partial(_register, events, spec, organisation, user, n))
            if n % 4 != 0:
                came.add(organisation.id)
        if spec["days"] < 0:  # it has taken place: the buyer marks who came, then publishes the follow-up
            timeline.at(starts + timedelta(hours=3), partial(_attendance, events, spec, buyer, came))
            timeline.at(starts + timedelta(days=2), partial(_follow_up, events, spec, buyer))
    with moving_clock():
        timeline.run()
    return True


def _create(events: dict[str, Event], spec: dict, buyer: User, notice: Notice | None, starts: datetime) -> None:
    venue_name, venue_address = spec["venue"] or (None, None)
    details = services.EventDetails(
        notice_id=notice.id if notice is not None else None,
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
    )
    events[spec["title"]] = services.create_event(buyer, details)


def _publish(events: dict[str, Event], spec: dict, buyer: User) -> None:
    services.publish_event(events[spec["title"]], buyer)


def _register(events: dict[str, Event], spec: dict, organisation: Organisation, user: User, n: int) -> None:
    """A party of one or more (up to the event's limit): once the event is full, the waiting list."""
    attendees = 1 + n % spec["party"]
    contact = organisation.contact_name or "Guest"
    registrations.register(
        events[spec["title"]],
        organisation,
        user,
        attendees=attendees,
        names=[f"{contact} {i + 1}" if i else contact for i in range(attendees)],
        access_needs="Step-free access" if n % 5 == 3 else None,
    )


def _attendance(events: dict[str, Event], spec: dict, buyer: User, came: set[int]) -> None:
    event = events[spec["title"]]
    attended = {r.id for r in queries.list_registrations(event.id) if r.organisation_id in came}
    registrations.mark_attendance(event, buyer, attended)


def _follow_up(events: dict[str, Event], spec: dict, buyer: User) -> None:
    services.publish_follow_up(events[spec["title"]], buyer, qa_summary=QA_SUMMARY)
