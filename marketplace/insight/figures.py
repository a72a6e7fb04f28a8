"""All the figures for a month (or an admin's range of months), as one JSON-ready dict.

The same dict is stored in a month's snapshot, drawn on the pages, written to CSV and (with small cells
suppressed) served by the API, so a past month reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marketplace import clock
from marketplace.guides import figures as guide_figures
from marketplace.insight import carry, funnel, passes, queries
from marketplace.insight.parallel import run as parallel_run
from marketplace.insight.periods import Month, Window, windows_for
from marketplace.insight.scope import EVERYTHING, Scope
from marketplace.insight.sql import GroupCounts
from marketplace.notices import queries as notice_queries
from marketplace.suppliers import reference

VERSION = 5  # 2: opportunities published and bids submitted; 3: contracts and their value;
# 4: opportunities, bids and awards by category and by mission; 5: suppliers based in each ward (the ward
# rows' `based_in`, and `based_in_ward_not_given`). Older snapshots are read as they are: what they lack
# is shown as not counted then.


ADMIN_ONLY = ("missions", "funnel", "guides")


def compute(
    month: Month,
    scope: Scope = EVERYTHING,
    *,
    first: Month | None = None,
    public_only: bool = False,
    parallel: bool = False,
    before: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The figures as they stand at the end of `month` (now, for the month still running). With `first`,
    the headline adds the months `first` to `month`, and the breakdowns and funnel cover those months
    instead of everything since launch. `public_only` leaves out what only admins see (missions, funnel).
    With `parallel`, independent groups of statements run side by side on their own connections (up to
    `INSIGHT_PARALLEL_QUERIES` at once, `insight.parallel`): the same figures, sooner.

    With `before`, the stored figures of the month before (everything in scope, no range: `carry.usable`),
    only `month` itself is counted and added to them (`carry`): the financial year and since launch are
    last month's as stored plus this month's."""
    windows, breakdown = windows_for(month, first)
    end = windows[0].end
    funnel_window, every = breakdown, (windows, breakdown)
    if before is not None:
        windows, breakdown = windows[:1], windows[0]
    # The funnel's interest step is counted with the headline's registrations of interest, in one read of
    # them (`passes`), and its bid steps apart from its other steps, so the longest statements run side by
    # side; admins see bids and interest by division and by mission from one statement (`apart`), put into
    # the category and mission rows once everything is counted. The biggest tasks go first.
    cohort = None if public_only else funnel.cohort(scope, funnel_window)
    notices = cohort.notices if cohort is not None else None
    tasks: dict[str, Callable[[], Any]] = {}
    if cohort is not None:
        tasks["funnel_bids"] = lambda: funnel.bid_steps(cohort)
        tasks["funnel"] = lambda: funnel.count_unshared(scope, funnel_window)
    tasks["headline_bids"] = lambda: _headline_figures(windows, scope, HEADLINE_BIDS)
    tasks["interest"] = lambda: passes.interest(windows, scope, notices)
    if not public_only:
        tasks["apart"] = lambda: queries.by_division_and_mission(breakdown, scope)
    tasks["headline_engagement"] = lambda: _headline_figures(windows, scope, HEADLINE_ENGAGEMENT)
    tasks["categories"] = lambda: _category_counts(breakdown, scope, apart=not public_only)
    tasks["wards"] = lambda: _wards(breakdown, scope)
    if not public_only:
        tasks["missions"] = lambda: _mission_counts(breakdown, scope)
        tasks["guides"] = _guides
    tasks["headline_rest"] = lambda: {
        "published": queries.published_profiles(end, scope).as_dict(),
        **_headline_figures(windows, scope, HEADLINE_REST),
    }
    counted = parallel_run(tasks) if parallel else {name: task() for name, task in tasks.items()}
    apart: queries.Apart | None = counted.get("apart")
    figures: dict[str, Any] = {
        "version": VERSION,
        "month": month.key,
        "month_label": month.label,
        "as_at": end.isoformat(),
        "counted_at": clock.now().isoformat(),
        "scope": scope.query_args(),
        "windows": [window.as_json() for window in windows],
        "headline": _headline(
            windows,
            counted["headline_rest"],
            counted["headline_engagement"],
            counted["headline_bids"],
            {"interest": counted["interest"].headline},
        ),
        "breakdown_window": breakdown.as_json(),
        "wards": counted["wards"],
        "categories": _categories(counted["categories"], scope, apart),
    }
    if not public_only:
        figures["missions"] = _missions(counted["missions"], scope, apart)
        figures["funnel"] = _funnel(
            counted["funnel"].complete({**counted["interest"].funnel, **counted["funnel_bids"]})
        )
        figures["guides"] = counted["guides"]
    if before is not None:
        figures = carry.add(before, figures, *every)
    return figures


def _guides() -> dict[str, int]:
    """Suppliers who read a guide, and how many of them submitted a bid after their first reading (all time)."""
    figures = guide_figures.readers_who_bid()
    return {"readers": figures.readers, "went_on_to_bid": figures.went_on_to_bid}


HeadlineFigure = Callable[[list[Window], Scope], Any]
# The headline's figures (in the order the headline lists them) but the registrations of interest (`passes`),
# in three groups counted apart.
HEADLINE_BIDS: dict[str, HeadlineFigure] = {
    "bids": queries.bids_submitted,
    "contracts": queries.contracts_awarded,
    "contract_value": queries.contracted_value,
}
HEADLINE_ENGAGEMENT: dict[str, HeadlineFigure] = {
    "event_places": lambda windows, scope: queries.event_places(windows, scope, attended=False),
    "attended": lambda windows, scope: queries.event_places(windows, scope, attended=True),
    "questions": queries.questions_asked,
}
HEADLINE_REST: dict[str, HeadlineFigure] = {
    "new_profiles": queries.new_profiles,
    "notices": queries.notices_published,
    "events": queries.events_held,
    "framework_applications": queries.framework_applications,
    "framework_agreements": queries.framework_agreements,
    "opportunities": queries.opportunities_published,
}
HEADLINE_ORDER = (
    "new_profiles",
    "notices",
    "interest",
    "events",
    "event_places",
    "attended",
    "questions",
    "framework_applications",
    "framework_agreements",
    "opportunities",
    "bids",
    "contracts",
    "contract_value",
)


def _headline_figures(windows: list[Window], scope: Scope, which: dict[str, HeadlineFigure]) -> dict[str, Any]:
    return {name: figure(windows, scope) for name, figure in which.items()}


def _headline(windows: list[Window], rest: dict[str, Any], *parts: dict[str, Any]) -> dict[str, Any]:
    found = {key: value for part in (rest, *parts) for key, value in part.items()}
    figures = {name: found[name] for name in HEADLINE_ORDER}
    by_window = {
        window.key: {
            name: value[window.key] if isinstance(value[window.key], int) else value[window.key].as_dict()
            for name, value in figures.items()
        }
        for window in windows
    }
    return {"published": found["published"], "by_window": by_window}


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


@dataclass(frozen=True)
class CategoryCounts:
    suppliers: dict[str, GroupCounts]
    notices: dict[str, tuple[int, int]]
    opportunities: dict[str, dict[str, Any]]


def _category_counts(window: Window, scope: Scope, *, apart: bool) -> CategoryCounts:
    """What the category rows need, but the bids and interest when they are counted apart (`apart`:
    `queries.by_division_and_mission`)."""
    return CategoryCounts(
        suppliers=queries.suppliers_by_division(window.end, scope),
        notices=queries.notices_by_division(window, scope, interest=not apart),
        opportunities=queries.opportunities_by_division(window, scope, bids={} if apart else None),
    )


def _categories(counted: CategoryCounts, scope: Scope, apart: queries.Apart | None = None) -> list[dict[str, Any]]:
    suppliers, notices, opportunities = counted.suppliers, counted.notices, counted.opportunities
    if apart is not None:
        opportunities = queries.add_bids(opportunities, apart.division_bids)
        notices = {
            code: (notices.get(code, (0, 0))[0], apart.division_interest.get(code, 0))
            for code in {*notices, *apart.division_interest}
        }
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


@dataclass(frozen=True)
class MissionCounts:
    counts: dict[int | None, dict[str, int]]
    opportunities: dict[int | None, dict[str, Any]]
    missions: list[Any]


def _mission_counts(window: Window, scope: Scope) -> MissionCounts:
    """What the mission rows need, but the bids and interest (counted apart, `queries.by_division_and_mission`)."""
    return MissionCounts(
        counts=queries.by_mission(window, scope),
        opportunities=queries.opportunities_by_mission(window, scope, bids={}),
        missions=[(mission.id, mission.name) for mission in notice_queries.list_missions()],
    )


def _missions(counted: MissionCounts, scope: Scope, apart: queries.Apart | None) -> list[dict[str, Any]]:
    counts = counted.counts
    interest = apart.mission_interest if apart is not None else {}
    opportunities = queries.add_bids(counted.opportunities, apart.mission_bids if apart is not None else {})
    empty = {"notices": 0, "attended": 0, "questions": 0}
    missions = counted.missions
    if scope.mission_id is not None:
        missions = [mission for mission in missions if mission[0] == scope.mission_id]

    def row(mission_id: int | None, name: str) -> dict[str, Any]:
        found = counts.get(mission_id, empty)
        return {
            "id": mission_id,
            "name": name,
            "notices": found["notices"],
            "interest": interest.get(mission_id, 0),
            "attended": found["attended"],
            "questions": found["questions"],
            **_opportunity_figures(opportunities.get(mission_id)),
        }

    rows = [row(mission_id, name) for mission_id, name in missions]
    if scope.mission_id is None and (None in counts or None in interest or None in opportunities):
        rows.append(row(None, "No mission"))
    return rows


def _funnel(results: list[funnel.StepResult]) -> list[dict[str, Any]]:
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
