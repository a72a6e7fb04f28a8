"""The month still running is last month's snapshot plus this month counted live: the same figures as counting
everything afresh while nothing has changed, and past months as they were once something has."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.insight import carry, figures, services, snapshots
from marketplace.insight.periods import Month, windows_for
from marketplace.insight.scope import Scope
from marketplace.suppliers import services as supplier_services
from marketplace.suppliers.commands import AboutAnswers
from tests.factories import create_admin, owner_of, sign_in
from tests.insight.factories import at, build_market_with_bids
from tests.notices.factories import create_notice, register_interest

JULY = Month(2026, 7)
JULY_20TH = datetime(2026, 7, 20, 9, tzinfo=UTC)


@pytest.fixture
def market(app):
    """The hand-counted market of `factories.py` with two opportunities (O1 from N1 closed 1 June: S2 submitted,
    S1 started; O2 from scratch closes 13 July: S3 submitted), then July: a notice N5 with S4's interest, and
    every month to June snapshotted on 2 July."""
    built = build_market_with_bids()
    buyer = built.n1.owner
    at(2026, 7, 2)
    assert [month.key for month in services.take_due_snapshots()][-1] == "2026-06"
    at(2026, 7, 6)
    n5 = create_notice(buyer, mission_id=built.estates.id)
    at(2026, 7, 7)
    register_interest(n5, built.s4)
    clock.freeze(JULY_20TH)
    return built


def _comparable(values: dict) -> dict:
    return {key: value for key, value in values.items() if key not in ("counted_at", "carried_from", "source")}


@pytest.mark.parametrize("public_only", [False, True])
def test_while_nothing_changes_the_carried_figures_are_the_ones_counted_afresh(market, public_only):
    carried = snapshots.figures_for(JULY, public_only=public_only)
    assert carried["carried_from"] == "2026-06"
    assert _comparable(carried) == _comparable(figures.compute(JULY, public_only=public_only))


def test_the_carried_figures_add_this_month_to_the_snapshot(market):
    carried = snapshots.figures_for(JULY)["headline"]["by_window"]
    assert carried["month"]["bids"]["total"] == 1  # S3's, for O2 (closed 13 July)
    assert carried["since-launch"]["bids"]["total"] == 2  # and S2's, for O1 (closed 1 June), as June stored it
    assert carried["month"]["interest"]["total"] == 1 and carried["financial-year"]["notices"] == 3


def test_past_months_keep_their_groups_when_a_supplier_changes_later(market):
    # In July, S1 (an SME that registered interest in N1 in March) says it has 250 staff or more.
    supplier_services.update_about(
        market.s1, owner_of(market.s1), AboutAnswers(staff_band="250+", turnover_band="over-54m")
    )
    carried = snapshots.figures_for(JULY)
    afresh = figures.compute(JULY)
    assert carried["headline"]["by_window"]["since-launch"]["interest"]["sme"] == 5
    assert afresh["headline"]["by_window"]["since-launch"]["interest"]["sme"] == 4
    # What is a state is counted now either way.
    assert carried["headline"]["published"]["sme"] == afresh["headline"]["published"]["sme"] == 2


def test_a_snapshot_of_an_older_version_is_not_carried(market):
    june = snapshots.get_snapshot(Month(2026, 6))
    june.figures = {**june.figures, "version": figures.VERSION - 1}
    db.session.commit()
    counted = snapshots.figures_for(JULY)
    assert "carried_from" not in counted
    assert _comparable(counted) == _comparable(figures.compute(JULY))


@pytest.mark.parametrize("scope_args", [{"first": Month(2026, 5)}, {"scope": "mission"}])
def test_a_range_or_a_filter_is_counted_afresh(market, scope_args):
    if scope_args.get("scope") == "mission":
        counted = snapshots.figures_for(JULY, Scope(mission_id=market.estates.id))
    else:
        counted = snapshots.figures_for(JULY, first=scope_args["first"])
    assert "carried_from" not in counted


def test_in_april_the_financial_year_starts_again():
    month = {"total": 1, "sme": 1, "vcse": 0, "local": 0, "other": 0}
    stored = {"total": 7, "sme": 3, "vcse": 1, "local": 2, "other": 2}

    keys = ("month", "financial-year", "since-launch")

    def headline(values):
        return {"published": values, "by_window": {key: {"interest": values, "notices": 1} for key in keys}}

    before = {"month": "2026-03", "headline": headline(stored), "categories": [], "version": figures.VERSION}
    april = {"month": "2026-04", "headline": headline(month), "categories": []}
    clock.freeze(datetime(2026, 4, 10, tzinfo=UTC))
    added = carry.add(before, april, *windows_for(Month(2026, 4)))["headline"]["by_window"]
    assert added["financial-year"] == {"interest": month, "notices": 1}
    assert added["since-launch"]["interest"] == {"total": 8, "sme": 4, "vcse": 1, "local": 2, "other": 2}
    assert added["since-launch"]["notices"] == 2


def test_the_admin_page_says_which_snapshot_this_month_is_added_to(client, market):
    sign_in(client, create_admin())
    page = client.get("insight.admin")
    assert "adding this month to the figures stored when June 2026 ended" in page.soup.select_one("#counted-at").text
