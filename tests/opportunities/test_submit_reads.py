"""A bid submit reads what it snapshots once, under the row lock, and nothing it does not use: not the
opportunity's children other than its criteria, not the bid's parts before the lock (the lock re-reads them)."""

from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import event
from sqlalchemy.orm import Session

from tests.factories import create_organisation, owner_of, sign_in
from tests.opportunities.factories import add_partner, complete_bid, create_opportunity, own_bid, start_bid
from tests.platform.test_list_pages_query_counts import counted_queries

BID_PARTS = ("bid_eligibility", "bid_answers", "bid_commitments", "bid_documents", "bid_members")
OPPORTUNITY_CHILDREN = (
    "opportunity_outcomes",
    "opportunity_requirements",
    "opportunity_categories",
    "opportunity_wards",
)


def _tables_read(statements: list[str]) -> Counter:
    """How many statements select rows of each table (the first FROM: not the sealing rule's EXISTS)."""
    return Counter(
        match.group(1)
        for statement in statements
        if statement.lstrip().upper().startswith("SELECT") and (match := re.search(r"\bFROM (\w+)", statement))
    )


def _submit(app, client, opportunity):
    page = client.get("opportunities.review", opportunity_id=opportunity.id)
    lazy: list[str] = []

    def record_lazy_loads(state):
        if state.is_relationship_load and state.lazy_loaded_from is not None:
            lazy.append(f"{type(state.lazy_loaded_from.obj()).__name__}.{state.loader_strategy_path[-1].key}")

    event.listen(Session, "do_orm_execute", record_lazy_loads)
    try:
        with counted_queries(app) as statements:
            client.submit(page, expected=302)
    finally:
        event.remove(Session, "do_orm_execute", record_lazy_loads)
    return statements, lazy


def test_a_submit_reads_each_part_of_the_bid_once_under_the_lock(client, app):
    opportunity = create_opportunity()
    organisation = create_organisation(published=True)
    complete_bid(opportunity, organisation)
    sign_in(client, owner_of(organisation))
    statements, lazy = _submit(app, client, opportunity)
    read = _tables_read(statements)
    assert {part: read[part] for part in BID_PARTS} == dict.fromkeys(BID_PARTS, 1)
    assert read["bids"] == 1 and read["bid_rates"] == 0  # the bid's row once (locked); a lump sum needs no rates
    # The opportunity with its criteria joined, then its own row again under the lock (its status and deadline).
    assert read["opportunities"] == 2 and read["opportunity_criteria"] == 0
    assert not any(read[child] for child in OPPORTUNITY_CHILDREN)
    # Nothing of the bid or the opportunity is read lazily: the lock's statement loads all the snapshot needs
    # (the organisation and its case studies are read by the supplier pages' access check and the snapshot).
    assert set(lazy) <= {"Membership.organisation", "Organisation.case_studies"}
    assert own_bid(opportunity, organisation).submission_count == 1


def test_a_day_rate_submit_reads_the_rates_once_with_the_bid(client, app):
    roles = [{"role": "Surveyor", "days": 20}]
    opportunity = create_opportunity(price_kind="day-rate", roles=roles)
    organisation = create_organisation(published=True)
    complete_bid(opportunity, organisation)
    sign_in(client, owner_of(organisation))
    statements, lazy = _submit(app, client, opportunity)
    assert _tables_read(statements)["bid_rates"] == 1 and "Bid.rates" not in lazy
    assert own_bid(opportunity, organisation).submission["price"]["total"] == "1990000.00"


def test_submitting_without_a_bid_goes_to_the_eligibility_questions(client, app):
    started, not_started = create_opportunity(), create_opportunity()
    organisation = create_organisation(published=True)
    complete_bid(started, organisation)
    sign_in(client, owner_of(organisation))
    _, fields = client.get("opportunities.review", opportunity_id=started.id).form_fields(0)
    page = client.post(
        "opportunities.review", {k: v[0] for k, v in fields.items()}, expected=302, opportunity_id=not_started.id
    )
    assert page.location.endswith(f"/opportunities/{not_started.id}/bid/eligibility")
    assert own_bid(not_started, organisation) is None


def test_a_joint_bid_submit_reads_the_partners_once(client, app):
    opportunity = create_opportunity()
    lead, partner = create_organisation(published=True), create_organisation(published=True)
    add_partner(start_bid(opportunity, lead), partner)
    complete_bid(opportunity, lead)
    sign_in(client, owner_of(lead))
    statements, lazy = _submit(app, client, opportunity)
    assert _tables_read(statements)["bid_members"] == 1
    submitted = own_bid(opportunity, lead).submission
    assert [member["id"] for member in submitted["members"]] == [lead.id, partner.id]
