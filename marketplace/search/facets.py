"""Filters and disjunctive facet counts on per-segment bitsets.

Every facet value of every segment is a packed bitset (64 documents per
uint64).  A filter is the OR of its selected values' bitsets; filters are
ANDed.  The counts for facet F use every filter except F's own ("disjunctive
faceting"), so a buyer who ticked "Kilburn" still sees how many suppliers
cover "Belsize" instead of zeros.  Counting all values of a facet is one
AND and one popcount over a (values x words) matrix.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from marketplace.search.schema import DocType
from marketplace.search.segments import Snapshot, popcount_rows

SegmentBits = list[np.ndarray]  # one packed bitset per segment


def filter_bits(snap: Snapshot, doctype: DocType, filters: dict[str, list[str]]) -> dict[str, SegmentBits]:
    """Packed OR of the selected values of each (known) filter."""
    out: dict[str, SegmentBits] = {}
    for name, values in filters.items():
        if doctype.facet(name) is None or not values:
            continue
        per_segment = []
        for view in snap.views:
            facet = view.facet(name)
            rows = [facet.rows[v] for v in set(values) if v in facet.rows]
            if rows:
                per_segment.append(np.bitwise_or.reduce(facet.bits[rows], axis=0))
            else:
                per_segment.append(np.zeros(view.words, dtype=np.uint64))
        out[name] = per_segment
    return out


def combine(base: SegmentBits, filters: dict[str, SegmentBits], skip: str | None = None) -> SegmentBits:
    result = [b.copy() for b in base]
    for name, per_segment in filters.items():
        if name == skip:
            continue
        for i, bits in enumerate(per_segment):
            result[i] &= bits
    return result


def counts(
    snap: Snapshot,
    requested: Iterable[str],
    doctype: DocType,
    base: SegmentBits,
    filters: dict[str, SegmentBits],
    final: SegmentBits,
    selected: dict[str, list[str]],
) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for name in dict.fromkeys(requested):
        if doctype.facet(name) is None:
            continue
        mask = combine(base, filters, skip=name) if name in filters else final
        totals: dict[str, int] = dict.fromkeys(selected.get(name, []), 0)
        for view, bits in zip(snap.views, mask):
            facet = view.facet(name)
            if not facet.values:
                continue
            value_counts = popcount_rows(facet.bits & bits[np.newaxis, :])
            for value, count in zip(facet.values, value_counts.tolist()):
                totals[value] = totals.get(value, 0) + count
        out[name] = dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))
    return out
