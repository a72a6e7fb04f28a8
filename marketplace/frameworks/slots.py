"""What frameworks add to lower domains' pages and documents (see marketplace/slots.py).

A supplier's profile shows the frameworks it is on; its search document lists their lots, which buyers can
filter the supplier search on.
"""

from __future__ import annotations

from flask import Flask

from marketplace import slots
from marketplace.frameworks import queries

PROFILE_BADGES = "suppliers.profile.badges"


def register(app: Flask) -> None:
    from marketplace.suppliers.search.params import LOT_LABELS
    from marketplace.suppliers.search_documents import FRAMEWORK_LOTS

    slots.fill(app, PROFILE_BADGES, profile_badges)
    slots.fill(app, LOT_LABELS, queries.list_lot_labels)
    slots.fill(app, FRAMEWORK_LOTS, queries.list_framework_lots_for_organisations)


def profile_badges(organisation, **_) -> slots.Panel | None:
    """The frameworks (and lots) an organisation is on."""
    if organisation is None or organisation.id is None:
        return None
    memberships = queries.list_framework_memberships(organisation.id)
    return slots.Panel("frameworks/_profile_badges.html", {"memberships": memberships}) if memberships else None
