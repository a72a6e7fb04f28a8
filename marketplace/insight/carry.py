"""This month's figures as last month's snapshot plus this month, counted live.

The financial year and since-launch windows of the headline, and the since-launch breakdowns by category and
by mission, are flows: each counts what happened in the window (registrations of interest, bids once bidding
closed, contracts entered, notices published...). Up to the end of last month they are in last month's
snapshot, as they were then, so past months do not change when a supplier later edits its size or withdraws
an interest; only this month is counted live and added. Counting one month reads a month of rows rather than
every row since launch (the admin page read 100,000 bids and 100,000 registrations of interest several times).

What is a state rather than a flow is counted live: published profiles, suppliers by ward and by category.
So is the engagement funnel, whose later steps follow its notices at any time (a notice published in March
may draw a bid in November), so it cannot be added up month by month.

Used only for the month still running, with nothing filtered and no range (`usable`), and only when last
month's snapshot holds this version of the figures; otherwise everything is counted live, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marketplace.insight.periods import FINANCIAL_YEAR, MONTH, SINCE_LAUNCH, Month, Window
from marketplace.suppliers import reference

CATEGORY_FLOWS = ("notices", "interest", "opportunities", "closed", "bids")
MISSION_FLOWS = ("notices", "interest", "attended", "questions", "opportunities", "closed", "bids")


def usable(before: dict[str, Any] | None, version: int) -> bool:
    """Whether stored figures can be carried forward: taken by this version of the figures, for everything."""
    return before is not None and before.get("version") == version and not before.get("scope")


def _plus(a: Any, b: Any) -> Any:
    """Counts added: whole numbers, or counts by supplier group (dicts of whole numbers)."""
    if isinstance(a, dict):
        return {group: a.get(group, 0) + b.get(group, 0) for group in {**b, **a}}
    return a + b


def _headline(before: dict[str, Any], month: dict[str, Any], windows: list[Window], same_year: bool) -> dict:
    stored = before["headline"]["by_window"]
    by_window: dict[str, dict[str, Any]] = {}
    for window in windows:
        if window.key == MONTH:
            by_window[window.key] = month
        elif window.key == FINANCIAL_YEAR:
            by_window[window.key] = (
                {name: _plus(value, stored[FINANCIAL_YEAR][name]) for name, value in month.items()}
                if same_year
                else dict(month)
            )
        elif window.key == SINCE_LAUNCH:
            by_window[window.key] = {name: _plus(value, stored[SINCE_LAUNCH][name]) for name, value in month.items()}
    return by_window


def _add_rows(
    live: list[dict[str, Any]], stored: Iterable[dict[str, Any]], key: str, flows: tuple[str, ...]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each live row with the stored row of the same key's flows added; and the stored rows with no live row."""
    by_key = {row[key]: row for row in stored}
    rows = []
    for row in live:
        old = by_key.pop(row[key], None)
        if old is not None:
            row = {
                **row,
                **{flow: row[flow] + old[flow] for flow in flows},
                "awards": _plus(row["awards"], old["awards"]),
            }
        rows.append(row)
    return rows, list(by_key.values())


def _categories(before: dict[str, Any], live: list[dict[str, Any]], order: list[str]) -> list[dict[str, Any]]:
    rows, only_stored = _add_rows(live, before["categories"], "code", CATEGORY_FLOWS)
    empty = {"total": 0, "sme": 0, "vcse": 0, "local": 0, "other": 0}
    # A division with no supplier now and nothing this month, but something since launch: its flows as stored,
    # and no suppliers (a state, counted now).
    rows += [{**row, "suppliers": dict(empty)} for row in only_stored]
    position = {code: index for index, code in enumerate(order)}
    return sorted(rows, key=lambda row: position.get(row["code"], len(position)))


def _missions(before: dict[str, Any], live: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows, only_stored = _add_rows(live, before["missions"], "id", MISSION_FLOWS)
    # Missions are never deleted, so a stored row without a live one is "No mission".
    return rows + [row for row in only_stored if row["id"] is None]


def add(before: dict[str, Any], month: dict[str, Any], windows: list[Window], breakdown: Window) -> dict[str, Any]:
    """`month`'s figures (counted live for this month alone) with last month's stored figures `before` added, for
    the headline's `windows` and the since-launch `breakdown`."""
    this = Month.parse(month["month"])
    last = Month.parse(before["month"])
    assert this is not None and last is not None and last == this.previous(), (before["month"], month["month"])
    figures = {
        **month,
        "windows": [window.as_json() for window in windows],
        "breakdown_window": breakdown.as_json(),
        "carried_from": before["month"],
    }
    same_year = this.financial_year_start == last.financial_year_start
    figures["headline"] = {
        **month["headline"],
        "by_window": _headline(before, month["headline"]["by_window"][MONTH], windows, same_year),
    }
    divisions = [code for code, category in reference.categories().items() if category.level == "division"]
    figures["categories"] = _categories(before, month["categories"], divisions)
    if "missions" in month:
        figures["missions"] = _missions(before, month["missions"])
    return figures
