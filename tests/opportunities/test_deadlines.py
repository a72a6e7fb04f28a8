"""The deadline is the server's clock: a submit at the closing instant or later is refused with a clear
page and the draft stays readable to its owner. Boundaries in GMT (winter) and BST (summer)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from marketplace import clock
from marketplace.fields import london_to_utc
from tests.factories import create_organisation, owner_of, sign_in
from tests.opportunities.factories import complete_bid, create_opportunity, own_bid

# Noon London time: 12:00 UTC in GMT (January), 11:00 UTC in BST (July).
CLOSINGS = {
    "GMT": (datetime(2027, 1, 5, 9, tzinfo=UTC), london_to_utc(datetime(2027, 1, 20).date(), time(12))),
    "BST": (datetime(2027, 7, 1, 9, tzinfo=UTC), london_to_utc(datetime(2027, 7, 16).date(), time(12))),
}
MOMENTS = {
    "the last second": -timedelta(seconds=1),
    "the closing instant": timedelta(0),
    "one second after": timedelta(seconds=1),
}


@pytest.mark.parametrize("season", CLOSINGS)
def test_closing_instant_is_noon_london_time(app, season):
    published, closes = CLOSINGS[season]
    clock.freeze(published)
    opportunity = create_opportunity(closes_at=closes)
    assert opportunity.closes_at.hour == (12 if season == "GMT" else 11)


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("season", CLOSINGS)
def test_submitting_at_the_boundary(client, app, season, moment):
    published, closes = CLOSINGS[season]
    clock.freeze(published)
    opportunity = create_opportunity(closes_at=closes)
    organisation = create_organisation(published=True)
    complete_bid(opportunity, organisation)
    sign_in(client, owner_of(organisation))
    page = client.get("opportunities.review", opportunity_id=opportunity.id)
    clock.freeze(closes + MOMENTS[moment])
    response = client.submit(page)
    bid = own_bid(opportunity, organisation)
    if moment == "the last second":
        assert response.status == 302 and bid.status == "submitted" and bid.receipt_code
    else:
        assert response.status == 409
        assert "The deadline for bids has passed" in response.text
        assert bid.status == "draft" and bid.receipt_code is None
        assert "We will work with residents" in response.text  # the draft is still there for its owner


@pytest.mark.parametrize("season", CLOSINGS)
def test_changing_an_answer_at_the_closing_instant_is_refused_and_nothing_changes(client, app, season):
    published, closes = CLOSINGS[season]
    clock.freeze(published)
    opportunity = create_opportunity(closes_at=closes)
    organisation = create_organisation(published=True)
    complete_bid(opportunity, organisation)
    sign_in(client, owner_of(organisation))
    criterion = opportunity.question_criteria[0]
    page = client.get("opportunities.answer", opportunity_id=opportunity.id, criterion_id=criterion.id)
    clock.freeze(closes)
    response = client.submit(page, answer="Changed at the last moment", expected=409)
    assert "The deadline for bids has passed" in response.text
    assert own_bid(opportunity, organisation).answer_to(criterion.id).startswith("We will work")


def test_after_the_deadline_the_bid_is_read_only_and_still_visible_to_its_organisation(client, app):
    published, closes = CLOSINGS["GMT"]
    clock.freeze(published)
    opportunity = create_opportunity(closes_at=closes)
    organisation = create_organisation(published=True)
    from tests.opportunities.factories import submit_bid

    submit_bid(opportunity, organisation)
    clock.freeze(closes + timedelta(days=400))
    sign_in(client, owner_of(organisation))
    page = client.get("opportunities.bid", opportunity_id=opportunity.id)
    assert page.heading == "Your bid" and "read-only" in page.text and "We will work with residents" in page.text
    assert not page.soup.select("form[method=post]")
