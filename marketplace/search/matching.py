"""Evaluate a parsed query over a snapshot: which documents match, and scores.

Scoring is BM25F: a term's frequency in each text field is weighted by the
field boost and normalised by that field's length, the weighted frequencies
are summed across fields and saturated once, then multiplied by the term's
IDF (document frequency counted over all text fields).  Summing before
saturating stops a word that appears in five fields from outscoring a better
match in the name.  Everything is dense numpy per segment: one multiply and
one scatter-add per posting, no Python per document.

Phrases use the bigram field: "estate cleaning services" matches documents
containing both "estat clean" and "clean servic".  Unquoted adjacent words
earn a proximity bonus when their bigram occurs, so "estate cleaning" ranks
estate cleaners above documents that mention estates and cleaning apart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from marketplace.search.query import ParsedQuery, Unit
from marketplace.search.schema import PAIRS, DocType, text_field_name
from marketplace.search.segments import Snapshot

K1 = 1.2
PROXIMITY_BOOST = 2.0
PHRASE_BOOST = 1.5


@dataclass
class Match:
    """Per segment: matching docs (live, text only) and relevance scores.

    `masks[i] is None` means every live doc of segment i (match-all)."""

    masks: list[np.ndarray | None]
    scores: list[np.ndarray | None]
    unknown_terms: set[str] = field(default_factory=set)


class Evaluator:
    def __init__(self, snap: Snapshot, doctype: DocType) -> None:
        self.snap = snap
        self.doctype = doctype
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

    def pair_postings(self, pair: str) -> list[tuple[np.ndarray, np.ndarray] | None]:
        return [view.postings(PAIRS, pair) for view in self.snap.views]

    # -- units and clauses ---------------------------------------------------
    def unit_masks(self, unit: Unit) -> list[np.ndarray]:
        if not unit.is_phrase:
            return [acc > 0 for acc in self.weighted_tf(unit.terms[0])]
        masks = [np.ones(view.n, dtype=bool) for view in self.snap.views]
        for postings in (self.pair_postings(p) for p in unit.pairs):
            for i, found in enumerate(postings):
                hit = np.zeros(self.snap.views[i].n, dtype=bool)
                if found is not None:
                    hit[found[0]] = True
                masks[i] &= hit
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
        if scores is not None:
            self._add_proximity(query.proximity, scores)
        return Match(masks, scores, unknown)

    def _add_proximity(self, pairs: list[str], scores: list[np.ndarray]) -> None:
        for pair in dict.fromkeys(pairs):
            postings = self.pair_postings(pair)
            df = sum(len(p[0]) for p in postings if p is not None)
            if not df:
                continue
            idf = np.float32(self.idf(df) * PROXIMITY_BOOST)
            for i, found in enumerate(postings):
                if found is not None:
                    ids, tf = found
                    scores[i][ids] += idf * tf * np.float32(K1 + 1) / (tf + np.float32(K1))
