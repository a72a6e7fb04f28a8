"""Figures that share one read of a large table.

The headline's registrations of interest (per window) and the funnel's "Interest registered" step both read
every registration of interest: they are counted in one pass, each organisation's counts first (a few
thousand rows; one `count(*) FILTER (...)` column per window and one for the funnel's cohort), then those
joined to the organisations and summed by supplier group. On the admin page that is one read of 100,000 rows
where there were two (the headline's bids and the funnel's bid steps were measured the same way and were
slower together: each (notice, organisation) pair of 100,000 bids must be grouped for the funnel, so the
pass grouped every bid twice; `funnel._bid_steps` reads the bids apart).

The funnel's cohort is given as the SELECT of its notices; `funnel.compute` uses this pass too when the funnel
is counted on its own, so each figure has one definition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, func, select

from marketplace.extensions import db
from marketplace.insight.periods import Window
from marketplace.insight.scope import Scope, notice_conditions
from marketplace.insight.sql import GroupCounts, Slots, group_conditions, since_key, window_group_counts
from marketplace.notices.models import Interest, Notice
from marketplace.suppliers.models import Organisation

INTEREST_STEP = "interest"


@dataclass(frozen=True)
class Shared:
    headline: dict[str, GroupCounts]  # by window key
    funnel: dict[str, GroupCounts]  # by funnel step key


def _window_conditions(slots: Slots, counted: ColumnElement[bool]) -> list[tuple[str, ColumnElement[bool]]]:
    """(column name, condition) per window start: the rows `counted` from that start to the windows' end."""
    conditions = [(since_key(index), and_(counted, slots.source >= start)) for index, start in enumerate(slots.starts)]
    return conditions if slots.is_bounded else [*conditions, (since_key(None), counted)]


def _by_group(per_organisation: Subquery, columns: Sequence[str]) -> Select[Any]:
    """One row: each of `per_organisation`'s count columns summed for each supplier group."""
    sums = [
        func.coalesce(func.sum(per_organisation.c[column]).filter(condition), 0).label(f"{column}_{name}")
        for column in columns
        for name, condition in group_conditions().items()
    ]
    statement = select(*sums).select_from(per_organisation)
    return statement.join(Organisation, Organisation.id == per_organisation.c.organisation_id)


def _shared(slots: Slots, row: Any, steps: Sequence[str]) -> Shared:
    values = dict(row._mapping)
    return Shared(
        headline=window_group_counts(slots, row),
        funnel={step: GroupCounts.from_mapping(values, f"{step}_") for step in steps},
    )


def _end(windows: Sequence[Window]):
    return max(window.end for window in windows)


def interest(windows: Sequence[Window], scope: Scope, cohort: Select | None) -> Shared:
    """Registrations of interest made in each window, by group (the headline), and, when the funnel's `cohort`
    of notices is given, the organisations that registered interest in one of them at any time (its
    "Interest registered" step: one registration per notice and organisation, a unique constraint)."""
    slots = Slots(Interest.created_at, windows)
    columns = _window_conditions(slots, Interest.created_at < _end(windows))
    steps = [INTEREST_STEP] if cohort is not None else []
    if cohort is not None:
        columns.append((INTEREST_STEP, Interest.notice_id.in_(cohort)))
    per_organisation = select(
        Interest.organisation_id.label("organisation_id"),
        *[func.count().filter(condition).label(name) for name, condition in columns],
    ).group_by(Interest.organisation_id)
    if cohort is None:
        per_organisation = slots.bounded(per_organisation)  # the funnel counts every registration
    if not scope.is_everything:
        # Interest only exists on published notices, so with no filter there is nothing to check; the cohort's
        # notices are within the scope's.
        per_organisation = per_organisation.where(
            Interest.notice_id.in_(select(Notice.id).where(notice_conditions(scope)))
        )
    statement = _by_group(per_organisation.subquery(), [name for name, _ in columns])
    return _shared(slots, db.session.execute(statement).one(), steps)
