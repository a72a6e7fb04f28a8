"""Evaluate a parsed query over a snapshot: which documents match, and scores.

Scoring is BM25F: a term's frequency in each text field is weighted by the
field boost and normalised by that field's length, the weighted frequencies
are summed across fields and saturated once, then multiplied by the term's
IDF (document frequency counted over all text fields).  Summing before
saturating stops a word that appears in five fields from outscoring a better
match in the name.  Everything is dense numpy per segment: one multiply and
one scatter-add per posting, no Python per document.

Phrases use term positions (see `codec.TermPositions`): "estate cleaning
services" matches documents where the three terms follow each other in one
field, found with numpy over the candidates' position slots (documents that
contain every word).  Unquoted adjacent words earn a proximity bonus where
they occur side by side, so "estate cleaning" ranks estate cleaners above
documents that mention estates and cleaning apart; the bonus is computed for
the best PROXIMITY_WINDOW documents by word score (a rescoring window, as
Elasticsearch's rescore), which bounds its cost on broad searches.

Positions keep the first SLOTS occurrences of a term in a field. Where a term repeats more often
and the slots do not show the phrase, the document's own text decides: the index stores no text,
so it comes from the document type's texts provider (the application's rows), analysed as
indexing analysed it. Without a provider such a document does not match (never a false match).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from marketplace.search.analysis import analyze
from marketplace.search.codec import NO_POSITION, SLOTS
from marketplace.search.query import ParsedQuery, Unit
from marketplace.search.schema import DocType, text_field_name, values_at
from marketplace.search.segments import Snapshot

K1 = 1.2
PROXIMITY_BOOST = 2.0
PHRASE_BOOST = 1.5
PROXIMITY_WINDOW = 1000

# ids -> each id's document (at least the paths its text fields read); a missing id or None: gone
TextsProvider = Callable[[list[str]], Mapping[str, dict[str, Any] | None]]


@dataclass
class Match:
    """Per segment: matching docs (live, text only) and relevance scores.

    `masks[i] is None` means every live doc of segment i (match-all)."""

    masks: Sequence[np.ndarray | None]
    scores: Sequence[np.ndarray | None] | None
    unknown_terms: set[str] = field(default_factory=set)


class Evaluator:
    def __init__(self, snap: Snapshot, doctype: DocType, texts: TextsProvider | None = None) -> None:
        self.snap = snap
        self.doctype = doctype
        self.texts = texts
        self._acc: dict[str, list[np.ndarray]] = {}
        self._df: dict[str, int] = {}

    # -- terms -------------------------------------------------------------
    def weighted_tf(self, term: str) -> list[np.ndarray]:
        """BM25F weighted term frequency per document, per segment."""
        if term not in self._acc:
            out = []
            for i, view in enumerate(self.snap.views):
                acc = np.zeros(view.n, dtype=np.float32)
                for text in self.doctype.text_fields:
                    postings = view.postings(text_field_name(text), term)
                    if postings is not None:
                        ids, tf = postings
                        acc[ids] += tf * self.snap.norms[text.name][i][ids]
                out.append(acc)
            self._acc[term] = out
        return self._acc[term]

    def doc_freq(self, term: str) -> int:
        if term not in self._df:
            self._df[term] = sum(
                int(np.count_nonzero((acc > 0) & live)) for acc, live in zip(self.weighted_tf(term), self.snap.live)
            )
        return self._df[term]

    def idf(self, df: int) -> float:
        n = max(self.snap.live_count, 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def term_scores(self, term: str) -> list[np.ndarray]:
        idf = self.idf(self.doc_freq(term))
        return [acc * np.float32(idf * (K1 + 1)) / (acc + np.float32(K1)) for acc in self.weighted_tf(term)]

    # -- phrases -------------------------------------------------------------
    def phrase_counts(self, terms: tuple[str, ...], i: int, within: np.ndarray | None = None) -> np.ndarray:
        """How often `terms` occur in this order, side by side in one field, in each document of
        segment i (only documents in the boolean mask `within`, if given)."""
        view = self.snap.views[i]
        total = np.zeros(view.n, dtype=np.int32)
        unsure: list[np.ndarray] = []
        for text in self.doctype.text_fields:
            name = text_field_name(text)
            lists = [view.positions(name, term) for term in terms]
            if any(found is None for found in lists):
                continue
            candidates = np.ones(view.n, dtype=bool) if within is None else within.copy()
            for ids, _tf, _slots in lists:  # type: ignore[misc]
                present = np.zeros(view.n, dtype=bool)
                present[ids] = True
                candidates &= present
            common = np.flatnonzero(candidates)
            if not len(common):
                continue
            rows = [np.searchsorted(ids, common) for ids, _tf, _slots in lists]  # type: ignore[misc]
            start = lists[0][2][rows[0]].astype(np.int32)  # type: ignore[index]
            valid = start != NO_POSITION
            for offset in range(1, len(terms)):
                following = lists[offset][2][rows[offset]].astype(np.int32)  # type: ignore[index]
                following[following == NO_POSITION] = -SLOTS - 2  # never equal to start + offset
                valid &= (following[:, None, :] == (start + offset)[:, :, None]).any(axis=2)
            found = valid.sum(axis=1, dtype=np.int32)
            total[common] += found
            # A term repeated past SLOTS times in a field may hide an occurrence: read the text.
            overflow = np.zeros(len(common), dtype=bool)
            for (_ids, tf, _slots), row in zip(lists, rows):  # type: ignore[misc]
                overflow |= tf[row] > SLOTS
            unsure.append(common[overflow & (found == 0)])
        docnums = [int(d) for d in np.unique(np.concatenate(unsure)) if not total[d]] if unsure else []
        if docnums and self.texts is not None:
            by_id = {view.doc_id(d): d for d in docnums}
            for doc_id, doc in self.texts(list(by_id)).items():
                if doc_id in by_id and doc is not None and self._in_text(doc, terms):
                    total[by_id[doc_id]] = 1
        return total

    def _in_text(self, doc: dict[str, Any], terms: tuple[str, ...]) -> bool:
        """Whether the phrase is in one value of one of the document's text fields (as indexed)."""
        size = len(terms)
        for text in self.doctype.text_fields:
            for source in text.sources:
                for value in values_at(doc, source):
                    analysed = analyze(str(value))
                    if any(tuple(analysed[p : p + size]) == terms for p in range(len(analysed) - size + 1)):
                        return True
        return False

    # -- units and clauses ---------------------------------------------------
    def unit_masks(self, unit: Unit) -> list[np.ndarray]:
        if not unit.is_phrase:
            return [acc > 0 for acc in self.weighted_tf(unit.terms[0])]
        masks = []
        for i, live in enumerate(self.snap.live):
            within = live.copy()
            for term in dict.fromkeys(unit.terms):  # only documents with every word are candidates
                within &= self.weighted_tf(term)[i] > 0
            masks.append(self.phrase_counts(unit.terms, i, within) > 0 if within.any() else within)
        return masks

    def unit_scores(self, unit: Unit, masks: list[np.ndarray]) -> list[np.ndarray]:
        total = [np.zeros(view.n, dtype=np.float32) for view in self.snap.views]
        boost = np.float32(PHRASE_BOOST if unit.is_phrase else 1.0)
        for term in dict.fromkeys(unit.terms):
            for i, scores in enumerate(self.term_scores(term)):
                total[i] += scores
        return [t * m * boost for t, m in zip(total, masks)]

    def run(self, query: ParsedQuery, *, score: bool = True) -> Match:
        views = self.snap.views
        unknown = {t for clause in query.clauses for unit in clause for t in unit.terms if self.doc_freq(t) == 0}
        if query.match_all and not query.excluded:
            return Match([None] * len(views), [None] * len(views), unknown)
        masks = [live.copy() for live in self.snap.live]
        scores = [np.zeros(v.n, dtype=np.float32) for v in views] if score and query.clauses else None
        for clause in query.clauses:
            clause_mask = [np.zeros(v.n, dtype=bool) for v in views]
            for unit in clause:
                unit_mask = self.unit_masks(unit)
                for i in range(len(views)):
                    clause_mask[i] |= unit_mask[i]
                if scores is not None:
                    for i, s in enumerate(self.unit_scores(unit, unit_mask)):
                        scores[i] += s
            for i in range(len(views)):
                masks[i] &= clause_mask[i]
        for unit in query.excluded:
            for i, excluded in enumerate(self.unit_masks(unit)):
                masks[i] &= ~excluded
        if scores is not None and query.proximity:
            self._add_proximity(query.proximity, scores, masks)
        return Match(masks, scores, unknown)

    def _add_proximity(self, pairs: list[tuple[str, str]], scores: list[np.ndarray], masks: list[np.ndarray]) -> None:
        windows = [_best(mask & (score > 0), score, PROXIMITY_WINDOW) for mask, score in zip(masks, scores)]
        for pair in dict.fromkeys(pairs):
            # The rarer word's IDF: a lower bound of the pair's own, which would need the
            # positions of every document rather than of the window.
            weight = np.float32(PROXIMITY_BOOST * max(self.idf(self.doc_freq(term)) for term in pair))
            for i, window in enumerate(windows):
                if not window.any():
                    continue
                tf = self.phrase_counts(pair, i, window).astype(np.float32)
                scores[i] += weight * tf * np.float32(K1 + 1) / (tf + np.float32(K1))


def _best(mask: np.ndarray, scores: np.ndarray, k: int) -> np.ndarray:
    """The (at most) k highest-scoring documents of `mask`, as a mask."""
    docs = np.flatnonzero(mask)
    if len(docs) <= k:
        return mask
    window = np.zeros(len(mask), dtype=bool)
    window[docs[np.argpartition(-scores[docs], k - 1)[:k]]] = True
    return window
