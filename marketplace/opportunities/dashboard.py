"""What the buyer dashboard (pages/) shows about opportunities: their own, with bid counts (never content)."""

from __future__ import annotations

from marketplace.opportunities import queries
from marketplace.opportunities.bids import sealing


def buyer_opportunities(user) -> dict:
    opportunities = queries.list_managed(user)[:10]
    return {"opportunities": opportunities, "counts": sealing.submitted_counts([o.id for o in opportunities])}
