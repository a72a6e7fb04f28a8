"""The database lease that makes a periodic job run once per tick however many nodes run `flask worker`.

Every node's scheduler enqueues every due job; whichever worker claims the (job, tick) first runs it.
The claim is one conditional UPDATE, so it is atomic on SQLite (one writer at a time) and on PostgreSQL
(a second UPDATE waits for the first to commit, then re-checks its WHERE clause and matches nothing).
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, update

from marketplace import clock
from marketplace.extensions import db
from marketplace.worker.models import WorkerLease

# How far back a late worker looks for the tick it was enqueued for (a queue backed up for longer skips it).
LOOK_BACK_MINUTES = 15


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"


def latest_tick(schedule: Callable[[datetime], bool], at: datetime) -> datetime | None:
    """The most recent scheduled minute at or before `at` (UTC), or None if none in the look-back window.

    Every node works out the same tick for the same scheduled minute, whenever its scheduler woke up.
    """
    minute = at.astimezone(UTC).replace(second=0, microsecond=0)
    for back in range(LOOK_BACK_MINUTES + 1):
        candidate = minute - timedelta(minutes=back)
        if schedule(candidate):
            return candidate
    return None


def claim(name: str, *, tick: datetime, holder: str, hold_for: timedelta) -> bool:
    """True if this caller may run job `name` for `tick` (and now holds it); commits either way."""
    _ensure_row(name)
    now = clock.now()
    result = db.session.execute(
        update(WorkerLease)
        .where(
            WorkerLease.name == name,
            or_(WorkerLease.last_tick.is_(None), WorkerLease.last_tick < tick),
            or_(WorkerLease.held_until.is_(None), WorkerLease.held_until < now),
        )
        .values(last_tick=tick, held_by=holder, held_until=now + hold_for, last_started_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1  # type: ignore[attr-defined]


def release(name: str, *, holder: str, error: str | None = None) -> None:
    db.session.rollback()  # whatever the job left unfinished is not ours to commit
    db.session.execute(
        update(WorkerLease)
        .where(WorkerLease.name == name, WorkerLease.held_by == holder)
        .values(held_by=None, held_until=None, last_finished_at=clock.now(), last_error=error)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _ensure_row(name: str) -> None:
    """Insert the job's row if missing; two nodes inserting at once is fine (the loser does nothing)."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    db.session.execute(insert(WorkerLease).values(name=name).on_conflict_do_nothing(index_elements=["name"]))
    db.session.commit()
