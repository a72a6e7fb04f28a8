"""For you: which guides a supplier is recommended, and why (table-driven by profile and activity)."""

from __future__ import annotations

import pytest

from marketplace.guides.recommend import SupplierFacts, reasons


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (SupplierFacts(has_submitted_bid=True, has_commitments=True), []),
        (SupplierFacts(has_submitted_bid=False, has_commitments=True), ["how-to-bid"]),
        (SupplierFacts(is_vcse=True, has_submitted_bid=True, has_commitments=True), ["procurement-act"]),
        (SupplierFacts(is_micro=True, has_submitted_bid=True, has_commitments=True), ["procurement-act"]),
        (SupplierFacts(has_submitted_bid=True, has_commitments=False), ["social-value"]),
        (
            SupplierFacts(has_submitted_bid=True, has_commitments=True, resident_bids=[("Estate cleaning", 40)]),
            ["resident-engagement"],
        ),
        (
            SupplierFacts(is_vcse=True, is_micro=True, resident_bids=[("Estate cleaning", 40)]),
            ["resident-engagement", "how-to-bid", "procurement-act", "social-value"],
        ),
    ],
    ids=["established", "first-time", "vcse", "micro", "no-commitments", "resident-bid", "everything"],
)
def test_recommended_topics(facts, expected):
    assert [topic for topic, _ in reasons(facts)] == expected


def test_each_reason_says_why():
    found = dict(reasons(SupplierFacts(is_vcse=True, resident_bids=[("Estate cleaning", 40)])))
    assert found["resident-engagement"] == (
        "Because you are bidding for ‘Estate cleaning’, which gives 40% of the marks to resident engagement"
    )
    assert "VCSE" in found["procurement-act"]
    assert "not submitted a bid" in found["how-to-bid"]
