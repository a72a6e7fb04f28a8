"""Months and financial years are London's, whatever the server's zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace import clock
from marketplace.insight.periods import Month, months_ending, standard_windows


def test_a_moment_belongs_to_its_london_month():
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time began on 29 March).
    assert Month.of(datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == Month(2026, 4)
    assert Month.of(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == Month(2026, 1)


def test_month_boundaries_are_london_midnights_in_utc():
    assert Month(2026, 4).start == datetime(2026, 3, 31, 23, 0, tzinfo=UTC)
    assert Month(2026, 10).end == datetime(2026, 11, 1, 0, 0, tzinfo=UTC)
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)


@pytest.mark.parametrize(("month", "first"), [(Month(2026, 4), 2026), (Month(2026, 3), 2025), (Month(2027, 1), 2026)])
def test_financial_year_runs_april_to_march(month, first):
    assert month.financial_year_start == Month(first, 4)


def test_windows_end_now_in_the_month_still_running():
    clock.freeze(datetime(2026, 6, 15, 12, tzinfo=UTC))
    try:
        windows = standard_windows(Month(2026, 6), until=clock.now())
    finally:
        clock.freeze(None)
    assert [w.key for w in windows] == ["month", "financial-year", "since-launch"]
    assert {w.end for w in windows} == {datetime(2026, 6, 15, 12, tzinfo=UTC)}
    assert windows[1].start == Month(2026, 4).start and windows[2].start is None


@pytest.mark.parametrize("junk", ["", "2026-13", "2026-00", "26-10", "2026-1", "1999-12", "99999-01", "2026-10x", None])
def test_a_month_in_an_address_is_checked(junk):
    assert Month.parse(junk) is None


def test_series_months_end_with_the_month_given():
    months = months_ending(Month(2026, 6))
    assert len(months) == 24 and months[0] == Month(2024, 7) and months[-1] == Month(2026, 6)
