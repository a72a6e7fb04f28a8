"""After the event: the attendee list (CSV), attendance, and materials and Q&A for everyone interested."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from marketplace import clock
from marketplace.events import queries
from marketplace.mail.queries import list_emails_to
from tests.events.factories import create_event, register
from tests.factories import create_buyer, create_organisation, owner_of, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_notice, register_interest
from tests.storage import files


def test_attendee_list_as_csv_is_safe_in_spreadsheets(client):
    buyer = create_buyer()
    event = create_event(buyer)
    organisation = create_organisation(published=True, name='=HYPERLINK("http://evil")')
    register(event, organisation, attendees=2)
    sign_in(client, buyer)
    response = client.get(f"/buyer/events/{event.id}/attendees.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.html.lstrip("\ufeff"))))
    assert (
        rows[0][0] == "Organisation"
        and rows[1][0].startswith("'=")
        and rows[1][1] == "Registered"
        and rows[1][2] == "2"
    )
    other = PageClient(client.app)
    sign_in(other, create_buyer())
    other.get(f"/buyer/events/{event.id}/attendees.csv", expected=404)


def test_buyer_marks_attendance(client):
    buyer = create_buyer()
    event = create_event(buyer)
    came, stayed_away = create_organisation(published=True), create_organisation(published=True)
    register(event, came)
    register(event, stayed_away)
    clock.freeze(event.starts_at + timedelta(minutes=30))
    sign_in(client, buyer)
    page = client.get("events.attendees", event_id=event.id)
    client.submit(page, attended=[str(queries.get_registration(event.id, came.id).id)], expected=302)
    assert queries.get_registration(event.id, came.id).attended is True
    assert queries.get_registration(event.id, stayed_away.id).attended is False


def test_materials_and_qa_go_to_everyone_interested_attendee_or_not(client, app):
    buyer = create_buyer()
    notice = create_notice(buyer)
    event = create_event(notice=notice)
    attendee, interested_only = create_organisation(published=True), create_organisation(published=True)
    register(event, attendee)
    register_interest(notice, interested_only)
    sign_in(client, buyer)
    clock.freeze(event.ends_at + timedelta(hours=1))
    page = client.get("events.follow_up", event_id=event.id)
    client.post(
        "events.follow_up",
        {
            "csrf_token": page.form_fields(0)[1]["csrf_token"][0],
            "title": "Slides",
            "file": (io.BytesIO(files.pdf()), "slides.pdf"),
            "upload": "y",
        },
        event_id=event.id,
        expected=302,
    )
    material = queries.get_event(event.id).materials[0]
    public = PageClient(app)
    public.get(
        "events.download_material", event_id=event.id, material_id=material.id, expected=404
    )  # not yet published
    client.submit(
        client.get("events.follow_up", event_id=event.id),
        form_index=1,
        qa_summary="**Q:** Lots? **A:** Three.",
        publish="y",
        expected=302,
    )
    page = public.get("events.show", event_id=event.id)
    assert "Slides" in page.text and "Three." in page.text
    public.get(f"/events/{event.id}/materials/{material.id}", expected=200)
    for organisation in (attendee, interested_only):
        assert any("Materials and questions" in email.subject for email in list_emails_to(owner_of(organisation).email))


def test_follow_up_waits_for_the_event_to_happen(client):
    buyer = create_buyer()
    event = create_event(buyer)
    sign_in(client, buyer)
    assert "You can publish once the event has taken place" in client.get("events.follow_up", event_id=event.id).text
