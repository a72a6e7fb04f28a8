"""Every notice and event page renders for the people who may see it (a broad first check)."""

from __future__ import annotations

from tests.events.factories import create_event, register
from tests.factories import create_admin, create_buyer, create_organisation, owner_of, sign_in
from tests.notices.factories import create_notice, register_interest


def test_public_pages_render(client):
    notice = create_notice()
    event = create_event(notice=notice)
    for endpoint, values in [
        ("notices.index", {}),
        ("notices.show", {"notice_id": notice.id}),
        ("events.index", {}),
        ("events.show", {"event_id": event.id}),
        ("pages.home", {}),
    ]:
        client.get(endpoint, **values)


def test_buyer_pages_render(client):
    buyer = create_buyer()
    notice = create_notice(buyer)
    event = create_event(notice=notice)
    sign_in(client, buyer)
    for endpoint in [
        "notices.dashboard",
        "notices.new_notice",
        "events.dashboard",
        "events.new_event",
        "pages.dashboard",
    ]:
        client.get(endpoint)
    for endpoint in [
        "notices.edit_notice",
        "notices.preview",
        "notices.documents",
        "notices.interest_list",
        "notices.questions",
        "notices.close_notice",
        "notices.withdraw_notice",
    ]:
        client.get(endpoint, notice_id=notice.id)
    for endpoint in [
        "events.edit_event",
        "events.preview",
        "events.attendees",
        "events.follow_up",
        "events.cancel_event",
    ]:
        client.get(endpoint, event_id=event.id)


def test_supplier_pages_render(client):
    organisation = create_organisation(published=True)
    notice = create_notice()
    event = create_event(notice=notice)
    register_interest(notice, organisation, partnering=True, offer="A team of 12")
    register(event, organisation)
    sign_in(client, owner_of(organisation))
    client.get("suppliers.dashboard")
    client.get("notices.alerts")
    for endpoint in ["notices.show", "notices.register_interest", "notices.partners", "notices.ask_question"]:
        client.get(endpoint, notice_id=notice.id)
    for endpoint in ["events.show", "events.change_registration", "events.cancel_registration"]:
        client.get(endpoint, event_id=event.id)


def test_admin_pages_render(client):
    sign_in(client, create_admin())
    client.get("notices.missions")
