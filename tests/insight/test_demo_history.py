"""`flask demo load`'s market history tenders too: an opportunity grown from a history notice, bids, an approved
award and, after standstill, the contract (one opportunity in the tests' shortened history)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.evaluation.models import APPROVED, AwardDecision, Contract
from marketplace.extensions import db
from marketplace.opportunities.bids.models import SUBMITTED, Bid
from marketplace.opportunities.models import Opportunity
from marketplace.suppliers.models import PUBLISHED, Organisation

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone

HISTORY = Opportunity.title.like("%: the contract")


def test_the_demo_history_tenders_an_opportunity_through_to_its_contract(demo_app):
    opportunity_ids = list(
        db.session.scalars(select(Opportunity.id).where(HISTORY, Opportunity.notice_id.is_not(None)))
    )
    assert len(opportunity_ids) == 1  # the shortened history (DEMO_HISTORY_MONTHS) keeps the crawls short
    submitted = select(func.count()).where(Bid.opportunity_id.in_(opportunity_ids), Bid.status == SUBMITTED)
    assert (db.session.scalar(submitted) or 0) >= 2
    award = select(AwardDecision.status).where(AwardDecision.opportunity_id.in_(opportunity_ids))
    assert db.session.scalar(award) == APPROVED
    assert db.session.scalar(select(func.count()).where(Contract.opportunity_id.in_(opportunity_ids))) == 1


def test_every_local_demo_supplier_says_which_ward_it_is_based_in(demo_app):
    local = select(func.count()).where(Organisation.status == PUBLISHED, Organisation.based_in_borough.is_(True))
    assert (db.session.scalar(local) or 0) > 0
    assert db.session.scalar(local.where(Organisation.base_ward.is_(None))) == 0
