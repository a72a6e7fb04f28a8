"""Demo guides: the starter guides, linked where the demo data needs them (idempotent)."""

from __future__ import annotations

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.guides import content, queries, services
from marketplace.guides.models import GuidePlacement
from marketplace.guides.recommend import weights_resident_engagement
from marketplace.opportunities.models import SOCIAL_VALUE, AwardCriterion

PROFILE_LINKS = {"social-value": ["onboarding:social_value"], "engaging-residents": ["onboarding:experience"]}


def load_demo_guides(*, owner_email: str) -> None:
    content.load_starter_guides(owner_email=owner_email)
    links = {slug: list(places) for slug, places in PROFILE_LINKS.items()}
    for criterion in db.session.scalars(select(AwardCriterion).order_by(AwardCriterion.id)):
        if weights_resident_engagement(criterion):
            links.setdefault("engaging-residents", []).append(f"opportunity-criterion:{criterion.id}")
        if criterion.kind == SOCIAL_VALUE:
            links.setdefault("social-value", []).append(f"opportunity-criterion:{criterion.id}")
    taken = set(db.session.execute(select(GuidePlacement.guide_id, GuidePlacement.place)).all())
    owner = queries.get_by_slug("social-value")
    actor = owner.owner if owner else None
    for slug, places in links.items():
        guide = queries.get_by_slug(slug)
        if guide is None or actor is None:
            continue
        for place in places:
            if (guide.id, place) not in taken:
                services.add_placement(guide, actor, place=place)
