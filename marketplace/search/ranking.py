"""Choosing one page of results without sorting every match.

Each segment contributes only its best `page * page_size` documents (numpy
argpartition, linear time); those few are merged across segments in Python.

Ties (equal scores, or every document when there is no search text) are
broken by a hash of the document id mixed with a salt derived from the
search.  The same search therefore always returns the same order, so paging
is consistent, while different searches order ties differently, so no
supplier is always first.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

_GOLDEN = np.uint32(0x9E3779B1)


def search_salt(text: str, filters: dict[str, list[str]]) -> int:
    canonical = (
        " ".join(text.lower().split())
        + "|"
        + "|".join(f"{k}={','.join(sorted(v))}" for k, v in sorted(filters.items()))
    )
    return zlib.crc32(canonical.encode("utf-8"))


def mix(tiebreak: np.ndarray, salt: int) -> np.ndarray:
    """A per-search permutation of the stable id hashes (multiply-xorshift)."""
    x = (tiebreak ^ np.uint32(salt)) * _GOLDEN
    return x ^ (x >> np.uint32(15))


@dataclass(frozen=True)
class Candidate:
    segment: int
    docnum: int
    primary: float  # higher first (score, or updated time); 0 when unused
    secondary: Any  # lower first (mixed hash, or name key)
    score: float


def top_in_segment(docnums: np.ndarray, primary: np.ndarray | None, secondary: np.ndarray, k: int) -> np.ndarray:
    """Positions (into `docnums`) of the best k by (primary desc, secondary asc)."""
    n = len(docnums)
    if n == 0 or k <= 0:
        return np.zeros(0, dtype=np.int64)
    if n > k:
        if primary is None:
            part = np.argpartition(secondary, k - 1)[:k]
        else:
            kth = np.partition(primary, n - k)[n - k]
            above = np.flatnonzero(primary > kth)
            ties = np.flatnonzero(primary == kth)
            need = k - len(above)
            if len(ties) > need:
                ties = ties[np.argpartition(secondary[ties], need - 1)[:need]]
            part = np.concatenate((above, ties))
    else:
        part = np.arange(n)
    if primary is None:
        order = np.argsort(secondary[part], kind="stable")
    else:
        order = np.lexsort((secondary[part], -primary[part]))
    return part[order]


def merge_page(candidates: list[Candidate], start: int, end: int) -> list[Candidate]:
    candidates.sort(key=lambda c: (-c.primary, c.secondary, c.segment, c.docnum))
    return candidates[start:end]
