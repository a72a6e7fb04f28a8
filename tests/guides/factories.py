"""Guides for tests, made through the real services."""

from __future__ import annotations

import itertools

from flask import current_app

from marketplace.guides import services
from marketplace.opportunities import criteria
from marketplace.opportunities import services as opportunity_services
from tests.factories import create_admin, create_buyer
from tests.opportunities.factories import create_opportunity

_sequence = itertools.count(1)
BODY = (
    "## Before you start\n\nRead the opportunity.\n\n## Write your answers\n\nBe specific.\n\n## Submit\n\nOn time.\n"
)


def create_editor():
    """A council buyer given the content editor permission (by a new admin)."""
    buyer = create_buyer()
    services.grant_editor(buyer, granted_by=create_admin())
    return buyer


def guide_values(**overrides) -> dict:
    number = next(_sequence)
    values = {
        "slug": f"guide-{number}",
        "title": f"How to bid {number}",
        "summary": "What to do before, during and after your first bid.",
        "body": BODY,
        "topics": ["how-to-bid"],
        "audience": "suppliers",
        "review_months": 6,
    }
    values.update(overrides)
    return values


def create_guide(author=None, **overrides):
    author = author or create_editor()
    values = guide_values(**overrides)
    values.setdefault("owner_id", author.id)
    return services.create_guide(author, **values)


def publish_guide(guide=None, *, author=None, reviewer=None, kind: str = "major", note: str | None = None, **overrides):
    """Draft (or change), send for review as the author, publish as a second editor."""
    author = author or create_editor()
    guide = guide or create_guide(author, **overrides)
    services.submit_for_review(guide, author, kind=kind, note=note)
    services.publish(guide, reviewer or create_admin())
    return guide


def resident_engagement_opportunity(owner=None, weight_title: str = "How you will engage residents"):
    """A published opportunity whose quality question weights resident engagement (its default 40%)."""
    opportunity = create_opportunity(owner, published=False)
    owner = opportunity.owner
    quality = opportunity.question_criteria[0]
    with current_app.test_request_context():
        criteria.save_question(
            opportunity,
            owner,
            criterion=quality,
            kind=quality.kind,
            title=weight_title,
            guidance="Tell us how residents will shape the work.",
            weight=quality.weight,
            word_limit=quality.word_limit or 500,
        )
        opportunity_services.publish(opportunity, owner)
    return opportunity
