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

BID_PARTS = ("bid_eligibility", "bid_answers", "bid_rates", "bid_commitments", "bid_documents", "bid_members")
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
    assert read["opportunity_criteria"] == 1
    assert not any(read[child] for child in OPPORTUNITY_CHILDREN)
    # Nothing of the bid or the opportunity is read lazily: the lock's statement loads all the snapshot needs
    # (the organisation and its case studies are read by the supplier pages' access check and the snapshot).
    assert set(lazy) <= {"Membership.organisation", "Organisation.case_studies"}
    assert own_bid(opportunity, organisation).submission_count == 1


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
