"""Opportunities, bids and awards by category (CPV division) and by mission, and the engagement funnel of one
opportunity: hand-counted, and no bid counted before its opportunity's deadline, for anyone.

The market (clock from 1 June 2026): Kentish Clean (SME, local), Big Systems plc (large, elsewhere: other) and
Estate Builders CIC (SME, VCSE, local).
  N1 (Estates Mission, divisions 90 and 45) grows into O1, closing 22 June; Kentish Clean registered interest
     in N1. Kentish Clean and Estate Builders submit bids for O1; Big Systems starts one and never sends it.
  O2 (no mission, division 90) is published from scratch, closing 13 July; Big Systems submits a bid.
  N3 (Estates Mission, division 45) grows into O3, closing 22 June: Bidder 0 and Bidder 1 submit bids, Bidder 0
     is awarded it and the contract is entered after standstill, early in July.
The clock then stands an hour after the contract was entered: O1 and O3 have closed, O2 has not.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from flask import current_app

from marketplace import clock
from marketplace.evaluation import services as evaluation_services
from marketplace.fields import london_to_utc
from marketplace.insight import funnel, queries
from marketplace.insight.periods import Month, Window
from marketplace.insight.scope import EVERYTHING, Scope
from tests.evaluation.factories import approved_award, evaluation_world, through_moderation
from tests.factories import create_admin, create_buyer, sign_in
from tests.insight.factories import LARGE, LOCAL, SME, at, publish, supplier
from tests.notices.factories import create_mission, create_notice, register_interest
from tests.opportunities.factories import create_opportunity, start_bid, submit_bid

JUNE = Month(2026, 6)


def _counts(total, sme, vcse, local, other):
    return {"total": total, "sme": sme, "vcse": vcse, "local": local, "other": other}


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
    n1 = create_notice(buyer, title="Estate cleaning", mission_id=estates.id, categories=["90", "45"])
    register_interest(n1, kentish)
    o1 = create_opportunity(buyer, notice=n1, closes_at=datetime(2026, 6, 22, 11, tzinfo=UTC))
    o2 = create_opportunity(buyer, closes_at=datetime(2026, 7, 13, 11, tzinfo=UTC), categories=["90"])
    submit_bid(o1, kentish)
    start_bid(o1, big)
    submit_bid(o1, cic)
    submit_bid(o2, big)
    n3 = create_notice(buyer, title="Estate roofs", mission_id=estates.id, categories=["45"])
    world = evaluation_world(notice=n3)  # O3: closes 22 June and the clock moves past it
    through_moderation(world, {"Bidder 0": 3, "Bidder 1": 2})
    award = approved_award(world)
    clock.freeze(london_to_utc(award.standstill_ends + timedelta(days=1), time(10)))
    with current_app.test_request_context():
        evaluation_services.record_contract(
            world.opportunity,
            world.owner,
            value=Decimal("80000"),
            start_date=award.standstill_ends + timedelta(days=30),
            end_date=award.standstill_ends + timedelta(days=400),
        )
    clock.freeze(clock.now() + timedelta(hours=1))
    winner = next(o for o in world.organisations if o.id == award.organisation_id)
    return {"o1": o1, "o2": o2, "o3": world.opportunity, "estates": estates, "winner": winner}


def _since_june() -> Window:
    return Window("range", "June 2026 on", JUNE.start, clock.now())


def _awarded_to(winner) -> dict[str, int]:
    sme, vcse, local = int(bool(winner.is_sme)), int(bool(winner.is_vcse)), int(bool(winner.based_in_borough))
    return _counts(1, sme, vcse, local, int(not (sme or vcse or local)))


def test_each_division_counts_its_opportunities_closed_bids_and_awards(market):
    rows = queries.opportunities_by_division(_since_june(), EVERYTHING)
    # 90: O1 and O2 published, O1 closed with 2 submitted bids (Big Systems' O2 bid is sealed, its O1 bid unsent).
    assert {key: rows["90"][key] for key in ("opportunities", "closed", "bids")} == {
        "opportunities": 2,
        "closed": 1,
        "bids": 2,
    }
    assert rows["90"]["awards"].total == 0
    # 45: O1 and O3, both closed, 2 bids each; O3 awarded.
    assert {key: rows["45"][key] for key in ("opportunities", "closed", "bids")} == {
        "opportunities": 2,
        "closed": 2,
        "bids": 4,
    }
    assert rows["45"]["awards"].as_dict() == _awarded_to(market["winner"])


def test_each_mission_counts_its_opportunities_bids_and_awards(market):
    rows = queries.opportunities_by_mission(_since_june(), EVERYTHING)
    estates = rows[market["estates"].id]
    assert (estates["opportunities"], estates["closed"], estates["bids"]) == (2, 2, 4)
    assert estates["awards"].as_dict() == _awarded_to(market["winner"])
    assert (rows[None]["opportunities"], rows[None]["closed"], rows[None]["bids"]) == (1, 0, 0)


def test_no_bid_counts_in_a_breakdown_before_its_deadline(market):
    clock.freeze(datetime(2026, 6, 21, 12, tzinfo=UTC))
    rows = queries.opportunities_by_division(_since_june(), EVERYTHING)
    assert rows["45"]["bids"] == 0 and rows["45"]["closed"] == 0 and rows["90"]["bids"] == 0


def test_a_sealed_bid_counts_once_its_deadline_passes(market):
    clock.freeze(datetime(2026, 7, 14, 12, tzinfo=UTC))
    rows = queries.opportunities_by_mission(_since_june(), EVERYTHING)
    assert (rows[None]["closed"], rows[None]["bids"]) == (1, 1)


def test_the_funnel_of_an_opportunity_from_a_notice_follows_its_notice_then_its_own_bids(market):
    steps = {step.key: step.counts for step in funnel.compute(Scope(opportunity_id=market["o1"].id), _since_june())}
    assert list(steps) == ["published", "interest", "attended", "asked", "bid_started", "bid_submitted", "awarded"]
    assert steps["published"].total == 1 and steps["interest"].as_dict() == _counts(1, 1, 0, 1, 0)
    assert steps["bid_started"].total == 3  # not O3's bidders, though N3 shares the mission
    assert steps["bid_submitted"].as_dict() == _counts(2, 2, 1, 2, 0)
    assert steps["awarded"].total == 0


def test_the_funnel_of_an_awarded_opportunity_ends_with_its_winner(market):
    steps = {step.key: step.counts for step in funnel.compute(Scope(opportunity_id=market["o3"].id), _since_june())}
    assert (steps["bid_started"].total, steps["bid_submitted"].total) == (2, 2)
    assert steps["awarded"].as_dict() == _awarded_to(market["winner"])


def test_the_funnel_of_an_opportunity_from_scratch_starts_at_publication_and_waits_for_its_deadline(market):
    scope = Scope(opportunity_id=market["o2"].id)
    steps = funnel.compute(scope, _since_june())
    assert [(step.key, step.counts.total) for step in steps] == [
        ("opportunity_published", 1),
        ("bid_started", 0),  # sealed until 13 July
        ("bid_submitted", 0),
        ("awarded", 0),
    ]
    clock.freeze(datetime(2026, 7, 14, 12, tzinfo=UTC))
    submitted = {step.key: step.counts for step in funnel.compute(scope, _since_june())}["bid_submitted"]
    assert submitted.as_dict() == _counts(1, 0, 0, 0, 1)


def test_an_admin_picks_an_opportunity_from_the_list_and_sees_its_funnel(client, market):
    sign_in(client, create_admin())
    listing = client.get("/admin/insight/list/opportunities?from=2026-06").soup
    link = next(a["href"] for a in listing.select("main a") if f"opportunity={market['o2'].id}" in a["href"])
    page = client.get(link).text
    assert "Showing one opportunity" in page and "published without a notice" in page
    assert "Opportunity published" in page and "Notice published" not in page


def test_the_admin_page_shows_opportunities_bids_and_awards_by_category_and_mission(client, market):
    sign_in(client, create_admin())
    soup = client.get("/admin/insight").soup
    captions = [caption.get_text(strip=True) for caption in soup.select("main caption")]
    assert "Opportunities, bids and awards per category (CPV division)" in captions
    assert "Opportunities, bids and awards per council mission" in captions
    table = next(t for t in soup.select("main table") if "per council mission" in t.caption.get_text())
    estates = next(row for row in table.select("tr") if row.th and row.th.get_text(strip=True) == "Estates Mission")
    # 2 published, 4 bids, 2.0 bids per opportunity, 1 contract
    assert [td.get_text(strip=True) for td in estates.select("td")][:4] == ["2", "4", "2.0", "1"]


def test_the_public_page_suppresses_the_small_counts_and_their_ratio(client, market):
    soup = client.get("/insight").soup
    table = next(t for t in soup.select("main table") if "per category" in t.caption.get_text())
    cells = [td.get_text(strip=True) for td in table.select("td")]
    assert cells and all(cell in ("fewer than 5", "–") for cell in cells), cells


def test_a_category_filter_narrows_the_opportunities_to_those_in_the_division(market):
    rows = queries.opportunities_by_division(_since_june(), Scope(division="45"))
    assert rows["45"]["opportunities"] == 2  # O1 and O3
    assert rows["90"]["opportunities"] == 1  # O1 is in both divisions; O2 is not in 45
