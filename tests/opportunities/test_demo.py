"""`flask demo load` adds opportunities built through the services: one from the Estates Mission notice,
a mini-competition on a framework lot, and a closed one with a dozen submitted bids (some joint)."""

from __future__ import annotations

import pytest

from marketplace.demo.services import load_demo_data
from marketplace.opportunities import demo, queries, rules
from marketplace.opportunities.bids import sealing

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def test_demo_opportunities(demo_app):
    with demo_app.test_request_context():
        load_demo_data()  # a second time: idempotent
    listed = queries.list_public_for_export()
    opportunities = {o.title: o for o in listed}
    assert len(opportunities) == len(listed)  # loading twice made nothing twice
    from_notice = opportunities["Safer estates: lighting and door entry works"]
    assert from_notice.notice_id is not None and rules.is_open(from_notice)
    mini = opportunities[demo.MINI_COMPETITION]
    assert mini.who_may_bid == "lot" and mini.lot_id == demo.CLEANING_LOT and rules.is_open(mini)
    closed = opportunities[demo.CLOSED]
    assert rules.has_closed(closed) and not rules.bids_opened(closed)
    assert sealing.count_submitted(closed.id) == 12
    # And evaluation's three, one at each stage (the insight history adds its own, tendered month by month):
    from marketplace import clock
    from marketplace.evaluation import demo as evaluation_demo
    from marketplace.evaluation import queries as evaluation_queries
    from marketplace.evaluation import rules as evaluation_rules

    awarded, standstill, moderation = (
        opportunities[t] for t in (evaluation_demo.AWARDED, evaluation_demo.STANDSTILL, evaluation_demo.MODERATION)
    )
    award = evaluation_queries.public_award(awarded.id)
    assert evaluation_rules.standstill_over(award, clock.now()) and evaluation_queries.contract_for(awarded.id)
    assert evaluation_rules.in_standstill(evaluation_queries.public_award(standstill.id), clock.now())
    assert evaluation_queries.current_award(moderation.id) is None and not evaluation_queries.consensus(moderation.id)
    assert all(m.scores_submitted_at for m in evaluation_queries.evaluators(moderation.id))
