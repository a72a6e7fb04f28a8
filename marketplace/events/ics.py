"""An iCalendar (RFC 5545) file for one event. Times are UTC ("Z"), so every calendar shows
them in its own zone; the joining details go only to organisations holding places."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app

from marketplace import clock
from marketplace.events.models import CANCELLED
from marketplace.links import external_url, service_host


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def escape(text: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; new lines as \\n."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (never splitting a character)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def calendar(event, *, with_joining_details: bool) -> str:
    page = external_url("events.show", event_id=event.id)
    description = [
        f"Market engagement event run by {current_app.config['COUNCIL_NAME']}.",
        f"Details and registration: {page}",
    ]
    if event.is_online and with_joining_details and event.joining_instructions:
        description.append(f"How to join: {event.joining_instructions}")
    elif event.is_online:
        description.append("Joining details are on the event page for registered attendees.")
    if event.accessibility:
        description.append(f"Accessibility: {event.accessibility}")
    location = (
        ", ".join(part for part in (event.venue_name, (event.venue_address or "").replace("\n", ", ")) if part)
        if event.shows_venue
        else "Online"
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape(current_app.config['COUNCIL_NAME'])}//Supplier Marketplace//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        # Never changes and never clashes with another deployment's events: the public host, not the request's.
        f"UID:event-{event.id}@{escape(service_host())}",
        f"DTSTAMP:{_stamp(clock.now())}",
        f"DTSTART:{_stamp(event.starts_at)}",
        f"DTEND:{_stamp(event.ends_at)}",
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"LOCATION:{escape(location)}",
        f"URL:{page}",
        f"STATUS:{'CANCELLED' if event.status == CANCELLED else 'CONFIRMED'}",
        f"SEQUENCE:{int(event.updated_at.timestamp()) - int(event.created_at.timestamp())}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
