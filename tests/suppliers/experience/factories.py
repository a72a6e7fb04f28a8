"""Case studies and commitments, saved through the real services with unique defaults."""

from __future__ import annotations

import itertools
from decimal import Decimal

from marketplace.suppliers.experience import services
from tests.factories import owner_of

_sequence = itertools.count(1)


def create_case_study(organisation, **overrides):
    details = {
        "title": f"Estate cleaning {next(_sequence)}",
        "client": "Camden Council",
        "problem": "Stairwells on the estate were dirty and residents complained.",
        "approach": "We cleaned twice a week with a team from the estate.",
        "outcome": "Complaints fell by half in six months.",
        "resident_engagement": "Monthly walkabouts with the tenants’ association.",
        **overrides,
    }
    return services.add_case_study(organisation, owner_of(organisation), **details)


def create_commitment(organisation, **overrides):
    details = {
        "theme": "social",
        "measure": "Employee volunteering hours on local community projects",
        "quantity": Decimal("200"),
        "unit": "hours",
        "period": "per year",
        "evidence_url": None,
        **overrides,
    }
    return services.add_commitment(organisation, owner_of(organisation), **details)


def csrf_token(page) -> str:
    """The token from one of the supplier's own forms, for posting somewhere they should not."""
    return page.soup.find("input", attrs={"name": "csrf_token"})["value"]
