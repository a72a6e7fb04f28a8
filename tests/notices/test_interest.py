"""Registering interest, and the partner list: only for suppliers who registered interest themselves."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from marketplace.notices.interest import queries
from tests.factories import create_buyer, create_organisation, create_user, owner_of, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_notice, register_interest


def _supplier(client, **details):
    organisation = create_organisation(published=True, **details)
    sign_in(client, owner_of(organisation))
    return organisation


def test_supplier_registers_interest_open_to_partnering(client):
    notice = create_notice()
    organisation = _supplier(client)
    page = client.get("notices.register_interest", notice_id=notice.id)
    client.submit(page, partnering="listed", offer="Twelve local cleaners", expected=302)
    interest = queries.get_interest(notice.id, organisation.id)
    assert interest.open_to_partnering and interest.listed and interest.partnering_offer == "Twelve local cleaners"
    assert "Your organisation registered interest" in client.get("notices.show", notice_id=notice.id).text


def test_partnering_needs_what_you_bring(client):
    notice = create_notice()
    _supplier(client)
    page = client.submit(
        client.get("notices.register_interest", notice_id=notice.id), partnering="listed", offer="", expected=200
    )
    assert page.field_error("offer") == "Enter what you would bring to a partnership"


def test_partner_list_only_for_suppliers_who_registered_interest(client, app):
    notice = create_notice()
    listed = create_organisation(published=True, name="Listed Ltd")
    hidden = create_organisation(published=True, name="Quiet Ltd")
    register_interest(notice, listed, partnering=True, offer="Scaffolding")
    register_interest(notice, hidden, partnering=True, offer="Plumbing", listed=False)
    outsider = _supplier(client, name="Outsider Ltd")
    client.get("notices.partners", notice_id=notice.id, expected=403)
    PageClient(app).get("notices.partners", notice_id=notice.id, expected=302)  # signed out: sign in first
    buyer = PageClient(app)
    sign_in(buyer, create_buyer())
    buyer.get("notices.partners", notice_id=notice.id, expected=403)
    register_interest(notice, outsider)
    page = client.get("notices.partners", notice_id=notice.id)
    assert "Listed Ltd" in page.text and "Scaffolding" in page.text
    assert "Quiet Ltd" not in page.text and "Plumbing" not in page.text  # opting out is respected
    assert "Your organisation is not on this list" in page.text


def test_partner_list_of_a_draft_is_not_found(client):
    notice = create_notice(published=False)
    _supplier(client)
    client.get("notices.partners", notice_id=notice.id, expected=404)
    client.get("notices.register_interest", notice_id=notice.id, expected=404)


def test_interest_closes_with_engagement(client):
    notice = create_notice(engagement_closes_at=clock.now() + timedelta(days=1))
    _supplier(client)
    page = client.get("notices.register_interest", notice_id=notice.id)
    clock.freeze(clock.now() + timedelta(days=2))
    client.submit(page, partnering="no", expected=409)
    assert queries.list_interests(notice.id) == []


def test_withdrawing_interest(client):
    notice = create_notice()
    organisation = _supplier(client)
    register_interest(notice, organisation)
    page = client.get("notices.register_interest", notice_id=notice.id)
    client.submit(page, form_index=1, expected=302)
    assert queries.get_interest(notice.id, organisation.id) is None


def test_buyer_sees_who_is_interested(client):
    buyer = create_buyer()
    notice = create_notice(buyer)
    register_interest(
        notice, create_organisation(published=True, name="Keen Ltd"), partnering=True, offer="Roofing", listed=False
    )
    sign_in(client, buyer)
    page = client.get("notices.interest_list", notice_id=notice.id)
    assert "Keen Ltd" in page.text and "Roofing" in page.text and "(not listed)" in page.text
    other = PageClient(client.app)
    sign_in(other, create_buyer())
    other.get("notices.interest_list", notice_id=notice.id, expected=404)


def test_suppliers_without_an_organisation_are_sent_to_set_one_up(client):
    notice = create_notice()
    sign_in(client, create_user())
    assert client.get("notices.register_interest", notice_id=notice.id, expected=302).location == "/supplier/start"
