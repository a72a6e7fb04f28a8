"""Awards and contracts in the insight figures: contracts entered and their value by the winner's group (shares
by count and by value), and the engagement funnel's last step, from notice to award."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from flask import current_app

from marketplace import clock
from marketplace.evaluation import services
from marketplace.fields import london_to_utc
from marketplace.insight import figures, funnel
from marketplace.insight.periods import Month, Window
from marketplace.insight.scope import EVERYTHING, Scope
from tests.evaluation.factories import approved_award, evaluation_world, through_moderation
from tests.factories import create_admin, sign_in
from tests.notices.factories import create_notice


@pytest.fixture
def awarded(app):
    notice = create_notice(title="Estate door entry")
    world = evaluation_world(notice=notice)
    through_moderation(world, {"Bidder 0": 3, "Bidder 1": 2})
    award = approved_award(world)
    assert award.standstill_ends is not None
    clock.freeze(london_to_utc(award.standstill_ends + timedelta(days=1), time(10)))
    with current_app.test_request_context():
        services.record_contract(
            world.opportunity,
            world.owner,
            value=Decimal("95000.40"),
            start_date=award.standstill_ends + timedelta(days=30),
            end_date=award.standstill_ends + timedelta(days=760),
        )
    clock.freeze(clock.now() + timedelta(hours=1))  # figures count up to now, not including it
    winner = next(o for o in world.organisations if o.id == award.organisation_id)
    return {"world": world, "winner": winner, "notice": notice}


def _this_month(values, name):
    return values["headline"]["by_window"]["month"][name]


def test_a_contract_counts_for_its_winners_groups(awarded):
    winner = awarded["winner"]
    contracts = _this_month(figures.compute(Month.current()), "contracts")
    assert contracts["total"] == 1
    assert contracts["sme"] == int(bool(winner.is_sme)) and contracts["vcse"] == int(bool(winner.is_vcse))


def test_contracted_value_is_in_whole_pounds_by_group(awarded):
    value = _this_month(figures.compute(Month.current()), "contract_value")
    assert value["total"] == 95000
    assert value["sme"] == (95000 if awarded["winner"].is_sme else 0)


def test_a_scope_that_misses_the_opportunity_counts_no_contract(awarded):
    other = create_notice(title="Something else")
    values = figures.compute(Month.current(), Scope(notice_id=other.id))
    assert _this_month(values, "contracts")["total"] == 0 and _this_month(values, "contract_value")["total"] == 0


def test_the_funnel_ends_with_the_supplier_awarded(awarded):
    start = Month.current().minus(2).start
    steps = {step.key: step.counts.total for step in funnel.compute(EVERYTHING, Window("r", "r", start, clock.now()))}
    assert steps["bid_submitted"] == 2 and steps["awarded"] == 1


def test_the_admin_page_shows_contracts_and_value(awarded, client):
    sign_in(client, create_admin())
    page = client.get("/admin/insight").text
    assert "Contracts awarded" in page and "Contracted value (£, excluding VAT)" in page and "95,000" in page
