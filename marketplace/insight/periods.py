"""Months, financial years and the time windows the figures are counted in, on the council's clock.

Months and financial years (1 April to 31 March) are London's; their boundaries are turned into UTC
instants here, once, so the SQL compares plain timestamps on every backend and a supplier who publishes
at 23:30 on 31 March in summer time counts in March, as a person in Camden would expect.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from marketplace import clock

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
SERIES_MONTHS = 24
# The earliest month anyone may ask about: well before any data, well inside what datetimes hold.
EARLIEST_YEAR = 2000


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, moment: datetime) -> Month:
        local = clock.to_london(moment)
        return cls(local.year, local.month)

    @classmethod
    def current(cls) -> Month:
        return cls.of(clock.now())

    @classmethod
    def parse(cls, text: str | None) -> Month | None:
        """'2026-10' → Month(2026, 10); None for anything else (junk from a URL is not an error)."""
        match = MONTH_PATTERN.match((text or "").strip())
        if not match:
            return None
        year, month = int(match.group(1)), int(match.group(2))
        if not (EARLIEST_YEAR <= year <= 9998 and 1 <= month <= 12):
            return None
        return cls(year, month)

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def short_label(self) -> str:
        return date(self.year, self.month, 1).strftime("%b %Y")

    @property
    def start(self) -> datetime:
        """The first instant of the month in London, in UTC."""
        return datetime(self.year, self.month, 1, tzinfo=clock.LONDON).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first instant of the next month (windows are half-open: start ≤ t < end)."""
        return self.next().start

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def minus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 - months
        return Month(index // 12, index % 12 + 1)

    @property
    def financial_year_start(self) -> Month:
        return Month(self.year if self.month >= 4 else self.year - 1, 4)

    @property
    def financial_year_label(self) -> str:
        first = self.financial_year_start.year
        return f"{first} to {first + 1}"


def months_ending(last: Month, count: int = SERIES_MONTHS) -> list[Month]:
    """`count` months, oldest first, ending with `last`."""
    return [last.minus(offset) for offset in range(count - 1, -1, -1)]


@dataclass(frozen=True)
class Window:
    """A half-open span of time [start, end) that figures are counted in; start None means since launch."""

    key: str
    label: str
    start: datetime | None
    end: datetime

    @property
    def is_since_launch(self) -> bool:
        return self.start is None

    def as_json(self) -> dict[str, str | None]:
        """As stored in the figures (and their snapshots)."""
        return {
            "key": self.key,
            "label": self.label,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat(),
        }


MONTH, FINANCIAL_YEAR, SINCE_LAUNCH, RANGE = "month", "financial-year", "since-launch", "range"


def standard_windows(month: Month, *, until: datetime | None = None) -> list[Window]:
    """This month, this financial year to date and since launch, as they stand at the end of `month`
    (or at `until`, for the month still running)."""
    end = min(until, month.end) if until is not None else month.end
    return [
        Window(MONTH, month.label, month.start, end),
        Window(FINANCIAL_YEAR, f"Financial year {month.financial_year_label}", month.financial_year_start.start, end),
        Window(SINCE_LAUNCH, "Since launch", None, end),
    ]


def range_window(first: Month, last: Month, *, until: datetime | None = None) -> Window:
    """An admin's chosen range of whole months (the month still running counts up to now)."""
    first, last = min(first, last), max(first, last)
    end = min(until, last.end) if until is not None else last.end
    label = first.label if first == last else f"{first.label} to {last.label}"
    return Window(RANGE, label, first.start, end)


def windows_for(month: Month, first: Month | None = None) -> tuple[list[Window], Window]:
    """The headline windows for `month` (with the range `first`–`month` last, if given) and the window the
    breakdowns use (since launch, or that range). The month still running ends now."""
    moment = clock.now()
    until = moment if month >= Month.of(moment) else None
    windows = standard_windows(month, until=until)
    breakdown = windows[-1]
    if first is not None:
        breakdown = range_window(first, month, until=until)
        windows.append(breakdown)
    return windows, breakdown
