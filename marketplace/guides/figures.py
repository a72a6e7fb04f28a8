"""Figures for editors and admins: each guide's views, usefulness and review state, and how many suppliers
that read a guide went on to submit a bid (`readers_who_bid`, for the supply-base insight to reuse)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from marketplace.guides import display, queries
from marketplace.guides.models import Guide
from marketplace.opportunities.bids import sealing


@dataclass(frozen=True)
class GuideRow:
    guide: Guide
    review: display.ReviewDates
    views: int
    useful: int
    not_useful: int
    readers_who_bid: int


def readers_then_bid(first_reads: dict[int, datetime]) -> set[int]:
    """Organisations whose first bid submission came after their first reading."""
    submissions = sealing.first_submissions(list(first_reads))
    return {org for org, read_at in first_reads.items() if org in submissions and submissions[org] > read_at}


@dataclass(frozen=True)
class ReadersWhoBid:
    readers: int
    went_on_to_bid: int


def readers_who_bid(guide_id: int | None = None) -> ReadersWhoBid:
    """Supplier organisations that read a guide (or this guide), and how many of them then submitted a bid."""
    reads = queries.first_reads(guide_id)
    return ReadersWhoBid(len(reads), len(readers_then_bid(reads)))


def guide_rows() -> list[GuideRow]:
    views, feedback = queries.view_counts(), queries.feedback_counts()
    rows = []
    for guide in queries.list_all():
        useful, not_useful = feedback.get(guide.id, (0, 0))
        rows.append(
            GuideRow(
                guide,
                display.review_dates(guide),
                views.get(guide.id, 0),
                useful,
                not_useful,
                readers_who_bid(guide.id).went_on_to_bid,
            )
        )
    # Overdue reviews first, then due soon, then by title.
    order = {"overdue": 0, "due-soon": 1}
    return sorted(rows, key=lambda row: (order.get(row.review.state or "", 2), row.guide.title.lower()))
