"""The buyer's side: from a notice or from scratch, the task list, award criteria weights and the
timetable rules with exact messages, publishing, corrections with change notes, extending, cancelling,
and opening the bids after the deadline (audited, receipts verified)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from marketplace import clock
from marketplace.audit.models import AuditEvent
from marketplace.mail.models import OutboxEmail
from marketplace.opportunities import queries
from tests.factories import create_admin, create_buyer, create_organisation, owner_of, sign_in
from tests.notices.factories import create_notice, register_interest
from tests.opportunities.factories import close, create_opportunity, own_bid, start_bid, submit_bid


def _date_fields(prefix: str, day: date, at: str) -> dict:
    return {f"{prefix}_on": [str(day.day), str(day.month), str(day.year)], f"{prefix}_time": at}


def test_turning_a_notice_into_an_opportunity_copies_it_links_both_ways_and_tells_the_interested(client, app):
    buyer = create_buyer()
    notice = create_notice(buyer)
    interested = create_organisation(published=True)
    register_interest(notice, interested)
    sign_in(client, buyer)
    page = client.get("notices.show", notice_id=notice.id)
    button = page.soup.find("a", string=lambda s: s and "Turn into an opportunity" in s)
    page = client.follow(client.submit(client.get(button["href"]), expected=302))
    opportunity = queries.for_notice(notice.id)[0]
    assert opportunity.title == notice.title and [o.text for o in opportunity.outcomes] == [
        o.text for o in notice.outcomes
    ]
    assert opportunity.category_codes == notice.category_codes and opportunity.contact_email == notice.contact_email
    create_opportunity(buyer, notice=None)  # another, unrelated
    from marketplace.opportunities import services
    from tests.opportunities.factories import details, task_answers, timetable

    with app.test_request_context():
        values = details()
        values.pop("title")
        values.update(timetable(clock.now() + timedelta(days=20)))
        services.save(opportunity, buyer, *task_answers(opportunity, values))
        services.publish(opportunity, buyer)
    email = OutboxEmail.query.filter(OutboxEmail.subject.startswith("Now open for bids")).one()
    assert email.recipient == owner_of(interested).email
    assert f"/opportunities/{opportunity.id}" in email.body and email.body.count("http://127.0.0.1:5000/") == 1
    assert opportunity.title in client.get("notices.show", notice_id=notice.id).text
    assert notice.title in client.get("opportunities.show", opportunity_id=opportunity.id).text


def test_a_new_draft_starts_with_criteria_adding_up_to_100_and_a_task_list(client, app):
    sign_in(client, create_buyer())
    page = client.follow(client.submit(client.get("opportunities.new"), title="Window cleaning", expected=302))
    assert page.heading == "Window cleaning"
    assert [
        item.get_text(" ", strip=True).split(" ")[0] for item in page.soup.select(".govuk-task-list__name-and-hint")
    ]
    assert "Award criteria" in page.text and "Check and publish" in page.text


@pytest.mark.parametrize(
    ("weights", "messages"),
    [
        (("50", "10", "30"), ["The weights add up to 90%. They must add up to 100%"]),
        (("", "10", "90"), ["Enter a weight for ‘How you will achieve the outcomes’"]),
        (("0", "10", "90"), ["The weight for ‘How you will achieve the outcomes’ must be more than 0"]),
        (
            ("12.5", "10", "77.5"),
            [
                "The weight for ‘How you will achieve the outcomes’ must be a whole number, like 20",
                "The weight for ‘Price’ must be a whole number, like 20",
            ],
        ),
        (("-10", "10", "100"), ["The weight for ‘How you will achieve the outcomes’ must be more than 0"]),
    ],
)
def test_weights_must_be_whole_numbers_above_0_adding_up_to_100(client, app, weights, messages):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer, published=False)
    sign_in(client, buyer)
    page = client.get("opportunities.weights", opportunity_id=opportunity.id)
    fields = {f"weight_{c.id}": value for c, value in zip(opportunity.criteria, weights)}
    page = client.submit(page, **fields, expected=200)
    assert page.error_summary == messages
    for name, value in fields.items():
        assert page.value_of(name) == value  # what was typed is kept


def test_weights_adding_up_to_100_are_saved(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer, published=False)
    sign_in(client, buyer)
    page = client.get("opportunities.weights", opportunity_id=opportunity.id)
    fields = {f"weight_{c.id}": value for c, value in zip(opportunity.criteria, ("60", "10", "30"))}
    client.submit(page, **fields, expected=302)
    assert [c.weight for c in queries.get_opportunity(opportunity.id).criteria] == [60, 10, 30]


# Published on Monday 14 December 2026 at 9am; Christmas and Boxing Day (substitute 28th) are bank holidays.
PUBLISHED = datetime(2026, 12, 14, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    ("questions", "answers", "closes", "errors"),
    [
        # Bids close Tuesday 29 Dec: 2 working days before is Wednesday 23 Dec (24th is 1 working day).
        (date(2026, 12, 23), date(2026, 12, 24), date(2026, 12, 29), []),
        (
            date(2026, 12, 24),
            date(2026, 12, 24),
            date(2026, 12, 29),
            ["Questions must close at least 2 working days before bids close: 23 December 2026 at the latest"],
        ),
        (
            date(2026, 12, 23),
            date(2026, 12, 28),
            date(2026, 12, 29),
            ["Answers must be published at least 1 working day before bids close: 24 December 2026 at the latest"],
        ),
        (
            date(2026, 12, 16),
            date(2026, 12, 17),
            date(2026, 12, 23),
            [
                "Bids must close at least 10 days after the opportunity is published: "
                "24 December 2026 at the earliest if you publish now"
            ],
        ),
    ],
)
def test_timetable_rules_in_working_days(client, app, questions, answers, closes, errors):
    clock.freeze(PUBLISHED)
    buyer = create_buyer()
    opportunity = create_opportunity(buyer, published=False)
    sign_in(client, buyer)
    page = client.get("opportunities.timetable", opportunity_id=opportunity.id)
    fields = {
        **_date_fields("questions_close", questions, "5pm"),
        **_date_fields("answers_by", answers, "5pm"),
        **_date_fields("closes", closes, "12pm"),
        "expected_award_date": ["1", "2", "2027"],
    }
    page = client.submit(page, **fields, expected=200 if errors else 302)
    assert page.error_summary == errors if errors else page.status == 302


def test_publishing_needs_every_task_complete(client, app):
    buyer = create_buyer()
    sign_in(client, buyer)
    client.submit(client.get("opportunities.new"), title="Half done", expected=302)
    opportunity = queries.list_managed(buyer)[0]
    page = client.get("opportunities.preview", opportunity_id=opportunity.id)
    assert "Enter at least one essential requirement" in page.text and not page.soup.select("form[method=post]")


def test_a_correction_is_a_dated_change_note_and_bidders_are_told(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    bidder = create_organisation(published=True)
    start_bid(opportunity, bidder)
    sign_in(client, buyer)
    page = client.get("opportunities.about", opportunity_id=opportunity.id)
    client.submit(page, summary="A corrected summary.", change_note="We fixed a typo", expected=302)
    page = client.get("opportunities.show", opportunity_id=opportunity.id)
    assert "changed summary. We fixed a typo" in page.text
    email = OutboxEmail.query.filter(OutboxEmail.subject.startswith("Opportunity changed")).one()
    assert email.recipient == owner_of(bidder).email and "We fixed a typo" in email.body


def test_requirements_and_criteria_cannot_change_once_published(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    sign_in(client, buyer)
    client.get("opportunities.requirements", opportunity_id=opportunity.id, expected=404)
    client.get("opportunities.weights", opportunity_id=opportunity.id, expected=404)


def test_the_deadline_can_be_extended_but_never_shortened(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    sign_in(client, buyer)
    earlier = (opportunity.closes_at - timedelta(days=1)).date()
    page = client.submit(
        client.get("opportunities.extend", opportunity_id=opportunity.id),
        **_date_fields("closes", earlier, "12pm"),
        expected=200,
    )
    assert page.error_summary == ["The new closing date must be later than the current one"]
    later = (opportunity.closes_at + timedelta(days=7)).date()
    client.submit(page, **_date_fields("closes", later, "12pm"), expected=302)
    assert queries.get_opportunity(opportunity.id).closes_at.date() == later


def test_cancelling_needs_a_reason_and_a_confirmation_and_tells_bidders(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    bidder = create_organisation(published=True)
    submit_bid(opportunity, bidder)
    sign_in(client, buyer)
    page = client.submit(client.get("opportunities.cancel", opportunity_id=opportunity.id), expected=200)
    assert page.error_summary == [
        "Enter why you are cancelling",
        "Confirm that you understand the opportunity cannot be reopened",
    ]
    client.submit(page, reason="The budget was withdrawn", confirm="yes", expected=302)
    assert queries.get_opportunity(opportunity.id).status == "cancelled"
    email = OutboxEmail.query.filter(OutboxEmail.subject.startswith("Opportunity cancelled")).one()
    assert "The budget was withdrawn" in email.body


def test_before_the_deadline_the_buyer_sees_only_how_many_have_submitted(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    for _ in range(3):
        submit_bid(opportunity, create_organisation(published=True))
    start_bid(opportunity, create_organisation(published=True))
    sign_in(client, buyer)
    page = client.get("opportunities.bids", opportunity_id=opportunity.id)
    assert "3 organisations have submitted a bid" in page.text and "sealed" in page.text
    assert not page.soup.select("form[method=post]")


def test_opening_after_the_deadline_is_audited_and_each_receipt_verified(client, app):
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    bidders = [create_organisation(published=True) for _ in range(2)]
    for organisation in bidders:
        submit_bid(opportunity, organisation)
    close(opportunity)
    sign_in(client, buyer)
    page = client.submit(client.get("opportunities.bids", opportunity_id=opportunity.id), expected=302)
    page = client.follow(page)
    assert page.text.count("Verified") == 2
    event = AuditEvent.query.filter_by(action="opportunity.bids_opened").one()
    assert event.actor_id == buyer.id and event.details == {"bids": 2, "verified": 2}
    bid = own_bid(opportunity, bidders[0])
    page = client.get("opportunities.opened_bid", opportunity_id=opportunity.id, bid_id=bid.id)
    assert "We will work with residents" in page.text and bid.receipt_code in page.text


def test_a_snapshot_changed_behind_the_receipt_is_shown_as_not_verified(client, app):
    from marketplace.extensions import db

    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    organisation = create_organisation(published=True)
    submit_bid(opportunity, organisation)
    bid = own_bid(opportunity, organisation)
    tampered = dict(bid.submission)
    tampered["price"] = {"kind": "lump-sum", "total": "1.00"}
    bid.submission = tampered
    db.session.commit()
    close(opportunity)
    sign_in(client, buyer)
    page = client.follow(client.submit(client.get("opportunities.bids", opportunity_id=opportunity.id), expected=302))
    assert "Does not match its receipt" in page.text


def test_an_admin_can_never_open_or_read_bids(client, app):
    opportunity = create_opportunity()
    submit_bid(opportunity, create_organisation(published=True))
    close(opportunity)
    sign_in(client, create_admin())
    page = client.get("opportunities.bids", opportunity_id=opportunity.id)
    assert "Only the buyer who owns this opportunity can open the bids" in page.text
    client.post(
        "opportunities.bids", opportunity_id=opportunity.id, data={"csrf_token": client.csrf_token()}, expected=200
    )
    assert queries.get_opportunity(opportunity.id).opened_at is None
