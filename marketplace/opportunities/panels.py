"""Panels opportunities add to other pages: through slots (`slots.py`) the notice page (its opportunity, and
"Turn into an opportunity" for its buyer) and the alert digest (matching opportunities); and, called directly by
`pages/dashboards.py` (above this domain), the supplier dashboard's bids."""

from __future__ import annotations

from flask import url_for

from marketplace.opportunities import emails, queries, rules
from marketplace.opportunities.alerts import matching
from marketplace.opportunities.bids import sealing
from marketplace.slots import Panel


def notice_panel(*, notice, viewer=None, manager: bool = False, **_) -> Panel | None:
    """The notice's opportunities (published ones for everyone, drafts for its buyer) and the button."""
    opportunities = [o for o in queries.for_notice(notice.id) if rules.is_public(o) or manager]
    can_start = manager and notice.kind == "engagement" and notice.is_public
    if not opportunities and not can_start:
        return None
    return Panel("opportunities/_notice_panel.html", {"opportunities": opportunities, "can_start": can_start})


def digest_panel(*, subscription, organisation, published_after, published_by, **_) -> Panel | None:
    found = matching(subscription, organisation, published_after=published_after, published_by=published_by)
    if not found:
        return None
    items = [(o, emails.link("opportunities.show", opportunity_id=o.id)) for o in found]
    return Panel("emails/opportunities/_digest.txt", {"opportunities": items, "count": len(items)})


def supplier_dashboard_panel(*, user, organisation=None, **_) -> Panel | None:
    if organisation is None:
        return None
    bids = sealing.own_bids(sealing.viewer_for(user))
    return Panel(
        "opportunities/_supplier_dashboard.html",
        {
            "bids": bids,
            "organisation_id": organisation.id,
            "find": url_for("opportunities.index", open_to="me", status="open"),
        },
    )
