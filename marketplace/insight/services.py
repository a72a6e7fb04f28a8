"""Taking monthly snapshots: each month's figures stored once it has ended, and never changed afterwards."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.insight import figures, snapshots
from marketplace.insight.models import InsightSnapshot
from marketplace.insight.periods import Month


class SnapshotError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def take_snapshot(month: Month) -> tuple[InsightSnapshot, bool]:
    """Store `month`'s figures if it has ended and has no snapshot yet. Returns the snapshot and whether it
    is new; an existing snapshot is returned as it is (past months never change)."""
    if month >= Month.current():
        raise SnapshotError(f"{month.label} has not ended yet: its figures are counted live")
    existing = snapshots.get_snapshot(month)
    if existing is not None:
        return existing, False
    snapshot = InsightSnapshot(month=month.key, figures=figures.compute(month))
    db.session.add(snapshot)
    try:
        db.session.flush()
        record("insight.snapshot_taken", snapshot, month=month.key)
        db.session.commit()
    except IntegrityError:  # another node took it at the same moment: theirs stands
        db.session.rollback()
        existing = snapshots.get_snapshot(month)
        if existing is None:
            raise
        return existing, False
    return snapshot, True


def months_due() -> list[Month]:
    """Every ended month since launch without a snapshot, oldest first."""
    first = snapshots.launch_month()
    if first is None:
        return []
    taken = set(snapshots.list_snapshot_months())
    due, month, current = [], first, Month.current()
    while month < current:
        if month.key not in taken:
            due.append(month)
        month = month.next()
    return due


def take_due_snapshots(progress: Callable[[Month], None] | None = None) -> list[Month]:
    """Snapshot every ended month that has none yet (normally just last month). Returns those taken."""
    taken = []
    for month in months_due():
        _, created = take_snapshot(month)
        if created:
            taken.append(month)
        if progress is not None:
            progress(month)
    return taken
