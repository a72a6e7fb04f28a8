"""Engagement events: publishing, visibility of joining details, registration, deadlines, calendar files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar

from marketplace import clock
from marketplace.events import queries
from marketplace.links import service_host
from marketplace.mail.queries import list_emails_to
from tests.events.factories import JOINING, create_event, register
from tests.factories import create_buyer, create_organisation, create_user, owner_of, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_notice

FORM = {
    "title": "Meet the buyer: estates repairs",
    "description": "An open briefing.",
    "format": "hybrid",
    "venue_name": "Crowndale Centre",
    "venue_address": "218 Eversholt Street\nLondon NW1 1BD",
    "joining_instructions": JOINING,
    "starts_on": ["10", "7", "2031"],
    "starts_time": "10am",
    "ends_time": "12:30pm",
    "capacity": "40",
    "max_party_size": "2",
    "accessibility": "Step-free access.",
}


def _supplier_client(app, organisation=None):
    organisation = organisation or create_organisation(published=True)
    client = PageClient(app)
    sign_in(client, owner_of(organisation))
    return client, organisation


def test_buyer_creates_an_event_for_a_notice_in_london_time(client):
    buyer = create_buyer()
    notice = create_notice(buyer)
    sign_in(client, buyer)
    page = client.get("events.new_event", notice=notice.id)
    assert page.soup.select_one("#notice option[selected]")["value"] == str(notice.id)
    client.submit(page, **FORM, expected=302)
    event = queries.list_managed_events(buyer)[0]
    assert event.notice_id == notice.id and event.status == "draft"
    assert event.starts_at == datetime(2031, 7, 10, 9, 0, tzinfo=UTC)  # 10am BST
    assert event.ends_at == datetime(2031, 7, 10, 11, 30, tzinfo=UTC)
    assert event.registration_closes_at == event.starts_at
    client.submit(client.follow(), expected=302)
    assert queries.get_event(event.id).status == "published"
    assert (
        "Crowndale Centre" in client.get("notices.show", notice_id=notice.id).text
        or "Meet the buyer" in client.get("notices.show", notice_id=notice.id).text
    )


def test_event_form_errors(client):
    sign_in(client, create_buyer())
    page = client.submit(
        client.get("events.new_event"),
        **{**FORM, "ends_time": "9am", "venue_address": "", "capacity": "many", "starts_on": ["", "", ""]},
        expected=200,
    )
    assert page.field_error("starts_on") == "Enter the date of the event"
    assert page.field_error("venue_address") == "Enter the venue address"
    assert page.field_error("capacity")
    page = client.submit(page, **{**FORM, "ends_time": "9am"}, expected=200)
    assert page.field_error("ends_time") == "The end time must be after the start time"


def test_drafts_are_hidden_and_only_the_owner_manages(client, app):
    event = create_event(published=False)
    client.get("events.show", event_id=event.id, expected=404)
    client.get(f"/events/{event.id}.ics", expected=404)
    other, _ = _supplier_client(app)
    other.get("events.show", event_id=event.id, expected=404)
    sign_in(client, create_buyer())
    client.get("events.edit_event", event_id=event.id, expected=404)
    client.get("events.attendees", event_id=event.id, expected=404)


def test_an_event_for_a_draft_notice_cannot_be_published(client):
    buyer = create_buyer()
    notice = create_notice(buyer, published=False)
    event = create_event(buyer, notice=notice, published=False)
    sign_in(client, buyer)
    assert not client.get("events.preview", event_id=event.id).soup.select("form button")
    client.post("events.preview", {"csrf_token": client.csrf_token()}, event_id=event.id, expected=302)
    assert queries.get_event(event.id).status == "draft"


def test_joining_link_only_for_registered_attendees(client, app):
    event = create_event(capacity=1, max_party_size=1)
    assert "meet.example" not in client.get("events.show", event_id=event.id).html
    registered, holder = _supplier_client(app)
    waiting, waiter = _supplier_client(app)
    register(event, holder)
    register(event, waiter)
    assert "meet.example" in registered.get("events.show", event_id=event.id).html
    assert "meet.example" not in waiting.get("events.show", event_id=event.id).html
    outsider, _ = _supplier_client(app)
    assert "meet.example" not in outsider.get("events.show", event_id=event.id).html
    assert "meet.example" in registered.get(f"/events/{event.id}.ics").html.replace("\r\n ", "")
    assert "meet.example" not in waiting.get(f"/events/{event.id}.ics").html.replace("\r\n ", "")
    assert "meet.example" not in client.get(f"/events/{event.id}.ics").html.replace("\r\n ", "")


def test_supplier_registers_with_names_and_access_needs(app):
    event = create_event()
    supplier, organisation = _supplier_client(app)
    page = supplier.get("events.register", event_id=event.id)
    page = supplier.submit(page, attendees="2", names="Sam Okafor", access_needs="", expected=200)
    assert page.field_error("names") == "Enter 2 names, one per line"
    supplier.submit(page, attendees="2", names="Sam Okafor\nAmina Patel", access_needs="Step-free access", expected=302)
    registration = queries.get_registration(event.id, organisation.id)
    assert registration.status == "registered" and registration.names == ["Sam Okafor", "Amina Patel"]
    assert queries.get_event(event.id).places_taken == 2
    assert any("You are registered" in email.subject for email in list_emails_to(owner_of(organisation).email))


def test_party_size_is_limited(app):
    event = create_event(max_party_size=2)
    supplier, _ = _supplier_client(app)
    page = supplier.submit(
        supplier.get("events.register", event_id=event.id), attendees="3", names="A\nB\nC", expected=200
    )
    assert page.field_error("attendees") == "Enter a number from 1 to 2"


def test_registration_deadline_is_enforced_on_the_server(app):
    event = create_event()
    supplier, organisation = _supplier_client(app)
    page = supplier.get("events.register", event_id=event.id)
    clock.freeze(event.registration_closes_at + timedelta(minutes=1))
    supplier.submit(page, attendees="1", names="Sam", expected=409)
    assert queries.get_registration(event.id, organisation.id) is None


def test_waiting_list_is_promoted_when_someone_cancels(app):
    event = create_event(capacity=2, max_party_size=2)
    first, holder = _supplier_client(app)
    register(event, holder, attendees=2)
    waiter = create_organisation(published=True)
    assert register(event, waiter).status == "waitlisted"
    assert any("waiting list" in email.subject for email in list_emails_to(owner_of(waiter).email))
    first.submit(first.get("events.cancel_registration", event_id=event.id), expected=302)
    assert queries.get_registration(event.id, waiter.id).status == "registered"
    assert queries.get_registration(event.id, holder.id).status == "cancelled"
    assert queries.get_event(event.id).places_taken == 1
    assert any("A place has come up" in email.subject for email in list_emails_to(owner_of(waiter).email))


def test_a_party_too_big_waits_while_smaller_ones_fit(app):
    from marketplace.events import registrations

    event = create_event(capacity=3, max_party_size=3)
    holder = create_organisation(published=True)
    register(event, holder, attendees=1)
    big, small = create_organisation(published=True), create_organisation(published=True)
    register(event, create_organisation(published=True), attendees=2)
    register(event, big, attendees=3)
    register(event, small, attendees=1)
    with app.test_request_context():
        promoted = registrations.cancel(queries.get_registration(event.id, holder.id), owner_of(holder))
    assert [r.organisation_id for r in promoted] == [small.id]
    assert queries.get_registration(event.id, big.id).status == "waitlisted"


def test_raising_capacity_promotes_the_waiting_list(client):
    buyer = create_buyer()
    event = create_event(buyer, capacity=1, max_party_size=1)
    register(event, create_organisation(published=True))
    waiter = create_organisation(published=True)
    register(event, waiter)
    sign_in(client, buyer)
    client.submit(client.get("events.edit_event", event_id=event.id), capacity="2", expected=302)
    assert queries.get_registration(event.id, waiter.id).status == "registered"


def test_capacity_cannot_drop_below_places_taken(client):
    buyer = create_buyer()
    event = create_event(buyer, capacity=5, max_party_size=2)
    register(event, create_organisation(published=True), attendees=2)
    register(event, create_organisation(published=True), attendees=2)
    sign_in(client, buyer)
    page = client.submit(client.get("events.edit_event", event_id=event.id), capacity="3", expected=200)
    assert page.field_error("capacity") == "4 places are already taken: the capacity cannot be less than that"


def test_registering_twice_is_refused(app):
    event = create_event()
    supplier, organisation = _supplier_client(app)
    register(event, organisation)
    assert supplier.get("events.register", event_id=event.id, expected=302).location.endswith("/registration")


def test_calendar_file(client):
    event = create_event(
        title="Meet the buyer, estates; repairs",
        starts_at=datetime(2031, 1, 15, 10, 0, tzinfo=UTC),
        ends_at=datetime(2031, 1, 15, 12, 0, tzinfo=UTC),
        registration_closes_at=datetime(2031, 1, 14, 10, 0, tzinfo=UTC),
    )
    response = client.get(f"/events/{event.id}.ics")
    assert (
        response.headers["Content-Type"].startswith("text/calendar")
        and "attachment" in response.headers["Content-Disposition"]
    )
    body = response.html
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART:20310115T100000Z" in body and "DTEND:20310115T120000Z" in body
    assert "SUMMARY:Meet the buyer\\, estates\\; repairs" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_calendar_file_reads_back_in_a_calendar_library(client):
    event = create_event(
        title="Meet the buyer, estates; repairs \\ lifts",
        format="in-person",
        joining_instructions=None,
        venue_name="Crowndale Centre",
        venue_address="218 Eversholt Street\nLondon NW1 1BD",
        accessibility="Step-free access, a hearing loop; captions.",
        starts_at=datetime(2031, 7, 10, 9, 0, tzinfo=UTC),  # 10am in London (summer time)
        ends_at=datetime(2031, 7, 10, 11, 30, tzinfo=UTC),
        registration_closes_at=datetime(2031, 7, 9, 9, 0, tzinfo=UTC),
    )
    (entry,) = icalendar.Calendar.from_ical(client.get(f"/events/{event.id}.ics").html).walk("VEVENT")
    assert str(entry["summary"]) == "Meet the buyer, estates; repairs \\ lifts"
    assert entry.decoded("dtstart") == datetime(2031, 7, 10, 9, 0, tzinfo=UTC)
    assert entry.decoded("dtstart").astimezone(clock.LONDON).hour == 10
    assert entry.decoded("dtend") == datetime(2031, 7, 10, 11, 30, tzinfo=UTC)
    assert str(entry["location"]) == "Crowndale Centre, 218 Eversholt Street, London NW1 1BD"
    assert str(entry["uid"]) == f"event-{event.id}@{service_host()}"
    assert str(entry["url"]).endswith(f"/events/{event.id}") and str(entry["status"]) == "CONFIRMED"
    assert "Accessibility: Step-free access, a hearing loop; captions." in str(entry["description"]).split("\n")


def test_cancelling_an_event_tells_everyone_registered(client):
    buyer = create_buyer()
    event = create_event(buyer)
    organisation = create_organisation(published=True)
    register(event, organisation)
    sign_in(client, buyer)
    client.submit(client.get("events.cancel_event", event_id=event.id), reason="The venue flooded.", expected=302)
    assert any(
        "Cancelled" in email.subject and "flooded" in email.body
        for email in list_emails_to(owner_of(organisation).email)
    )
    assert "cancelled" in client.get("events.show", event_id=event.id).text.lower()


def test_signed_out_and_buyers_cannot_register(client, app):
    event = create_event()
    assert client.get("events.register", event_id=event.id, expected=302).location.startswith("/sign-in")
    sign_in(client, create_buyer())
    client.get("events.register", event_id=event.id, expected=403)
    supplier = PageClient(app)
    sign_in(supplier, create_user())
    assert supplier.get("events.register", event_id=event.id, expected=302).location == "/supplier/start"
