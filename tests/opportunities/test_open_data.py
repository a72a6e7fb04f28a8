"""Open data: each published opportunity is an OCDS release at the tender stage, on its notice's ocid,
valid against ../shared/data/ocds-1.1; the JSON API filters as the page does, plus status; the feed."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from marketplace.opportunities import services
from tests.factories import create_buyer, create_organisation
from tests.notices.factories import create_notice
from tests.notices.test_ocds import _errors, _get, validators  # noqa: F401 - the shared schema validators
from tests.opportunities.factories import close, create_opportunity, submit_bid


def test_an_opportunity_is_a_valid_tender_release_on_its_notices_ocid(client, validators):  # noqa: F811
    notice = create_notice()
    opportunity = create_opportunity(
        notice=notice, reserved="sme-vcse", value_low=Decimal(50_000), value_high=Decimal(120_000)
    )
    release = _get(client, f"/opportunities/{opportunity.id}.ocds.json")
    assert _errors(validators["release"], release) == []
    assert _errors(validators["uk"], release) == []
    notice_release = _get(client, f"/notices/{notice.id}.ocds.json")
    assert release["ocid"] == notice_release["ocid"] and release["id"] != notice_release["id"]
    tender = release["tender"]
    assert tender["status"] == "active" and tender["submissionMethod"] == ["electronicSubmission"]
    assert tender["tenderPeriod"]["endDate"].endswith("Z") and tender["enquiryPeriod"]["endDate"]
    assert tender["awardCriteria"] == "ratedCriteria" and "50%" in tender["awardCriteriaDetails"]
    assert "numberOfTenderers" not in tender  # not before the bids have closed


def test_after_close_the_release_counts_tenderers_and_never_shows_a_bid(client, validators):  # noqa: F811
    opportunity = create_opportunity()
    submit_bid(opportunity, create_organisation(published=True), answer="SECRET-ANSWER")
    close(opportunity)
    release = _get(client, f"/opportunities/{opportunity.id}.ocds.json")
    assert _errors(validators["release"], release) == []
    assert release["tender"]["numberOfTenderers"] == 1 and "SECRET-ANSWER" not in json.dumps(release)


def test_a_cancelled_opportunity_is_a_cancelled_tender(client, validators):  # noqa: F811
    buyer = create_buyer()
    opportunity = create_opportunity(buyer)
    with client.app.test_request_context():
        services.cancel(opportunity, buyer, reason="Budget withdrawn")
    release = _get(client, f"/opportunities/{opportunity.id}.ocds.json")
    assert release["tender"]["status"] == "cancelled" and "tenderCancellation" in release["tag"]
    package = _get(client, "/opportunities.ocds.json")
    assert _errors(validators["package"], package) == []


def test_drafts_are_not_open_data(client):
    opportunity = create_opportunity(published=False)
    client.get(f"/opportunities/{opportunity.id}.ocds.json", expected=404)
    client.get(f"/api/v1/opportunities/{opportunity.id}", expected=404)


@pytest.mark.parametrize(
    ("status", "expected"), [("open", ["open"]), ("closed", ["closed"]), ("cancelled", ["cancelled"]), ("awarded", [])]
)
def test_the_api_filters_by_status(client, app, status, expected):
    buyer = create_buyer()
    create_opportunity(buyer, title="Still open")
    cancelled = create_opportunity(buyer, title="Called off")
    with app.test_request_context():
        services.cancel(cancelled, buyer, reason="No budget")
    from datetime import timedelta

    from marketplace import clock

    ended = create_opportunity(buyer, title="Ended", closes_at=clock.now() + timedelta(days=11))
    clock.freeze(ended.closes_at + timedelta(hours=1))
    data = json.loads(client.raw(f"/api/v1/opportunities?status={status}").get_data())
    assert [item["status"] for item in data["opportunities"]] == expected


def test_the_api_refuses_junk_parameters_with_a_400(client):
    create_opportunity()
    for query in (
        "page=-1",
        "page=99999999999999999999",
        "status=<script>",
        "value=x&category=zz&ward=%00",
        "q=" + "x" * 5000,
    ):
        response = client.raw(f"/api/v1/opportunities?{query}")
        assert response.status_code == 400 and response.get_json()["error"]


def test_the_openapi_document_describes_the_opportunities_api(client):
    document = json.loads(client.raw("/api/v1/openapi.json").get_data())
    parameters = {p["name"] for p in document["paths"]["/opportunities"]["get"]["parameters"]}
    assert {"status", "category", "ward", "value", "suitable", "mission", "closing", "q"} <= parameters
    assert "Opportunity" in document["components"]["schemas"]


def test_the_atom_feed_lists_published_opportunities(client):
    opportunity = create_opportunity(title="Feed me")
    create_opportunity(published=False, title="Hidden draft")
    body = client.raw("/opportunities/feed.atom").get_data(as_text=True)
    assert "Feed me" in body and "Hidden draft" not in body and f"/opportunities/{opportunity.id}" in body


def test_the_list_searches_words_through_the_index_and_filters(client):
    create_opportunity(title="Estate gardening and tree care", categories=["77"])
    create_opportunity(title="Door entry repairs", categories=["50"])
    page = client.get("/opportunities?q=gardening")
    assert "Estate gardening" in page.text and "Door entry" not in page.text
    page = client.get("/opportunities?category=50")
    assert "Door entry" in page.text and "Estate gardening" not in page.text
    page = client.get("/opportunities?closing=7d")
    assert "0 opportunities" in page.text
