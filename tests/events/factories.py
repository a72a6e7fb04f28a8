"""Events and registrations for tests, made through the real services."""

from __future__ import annotations

import itertools
from datetime import time, timedelta

from flask import current_app

from marketplace import clock
from marketplace.events import registrations, services
from marketplace.events.models import ONLINE
from marketplace.fields import london_to_utc
from marketplace.working_days import london_date
from tests.factories import create_buyer, owner_of

_sequence = itertools.count(1)
JOINING = "Join on https://meet.example/estates-briefing passcode 4411"


def event_details(**overrides) -> dict:
    # 10am London in two weeks: an event starting late in the evening would end on the next day, which the
    # form (one date, a start and an end time) cannot say, so its edit page would fail at that hour.
    starts = london_to_utc(london_date(clock.now() + timedelta(days=14)), time(10))
    details = {
        "title": f"Meet the buyer: estates repairs {next(_sequence)}",
        "description": "An open briefing for suppliers.",
        "format": ONLINE,
        "joining_instructions": JOINING,
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "registration_closes_at": starts - timedelta(days=1),
        "capacity": 30,
        "max_party_size": 2,
        "accessibility": "Live captions.",
    }
    details.update(overrides)
    return details


def create_event(owner=None, *, published: bool = True, notice=None, **overrides):
    owner = owner or (notice.owner if notice is not None else create_buyer())
    with current_app.test_request_context():
        details = event_details(notice_id=notice.id if notice else None, **overrides)
        event = services.create_event(owner, services.EventDetails(**details))
        if published:
            services.publish_event(event, owner)
    return event


def register(event, organisation, *, attendees: int = 1, user=None):
    user = user or owner_of(organisation)
    with current_app.test_request_context():
        return registrations.register(
            event,
            organisation,
            user,
            attendees=attendees,
            names=[f"Person {i}" for i in range(attendees)],
            access_needs=None,
        )
