"""All the figures for a month (or an admin's range of months), as one JSON-ready dict.

The same dict is stored in a month's snapshot, drawn on the pages, written to CSV and (with small cells
suppressed) served by the API, so a past month reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

from marketplace import clock
from marketplace.guides import figures as guide_figures
from marketplace.insight import funnel, queries
from marketplace.insight.periods import Month, Window, windows_for
from marketplace.insight.scope import EVERYTHING, Scope
from marketplace.insight.sql import GroupCounts
from marketplace.notices import queries as notice_queries
from marketplace.suppliers import reference

VERSION = 5  # 2: opportunities published and bids submitted; 3: contracts and their value;
# 4: opportunities, bids and awards by category and by mission; 5: suppliers based in each ward (the ward
# rows' `based_in`, and `based_in_ward_not_given`). Older snapshots are read as they are: what they lack
# is shown as not counted then.


def _window_json(window: Window) -> dict[str, Any]:
    return {
        "key": window.key,
        "label": window.label,
        "start": window.start.isoformat() if window.start else None,
        "end": window.end.isoformat(),
    }


ADMIN_ONLY = ("missions", "funnel", "guides")


def compute(
    month: Month, scope: Scope = EVERYTHING, *, first: Month | None = None, public_only: bool = False
) -> dict[str, Any]:
    """The figures as they stand at the end of `month` (now, for the month still running). With `first`,
    the headline adds the months `first` to `month`, and the breakdowns and funnel cover those months
    instead of everything since launch. `public_only` leaves out what only admins see (missions, funnel)."""
    windows, breakdown = windows_for(month, first)
    end = windows[0].end
    # Admins see bids by division and by mission: both from one read of the bids.
    division_bids, mission_bids = (
        (None, None) if public_only else queries.bids_by_division_and_mission(breakdown, scope)
    )
    sections = {
        "missions": lambda: _missions(breakdown, scope, mission_bids),
        "funnel": lambda: _funnel(breakdown, scope),
        "guides": _guides,
    }
    return {
        "version": VERSION,
        "month": month.key,
        "month_label": month.label,
        "as_at": end.isoformat(),
        "counted_at": clock.now().isoformat(),
        "scope": scope.query_args(),
        "windows": [_window_json(window) for window in windows],
        "headline": _headline(windows, scope),
        "breakdown_window": _window_json(breakdown),
        "wards": _wards(breakdown, scope),
        "categories": _categories(breakdown, scope, division_bids),
        **{name: build() for name, build in sections.items() if not public_only},
    }


def _guides() -> dict[str, int]:
    """Suppliers who read a guide, and how many of them submitted a bid after their first reading (all time)."""
    figures = guide_figures.readers_who_bid()
    return {"readers": figures.readers, "went_on_to_bid": figures.went_on_to_bid}


def _headline(windows: list[Window], scope: Scope) -> dict[str, Any]:
    figures: dict[str, Any] = {
        "new_profiles": queries.new_profiles(windows, scope),
        "notices": queries.notices_published(windows, scope),
        "interest": queries.interest_registered(windows, scope),
        "events": queries.events_held(windows, scope),
        "event_places": queries.event_places(windows, scope, attended=False),
        "attended": queries.event_places(windows, scope, attended=True),
        "questions": queries.questions_asked(windows, scope),
        "framework_applications": queries.framework_applications(windows, scope),
        "framework_agreements": queries.framework_agreements(windows, scope),
        "opportunities": queries.opportunities_published(windows, scope),
        "bids": queries.bids_submitted(windows, scope),
        "contracts": queries.contracts_awarded(windows, scope),
        "contract_value": queries.contracted_value(windows, scope),
    }
    by_window = {
        window.key: {
            name: value[window.key] if isinstance(value[window.key], int) else value[window.key].as_dict()
            for name, value in figures.items()
        }
        for window in windows
    }
    return {"published": queries.published_profiles(windows[0].end, scope).as_dict(), "by_window": by_window}


def _wards(window: Window, scope: Scope) -> dict[str, Any]:
    counts = queries.suppliers_by_ward(window.end, scope)

    def groups(found: dict[Any, GroupCounts], key: str | None) -> dict[str, int]:
        return (found.get(key) or GroupCounts()).as_dict()

    rows = [
        {"slug": slug, "name": name, "based_in": groups(counts.based_in, slug), "serving": groups(counts.serving, slug)}
        for slug, name in reference.wards().items()
    ]
    return {
        "rows": rows,
        "whole_borough": counts.whole_borough.as_dict(),
        "based_in_ward_not_given": groups(counts.based_in, None),
    }


EMPTY_GROUPS = {"total": 0, "sme": 0, "vcse": 0, "local": 0, "other": 0}


def _opportunity_figures(counts: dict[str, Any] | None) -> dict[str, Any]:
    """Opportunities published, opportunities closed, bids on them and contracts awarded (by the winner's group)."""
    if counts is None:
        return {"opportunities": 0, "closed": 0, "bids": 0, "awards": dict(EMPTY_GROUPS)}
    return {**counts, "awards": counts["awards"].as_dict()}


def _categories(window: Window, scope: Scope, bids: dict[str, int] | None = None) -> list[dict[str, Any]]:
    suppliers = queries.suppliers_by_division(window.end, scope)
    notices = queries.notices_by_division(window, scope)
    opportunities = queries.opportunities_by_division(window, scope, bids=bids)
    divisions = [code for code, category in reference.categories().items() if category.level == "division"]
    if scope.division is not None:
        divisions = [code for code in divisions if code == scope.division]
    rows = []
    for code in divisions:
        counts = suppliers.get(code)
        notice_count, interest = notices.get(code, (0, 0))
        if (
            counts is None
            and not notice_count
            and not interest
            and code not in opportunities
            and scope.division is None
        ):
            continue  # a division nobody offers and no notice or opportunity asked for
        rows.append(
            {
                "code": code,
                "label": reference.category_label(code),
                "suppliers": counts.as_dict() if counts else dict(EMPTY_GROUPS),
                "notices": notice_count,
                "interest": interest,
                **_opportunity_figures(opportunities.get(code)),
            }
        )
    return rows


def _missions(window: Window, scope: Scope, bids: dict[int | None, int] | None = None) -> list[dict[str, Any]]:
    counts = queries.by_mission(window, scope)
    opportunities = queries.opportunities_by_mission(window, scope, bids=bids)
    empty = {"notices": 0, "interest": 0, "attended": 0, "questions": 0}
    missions = notice_queries.list_missions()
    if scope.mission_id is not None:
        missions = [mission for mission in missions if mission.id == scope.mission_id]

    def row(mission_id: int | None, name: str) -> dict[str, Any]:
        return {
            "id": mission_id,
            "name": name,
            **counts.get(mission_id, empty),
            **_opportunity_figures(opportunities.get(mission_id)),
        }

    rows = [row(mission.id, mission.name) for mission in missions]
    if scope.mission_id is None and (None in counts or None in opportunities):
        rows.append(row(None, "No mission"))
    return rows


def _funnel(window: Window, scope: Scope) -> list[dict[str, Any]]:
    results = funnel.compute(scope, window)
    rows = []
    for index, result in enumerate(results):
        previous = results[index - 1] if index else None
        rows.append(
            {
                "key": result.key,
                "label": result.label,
                "definition": result.definition,
                "unit": result.unit,
                "counts": result.counts.as_dict(),
                "conversion": {
                    group: result.conversion(previous, group) for group in ("total", "sme", "vcse", "local", "other")
                },
            }
        )
    return rows
