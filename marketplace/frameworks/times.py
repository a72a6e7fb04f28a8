"""London times for framework dates: written as local time, held as UTC instants.

A local time the clocks skip (spring) or repeat (autumn) is refused rather than guessed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from marketplace.clock import LONDON

LOCAL_FORMAT = "%Y-%m-%d %H:%M"


def parse_london_time(value: Any) -> datetime:
    """'2026-05-01 12:00' (Europe/London) → aware UTC; refuses times the clocks skip or repeat."""
    if isinstance(value, datetime):
        local = value.replace(tzinfo=None) if value.tzinfo is None else None
        if local is None:
            return value.astimezone(UTC)
    elif isinstance(value, date):
        raise ValueError("give a time as well as the date, like 2026-05-01 12:00")
    elif isinstance(value, str):
        local = None
        for fmt in (LOCAL_FORMAT, "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
            try:
                local = datetime.strptime(value.strip(), fmt)
                break
            except ValueError:
                continue
        if local is None:
            raise ValueError(f"'{value}' is not a date and time like 2026-05-01 12:00")
    else:
        raise ValueError("must be a date and time like 2026-05-01 12:00")
    first, second = local.replace(tzinfo=LONDON, fold=0), local.replace(tzinfo=LONDON, fold=1)
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != local:
        raise ValueError(
            f"{local:%Y-%m-%d %H:%M} does not exist in London (the clocks go forward then): choose another time"
        )
    if first.utcoffset() != second.utcoffset():
        raise ValueError(
            f"{local:%Y-%m-%d %H:%M} happens twice in London (the clocks go back then): choose another time"
        )
    return first.astimezone(UTC)


def london_text(moment: datetime) -> str:
    return moment.astimezone(LONDON).strftime(LOCAL_FORMAT)
