"""The search engine's public API (pure Python: no Flask, no database).

    index = SearchIndex(Path("instance/search"), [SUPPLIER], texts={"supplier": load_texts})
    index.upsert("supplier", [doc, ...], sequence=42)
    result = index.search("supplier", SearchRequest(text="estate cleaning",
                          filters={"wards": ["kilburn"]}, facets=["wards"]))

Documents are plain dicts; each domain defines its document type (a `DocType`, e.g. SUPPLIER in
`marketplace/suppliers/search_documents.py`). The engine knows no domain.
Whoosh stores the index; numpy does the per-query work (see `matching.py`,
`facets.py`, `ranking.py`).  Several processes may write at once: writes
queue on a file lock.  `applied_sequence` tells the application which of its
changes the index already holds, so it can catch up after a crash.

The index stores none of the documents' writing (ids, and a document type's few `stored_paths`
labels, returned as `Hit.stored`): highlights, and a phrase the term positions cannot settle,
read the documents' text from a **texts provider** per document type - a callable the application
passes in, `ids -> {id: document}`, that loads the rows (the app registers its `Source`'s). A caller
that has the rows already asks for hits without highlights and highlights its own page
(`highlight_documents`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from marketplace.search.collection import (
    Collection,
    IndexOutdatedError,
    IndexUnavailableError,
    RebuildInProgressError,
)
from marketplace.search.facets import combine, counts, filter_bits
from marketplace.search.feed import FeedBatch, gaps_of
from marketplace.search.highlight import highlights
from marketplace.search.matching import Evaluator, TextsProvider
from marketplace.search.query import ParsedQuery, parse
from marketplace.search.ranking import Candidate, merge_page, mix, search_salt, top_in_segment
from marketplace.search.schema import DocType, extract, text_field_name, text_values
from marketplace.search.segments import PostingsCache, Snapshot, pack, popcount_rows, unpack
from marketplace.search.spelling import correct_word, misspelt_words, replace_word
from marketplace.search.store import IndexBusyError

__all__ = [
    "FeedBatch",
    "highlight_documents",
    "Hit",
    "IndexBusyError",
    "IndexOutdatedError",
    "IndexUnavailableError",
    "RebuildInProgressError",
    "SearchIndex",
    "SearchRequest",
    "SearchResult",
    "TextsProvider",
]

log = logging.getLogger(__name__)
MAX_PAGE_SIZE = 100
MAX_RESULT_WINDOW = 10_000  # deepest result a page may reach (as Elasticsearch)


@dataclass
class SearchRequest:
    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # OR within, AND across
    facets: list[str] = field(default_factory=list)
    sort: str = "relevance"  # or a sort field of the doctype: "name", "updated"
    page: int = 1
    page_size: int = 20
    # False: hits without highlights, and a page may be up to MAX_RESULT_WINDOW long (a caller that pages
    # the hits itself, after filtering in SQL, or has the page's rows, highlights them: `highlight_documents`).
    # True: the hits' texts come from the document type's texts provider (none: no highlights).
    highlight: bool = True


@dataclass
class Hit:
    id: str
    score: float
    highlights: dict[str, str]  # field -> HTML-safe snippet with <mark>
    stored: dict[str, Any] = field(default_factory=dict)  # the document type's `stored_paths` values


@dataclass(frozen=True)
class IndexCheck:
    """One document type's index as a search finds it (`SearchIndex.check`)."""

    status: str  # "ok", "empty" (never written), "missing" (deleted under us) or "unreadable"
    sequence: int  # the applied sequence
    gaps: dict[int, float]  # change ids below it still awaited
    outdated: bool  # built from an older definition of the document type or engine format


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None
    query_error: str | None = None


def highlight_documents(
    doctype: DocType,
    text: str,
    docs: dict[Any, dict[str, Any]],
    rest: Sequence[Callable[[list[Any]], Mapping[Any, dict[str, Any]]]] = (),
) -> dict[Any, dict[str, str]]:
    """The highlights a search for `text` gives each document (keyed as `docs`), built from the documents
    themselves: the same snippets as `Hit.highlights`, for the few hits a page shows.

    With `rest`, `docs` may hold only some of the document's keys (those the page's rows carry): each
    loader in `rest`, in turn, gives more of them (`loader(keys) -> {key: {document key: value}}`), and is
    asked only for the documents whose snippets would read a key they still lack (highlights stop after a
    few snippets, in field order, so later fields are often never read). The last loader must complete
    the documents."""
    terms = frozenset(parse(text or "").positive_terms())
    out: dict[Any, dict[str, str]] = {}
    pending = {key: dict(doc) for key, doc in docs.items()}
    for loader in (*rest, None):
        wanting = []
        for key, doc in pending.items():
            absent = frozenset(p for p in doctype.text_paths if p.partition(".")[0] not in doc)
            found = highlights(text_values(doctype, doc), doctype, terms, absent if loader else frozenset())
            if found is None:
                wanting.append(key)
            else:
                out[key] = found
        if not wanting or loader is None:
            break
        more = loader(wanting)
        pending = {key: {**pending[key], **more.get(key, {})} for key in wanting}
    return {key: out[key] for key in docs}


class SearchIndex:
    def __init__(
        self,
        path: Path | str,
        doctypes: Iterable[DocType],
        *,
        lock_timeout: float = 30.0,
        refresh_interval: float = 0.1,
        cache_mb: int = 64,
        texts: Mapping[str, TextsProvider] | None = None,
    ) -> None:
        """`texts`: per document type, where highlights and phrase checks read documents' text."""
        self.path = Path(path)
        self._texts = dict(texts or {})
        self.path.mkdir(parents=True, exist_ok=True)
        self._cache = PostingsCache(cache_mb * 1024 * 1024)
        self._collections = {
            dt.name: Collection(self.path, dt, self._cache, lock_timeout, refresh_interval) for dt in doctypes
        }

    def _col(self, doctype: str) -> Collection:
        try:
            return self._collections[doctype]
        except KeyError:
            raise ValueError(f"unknown document type {doctype!r}") from None

    # -- writing -------------------------------------------------------------
    def upsert(self, doctype: str, docs: Iterable[dict[str, Any]], *, sequence: FeedBatch | int | None = None) -> None:
        """Add or replace documents (by id); record `sequence` (a change id, or a `FeedBatch`) as applied."""
        col = self._col(doctype)
        latest: dict[str, dict[str, Any]] = {}
        for doc in docs:  # analyse outside the lock; the last copy of an id wins
            values = extract(col.doctype, doc)
            latest.pop(values["id"], None)
            latest[values["id"]] = values
        col.write(("upsert", list(latest.values()), sequence))

    def delete(self, doctype: str, ids: Iterable[str], *, sequence: FeedBatch | int | None = None) -> None:
        self._col(doctype).write(("delete", list(dict.fromkeys(str(i) for i in ids)), sequence))

    def rebuild(
        self,
        doctype: str,
        docs_iter: Iterable[dict[str, Any]],
        *,
        total: int | None = None,
        progress: Callable[[int, int | None], None] | None = None,
        sequence: int | None = None,
        procs: int | None = None,
        reset_sequence: bool = False,
        missing: Iterable[int] = (),
    ) -> int:
        """Build a new index aside and swap it in atomically; returns the
        number of documents.  Searches keep using the old index meanwhile, and
        writes made during the build are replayed into the new one.
        `docs_iter` should read the database after this call starts; `missing`
        are change ids below `sequence` not yet visible then (see feed.py)."""
        if procs is None:
            procs = 1 if total is not None and total < 20_000 else max(1, os.cpu_count() or 1)
        return self._col(doctype).rebuild(
            docs_iter,
            total=total,
            progress=progress,
            sequence=sequence,
            procs=procs,
            reset_sequence=reset_sequence,
            missing=tuple(int(i) for i in missing),
        )

    # -- state ---------------------------------------------------------------
    def applied_sequence(self, doctype: str) -> int:
        return int(self._col(doctype).state().get("sequence", 0))

    def status(self, doctype: str) -> str:
        """ "ok", "empty" (never written), "missing" (deleted under us) or "unreadable"."""
        return self._col(doctype).status()

    def is_rebuilding(self, doctype: str) -> bool:
        return self._col(doctype).store.rebuilding_name() is not None

    def feed_gaps(self, doctype: str) -> dict[int, float]:
        """Change ids below the applied sequence still awaited (id -> when first missed)."""
        return gaps_of(self._col(doctype).state())

    def check(self, doctype: str) -> IndexCheck:
        """Status, applied sequence, gaps and whether the format is outdated, from one read of each file."""
        col = self._col(doctype)
        status, state = col.check()
        return IndexCheck(
            status=status,
            sequence=int(state.get("sequence", 0)),
            gaps=gaps_of(state),
            outdated=state.get("fingerprint") not in (None, col.doctype.fingerprint()),
        )

    def needs_rebuild(self, doctype: str) -> bool:
        col = self._col(doctype)
        return col.state().get("fingerprint") not in (None, col.doctype.fingerprint())

    def doc_count(self, doctype: str) -> int:
        col = self._col(doctype)
        with col.lock:
            snap = col.snapshot()
            return snap.live_count if snap else 0

    def warm(self, doctype: str) -> None:
        """Load every per-segment cache now rather than on first use."""
        col = self._col(doctype)
        with col.lock:
            snap = col.snapshot()
            if snap is None:
                return
            fields = [text_field_name(t) for t in col.doctype.text_fields]
            for view in snap.views:
                for facet in col.doctype.facet_fields:
                    view.facet(facet.name)
                for sort in col.doctype.sort_fields:
                    view.sort_values(sort)
                view.has_term(fields, "")

    def close(self) -> None:
        for col in self._collections.values():
            with col.lock:
                col.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- searching -----------------------------------------------------------
    def search(self, doctype: str, request: SearchRequest) -> SearchResult:
        col = self._col(doctype)
        dt = col.doctype
        parsed = parse(request.text or "")
        notes = list(parsed.notes)
        filters = _clean_filters(dt, request.filters or {}, notes)
        facet_names = [f for f in dict.fromkeys(request.facets or []) if dt.facet(f)]
        sort = request.sort if request.sort == "relevance" or dt.sort(request.sort) else "relevance"
        with col.lock:
            snap = col.snapshot()
            if snap is None or not snap.views or parsed.nothing_searchable:
                return SearchResult(
                    0, [], {f: dict.fromkeys(filters.get(f, []), 0) for f in facet_names}, None, " ".join(notes) or None
                )
            evaluator = Evaluator(snap, dt, self._texts.get(doctype))
            match = evaluator.run(parsed, score=sort == "relevance")
            base = [live if m is None else pack(m) for m, live in zip(match.masks, snap.live_bits)]
            fbits = filter_bits(snap, dt, filters)
            final = combine(base, fbits)
            total = int(sum(int(popcount_rows(bits)) for bits in final))
            facets = counts(snap, facet_names, dt, base, fbits, final, filters)
            hits = self._page(snap, dt, request, filters, sort, final, match.scores, total)
            suggestion = None
            if match.unknown_terms:
                suggestion = self._suggest(snap, dt, evaluator, parsed, request.text, fbits, match.unknown_terms)
        if request.highlight and hits:  # outside the lock: the provider may read a database
            self._highlight(doctype, parsed, hits)
        return SearchResult(total, hits, facets, suggestion, " ".join(notes) or None)

    def _highlight(self, doctype: str, parsed: ParsedQuery, hits: list[Hit]) -> None:
        provider = self._texts.get(doctype)
        if provider is None:
            return
        docs = provider([hit.id for hit in hits])
        terms = frozenset(parsed.positive_terms())
        dt = self._col(doctype).doctype
        for hit in hits:
            doc = docs.get(hit.id)
            if doc is not None:
                hit.highlights = highlights(text_values(dt, doc), dt, terms) or {}

    def _page(
        self,
        snap: Snapshot,
        dt: DocType,
        request: SearchRequest,
        filters: dict[str, list[str]],
        sort: str,
        final: list[np.ndarray],
        scores: Sequence[np.ndarray | None] | None,
        total: int,
    ) -> list[Hit]:
        # Without highlights a page may hold the whole result window (callers that page in SQL want ids).
        size = min(max(int(request.page_size or 20), 1), MAX_PAGE_SIZE if request.highlight else MAX_RESULT_WINDOW)
        start = (max(int(request.page or 1), 1) - 1) * size
        if start >= min(total, MAX_RESULT_WINDOW):
            return []
        k = min(start + size, total)
        salt = search_salt(request.text or "", filters)
        sort_field = dt.sort(sort) if sort != "relevance" else None
        candidates: list[Candidate] = []
        for i, view in enumerate(snap.views):
            docnums = np.flatnonzero(unpack(final[i], view.n))
            if not len(docnums):
                continue
            segment_scores = scores[i] if scores is not None else None
            seg_scores = segment_scores[docnums] if segment_scores is not None else None
            if sort_field is not None and sort_field.kind == "text":
                primary, secondary = None, view.sort_values(sort_field)[docnums]
            elif sort_field is not None:
                values = view.sort_values(sort_field)[docnums].astype(np.float64)
                primary, secondary = (values if sort_field.descending else -values), mix(view.tiebreak[docnums], salt)
            else:
                primary, secondary = seg_scores, mix(view.tiebreak[docnums], salt)
            for pos in top_in_segment(docnums, primary, secondary, k).tolist():
                docnum = int(docnums[pos])
                if sort_field is not None and sort_field.kind == "text":
                    second: Any = (view.sort_key(sort_field, docnum), int(view.tiebreak[docnum]))
                else:
                    second = int(secondary[pos])
                candidates.append(
                    Candidate(
                        i,
                        docnum,
                        float(primary[pos]) if primary is not None else 0.0,
                        second,
                        float(seg_scores[pos]) if seg_scores is not None else 0.0,
                    )
                )
        hits = []
        for cand in merge_page(candidates, start, start + size):
            view = snap.views[cand.segment]
            if dt.stored_paths and size <= MAX_PAGE_SIZE:
                doc_id, stored = view.stored(cand.docnum)
                hits.append(Hit(doc_id, round(cand.score, 4), {}, stored))
            else:
                hits.append(Hit(view.doc_id(cand.docnum), round(cand.score, 4), {}))
        return hits

    def _suggest(
        self,
        snap: Snapshot,
        dt: DocType,
        evaluator: Evaluator,
        parsed: ParsedQuery,
        text: str,
        fbits: dict[str, list[np.ndarray]],
        unknown: set[str],
    ) -> str | None:
        surfaces = [unit.surface for clause in parsed.clauses for unit in clause]
        fields = [text_field_name(t) for t in dt.text_fields]

        def has_stem(stem: str) -> bool:
            return any(view.has_term(fields, stem) for view in snap.views)

        corrected = text
        for word in misspelt_words(surfaces, unknown)[:4]:
            fix = correct_word(word, has_stem, evaluator.doc_freq)
            if fix:
                corrected = replace_word(corrected, word, fix)
        if corrected == text:
            return None
        match = evaluator.run(parse(corrected), score=False)
        base = [live if m is None else pack(m) for m, live in zip(match.masks, snap.live_bits)]
        found = sum(int(popcount_rows(bits)) for bits in combine(base, fbits))
        return corrected if found else None


def _clean_filters(dt: DocType, filters: dict[str, Any], notes: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, values in filters.items():
        if dt.facet(name) is None:
            notes.append(f"The filter ‘{name}’ is not recognised, so it was ignored.")
            continue
        if isinstance(values, (str, bytes)):
            values = [values]
        cleaned = [
            ("true" if v else "false") if isinstance(v, bool) else str(v)
            for v in (values or [])
            if v is not None and str(v) != ""
        ]
        if cleaned:
            out[name] = list(dict.fromkeys(cleaned))
    return out
