"""Reading the figures for a month: a past month's snapshot if it has one, otherwise counted live."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.insight import figures as figure_sets
from marketplace.insight import series
from marketplace.insight.models import InsightSnapshot
from marketplace.insight.periods import SERIES_MONTHS, Month, months_ending
from marketplace.insight.scope import EVERYTHING, Scope
from marketplace.notices.models import Notice
from marketplace.suppliers.models import Organisation


def get_snapshot(month: Month) -> InsightSnapshot | None:
    return db.session.scalar(select(InsightSnapshot).where(InsightSnapshot.month == month.key))


def snapshot_figures(months: list[Month]) -> dict[str, dict[str, Any]]:
    """Stored figures for these months, by month key (one query)."""
    statement = select(InsightSnapshot.month, InsightSnapshot.figures).where(
        InsightSnapshot.month.in_([month.key for month in months])
    )
    return {row.month: row.figures for row in db.session.execute(statement)}


def list_snapshot_months() -> list[str]:
    return list(db.session.scalars(select(InsightSnapshot.month).order_by(InsightSnapshot.month.desc())))


def launch_month() -> Month | None:
    """The month of the first published profile or notice: where snapshots and 'since launch' begin."""
    firsts: list[datetime] = [
        moment
        for moment in (
            db.session.scalar(select(func.min(Organisation.published_at))),
            db.session.scalar(select(func.min(Notice.published_at))),
        )
        if moment is not None
    ]
    return Month.of(min(firsts)) if firsts else None


def figures_for(month: Month, scope: Scope = EVERYTHING, *, first: Month | None = None) -> dict[str, Any]:
    """A past month's snapshot when the question is the one snapshots answer (everything, whole period);
    otherwise the figures counted now. The result says which (`source`)."""
    if month < Month.current() and scope.is_everything and first is None:
        snapshot = get_snapshot(month)
        if snapshot is not None:
            return {**snapshot.figures, "source": "snapshot", "snapshot_taken_at": snapshot.taken_at.isoformat()}
    return {**figure_sets.compute(month, scope, first=first), "source": "live"}


def monthly_series(last: Month, scope: Scope = EVERYTHING, count: int = SERIES_MONTHS) -> list[dict[str, Any]]:
    months = months_ending(last, count)
    stored = snapshot_figures(months) if scope.is_everything else {}
    return series.monthly(months, scope, stored)
