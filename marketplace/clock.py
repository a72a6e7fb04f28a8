"""The service's clock: one place to read the time, so tests can move it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
_frozen: datetime | None = None


def now() -> datetime:
    """The current time in UTC (aware)."""
    return _frozen if _frozen is not None else datetime.now(UTC)


def freeze(at: datetime | None) -> None:
    """Tests only: pin the clock (None releases it)."""
    global _frozen
    if at is not None and at.tzinfo is None:
        raise ValueError("freeze() needs an aware datetime")
    _frozen = at


def to_london(value: datetime) -> datetime:
    return value.astimezone(LONDON)
