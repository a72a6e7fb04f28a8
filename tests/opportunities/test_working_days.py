"""Working-day arithmetic across weekends, bank holidays (from the `holidays` library) and Christmas."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from marketplace import working_days


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 24), True),  # Christmas Eve, a Thursday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 26), False),  # Boxing Day, a Saturday
        (date(2026, 12, 28), False),  # Boxing Day (substitute)
        (date(2026, 12, 29), True),
        (date(2027, 1, 1), False),  # New Year's Day
        (date(2027, 3, 26), False),  # Good Friday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2027, 5, 3), False),  # Early May bank holiday
        (date(2027, 5, 31), False),  # Spring bank holiday
        (date(2027, 8, 30), False),  # Summer bank holiday
        (date(2027, 12, 27), False),  # Christmas Day (substitute)
        (date(2027, 12, 28), False),  # Boxing Day (substitute)
        (date(2026, 11, 28), False),  # a Saturday
        (date(2026, 11, 30), True),  # a Monday
    ],
)
def test_which_days_are_working_days(day, working):
    assert working_days.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 11, 27), 2, date(2026, 12, 1)),  # Friday + 2 skips the weekend
        (date(2026, 12, 23), 2, date(2026, 12, 29)),  # over Christmas and both bank holidays
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        (date(2026, 12, 24), 8, date(2027, 1, 8)),  # standstill over Christmas and New Year
        (date(2027, 3, 25), 1, date(2027, 3, 30)),  # over Easter
        (date(2026, 12, 29), -2, date(2026, 12, 23)),  # back over Christmas
        (date(2027, 3, 30), -1, date(2027, 3, 25)),  # back over Easter
        (date(2026, 12, 1), -2, date(2026, 11, 27)),
        (date(2026, 11, 28), 1, date(2026, 11, 30)),  # from a Saturday
        (date(2026, 11, 30), 0, date(2026, 11, 30)),
    ],
)
def test_adding_and_subtracting_working_days(start, count, expected):
    assert working_days.add_working_days(start, count) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 12, 23), date(2026, 12, 29), 2),
        (date(2026, 12, 24), date(2027, 1, 4), 4),  # 29, 30, 31 Dec and 4 Jan; not 1 Jan
        (date(2026, 11, 27), date(2026, 11, 30), 1),
        (date(2026, 11, 30), date(2026, 11, 30), 0),
        (date(2026, 12, 29), date(2026, 12, 23), -2),
    ],
)
def test_counting_working_days_between_two_dates(start, end, expected):
    assert working_days.working_days_between(start, end) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(2026, 7, 1, 23, 30, tzinfo=UTC), date(2026, 7, 2)),  # BST: already tomorrow in London
        (datetime(2026, 12, 1, 23, 30, tzinfo=UTC), date(2026, 12, 1)),  # GMT
    ],
)
def test_dates_are_london_dates(moment, expected):
    assert working_days.london_date(moment) == expected


def test_bank_holidays_come_from_the_library_not_a_list_typed_here():
    from pathlib import Path

    source = (Path(working_days.__file__)).read_text()
    assert "import holidays" in source and "12, 25" not in source
    assert date(2026, 12, 25) in working_days.bank_holidays(2026)
