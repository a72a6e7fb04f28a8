"""A supplier's bid: eligibility first, answers within word limits (refused, not truncated), price,
social value from the profile, explicit submit with a receipt code and email, resubmit, withdraw."""

from __future__ import annotations

from marketplace.mail.models import OutboxEmail
from marketplace.opportunities.bids import receipt
from tests.factories import create_organisation, owner_of, sign_in
from tests.opportunities.factories import complete_bid, create_opportunity, own_bid, submit_bid


def _supplier(client, **details):
    organisation = create_organisation(published=True, **details)
    sign_in(client, owner_of(organisation))
    return organisation


def test_a_no_to_an_essential_requirement_stops_the_bid_with_a_plain_reason_and_help(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    page = client.get("opportunities.eligibility", opportunity_id=opportunity.id)
    first, second = opportunity.essential
    page = client.submit(page, **{f"requirement_{first.id}": "yes", f"requirement_{second.id}": "no"}, expected=200)
    assert page.heading == "You cannot bid for this opportunity"
    assert second.text in page.text and "Bid together with partners" in page.text
    assert own_bid(opportunity, organisation) is None


def test_unanswered_requirements_are_asked_for_with_an_error_summary(client, app):
    opportunity = create_opportunity()
    _supplier(client)
    page = client.submit(client.get("opportunities.eligibility", opportunity_id=opportunity.id), expected=200)
    assert page.error_summary == [
        "Say whether you meet essential requirement 1",
        "Say whether you meet essential requirement 2",
    ]


def test_yes_to_every_requirement_starts_the_bid_at_its_task_list(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    page = client.get("opportunities.eligibility", opportunity_id=opportunity.id)
    answers = {f"requirement_{r.id}": "yes" for r in opportunity.essential}
    page = client.follow(client.submit(page, **answers, expected=302))
    assert page.heading == "Your bid"
    assert organisation.name in page.text and "These come from your profile" in page.text
    assert own_bid(opportunity, organisation).status == "draft"


def test_a_supplier_not_on_the_lot_learns_why_before_any_bid_page(client, app):
    from marketplace.frameworks.demo import load_demo_framework

    with app.test_request_context():
        load_demo_framework()
    opportunity = create_opportunity(who="lot", lot_id="estates-dps/cleaning")
    _supplier(client)
    page = client.get("opportunities.eligibility", opportunity_id=opportunity.id)
    assert page.heading == "You cannot bid for this opportunity"
    assert "mini-competition" in page.text and "Apply to join a council framework" in page.text


def test_only_invited_suppliers_may_bid_when_the_buyer_invites(client, app):
    invited = create_organisation(published=True)
    opportunity = create_opportunity(invited=[invited])
    _supplier(client)
    page = client.get("opportunities.eligibility", opportunity_id=opportunity.id)
    assert "Only suppliers the council invited can bid" in page.text


def test_a_reserved_contract_refuses_a_large_organisation(client, app):
    opportunity = create_opportunity(reserved="sme-vcse")
    _supplier(client, staff_band="250+", turnover_band="over-54m")
    page = client.get("opportunities.eligibility", opportunity_id=opportunity.id)
    assert "reserved for small and medium-sized enterprises" in page.text


def test_an_over_long_answer_is_refused_and_kept_as_typed(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    complete_bid(opportunity, organisation)
    criterion = opportunity.question_criteria[0]
    page = client.get("opportunities.answer", opportunity_id=opportunity.id, criterion_id=criterion.id)
    assert "You can enter up to 500 words" in page.text  # the GOV.UK character count, counting words
    long_answer = " ".join(["word"] * 501)
    page = client.submit(page, answer=long_answer, expected=200)
    assert page.error_summary == [f"{criterion.title} must be 500 words or fewer"]
    assert page.value_of("answer").strip() == long_answer
    assert own_bid(opportunity, organisation).answer_to(criterion.id).startswith("We will work")


def test_social_value_commitments_start_from_the_profile(client, app):
    from decimal import Decimal

    from marketplace.suppliers.experience import services as experience

    organisation = create_organisation(published=True)
    with app.test_request_context():
        experience.add_commitment(
            organisation,
            owner_of(organisation),
            theme="jobs",
            measure="Apprenticeship weeks",
            quantity=Decimal(10),
            unit="weeks",
            period="per year",
            evidence_url=None,
        )
    opportunity = create_opportunity()
    sign_in(client, owner_of(organisation))
    complete_bid(opportunity, organisation)
    page = client.get("opportunities.commitments", opportunity_id=opportunity.id)
    assert page.heading == "Social value commitments"
    bid = own_bid(opportunity, organisation)
    assert [c.measure for c in bid.commitments] == ["Apprenticeship weeks"]
    assert "Apprenticeship weeks" in page.text


def test_submitting_gives_a_receipt_code_on_the_page_and_in_the_email(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    complete_bid(opportunity, organisation)
    page = client.submit(client.get("opportunities.review", opportunity_id=opportunity.id), expected=302)
    page = client.follow(page)
    bid = own_bid(opportunity, organisation)
    assert page.soup.select_one(".govuk-panel__title").get_text(strip=True) == "Bid submitted"
    assert receipt.grouped(bid.receipt_code) in page.text
    assert bid.receipt_code == receipt.code_for(bid.submission)
    email = OutboxEmail.query.filter(OutboxEmail.subject.startswith("Bid received")).one()
    assert receipt.grouped(bid.receipt_code) in email.body and "We will work" not in email.body


def test_a_double_clicked_submit_records_one_submission(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    complete_bid(opportunity, organisation)
    page = client.get("opportunities.review", opportunity_id=opportunity.id)
    client.submit(page, expected=302)
    client.submit(page, expected=302)
    assert own_bid(opportunity, organisation).submission_count == 1
    assert OutboxEmail.query.filter(OutboxEmail.subject.startswith("Bid received")).count() == 1


def test_changing_a_submitted_bid_needs_a_new_submit_with_a_new_code(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    first = submit_bid(opportunity, organisation).receipt_code
    criterion = opportunity.question_criteria[0]
    page = client.get("opportunities.answer", opportunity_id=opportunity.id, criterion_id=criterion.id)
    client.submit(page, answer="A better answer", expected=302)
    assert "changes you have not submitted" in client.get("opportunities.bid", opportunity_id=opportunity.id).text
    assert own_bid(opportunity, organisation).submission["answers"][0]["text"].startswith("We will work")
    client.submit(client.get("opportunities.review", opportunity_id=opportunity.id), expected=302)
    bid = own_bid(opportunity, organisation)
    assert bid.submission_count == 2 and bid.receipt_code != first


def test_withdrawing_and_submitting_again_before_the_deadline(client, app):
    opportunity = create_opportunity()
    organisation = _supplier(client)
    submit_bid(opportunity, organisation)
    client.submit(client.get("opportunities.withdraw", opportunity_id=opportunity.id), expected=302)
    assert own_bid(opportunity, organisation).status == "withdrawn"
    client.submit(client.get("opportunities.review", opportunity_id=opportunity.id), expected=302)
    assert own_bid(opportunity, organisation).status == "submitted"


def test_day_rates_are_priced_per_role_and_totalled(client, app):
    roles = [{"role": "Surveyor", "days": 20}, {"role": "Project manager", "days": 5}]
    opportunity = create_opportunity(price_kind="day-rate", roles=roles)
    organisation = _supplier(client)
    complete_bid(opportunity, organisation)
    page = client.get("opportunities.price", opportunity_id=opportunity.id)
    client.submit(page, rate_0="500", rate_1="650", expected=302)
    page = client.get("opportunities.review", opportunity_id=opportunity.id)
    assert "£13250.00" in page.text.replace(",", "")
