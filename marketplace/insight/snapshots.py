"""Reading the figures for a month: a past month's snapshot if it has one, otherwise counted live."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.insight import carry, parallel, series
from marketplace.insight import figures as figure_sets
from marketplace.insight.models import InsightSnapshot
from marketplace.insight.periods import SERIES_MONTHS, Month, months_ending
from marketplace.insight.scope import EVERYTHING, Scope
from marketplace.notices.models import Notice
from marketplace.suppliers.models import Organisation


def get_snapshot(month: Month) -> InsightSnapshot | None:
    return db.session.scalar(select(InsightSnapshot).where(InsightSnapshot.month == month.key))


def snapshot_points(months: list[Month]) -> dict[str, dict[str, Any]]:
    """What the monthly series draws from these months' snapshots, by month key (one query): the published
    profiles at the month's end and those new in it, by group. Only those two parts of each month's stored
    figures are read (JSON paths), not the whole of 24 months' figures."""
    statement = select(
        InsightSnapshot.month,
        InsightSnapshot.figures[("headline", "published")].label("published"),
        InsightSnapshot.figures[("headline", "by_window", "month", "new_profiles")].label("new"),
    ).where(InsightSnapshot.month.in_([month.key for month in months]))
    return {row.month: {"published": row.published, "new": row.new} for row in db.session.execute(statement)}


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


def figures_for(
    month: Month,
    scope: Scope = EVERYTHING,
    *,
    first: Month | None = None,
    public_only: bool = False,
    parallel: bool = False,
) -> dict[str, Any]:
    """A past month's snapshot when the question is the one snapshots answer (everything, whole period);
    for the month still running, last month's snapshot plus this month counted now (`carry`), if there is
    one; otherwise the figures counted now (with `parallel`, on several connections at once: `figures.compute`).
    The result says which (`source`)."""
    current = Month.current()
    if month < current and scope.is_everything and first is None:
        snapshot = get_snapshot(month)
        if snapshot is not None:
            return {**snapshot.figures, "source": "snapshot", "snapshot_taken_at": snapshot.taken_at.isoformat()}
    before = None
    if month == current and scope.is_everything and first is None:
        # The month still running: last month's stored figures plus this month's (`carry`), if they can be.
        last = get_snapshot(month.previous())
        before = last.figures if last is not None and carry.usable(last.figures, figure_sets.VERSION) else None
    counted = figure_sets.compute(month, scope, first=first, public_only=public_only, parallel=parallel, before=before)
    return {**counted, "source": "live"}


def public_figures() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """This month's public figures and series, counted at most `INSIGHT_PUBLIC_CACHE_SECONDS` ago (default
    300; 0 in tests) by this process: the public page and the API are read far more often than the market
    changes, and counting 100,000 registrations of interest for every visitor is waste. Admins always
    get figures counted for their request."""
    month = Month.current()
    ttl = current_app.config.get("INSIGHT_PUBLIC_CACHE_SECONDS", 300)
    cache = current_app.extensions.setdefault("insight_public", {})
    stored = cache.get("figures")
    if stored is not None and stored[0] == month and time.monotonic() - stored[1] < ttl:
        return stored[2], stored[3]
    figures, series = _figures_and_series(month, EVERYTHING, None, public_only=True)
    cache["figures"] = (month, time.monotonic(), figures, series)
    return figures, series


ADMIN_CACHE_ENTRIES = 32


def admin_figures(
    month: Month, scope: Scope = EVERYTHING, *, first: Month | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An admin's figures and series for one choice of month, range and filters, kept by this process for
    `INSIGHT_ADMIN_CACHE_SECONDS` (default 60; 0 in tests): counting the month afresh reads every bid and
    registration of interest (about a second of database time on a large market), and admins move between
    the page, its CSVs and the filters far more often than the figures change. The figures say when they
    were counted (`counted_at`), and the page shows it. Only admin views call this."""
    ttl = current_app.config.get("INSIGHT_ADMIN_CACHE_SECONDS", 60)
    if ttl <= 0:
        return _figures_and_series(month, scope, first)
    key = (Month.current().key, month.key, first.key if first is not None else None, scope)
    cache: dict[Any, tuple[float, dict[str, Any], list[dict[str, Any]]]] = current_app.extensions.setdefault(
        "insight_admin", {}
    )
    now = time.monotonic()
    stored = cache.get(key)
    if stored is not None and now - stored[0] < ttl:
        return stored[1], stored[2]
    for old in [old for old, entry in cache.items() if now - entry[0] >= ttl]:
        del cache[old]
    while len(cache) >= ADMIN_CACHE_ENTRIES:
        del cache[min(cache, key=lambda old: cache[old][0])]
    figures, series = _figures_and_series(month, scope, first)
    cache[key] = (now, figures, series)
    return figures, series


def _figures_and_series(
    month: Month, scope: Scope, first: Month | None, *, public_only: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The figures and the monthly series, the series counted on its own connection while the figures are
    (`parallel.run`; the figures' own statements run side by side too)."""
    found = parallel.run(
        {
            "series": lambda: monthly_series(month, scope),
            "figures": lambda: figures_for(month, scope, first=first, public_only=public_only, parallel=True),
        }
    )
    return found["figures"], found["series"]


def monthly_series(last: Month, scope: Scope = EVERYTHING, count: int = SERIES_MONTHS) -> list[dict[str, Any]]:
    months = months_ending(last, count)
    stored = snapshot_points(months) if scope.is_everything else {}
    return series.monthly(months, scope, stored)
