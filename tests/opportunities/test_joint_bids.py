"""Joint bids: the lead adds partners (from the notice's partner list or any organisation), each
confirms through a signed link, partners read the bid but cannot change it, the bid lists every member."""

from __future__ import annotations

from marketplace.mail.models import OutboxEmail
from marketplace.opportunities.bids import joint
from tests.factories import create_organisation, owner_of, sign_in
from tests.notices.factories import create_notice, register_interest
from tests.opportunities.factories import add_partner, complete_bid, create_opportunity, own_bid


def test_the_lead_adds_a_partner_from_the_notices_partner_list_who_confirms_by_signed_link(client, app):
    notice = create_notice()
    partner = create_organisation(published=True, name="Gospel Oak Youth Trust")
    register_interest(notice, partner, partnering=True, offer="We run resident sessions")
    opportunity = create_opportunity(notice=notice)
    lead = create_organisation(published=True)
    complete_bid(opportunity, lead)
    sign_in(client, owner_of(lead))
    page = client.get("opportunities.partners", opportunity_id=opportunity.id)
    assert "Gospel Oak Youth Trust" in page.text and "We run resident sessions" in page.text
    client.post(
        "opportunities.partners",
        opportunity_id=opportunity.id,
        data={"csrf_token": client.csrf_token(), "organisation": str(partner.id), "role": "Resident sessions"},
        expected=302,
    )
    email = OutboxEmail.query.filter(OutboxEmail.subject.startswith("Confirm your joint bid")).one()
    assert email.recipient == owner_of(partner).email
    link = next(line for line in email.body.splitlines() if "/bids/partners/" in line).strip()
    assert link.startswith("http://127.0.0.1:5000/")
    page = client.get("opportunities.review", opportunity_id=opportunity.id)
    assert "Every partner must confirm" in page.text

    partner_client = type(client)(app)
    sign_in(partner_client, owner_of(partner))
    page = partner_client.get(link.removeprefix("http://127.0.0.1:5000"))
    assert "has asked Gospel Oak Youth Trust to bid together" in page.text
    partner_client.submit(page, accept="Confirm we are a partner", expected=302)
    page = partner_client.get("opportunities.bid", opportunity_id=opportunity.id)
    assert page.heading.startswith("Joint bid led by") and "We will work with residents" in page.text
    assert not page.soup.select("form[method=post]")  # read-only
    partner_client.get(
        "opportunities.price", opportunity_id=opportunity.id, expected=302
    )  # no editing: sent to eligibility
    page = client.get("opportunities.review", opportunity_id=opportunity.id)
    assert "Gospel Oak Youth Trust" in page.text and "Every partner must confirm" not in page.text


def test_someone_else_cannot_answer_a_partner_link(client, app):
    opportunity = create_opportunity()
    lead, partner, stranger = (create_organisation(published=True) for _ in range(3))
    bid = complete_bid(opportunity, lead)
    member = add_partner(bid, partner, confirm=False)
    with app.test_request_context():
        token = joint.tokens.make_token(joint.PURPOSE, {"member": member.id, "organisation": partner.id})
    sign_in(client, owner_of(stranger))
    page = client.get("opportunities.confirm_partner", token=token)
    assert "Sign in as someone in that organisation" in page.text and not page.soup.select("form[method=post]")


def test_a_forged_or_tampered_link_is_refused(client):
    client.get("opportunities.confirm_partner", token="not-a-real-token", expected=404)


def test_a_partner_cannot_also_bid_alone(client, app):
    opportunity = create_opportunity()
    lead, partner = create_organisation(published=True), create_organisation(published=True)
    add_partner(complete_bid(opportunity, lead), partner, confirm=True)
    sign_in(client, owner_of(partner))
    page = client.get("opportunities.show", opportunity_id=opportunity.id)
    assert "partner in the joint bid" in page.text
    assert own_bid(opportunity, partner) is None
