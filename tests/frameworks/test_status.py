"""A framework's status comes from its dates, in London time, including across the clock changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from marketplace.frameworks import status
from marketplace.frameworks.definition import parse_london_time

UTC = UTC
SECOND = timedelta(seconds=1)


@dataclass
class Dates:
    applications_open_at: datetime
    questions_close_at: datetime
    applications_close_at: datetime
    results_at: datetime
    live_from: datetime
    expires_at: datetime


def _dates(close_london: str = "2027-01-29 12:00") -> Dates:
    close = parse_london_time(close_london)
    return Dates(
        applications_open_at=close - timedelta(days=30),
        questions_close_at=close - timedelta(days=7),
        applications_close_at=close,
        results_at=close + timedelta(days=14),
        live_from=close + timedelta(days=30),
        expires_at=close + timedelta(days=365),
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (lambda d: d.applications_open_at - SECOND, status.COMING),
        (lambda d: d.applications_open_at, status.OPEN),
        (lambda d: d.applications_close_at - SECOND, status.OPEN),
        (lambda d: d.applications_close_at, status.CLOSED),
        (lambda d: d.results_at, status.CLOSED),
        (lambda d: d.live_from, status.LIVE),
        (lambda d: d.expires_at - SECOND, status.LIVE),
        (lambda d: d.expires_at, status.EXPIRED),
    ],
    ids=["before-open", "at-open", "last-second", "at-close", "results-day", "live", "last-live-second", "expired"],
)
def test_status_follows_the_dates(moment, expected):
    dates = _dates()
    assert status.status_at(dates, moment(dates)) == expected


def test_a_winter_deadline_is_greenwich_mean_time():
    dates = _dates("2027-01-29 12:00")
    assert status.status_at(dates, datetime(2027, 1, 29, 11, 59, 59, tzinfo=UTC)) == status.OPEN
    assert status.status_at(dates, datetime(2027, 1, 29, 12, 0, 0, tzinfo=UTC)) == status.CLOSED


def test_a_summer_deadline_is_british_summer_time():
    dates = _dates("2027-06-30 12:00")
    assert status.status_at(dates, datetime(2027, 6, 30, 10, 59, 59, tzinfo=UTC)) == status.OPEN
    assert status.status_at(dates, datetime(2027, 6, 30, 11, 0, 0, tzinfo=UTC)) == status.CLOSED


def test_a_deadline_on_the_day_the_clocks_go_forward_is_in_summer_time():
    dates = _dates("2027-03-28 12:00")  # clocks went forward at 01:00 GMT that morning
    assert status.status_at(dates, datetime(2027, 3, 28, 10, 59, 59, tzinfo=UTC)) == status.OPEN
    assert status.status_at(dates, datetime(2027, 3, 28, 11, 0, 0, tzinfo=UTC)) == status.CLOSED


def test_a_deadline_on_the_day_the_clocks_go_back_is_in_winter_time():
    dates = _dates("2026-10-25 12:00")  # clocks went back at 02:00 BST that morning
    assert status.status_at(dates, datetime(2026, 10, 25, 11, 59, 59, tzinfo=UTC)) == status.OPEN
    assert status.status_at(dates, datetime(2026, 10, 25, 12, 0, 0, tzinfo=UTC)) == status.CLOSED


def test_questions_close_before_applications():
    dates = _dates()
    assert status.accepting_questions(dates, dates.questions_close_at - SECOND)
    assert not status.accepting_questions(dates, dates.questions_close_at)
    assert status.accepting_applications(dates, dates.questions_close_at)


def test_every_status_has_a_label():
    assert status.label(status.CLOSED) == "Closed (pending evaluation)"
