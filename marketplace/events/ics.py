"""An iCalendar (RFC 5545) file for one event, written by the `icalendar` library (escaping, line folding,
UTC times). Times are UTC ("Z"), so every calendar shows them in its own zone; the joining details go
only to organisations holding places."""

from __future__ import annotations

from datetime import UTC

import icalendar
from flask import current_app

from marketplace import clock
from marketplace.events.models import CANCELLED
from marketplace.links import external_url, service_host


def calendar(event, *, with_joining_details: bool) -> str:
    page = external_url("events.show", event_id=event.id)
    entry = icalendar.Event()
    # Never changes and never clashes with another deployment's events: the public host, not the request's.
    entry.add("uid", f"event-{event.id}@{service_host()}")
    entry.add("dtstamp", clock.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    entry.add("description", _description(event, page, with_joining_details=with_joining_details))
    entry.add("location", _location(event))
    entry.add("url", page)
    entry.add("status", "CANCELLED" if event.status == CANCELLED else "CONFIRMED")
    entry.add("sequence", int(event.updated_at.timestamp()) - int(event.created_at.timestamp()))
    file = icalendar.Calendar()
    file.add("prodid", f"-//{current_app.config['COUNCIL_NAME']}//Supplier Marketplace//EN")
    file.add("version", "2.0")
    file.add("calscale", "GREGORIAN")
    file.add("method", "PUBLISH")
    file.add_component(entry)
    return file.to_ical().decode("utf-8")


def _description(event, page: str, *, with_joining_details: bool) -> str:
    lines = [
        f"Market engagement event run by {current_app.config['COUNCIL_NAME']}.",
        f"Details and registration: {page}",
    ]
    if event.is_online and with_joining_details and event.joining_instructions:
        lines.append(f"How to join: {event.joining_instructions}")
    elif event.is_online:
        lines.append("Joining details are on the event page for registered attendees.")
    if event.accessibility:
        lines.append(f"Accessibility: {event.accessibility}")
    return "\n".join(lines)


def _location(event) -> str:
    if not event.shows_venue:
        return "Online"
    address = (event.venue_address or "").replace("\r\n", "\n").replace("\n", ", ")
    return ", ".join(part for part in (event.venue_name, address) if part)
