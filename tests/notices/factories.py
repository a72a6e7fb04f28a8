"""Notices, missions and interest for tests, made through the real services."""

from __future__ import annotations

import itertools
from datetime import timedelta
from decimal import Decimal

from flask import current_app

from marketplace import clock
from marketplace.notices import services
from marketplace.notices.interest import services as interest_services
from marketplace.notices.models import ENGAGEMENT
from tests.factories import create_buyer

_sequence = itertools.count(1)


def _request_context():
    return current_app.test_request_context()


def create_mission(name: str | None = None):
    from tests.factories import create_admin

    return services.add_mission(create_admin(), name=name or f"Mission {next(_sequence)}", description=None)


def notice_details(**overrides) -> services.NoticeDetails:
    details = {
        "kind": ENGAGEMENT,
        "title": f"Estate repairs {next(_sequence)}",
        "summary": "We want to hear from small local firms about repairs on our estates.",
        "description": "Residents tell us repairs take too long.",
        "outcomes": ["Residents feel safer on their estate", "Repairs are fixed first time"],
        "categories": ["50"],
        "wards": ["gospel-oak"],
        "value_low": Decimal("100000"),
        "value_high": Decimal("250000"),
        "engagement_closes_at": clock.now() + timedelta(days=30),
        "contact_email": "estates@camden.gov.uk",
        "suitable_sme": True,
    }
    return services.NoticeDetails(**(details | overrides))


def create_notice(owner=None, *, published: bool = True, **overrides):
    owner = owner or create_buyer()
    with _request_context():
        notice = services.create_notice(owner, notice_details(**overrides))
        if published:
            services.publish(notice, owner)
    return notice


def register_interest(
    notice, organisation, user=None, *, partnering: bool = False, offer: str | None = None, listed: bool = True
):
    from tests.factories import owner_of

    user = user or owner_of(organisation)
    with _request_context():
        return interest_services.register_interest(
            notice, organisation, user, open_to_partnering=partnering, offer=offer, listed=listed
        )
