"""Sealed until the deadline: every route, as every role, before the closing instant, after it, and
after the buyer opens the bids. Canary strings planted in two bids (answers, price, commitments,
attachment titles and bytes) must appear only where the rule allows:

* the bidding organisation and its confirmed partner: always;
* the owning buyer: only once the bids are opened, after the closing instant;
* anyone else (admins, other buyers, other suppliers, a pending partner, the public): never.

Log lines are checked too. And a structural check: no module but `bids/sealing.py` selects bids.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest

from marketplace import clock
from marketplace.opportunities.bids import joint, opening
from marketplace.opportunities.bids import services as bid_services
from marketplace.storage import check_upload
from tests.factories import create_admin, create_buyer, create_organisation, owner_of, sign_in
from tests.helpers import PageClient
from tests.opportunities.factories import add_partner, complete_bid, create_opportunity

LEAD_CANARIES = [
    "CANARY-ANSWER-7f3a",
    "987,654",
    "987654",
    "CANARY-COMMIT-9b1c",
    "CANARY-FILE-2d4e",
    "CANARY-BYTES-5c5c",
]
OTHER_CANARIES = ["OTHER-ANSWER-1e1e", "123,321", "123321"]
PHASES = ("before close", "after close", "after opening")


def _attach(bid, user, title: str, marker: str) -> None:
    data = b"%PDF-1.4\n% " + marker.encode() + b"\n%%EOF\n"
    checked = check_upload(data, filename="method.pdf", max_bytes=1_000_000)
    bid_services.add_document(bid, user, title=title, checked=checked)


@pytest.fixture
def world(app):
    owner, other_buyer, admin = create_buyer(), create_buyer(), create_admin()
    lead, partner, pending, other, bystander = (create_organisation(published=True) for _ in range(5))
    opportunity = create_opportunity(owner)
    with app.test_request_context():
        bid = complete_bid(opportunity, lead, answer="Our approach CANARY-ANSWER-7f3a", price="987654.32")
        bid_services.add_commitment(
            bid, owner_of(lead), theme="jobs", measure="CANARY-COMMIT-9b1c", quantity=5, unit="people", period="a year"
        )
        _attach(bid, owner_of(lead), "CANARY-FILE-2d4e", "CANARY-BYTES-5c5c")
    add_partner(bid, partner, confirm=True)
    with app.test_request_context():
        bid_services.submit(opportunity, lead, owner_of(lead))
    pending_member = add_partner(bid, pending, confirm=False)  # invited after submitting: not yet confirmed
    complete_bid(opportunity, other, answer="Another approach OTHER-ANSWER-1e1e", price="123321")
    with app.test_request_context():
        bid_services.submit(opportunity, other, owner_of(other))
        token = joint.tokens.make_token(joint.PURPOSE, {"member": pending_member.id, "organisation": pending.id})
    users = {
        "anonymous": None,
        "owning buyer": owner,
        "other buyer": other_buyer,
        "admin": admin,
        "lead supplier": owner_of(lead),
        "confirmed partner": owner_of(partner),
        "pending partner": owner_of(pending),
        "other bidder": owner_of(other),
        "supplier without a bid": owner_of(bystander),
    }
    lead_bid = bid_services.sealing.own_bid(bid_services.sealing.Viewer(None, lead.id, "supplier"), opportunity.id)
    other_bid = bid_services.sealing.own_bid(bid_services.sealing.Viewer(None, other.id, "supplier"), opportunity.id)
    values = {
        "opportunity_id": [opportunity.id],
        "bid_id": [lead_bid.id, other_bid.id],
        "document_id": [d.id for d in lead_bid.documents] + [d.id for d in other_bid.documents] or [1],
        "criterion_id": [c.id for c in opportunity.criteria],
        "commitment_id": [c.id for c in lead_bid.commitments],
        "organisation_id": [lead.id, other.id],
        "notice_id": [1],
        "token": [token],
    }
    return {"opportunity": opportunity, "users": users, "values": values, "owner": owner}


def _urls(app, values) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        combos: list[dict] = [{}]
        for argument in rule.arguments:
            choices = values.get(argument, ["x" if argument in ("slug", "section_slug", "filename") else 1])
            combos = [{**combo, argument: choice} for combo in combos for choice in choices]
        with app.test_request_context():
            from flask import url_for

            for combo in combos:
                try:
                    urls.append(url_for(rule.endpoint, **combo))
                except Exception:  # an argument type this walk cannot fill
                    continue
    return sorted(set(urls))


def _allowed(role: str, phase: str) -> tuple[bool, bool]:
    """(may see the lead's bid, may see the other bid)."""
    if role in ("lead supplier", "confirmed partner"):
        return True, False
    if role == "other bidder":
        return False, True
    if role == "owning buyer" and phase == "after opening":
        return True, True
    return False, False


def _leaks(body: str, canaries: list[str]) -> list[str]:
    return [canary for canary in canaries if canary in body]


@pytest.mark.slow
@pytest.mark.postgres_only  # every route x role x phase: ~5,000 requests; the rule is in the query layer
def test_no_route_shows_any_bid_content_to_anyone_not_allowed(app, world, caplog):
    caplog.set_level(logging.DEBUG)
    opportunity = world["opportunity"]
    urls = _urls(app, world["values"])
    assert any("/bids/" in url for url in urls) and any("/bid/" in url for url in urls)
    clients = {}
    for role, user in world["users"].items():
        clients[role] = PageClient(app)
        if user is not None:
            sign_in(clients[role], user)
    problems, seen = [], dict.fromkeys(world["users"], False)
    for phase in PHASES:
        if phase == "before close":
            clock.freeze(opportunity.closes_at - timedelta(hours=1))
        elif phase == "after close":
            clock.freeze(opportunity.closes_at + timedelta(seconds=1))
        else:
            with app.test_request_context():
                opening.open_bids(opportunity, world["owner"])
        for role, client in clients.items():
            may_lead, may_other = _allowed(role, phase)
            for url in urls:
                if url.endswith("/sign-out"):
                    continue
                body = client.raw(url).get_data(as_text=True)
                lead_leaks, other_leaks = _leaks(body, LEAD_CANARIES), _leaks(body, OTHER_CANARIES)
                if lead_leaks and not may_lead or other_leaks and not may_other:
                    problems.append(f"{phase}, {role}: {url} shows {lead_leaks + other_leaks}")
                seen[role] = seen[role] or bool(lead_leaks or other_leaks)
    clock.freeze(None)
    assert not problems, "\n".join(problems[:30])
    # The walk really reaches the content where it is allowed (so the test is not passing by accident).
    assert seen["lead supplier"] and seen["confirmed partner"] and seen["owning buyer"] and seen["other bidder"]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not _leaks(logged, LEAD_CANARIES + OTHER_CANARIES)


def test_no_module_but_sealing_selects_bids():
    """A new view cannot forget the rule: every query of bids lives in bids/sealing.py."""
    root = Path(__file__).resolve().parents[2] / "marketplace"
    pattern = re.compile(
        r"select\((Bid|BidAnswer|BidRate|BidCommitment|BidDocument|BidEligibility)\b|session\.get\(Bid"
    )
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "sealing.py" and pattern.search(path.read_text())
    ]
    assert offenders == []
