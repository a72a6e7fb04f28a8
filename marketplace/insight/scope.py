"""What an admin narrowed the figures to (a mission, a CPV division, one notice or one opportunity), as SQL
conditions.

A mission or a division narrows notices to those tagged with it, and narrows suppliers to those the
filter concerns: suppliers offering the division, or suppliers who registered interest in one of the
mission's notices (a mission has no suppliers of its own). One opportunity narrows notices to the one it
grew from (none if it was published from scratch) and suppliers to those who registered interest in that
notice or bid for the opportunity once bidding closed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, or_, select, true

from marketplace.insight.sql import division_of
from marketplace.notices.models import PUBLIC_STATUSES, Interest, Notice, NoticeCategory
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.models import PUBLIC_STATUSES as OPPORTUNITY_PUBLIC_STATUSES
from marketplace.opportunities.models import Opportunity, OpportunityCategory
from marketplace.suppliers.models import PUBLISHED, Organisation, OrganisationCategory


@dataclass(frozen=True)
class Scope:
    mission_id: int | None = None
    division: str | None = None
    notice_id: int | None = None
    opportunity_id: int | None = None

    @property
    def is_everything(self) -> bool:
        return self.mission_id is None and self.division is None and self.notice_id is None and not self.one_opportunity

    @property
    def one_opportunity(self) -> bool:
        return self.opportunity_id is not None

    def query_args(self) -> dict[str, str]:
        args = {
            "mission": self.mission_id,
            "category": self.division,
            "notice": self.notice_id,
            "opportunity": self.opportunity_id,
        }
        return {key: str(value) for key, value in args.items() if value is not None}


EVERYTHING = Scope()


def notice_conditions(scope: Scope) -> ColumnElement[bool]:
    """Notices anyone can see (published, closed or withdrawn) within the scope."""
    conditions: list[ColumnElement[bool]] = [Notice.status.in_(PUBLIC_STATUSES), Notice.published_at.is_not(None)]
    if scope.notice_id is not None:
        conditions.append(Notice.id == scope.notice_id)
    if scope.opportunity_id is not None:
        conditions.append(Notice.id.in_(select(Opportunity.notice_id).where(Opportunity.id == scope.opportunity_id)))
    if scope.mission_id is not None:
        conditions.append(Notice.mission_id == scope.mission_id)
    if scope.division is not None:
        conditions.append(
            exists().where(NoticeCategory.notice_id == Notice.id, division_of(NoticeCategory.code) == scope.division)
        )
    return and_(*conditions)


def opportunity_conditions(scope: Scope) -> ColumnElement[bool]:
    """Opportunities anyone can see (published, cancelled after publication, awarded) within the scope: one
    notice narrows to the opportunity that grew from it; a mission or division to opportunities tagged so."""
    conditions: list[ColumnElement[bool]] = [
        Opportunity.status.in_(OPPORTUNITY_PUBLIC_STATUSES),
        Opportunity.published_at.is_not(None),
    ]
    if scope.notice_id is not None:
        conditions.append(Opportunity.notice_id == scope.notice_id)
    if scope.opportunity_id is not None:
        conditions.append(Opportunity.id == scope.opportunity_id)
    if scope.mission_id is not None:
        conditions.append(Opportunity.mission_id == scope.mission_id)
    if scope.division is not None:
        conditions.append(
            exists().where(
                OpportunityCategory.opportunity_id == Opportunity.id,
                division_of(OpportunityCategory.code) == scope.division,
            )
        )
    return and_(*conditions)


def supplier_conditions(scope: Scope) -> ColumnElement[bool]:
    """Suppliers the scope concerns (any state; callers add 'published')."""
    conditions: list[ColumnElement[bool]] = []
    if scope.division is not None:
        conditions.append(
            exists().where(
                OrganisationCategory.organisation_id == Organisation.id,
                division_of(OrganisationCategory.code) == scope.division,
            )
        )
    if scope.mission_id is not None or scope.notice_id is not None:
        engaged = select(Interest.organisation_id).join(Notice, Notice.id == Interest.notice_id)
        if scope.mission_id is not None:
            engaged = engaged.where(Notice.mission_id == scope.mission_id)
        if scope.notice_id is not None:
            engaged = engaged.where(Notice.id == scope.notice_id)
        conditions.append(Organisation.id.in_(engaged))
    if scope.opportunity_id is not None:
        facts = sealing.closed_bid_facts()
        bidders = select(facts.c.organisation_id).where(facts.c.opportunity_id == scope.opportunity_id)
        interested = (
            select(Interest.organisation_id)
            .join(Opportunity, Opportunity.notice_id == Interest.notice_id)
            .where(Opportunity.id == scope.opportunity_id)
        )
        conditions.append(or_(Organisation.id.in_(bidders), Organisation.id.in_(interested)))
    return and_(true(), *conditions)


def published_suppliers(scope: Scope) -> ColumnElement[bool]:
    return and_(Organisation.status == PUBLISHED, Organisation.published_at.is_not(None), supplier_conditions(scope))
