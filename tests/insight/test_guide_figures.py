"""Insight's guides figure: suppliers who read a guide and later submitted a bid, counted once bidding closed."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app

from marketplace import clock
from marketplace.guides import services as guide_services
from marketplace.insight import figures
from marketplace.insight.periods import Month
from tests.factories import create_admin, create_organisation, owner_of, sign_in
from tests.guides.factories import publish_guide
from tests.opportunities.factories import close, create_opportunity, submit_bid


def _read(guide, organisation) -> None:
    with current_app.test_request_context():
        guide_services.record_view(guide, user_id=owner_of(organisation).id, organisation_id=organisation.id)


def _guides():
    return figures.compute(Month.current())["guides"]


def test_a_reader_who_then_bids_counts_once_bidding_has_closed(app):
    guide = publish_guide()
    reader, other = create_organisation(published=True), create_organisation(published=True)
    _read(guide, reader)
    _read(guide, other)
    clock.freeze(clock.now() + timedelta(minutes=5))
    opportunity = create_opportunity()
    submit_bid(opportunity, reader)
    assert _guides() == {"readers": 2, "went_on_to_bid": 0}  # sealed until the deadline
    close(opportunity)
    assert _guides() == {"readers": 2, "went_on_to_bid": 1}


def test_a_bid_before_the_first_reading_does_not_count(app):
    guide = publish_guide()
    bidder = create_organisation(published=True)
    opportunity = create_opportunity()
    submit_bid(opportunity, bidder)
    clock.freeze(clock.now() + timedelta(minutes=5))
    _read(guide, bidder)
    close(opportunity, after=timedelta(days=1))
    assert _guides() == {"readers": 1, "went_on_to_bid": 0}


def test_the_admin_page_shows_guides_and_bids(app, client):
    sign_in(client, create_admin())
    assert "Suppliers who read a guide" in client.get("/admin/insight").text
