"""Each figure against the hand-counted market in `factories.py`, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from marketplace.insight import figures, snapshots
from marketplace.insight.periods import Month
from marketplace.insight.scope import Scope
from tests.insight.factories import build_market

JUNE = Month(2026, 6)


def _counts(total, sme, vcse, local, other):
    return {"total": total, "sme": sme, "vcse": vcse, "local": local, "other": other}


@pytest.fixture
def market(app):
    return build_market()


@pytest.fixture
def june(market):
    return figures.compute(JUNE)


def test_published_profiles_count_only_profiles_published_now(june):
    # S1-S4; S5 was never published and S6 was taken down.
    assert june["headline"]["published"] == _counts(4, 3, 2, 2, 1)


def _by_window(figures, name):
    return {window: values[name] for window, values in figures["headline"]["by_window"].items()}


def test_new_profiles_in_each_window(june):
    assert _by_window(june, "new_profiles") == {
        "month": _counts(2, 1, 1, 0, 1),  # S3, S4
        "financial-year": _counts(3, 2, 2, 1, 1),  # S2, S3, S4
        "since-launch": _counts(4, 3, 2, 2, 1),
    }


def test_notices_published_in_each_window_leave_out_drafts(june):
    assert _by_window(june, "notices") == {"month": 2, "financial-year": 2, "since-launch": 3}


def test_interest_registered_by_group(june):
    assert _by_window(june, "interest") == {
        "month": _counts(3, 2, 2, 1, 1),  # S2→N2, S4→N2, S3→N3 (S1→N3 was withdrawn)
        "financial-year": _counts(4, 3, 3, 2, 1),  # and S2→N1 on 2 April
        "since-launch": _counts(5, 4, 3, 3, 1),  # and S1→N1 in March
    }


def test_events_count_only_those_started_by_now(june):
    month = june["headline"]["by_window"]["month"]
    assert month["events"] == 1  # E2 starts on 20 June, after now
    assert month["event_places"] == _counts(2, 2, 2, 1, 0)  # S2 and S4 at E1
    assert month["attended"] == _counts(1, 1, 1, 1, 0)  # only S2 came


def test_questions_asked_by_group(june):
    assert _by_window(june, "questions") == {
        "month": _counts(1, 1, 1, 0, 0),  # S4 on N2
        "financial-year": _counts(1, 1, 1, 0, 0),
        "since-launch": _counts(2, 2, 1, 1, 0),  # and S1 on N1 in March
    }


def test_no_framework_activity_counts_zero(june):
    assert june["headline"]["by_window"]["since-launch"]["framework_applications"]["total"] == 0
    assert june["headline"]["by_window"]["since-launch"]["framework_agreements"]["total"] == 0


def test_suppliers_serving_each_ward(june):
    wards = {row["slug"]: row["serving"] for row in june["wards"]["rows"]}
    assert wards["gospel-oak"] == _counts(2, 2, 1, 2, 0)  # S1, S2 (S5 is a draft)
    assert wards["kilburn"] == _counts(2, 2, 2, 1, 0)  # S2, S4
    assert wards["belsize"] == _counts(0, 0, 0, 0, 0)
    assert len(wards) == 20
    assert june["wards"]["whole_borough"] == _counts(1, 0, 0, 0, 1)  # S3


def test_suppliers_based_in_each_ward(june):
    based = {row["slug"]: row["based_in"] for row in june["wards"]["rows"]}
    assert based["gospel-oak"] == _counts(1, 1, 0, 1, 0)  # S1 (S5 is a draft, S6 was taken down)
    assert based["kilburn"] == _counts(0, 0, 0, 0, 0)  # S2 and S4 serve it; neither is based there
    assert sum(counts["total"] for counts in based.values()) == 1


def test_suppliers_based_in_the_borough_without_a_ward_have_their_own_count(june):
    assert june["wards"]["based_in_ward_not_given"] == _counts(1, 1, 1, 1, 0)  # S2 has not said


def test_categories_count_each_supplier_and_notice_once_per_division(june):
    rows = {row["code"]: row for row in june["categories"]}
    assert set(rows) == {"45", "72", "90"}
    assert rows["45"]["suppliers"] == _counts(2, 2, 2, 1, 0)  # S2 (45 and 451: once), S4
    assert rows["90"]["suppliers"] == _counts(2, 2, 1, 1, 0)  # S1, S4
    assert rows["72"]["suppliers"] == _counts(1, 0, 0, 0, 1)
    assert (rows["45"]["notices"], rows["45"]["interest"]) == (1, 2)  # N2 (45 and 451: once)
    assert (rows["90"]["notices"], rows["90"]["interest"]) == (1, 2)
    assert (rows["72"]["notices"], rows["72"]["interest"]) == (1, 1)


NO_OPPORTUNITIES = {"opportunities": 0, "closed": 0, "bids": 0, "awards": _counts(0, 0, 0, 0, 0)}


def test_missions(june, market):
    rows = {row["name"]: row for row in june["missions"]}
    assert rows["Estates Mission"] == {
        "id": market.estates.id,
        "name": "Estates Mission",
        "notices": 2,
        "interest": 4,
        "attended": 1,
        "questions": 2,
        **NO_OPPORTUNITIES,  # this market has no opportunities (tests/insight/test_opportunity_breakdowns.py)
    }
    assert rows["No mission"] == {
        "id": None,
        "name": "No mission",
        "notices": 1,
        "interest": 1,
        "attended": 0,
        "questions": 0,
        **NO_OPPORTUNITIES,
    }


def test_funnel_across_all_notices(june):
    steps = {step["key"]: step for step in june["funnel"]}
    assert steps["published"]["counts"]["total"] == 3
    assert steps["interest"]["counts"] == _counts(5, 4, 3, 3, 1)
    assert steps["attended"]["counts"] == _counts(1, 1, 1, 1, 0)
    assert steps["asked"]["counts"] == _counts(2, 2, 1, 1, 0)
    assert steps["interest"]["conversion"]["total"] == 1.67  # per notice
    assert steps["attended"]["conversion"]["total"] == 20.0  # % of the step before
    assert steps["asked"]["conversion"]["total"] == 200.0  # steps are counted independently


def test_funnel_for_one_notice(market):
    steps = {
        step["key"]: step["counts"]["total"] for step in figures.compute(JUNE, Scope(notice_id=market.n2.id))["funnel"]
    }
    assert steps == {
        "published": 1,
        "interest": 2,
        "attended": 1,
        "asked": 1,
        "bid_started": 0,
        "bid_submitted": 0,
        "awarded": 0,
    }


def test_mission_filter_narrows_notices_and_suppliers(market):
    filtered = figures.compute(JUNE, Scope(mission_id=market.estates.id))
    assert filtered["headline"]["by_window"]["since-launch"]["notices"] == 2
    assert filtered["headline"]["published"]["total"] == 3  # S1, S2, S4 engaged with its notices
    assert [row["name"] for row in filtered["missions"]] == ["Estates Mission"]


def test_category_filter_narrows_notices_and_suppliers(market):
    filtered = figures.compute(JUNE, Scope(division="90"))
    assert filtered["headline"]["published"] == _counts(2, 2, 1, 1, 0)  # S1, S4
    assert filtered["headline"]["by_window"]["since-launch"]["notices"] == 1
    assert [row["code"] for row in filtered["categories"]] == ["90"]


def test_date_range_sets_the_breakdowns_and_funnel(market):
    april_to_may = figures.compute(Month(2026, 5), first=Month(2026, 4))
    assert april_to_may["breakdown_window"]["key"] == "range"
    assert april_to_may["headline"]["by_window"]["range"]["new_profiles"]["total"] == 1  # S2 (S6 taken down)
    assert april_to_may["funnel"][0]["counts"]["total"] == 0  # no notice published in April or May


def test_monthly_series_counts_at_each_month_end(market):
    points = {point["month"]: point for point in snapshots.monthly_series(JUNE)}
    assert len(points) == 24
    assert points["2026-02"]["published"]["total"] == 0
    assert points["2026-03"]["published"] == _counts(1, 1, 0, 1, 0)
    assert points["2026-04"]["published"] == _counts(2, 2, 1, 2, 0)
    assert points["2026-05"]["published"]["total"] == 2  # S6 is not counted: it was taken down
    assert points["2026-06"]["published"] == _counts(4, 3, 2, 2, 1)
    assert points["2026-06"]["new"]["total"] == 2
