"""Matching opportunities for each supplier's existing daily alert digest (which lives in
`notices/alerts`): the same matching as for notices, by category (either way round) or ward."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, or_, select

from marketplace.extensions import db
from marketplace.notices.choices import WHOLE_BOROUGH
from marketplace.opportunities.models import PUBLISHED, Opportunity, OpportunityCategory, OpportunityWard


def matching(subscription, organisation, *, published_after: datetime, published_by: datetime) -> list[Opportunity]:
    matches = []
    codes = [category.code for category in organisation.categories]
    if subscription.match_categories and codes:
        prefix = [OpportunityCategory.code.startswith(code, autoescape=True) for code in codes]
        prefix += [OpportunityCategory.code == code[:length] for code in codes for length in range(2, len(code))]
        matches.append(exists().where(OpportunityCategory.opportunity_id == Opportunity.id, or_(*prefix)))
    wards = [ward.ward for ward in organisation.wards]
    if subscription.match_wards and (wards or organisation.serves_whole_borough):
        condition = [OpportunityWard.opportunity_id == Opportunity.id]
        if not organisation.serves_whole_borough:
            condition.append(OpportunityWard.ward.in_([*wards, WHOLE_BOROUGH]))
        matches.append(exists().where(*condition))
    if not matches:
        return []
    statement = (
        select(Opportunity)
        .where(
            Opportunity.status == PUBLISHED,
            Opportunity.published_at > published_after,
            Opportunity.published_at <= published_by,
            Opportunity.closes_at > published_by,
            or_(*matches),
        )
        .order_by(Opportunity.published_at, Opportunity.id)
    )
    return list(db.session.scalars(statement))
