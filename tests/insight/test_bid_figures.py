"""Opportunities and bids in the insight figures: counted once bidding has closed, never before (bids are
sealed until the deadline, their number included).

The market: on 1 June 2026 a buyer turns notice N (Estates Mission) into opportunity O1, closing in three
weeks, and publishes O2 from scratch, closing in six. Kentish Clean (SME, local) submits a bid for O1; Big
Systems plc (large, not local) starts one and never sends it; Estate Builders CIC (SME, VCSE, local) submits a
bid for O2. The clock then stands after O1 closes and before O2 does.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace import clock
from marketplace.insight import drilldown, figures, funnel
from marketplace.insight.periods import Month, Window
from marketplace.insight.scope import EVERYTHING, Scope
from tests.factories import create_admin, create_buyer, sign_in
from tests.insight.factories import LARGE, LOCAL, SME, at, publish, supplier
from tests.notices.factories import create_mission, create_notice
from tests.opportunities.factories import create_opportunity, start_bid, submit_bid

JUNE = Month(2026, 6)


@pytest.fixture
def market(app):
    at(2026, 6, 1)
    buyer = create_buyer()
    estates = create_mission("Estates Mission")
    kentish = supplier("Kentish Clean", size=SME, vcse=False, postcode=LOCAL, categories=["90"], areas=["gospel-oak"])
    big = supplier("Big Systems plc", size=LARGE, vcse=False, postcode="E8 3RL", categories=["90"], areas=["kilburn"])
    cic = supplier("Estate Builders CIC", size=SME, vcse=True, postcode=LOCAL, categories=["45"], areas=["kilburn"])
    for organisation in (kentish, big, cic):
        publish(organisation)
    notice = create_notice(buyer, title="Estate cleaning", mission_id=estates.id, categories=["90"])
    o1 = create_opportunity(buyer, notice=notice, closes_at=datetime(2026, 6, 22, 11, tzinfo=UTC))
    o2 = create_opportunity(buyer, closes_at=datetime(2026, 7, 13, 11, tzinfo=UTC))
    submit_bid(o1, kentish)
    start_bid(o1, big)
    submit_bid(o2, cic)
    clock.freeze(datetime(2026, 6, 25, 12, tzinfo=UTC))
    return {"notice": notice, "o1": o1, "o2": o2, "estates": estates, "kentish": kentish, "big": big}


def _june() -> Window:
    return Window("month", "June 2026", JUNE.start, clock.now())


def _month(values, name):
    return values["headline"]["by_window"]["month"][name]


def test_opportunities_published_count_both(market):
    assert _month(figures.compute(JUNE), "opportunities") == 2


def test_only_bids_whose_deadline_has_passed_are_counted(market):
    # Kentish Clean's bid for O1 (closed); Estate Builders' bid for O2 is still sealed; Big Systems never sent one.
    assert _month(figures.compute(JUNE), "bids") == {"total": 1, "sme": 1, "vcse": 0, "local": 1, "other": 0}


def test_a_sealed_bid_is_counted_once_its_deadline_passes(market):
    clock.freeze(datetime(2026, 7, 14, 12, tzinfo=UTC))
    july = figures.compute(Month(2026, 7))
    assert _month(july, "bids") == {"total": 1, "sme": 1, "vcse": 1, "local": 1, "other": 0}


def test_a_mission_narrows_opportunities_to_its_own(market):
    values = figures.compute(JUNE, Scope(mission_id=market["estates"].id))
    assert _month(values, "opportunities") == 1


def test_the_funnel_follows_the_notice_to_bids_started_and_submitted(market):
    steps = {step.key: step.counts for step in funnel.compute(EVERYTHING, _june())}
    assert steps["bid_started"].total == 2
    assert steps["bid_submitted"].as_dict() == {"total": 1, "sme": 1, "vcse": 0, "local": 1, "other": 0}


def test_a_supplier_bidding_for_two_opportunities_from_one_notice_counts_once_per_step(market):
    # The buyer splits notice N into a second lot, O3: Kentish Clean bids again and Big Systems sends this one.
    at(2026, 6, 2)
    o3 = create_opportunity(create_buyer(), notice=market["notice"], closes_at=datetime(2026, 6, 23, 11, tzinfo=UTC))
    submit_bid(o3, market["kentish"])
    submit_bid(o3, market["big"])
    clock.freeze(datetime(2026, 6, 25, 12, tzinfo=UTC))
    steps = {step.key: step.counts for step in funnel.compute(EVERYTHING, _june())}
    assert steps["bid_started"].total == 2
    assert steps["bid_submitted"].as_dict() == {"total": 2, "sme": 1, "vcse": 0, "local": 1, "other": 1}


def test_the_funnel_counts_no_bid_before_the_deadline(market):
    clock.freeze(datetime(2026, 6, 21, 12, tzinfo=UTC))
    steps = {step.key: step.counts for step in funnel.compute(EVERYTHING, _june())}
    assert steps["bid_started"].total == 0 and steps["bid_submitted"].total == 0


def test_an_admin_can_list_the_bids_behind_the_count(market):
    request = drilldown.Request(figure="bids", window=_june(), scope=EVERYTHING)
    listing = drilldown.listing(request)
    assert listing is not None
    assert [row["organisation"] for row in listing.rows] == ["Kentish Clean"]


def test_an_admin_can_list_the_opportunities_behind_the_count(market):
    request = drilldown.Request(figure="opportunities", window=_june(), scope=EVERYTHING)
    listing = drilldown.listing(request)
    assert listing is not None and listing.total == 2 and listing.kind == "opportunities"


def test_the_admin_page_shows_the_new_rows(market, client):
    sign_in(client, create_admin())
    page = client.get("/admin/insight").text
    assert "Opportunities published" in page and "Bids submitted (counted when bidding closes)" in page
    assert "Bid submitted" in page
