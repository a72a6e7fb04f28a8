"""`flask demo load` carries three opportunities through evaluation: awarded with a contract (standstill
over), in standstill, and in moderation."""

from __future__ import annotations

from marketplace import clock
from marketplace.evaluation import demo, queries, rules
from marketplace.evaluation.models import PanelMember
from marketplace.extensions import db
from marketplace.opportunities.queries import list_public_for_export
from tests.factories import PASSWORD, create_admin, create_buyer, create_organisation


def test_demo_evaluations_show_every_stage(app):
    create_buyer(email="buyer@camden.gov.uk")
    create_admin()
    for _ in range(5):
        create_organisation(published=True)
    with app.test_request_context():
        assert demo.load_demo_evaluations(password=PASSWORD)
        assert not demo.load_demo_evaluations(password=PASSWORD)  # idempotent
    found = {o.title: o for o in list_public_for_export()}
    awarded, standstill, moderation = (found[t] for t in (demo.AWARDED, demo.STANDSTILL, demo.MODERATION))
    award = queries.public_award(awarded.id)
    assert rules.standstill_over(award, clock.now()) and queries.contract_for(awarded.id) is not None
    assert rules.in_standstill(queries.public_award(standstill.id), clock.now())
    assert queries.current_award(moderation.id) is None and not queries.consensus(moderation.id)
    submitted = db.session.scalars(db.select(PanelMember).where(PanelMember.opportunity_id == moderation.id)).all()
    assert all(m.scores_submitted_at for m in submitted if m.role == "evaluator")
