"""Working days in England and Wales: weekends and bank holidays skipped, dates in London.

Bank holidays come from the `holidays` library (kept up to date by its maintainers, including
substitute days and one-off holidays such as coronations), never from a list typed in here.
Used for an opportunity's timetable (questions close 2 working days before bids close) and for
standstill after an award (8 working days).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays

from marketplace.clock import to_london

# England and Wales share one list of bank holidays; the library files them under England.
SUBDIVISION = "ENG"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=SUBDIVISION, years=year).keys())


def bank_holidays(year: int) -> list[date]:
    return sorted(_bank_holidays(year))


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def london_date(moment: datetime) -> date:
    """The calendar day in London at this instant (BST or GMT as the date requires)."""
    return to_london(moment).date()


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (before it when `count` is negative).

    `day` itself never counts, working day or not: 2 working days after a Friday is the Tuesday.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for offset in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=offset)))
