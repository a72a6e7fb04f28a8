"""What evaluation adds to lower domains' pages (providers in `panels.py`), registered by the app factory:
the opportunity page (public award, standstill countdown, the bidder's status, the panel's links), the
bidder's own bid, the supplier profile (council contracts won) and the opportunity's OCDS release."""

from __future__ import annotations

from flask import Flask

from marketplace import slots
from marketplace.evaluation import ocds, panels


def register(app: Flask) -> None:
    slots.fill(app, "opportunities.show.evaluation", panels.opportunity_panel)
    slots.fill(app, "opportunities.bid.evaluation", panels.bid_panel)
    slots.fill(app, "suppliers.profile.badges", panels.contracts_won_panel)
    slots.fill(app, "opportunities.release.award", ocds.award_release_parts)
