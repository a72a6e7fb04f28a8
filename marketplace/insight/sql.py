"""SQL building blocks shared by the figures: who counts as SME, VCSE, local or other, sums per time window,
CPV divisions and month buckets. Every figure is one grouped query that returns a handful of numbers;
no figure loads rows into Python to count them (they run the same on SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, true

from marketplace.insight.periods import Window
from marketplace.suppliers.models import Organisation

TOTAL, SME, VCSE, LOCAL, OTHER = "total", "sme", "vcse", "local", "other"
GROUPS = (SME, VCSE, LOCAL, OTHER)
GROUP_LABELS = {TOTAL: "All", SME: "SME", VCSE: "VCSE", LOCAL: "Local", OTHER: "Other"}


def group_conditions() -> dict[str, ColumnElement[bool]]:
    """The supplier groups, read from the organisation's own answers as they are now (snapshots keep
    each past month as it was). They overlap: a local charity that is also small counts in three."""
    sme = Organisation.is_sme.is_(True)
    vcse = Organisation.is_vcse.is_(True)
    local = Organisation.based_in_borough.is_(True)
    return {TOTAL: true(), SME: sme, VCSE: vcse, LOCAL: local, OTHER: not_(or_(sme, vcse, local))}


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
        return asdict(self)


def counted(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def within(column, start: datetime | None, end: datetime) -> ColumnElement[bool]:
    return and_(column >= start, column < end) if start is not None else column < end


def window_group_columns(column, windows: Sequence[Window], *, groups: bool = True) -> list:
    """One scan counts every window (they nest) and, for each, every supplier group: labelled 'window:group'."""
    conditions = group_conditions() if groups else {TOTAL: true()}
    return [
        counted(and_(within(column, window.start, window.end), condition)).label(f"{window.key}:{name}")
        for window in windows
        for name, condition in conditions.items()
    ]


def group_columns(prefix: str = "") -> list:
    return [counted(condition).label(f"{prefix}{name}") for name, condition in group_conditions().items()]


def window_results(row: Any, windows: Sequence[Window]) -> dict[str, GroupCounts]:
    values = dict(row._mapping) if row is not None else {}
    return {window.key: GroupCounts.from_mapping(values, f"{window.key}:") for window in windows}


def window_totals(row: Any, windows: Sequence[Window]) -> dict[str, int]:
    values = dict(row._mapping) if row is not None else {}
    return {window.key: int(values.get(f"{window.key}:{TOTAL}") or 0) for window in windows}


def division_of(code_column) -> ColumnElement[str]:
    """The CPV division (first two digits) of a stored division or group code."""
    return func.substr(code_column, 1, 2)


def bucket(column, boundaries: Iterable[datetime]) -> ColumnElement[int]:
    """Which interval a timestamp falls in: -1 before the first boundary, i after boundary i (portable,
    and exact at London's month ends, unlike formatting the timestamp in the database's zone)."""
    edges = list(boundaries)
    whens = [(column < edge, index - 1) for index, edge in enumerate(edges)]
    return case(*whens, else_=len(edges) - 1)
