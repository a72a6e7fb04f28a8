"""SQL building blocks shared by the figures: who counts as SME, VCSE, local or other, sums per time window,
CPV divisions and month buckets. Every figure is one grouped query that returns a handful of numbers;
no figure loads rows into Python to count them (they run the same on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, func, literal_column, not_, or_, select, true

from marketplace.insight.periods import Window
from marketplace.suppliers.models import Organisation

SelectT = TypeVar("SelectT", bound=Select)
TOTAL, SME, VCSE, LOCAL, OTHER = "total", "sme", "vcse", "local", "other"
GROUPS = (SME, VCSE, LOCAL, OTHER)
GROUP_LABELS = {TOTAL: "All", SME: "SME", VCSE: "VCSE", LOCAL: "Local", OTHER: "Other"}


def group_conditions() -> dict[str, ColumnElement[bool]]:
    """The supplier groups, read from the organisation's own answers as they are now (snapshots keep
    each past month as it was). They overlap: a local charity that is also small counts in three.
    Built once a process (SQL expressions are immutable; a page's statements use them ~30 times); each call
    gets its own dict."""
    return dict(_group_conditions())


@cache
def _group_conditions() -> tuple[tuple[str, ColumnElement[bool]], ...]:
    sme = Organisation.is_sme.is_(True)
    vcse = Organisation.is_vcse.is_(True)
    local = Organisation.based_in_borough.is_(True)
    return ((TOTAL, true()), (SME, sme), (VCSE, vcse), (LOCAL, local), (OTHER, not_(or_(sme, vcse, local))))


@dataclass(frozen=True)
class GroupCounts:
    total: int = 0
    sme: int = 0
    vcse: int = 0
    local: int = 0
    other: int = 0

    @classmethod
    def from_mapping(cls, values: dict[str, Any], prefix: str = "") -> GroupCounts:
        return cls(**{name: int(values.get(f"{prefix}{name}") or 0) for name in (TOTAL, *GROUPS)})

    def get(self, group: str) -> int:
        return int(getattr(self, group))

    def share(self, group: str) -> float | None:
        """Percentage of the total in `group`, one decimal place; None when there is nobody to share."""
        return round(100 * self.get(group) / self.total, 1) if self.total else None

    def as_dict(self) -> dict[str, int]:
        # Not dataclasses.asdict, which copies each field deeply (a page makes ~1,400 of these dicts).
        return {TOTAL: self.total, SME: self.sme, VCSE: self.vcse, LOCAL: self.local, OTHER: self.other}

    def __add__(self, other: GroupCounts) -> GroupCounts:
        return GroupCounts(*(a + b for a, b in zip(astuple(self), astuple(other))))


def counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def within(column, start: datetime | None, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end) if start is not None else column < end


class Slots:
    """Counting every window in one grouped scan: the windows share their end and nest (since launch ⊃
    financial year ⊃ month, and an admin's range), so each row falls in one slot between consecutive
    starts, and a window's count is the sum of the slots after its start. One small CASE and a GROUP BY,
    rather than a SUM column per window and group."""

    def __init__(self, column, windows: Sequence[Window]):
        self.source = column
        self.windows = list(windows)
        self.starts = sorted({w.start for w in windows if w.start is not None}, reverse=True)
        whens = [(column >= start, index) for index, start in enumerate(self.starts)]
        self.column = (case(*whens, else_=len(self.starts)) if whens else literal_column("0")).label("slot")

    @property
    def is_bounded(self) -> bool:
        """No window is since launch: every row counted is after the earliest start."""
        return bool(self.starts) and all(window.start is not None for window in self.windows)

    def bounded(self, statement: SelectT) -> SelectT:
        """`statement` without the rows before every window's start, when no window is since launch (the month
        still running, added to last month's snapshot: a month of rows to count, not every row)."""
        if not self.is_bounded:
            return statement
        return statement.where(self.source >= self.starts[-1])

    @staticmethod
    def group_by() -> ColumnElement[Any]:
        return literal_column("slot")

    def _limit(self, window: Window) -> int:
        return len(self.starts) if window.start is None else self.starts.index(window.start)

    def group_counts(self, rows: Iterable[Any]) -> dict[str, GroupCounts]:
        per_slot = {int(row.slot): GroupCounts.from_mapping(dict(row._mapping)) for row in rows}
        return {
            window.key: sum((counts for slot, counts in per_slot.items() if slot <= self._limit(window)), GroupCounts())
            for window in self.windows
        }

    def totals(self, rows: Iterable[Any]) -> dict[str, int]:
        per_slot = {int(row.slot): int(row.total) for row in rows}
        return {
            window.key: sum(total for slot, total in per_slot.items() if slot <= self._limit(window))
            for window in self.windows
        }


def since_key(index: int | None) -> str:
    return "since_all" if index is None else f"since_{index}"


def per_organisation_by_window(statement: Select[Any], organisation_id, slots: Slots) -> Select[Any]:
    """Group counts of `statement`'s rows for each window, in one row: each organisation's rows counted from
    each window's start first (one row per organisation, `count(*) FILTER (WHERE column >= start)` per start:
    a one-column GROUP BY of at most a few thousand groups), then those counts joined to the organisations and
    summed by group. Read back with `window_group_counts`. Cheaper than counting (organisation, slot) pairs:
    half the groups to hash, and no CASE to work out per row."""
    since = [(since_key(index), slots.source >= start) for index, start in enumerate(slots.starts)]
    counts = [func.count().filter(condition).label(key) for key, condition in since]
    if slots.is_bounded:
        # Only rows after the earliest start are read, so the earliest start's count is every row's, and no
        # window needs the count since launch.
        counts[-1] = func.count().label(since[-1][0])
    else:
        counts.append(func.count().label(since_key(None)))
    inner = slots.bounded(statement).add_columns(organisation_id.label("organisation_id"), *counts)
    rows = inner.group_by(organisation_id).subquery()
    sums = [
        func.coalesce(func.sum(rows.c[column.name]).filter(condition), 0).label(f"{column.name}_{name}")
        for column in counts
        for name, condition in group_conditions().items()
    ]
    return select(*sums).select_from(rows).join(Organisation, Organisation.id == rows.c.organisation_id)


def window_group_counts(slots: Slots, row: Any) -> dict[str, GroupCounts]:
    """The counts of `per_organisation_by_window`'s row, by window key."""
    values = dict(row._mapping)
    return {
        window.key: GroupCounts.from_mapping(
            values, prefix=since_key(None if window.start is None else slots.starts.index(window.start)) + "_"
        )
        for window in slots.windows
    }


def per_organisation(statement: Select[Any], organisation_id) -> Select[Any]:
    """Group counts of `statement`'s rows in two stages: count the rows of each organisation first, then join
    those few thousand counts to the organisations and sum them by group. Classifying each of 100,000 rows in
    SQL costs several times more than counting them. (Per window: `per_organisation_by_window`.)"""
    counts = statement.add_columns(organisation_id.label("organisation_id"), func.count().label("n"))
    rows = counts.group_by(organisation_id).subquery()
    sums = [
        func.coalesce(func.sum(case((condition, rows.c.n), else_=0)), 0).label(name)
        for name, condition in group_conditions().items()
    ]
    return select(*sums).select_from(rows).join(Organisation, Organisation.id == rows.c.organisation_id)


@cache
def group_columns(prefix: str = "") -> tuple[Any, ...]:
    """The group counts as columns of a statement that reads the organisations (built once a process: SQL
    expressions are immutable, and a page's statements use them a dozen times)."""
    return tuple(counted(condition).label(f"{prefix}{name}") for name, condition in group_conditions().items())


def division_of(code_column) -> ColumnElement[str]:
    """The CPV division (first two digits) of a stored division or group code."""
    return func.substr(code_column, 1, 2)


def bucket(column, boundaries: Iterable[datetime]) -> ColumnElement[int]:
    """Which interval a timestamp falls in: -1 before the first boundary, i after boundary i (portable,
    and exact at London's month ends, unlike formatting the timestamp in the database's zone)."""
    edges = list(boundaries)
    whens = [(column < edge, index - 1) for index, edge in enumerate(edges)]
    return case(*whens, else_=len(edges) - 1)
