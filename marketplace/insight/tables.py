"""Cells and tables of figures, formatted for the admin (every count, linked to the list behind it) or the
public (counts below 5 suppressed), and written to CSV the same way they are shown."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from marketplace.insight.definitions import SUPPRESSION_THRESHOLD

FEWER = f"fewer than {SUPPRESSION_THRESHOLD}"
ALL_BUT_FEWER = f"all but fewer than {SUPPRESSION_THRESHOLD}"
NOTHING = "–"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Cell:
    text: str
    value: float | int | None = None  # the number behind the text (None when suppressed or empty)
    href: str | None = None
    numeric: bool = True

    def csv(self) -> str:
        text = self.text if self.value is None else str(self.value)
        return "'" + text if text.startswith(_FORMULA_START) and text != NOTHING else text


def label(text: str) -> Cell:
    return Cell(text, numeric=False)


@dataclass
class Table:
    key: str
    caption: str
    head: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    definition: str | None = None

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.head)
        for row in self.rows:
            writer.writerow([cell.csv() for cell in row])
        return buffer.getvalue()


class Formatter:
    """How numbers appear: every count for admins; counts and shares resting on fewer than 5 suppliers
    suppressed for the public."""

    def __init__(self, *, public: bool):
        self.public = public

    def hidden(self, count: int) -> bool:
        return self.public and count < SUPPRESSION_THRESHOLD

    def count(self, count: int, href: str | None = None) -> Cell:
        if self.hidden(count):
            return Cell(FEWER)
        return Cell(f"{count:,}", count, None if self.public or not count else href)

    def count_value(self, count: int) -> int | None:
        return None if self.hidden(count) else count

    def share(self, part: int, whole: int) -> Cell:
        value = self.share_value(part, whole)
        if whole == 0:
            return Cell(NOTHING)
        if value is None:
            return Cell(FEWER if part < SUPPRESSION_THRESHOLD else ALL_BUT_FEWER)
        return Cell(f"{value:.1f}%", value)

    def share_value(self, part: int, whole: int) -> float | None:
        if whole == 0:
            return None
        if self.public and (part < SUPPRESSION_THRESHOLD or whole - part < SUPPRESSION_THRESHOLD):
            return None
        return round(100 * part / whole, 1)

    def count_with_share(self, part: int, whole: int, href: str | None = None) -> Cell:
        """Admins only: '31 (62.0%)'."""
        share = f" ({100 * part / whole:.1f}%)" if whole else ""
        return Cell(f"{part:,}{share}", part, href if part else None)

    def describe_count(self, count: int) -> str:
        return FEWER if self.hidden(count) else f"{count:,}"

    def describe_share(self, part: int, whole: int) -> str:
        cell = self.share(part, whole)
        return cell.text
