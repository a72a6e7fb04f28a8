"""What events add to lower domains' pages and exports (see marketplace/slots.py).

A notice's page lists its events (its managers see the heading even before there are any, to add one), and its
OCDS release describes them as engagement milestones.
"""

from __future__ import annotations

from flask import Flask

from marketplace import slots
from marketplace.events import queries

NOTICE_RELATED = "notices.show.related"
NOTICE_RELEASE_EVENTS = "notices.release.events"


def register(app: Flask) -> None:
    slots.fill(app, NOTICE_RELATED, notice_events_panel)
    slots.fill(app, NOTICE_RELEASE_EVENTS, notice_release_events)


def notice_events_panel(notice, manager: bool = False, **_) -> slots.Panel | None:
    events = queries.list_public_events_for_notice(notice.id)
    if not events and not manager:
        return None
    return slots.Panel("events/_notice_events.html", {"events": events})


def notice_release_events(notice, **_) -> list:
    return queries.list_public_events_for_notice(notice.id)
