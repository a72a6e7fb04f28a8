"""Past months are stored once they end and never change; the month still running is counted live."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.insight import figures, services, snapshots
from marketplace.insight.periods import Month
from marketplace.suppliers import services as supplier_services
from marketplace.suppliers.commands import AboutAnswers, WorkAnswers
from tests.factories import create_admin, owner_of, sign_in
from tests.insight.factories import build_market

JUNE = Month(2026, 6)
JULY_2ND = datetime(2026, 7, 2, 9, tzinfo=UTC)


@pytest.fixture
def market(app):
    return build_market()


def _grow_large(organisation) -> None:
    supplier_services.update_about(
        organisation, owner_of(organisation), AboutAnswers(staff_band="250+", turnover_band="over-54m")
    )


def test_a_month_still_running_has_no_snapshot(market):
    with pytest.raises(services.SnapshotError):
        services.take_snapshot(JUNE)


def test_a_past_month_keeps_its_figures_when_a_supplier_changes_later(market):
    clock.freeze(JULY_2ND)
    services.take_snapshot(JUNE)
    _grow_large(market.s1)  # in July, S1 says it now has 250 staff or more

    stored = snapshots.figures_for(JUNE)
    assert stored["source"] == "snapshot"
    assert stored["headline"]["published"]["sme"] == 3
    assert figures.compute(JUNE)["headline"]["published"]["sme"] == 2  # counted today, S1 is no longer an SME


def _based_in(figures_) -> dict[str, int]:
    return {row["slug"]: row["based_in"]["total"] for row in figures_["wards"]["rows"]}


def test_a_past_month_keeps_the_ward_a_supplier_was_based_in(market):
    clock.freeze(JULY_2ND)
    services.take_snapshot(JUNE)
    # In July, S1 moves its main base from Gospel Oak to Kilburn.
    supplier_services.update_work(market.s1, owner_of(market.s1), WorkAnswers(base_ward="kilburn"))
    stored = _based_in(snapshots.figures_for(JUNE))
    assert (stored["gospel-oak"], stored["kilburn"]) == (1, 0)
    live = _based_in(figures.compute(JUNE))
    assert (live["gospel-oak"], live["kilburn"]) == (0, 1)


def _as_before_wards_were_asked(snapshot) -> None:
    """Make a stored month look like one snapshotted by version 4, before the based-in counts existed."""
    older = {**snapshot.figures, "version": 4}
    older["wards"] = {
        "rows": [{key: value for key, value in row.items() if key != "based_in"} for row in older["wards"]["rows"]],
        "whole_borough": older["wards"]["whole_borough"],
    }
    snapshot.figures = older
    db.session.commit()


def test_a_month_snapshotted_before_the_based_in_counts_still_shows(app, client, market):
    clock.freeze(JULY_2ND)
    snapshot, _ = services.take_snapshot(JUNE)
    _as_before_wards_were_asked(snapshot)
    sign_in(client, create_admin())
    page = client.get("insight.admin", month="2026-06")
    row = next(tr for tr in page.soup.select("#chart-wards-table tbody tr") if "Gospel Oak" in tr.get_text())
    cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert cells[:5] == ["Gospel Oak", "not counted then", "not counted then", "not counted then", "2"]


def test_snapshots_say_which_version_of_the_figures_they_hold(market):
    clock.freeze(JULY_2ND)
    snapshot, _ = services.take_snapshot(JUNE)
    assert snapshot.figures["version"] == figures.VERSION == 5


def test_taking_a_snapshot_again_changes_nothing(market):
    clock.freeze(JULY_2ND)
    first, created = services.take_snapshot(JUNE)
    _grow_large(market.s1)
    again, created_again = services.take_snapshot(JUNE)
    assert (created, created_again) == (True, False)
    assert again.figures == first.figures and again.taken_at == first.taken_at


def test_the_series_reads_past_months_from_their_snapshots(market):
    clock.freeze(JULY_2ND)
    services.take_snapshot(JUNE)
    _grow_large(market.s1)
    points = {point["month"]: point for point in snapshots.monthly_series(Month(2026, 7))}
    assert points["2026-06"]["source"] == "snapshot" and points["2026-06"]["published"]["sme"] == 3
    assert points["2026-07"]["source"] == "live" and points["2026-07"]["published"]["sme"] == 2


def test_the_command_snapshots_every_ended_month_once(app, market):
    clock.freeze(JULY_2ND)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["insight", "snapshot"])
    assert result.exit_code == 0, result.output
    assert "2026-03, 2026-04, 2026-05, 2026-06" in result.output
    assert snapshots.list_snapshot_months() == ["2026-06", "2026-05", "2026-04", "2026-03"]
    assert "already has a snapshot" in runner.invoke(args=["insight", "snapshot"]).output


@pytest.mark.parametrize(
    ("month", "message"), [("2026-13", "Enter a month like 2026-10"), ("2026-07", "has not ended")]
)
def test_the_command_refuses_a_month_it_cannot_snapshot(app, market, month, message):
    clock.freeze(JULY_2ND)
    result = app.test_cli_runner().invoke(args=["insight", "snapshot", "--month", month])
    assert result.exit_code != 0 and message in result.output


def test_admins_see_a_past_month_from_its_snapshot(app, client, market):
    clock.freeze(JULY_2ND)
    services.take_snapshot(JUNE)
    _grow_large(market.s1)
    sign_in(client, create_admin())
    page = client.get("insight.admin", month="2026-06")
    assert "Insight: June 2026" in page.heading
    assert "snapshot taken 2 July 2026" in page.text
    groups = page.soup.select_one("#groups + p + table") or page.soup.find_all("table")[1]
    first_row = [cell.get_text(" ", strip=True) for cell in groups.select("tbody tr")[0].find_all(["th", "td"])]
    assert first_row[:3] == ["Published supplier profiles (at the end)", "4", "3 (75.0%)"]


def test_a_past_month_without_a_snapshot_says_it_is_counted_today(app, client, market):
    clock.freeze(JULY_2ND)
    sign_in(client, create_admin())
    page = client.get("insight.admin", month="2026-05")
    assert "no snapshot for May 2026" in page.text


def test_the_worker_snapshots_the_month_just_ended(app, market):
    from marketplace.worker import run_due

    clock.freeze(datetime(2026, 7, 1, 1, 15, tzinfo=UTC))  # 02:15 in London (summer time)
    run_due(app)
    assert snapshots.list_snapshot_months() == ["2026-06", "2026-05", "2026-04", "2026-03"]
