"""Where an index is in the application's change feed: a sequence plus the gaps below it.

The application numbers its changes (ids of a table) and each index records the highest it has
read. On PostgreSQL an id is taken at insert but seen at commit, so a lower id can appear after a
higher one was read. Reading it "after the sequence" would skip it for ever; so every id below
the sequence that was not visible when read is kept as a *gap*, re-checked on every catch-up
until it appears (and is applied) or is older than the horizon (its transaction rolled back).

The merge runs under the index's write lock against the state on disk, so two processes
catching up at once cannot lose each other's gaps.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

DEFAULT_HORIZON = 3600.0  # seconds a gap is waited for: longer than any transaction we run
MAX_GAPS = 10_000  # a bound on the state file; the oldest go first


@dataclass(frozen=True)
class FeedBatch:
    """What one catch-up read covered."""

    upto: int  # the highest change id read (of any document type)
    missing: tuple[int, ...] = ()  # ids at or below `upto` that were not visible
    filled: tuple[int, ...] = ()  # gap ids that are now visible (applied, or not ours)
    horizon: float = DEFAULT_HORIZON
    now: float = field(default_factory=time.time)


def gaps_of(state: dict[str, Any]) -> dict[int, float]:
    return {int(k): float(v) for k, v in (state.get("gaps") or {}).items()}


def advance(state: dict[str, Any], batch: FeedBatch | int | None) -> dict[str, Any]:
    """The state after `batch` (a plain int is a batch with no gaps)."""
    if batch is None:
        return state
    if isinstance(batch, int):
        batch = FeedBatch(upto=batch)
    old = int(state.get("sequence", 0))
    gaps = gaps_of(state)
    for change_id in batch.filled:
        gaps.pop(int(change_id), None)
    for change_id in batch.missing:
        # Ids at or below what is already on disk were read by someone else, who recorded
        # them as gaps then or applied them.
        if old < change_id <= batch.upto:
            gaps.setdefault(int(change_id), batch.now)
    gaps = {k: v for k, v in gaps.items() if batch.now - v <= batch.horizon}
    if len(gaps) > MAX_GAPS:
        gaps = dict(sorted(gaps.items(), key=lambda kv: kv[1])[-MAX_GAPS:])
    return {**state, "sequence": max(old, int(batch.upto)), "gaps": {str(k): v for k, v in sorted(gaps.items())}}
