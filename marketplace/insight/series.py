"""Monthly series of the headline shares: published profiles at each month's end and those new in it,
by group. Past months come from their snapshots when there is one (so they never change afterwards);
months without one, and the month still running, are counted live in one grouped query."""

from __future__ import annotations

from typing import Any

from sqlalchemy import literal_column, select

from marketplace.extensions import db
from marketplace.insight.periods import Month
from marketplace.insight.scope import Scope, published_suppliers
from marketplace.insight.sql import GroupCounts, bucket, group_columns
from marketplace.suppliers.models import Organisation


def live_points(months: list[Month], scope: Scope) -> dict[str, dict[str, Any]]:
    """For each month (oldest first, consecutive): profiles published at its end and new in it."""
    edges = [month.start for month in months] + [months[-1].end]
    slot = bucket(Organisation.published_at, edges).label("slot")
    statement = (
        select(slot, *group_columns())
        .where(published_suppliers(scope), Organisation.published_at < edges[-1])
        .group_by(literal_column("slot"))
    )
    per_slot = {int(row.slot): GroupCounts.from_mapping(dict(row._mapping)) for row in db.session.execute(statement)}
    running = per_slot.get(-1, GroupCounts()).as_dict()
    points = {}
    for index, month in enumerate(months):
        new = per_slot.get(index, GroupCounts()).as_dict()
        running = {name: running[name] + new[name] for name in running}
        points[month.key] = {"published": dict(running), "new": new, "source": "live"}
    return points


def monthly(months: list[Month], scope: Scope, snapshots: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The series, each point from its month's snapshot if the scope is everything and one exists
    (`snapshots`: each month's stored "published" and "new" counts, from `snapshots.snapshot_points`)."""
    current = Month.current()

    def stored_point(month: Month) -> dict[str, Any] | None:
        return snapshots.get(month.key) if scope.is_everything and month < current else None

    # Only the months from the first without a snapshot are counted (usually just this month): the running
    # total of published profiles starts from everything published before it.
    unstored = [index for index, month in enumerate(months) if stored_point(month) is None]
    live = live_points(months[unstored[0] :], scope) if unstored else {}
    points = []
    for month in months:
        stored = stored_point(month)
        if stored is not None:
            point = {"published": stored["published"], "new": stored["new"], "source": "snapshot"}
        else:
            point = live[month.key]
        points.append({"month": month.key, "label": month.short_label, **point})
    return points
