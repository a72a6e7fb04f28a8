"""Bulk index building: whole Whoosh segments written from in-memory postings.

Whoosh's SegmentWriter pushes every posting through a generic sorting pool
and per-posting Python calls (130-280 s for 100k profiles here).  For a full
rebuild we know documents arrive once, in order, so each worker process:

1. extracts and analyses documents (`schema.extract`), writing stored fields (ids, labels),
   field lengths and columns through the codec's normal per-document writer;
2. appends postings to flat arrays (term id, docnum, frequency);
3. at the end sorts once with numpy and writes each term's posting list a
   block at a time through the codec's normal field writer.

The result is ordinary W3 segments: Whoosh reads, merges and deletes from
them like any other.  Workers each produce their own segments (no merge), and
the caller commits them all in one new TOC generation.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import traceback
from array import array
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from whoosh import fields as wfields
from whoosh.filedb.filestore import FileStorage

from marketplace.search.codec import (
    NO_POSITION,
    SEPARATOR,
    SLOTS,
    EngineCodec,
    TermPositions,
    add_term_postings,
    existence_value,
)
from marketplace.search.schema import DocType, extract

Progress = Callable[[int, int | None], None]
BATCH = 500
# Start a new segment after this many entries (postings, or tokens of text fields)
# to bound worker memory: 12 bytes an entry in the flat arrays, plus the vocabulary.
MAX_SEGMENT_POSTINGS = 10_000_000


class _FieldPostings:
    """Postings of one field as flat parallel arrays, in document order.

    Text fields record every token (term, document, position) with no Python work per
    posting; `write` groups them into postings with numpy (frequency = tokens in the group,
    position slots = its first SLOTS positions)."""

    def __init__(self, with_positions: bool, existence: bytes = b"") -> None:
        self.existence = existence
        self.vocab: dict[str, int] = {}
        self.term_ids = array("I")
        self.docnums = array("I")
        self.positions: array | None = array("I") if with_positions else None

    def add(self, docnum: int, terms: list[str]) -> int:
        """Existence-only postings (keywords, ids), or every token of a text field."""
        vocab = self.vocab
        setdefault = vocab.setdefault
        self.term_ids.extend([setdefault(t, len(vocab)) for t in terms])
        self.docnums.extend([docnum] * len(terms))
        if self.positions is not None:
            self.positions.extend(range(len(terms)))
        return len(terms)

    def write(self, fieldwriter: Any) -> None:
        if not self.term_ids:
            return
        terms = sorted(self.vocab)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[[self.vocab[t] for t in terms]] = np.arange(len(terms))
        term_ranks = rank[np.frombuffer(self.term_ids, dtype=np.uint32)]
        docnums = np.frombuffer(self.docnums, dtype=np.uint32)
        if self.positions is None:
            # A stable sort keeps each term's docnums ascending (document order).
            order = np.argsort(term_ranks, kind="stable")
            self._write_terms(fieldwriter, terms, term_ranks[order], docnums[order], None, None, self.existence)
            return
        positions = np.frombuffer(self.positions, dtype=np.uint32)
        if SEPARATOR in self.vocab:
            keep = term_ranks != rank[self.vocab[SEPARATOR]]
            term_ranks, docnums, positions = term_ranks[keep], docnums[keep], positions[keep]
        order = np.lexsort((positions, docnums, term_ranks))
        term_ranks, docnums, positions = term_ranks[order], docnums[order], positions[order]
        first = np.ones(len(order), dtype=bool)
        first[1:] = (term_ranks[1:] != term_ranks[:-1]) | (docnums[1:] != docnums[:-1])
        starts = np.flatnonzero(first)
        group = np.cumsum(first) - 1
        nth = np.arange(len(order)) - starts[group]
        freqs = np.diff(np.append(starts, len(order))).astype(np.float32)
        slots = np.full((len(starts), SLOTS), NO_POSITION, dtype=np.uint16)
        kept = (nth < SLOTS) & (positions < NO_POSITION)
        slots[group[kept], nth[kept]] = positions[kept]
        self._write_terms(fieldwriter, terms, term_ranks[starts], docnums[starts], freqs, slots)

    @staticmethod
    def _write_terms(
        fieldwriter: Any,
        terms: list[str],
        ranks: np.ndarray,
        docnums: np.ndarray,
        freqs: np.ndarray | None,
        slots: np.ndarray | None,
        existence: bytes = b"",
    ) -> None:
        """Postings sorted by term then document, one posting list per term."""
        bounds = np.flatnonzero(np.diff(ranks)) + 1
        starts = np.concatenate(([0], bounds)).tolist()
        ends = np.concatenate((bounds, [len(ranks)])).tolist()
        for start, end in zip(starts, ends):
            term = terms[int(ranks[start])]
            ids = array("I", docnums[start:end].astype(np.uint32).tobytes())
            fr = None if freqs is None else array("f", freqs[start:end].tobytes())
            pos = None if slots is None else slots[start:end]
            add_term_postings(fieldwriter, term.encode("utf-8"), ids, fr, pos, existence)


class SegmentBuilder:
    """Writes one Whoosh segment from extracted documents."""

    def __init__(self, storage: FileStorage, indexname: str, schema: Any, codec: EngineCodec) -> None:
        self.storage, self.schema, self.codec = storage, schema, codec
        self.segment = codec.new_segment(storage, indexname)
        self.perdoc = codec.per_document_writer(storage, self.segment)
        self.postings: dict[str, _FieldPostings] = {}
        self.count = 0
        self.posting_count = 0
        self._plan = [(name, schema[name]) for name in schema.names()]

    def add(self, values: dict[str, Any]) -> None:
        docnum = self.count
        perdoc = self.perdoc
        perdoc.start_doc(docnum)
        for name, field in self._plan:
            value = values.get(name)
            if value is None:
                continue
            length = 0
            if field.indexed:
                length = self._index(name, field, docnum, value)
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self.count += 1

    def _index(self, name: str, field: wfields.FieldType, docnum: int, value: Any) -> int:
        with_positions = isinstance(field.format, TermPositions)
        postings = self.postings.get(name)
        if postings is None:
            postings = self.postings[name] = _FieldPostings(
                with_positions, b"" if with_positions else existence_value(field)
            )
        if with_positions:
            self.posting_count += postings.add(docnum, value)
            # As Whoosh's writer counts it: the sum of the frequencies (separators are not terms).
            return len(value) - value.count(SEPARATOR) if field.scorable else 0
        # keyword / id fields: existence only, values not analysed
        self.posting_count += postings.add(docnum, list(dict.fromkeys([value] if isinstance(value, str) else value)))
        return 0

    def discard(self) -> None:
        """Close an empty builder's files (nothing to commit; unreferenced files are cleaned)."""
        self.perdoc.close()

    def finish(self) -> Any:
        self.perdoc.close()
        fieldwriter = self.codec.field_writer(self.storage, self.segment)
        for name in sorted(self.postings):
            fieldwriter.start_field(name, self.schema[name])
            self.postings[name].write(fieldwriter)
            fieldwriter.finish_field()
        fieldwriter.close()
        self.segment.set_doc_count(self.count)
        return self.segment


def build_segments_inline(
    storage: FileStorage,
    indexname: str,
    schema: Any,
    doctype: DocType,
    docs: Iterable[dict[str, Any]],
    total: int | None,
    progress: Progress | None,
) -> list[Any]:
    """Single-process build (small corpora and tests)."""
    codec = EngineCodec()
    builder = SegmentBuilder(storage, indexname, schema, codec)
    segments = []
    done = 0
    for doc in docs:
        builder.add(extract(doctype, doc))
        done += 1
        if builder.posting_count > MAX_SEGMENT_POSTINGS:
            segments.append(builder.finish())
            builder = SegmentBuilder(storage, indexname, schema, codec)
        if progress and done % BATCH == 0:
            progress(done, total)
    if builder.count:
        segments.append(builder.finish())
    else:
        builder.discard()
    if progress:
        progress(done, total)
    return segments


def _worker(path: str, indexname: str, doctype: DocType, jobs: Any, results: Any) -> None:
    try:
        storage = FileStorage(path, supports_mmap=False)
        schema = storage.open_index(indexname).schema
        segments = build_segments_inline(storage, indexname, schema, doctype, _drain(jobs), None, None)
        results.put(("ok", segments))
    except BaseException:  # report anything, including KeyboardInterrupt
        results.put(("error", traceback.format_exc()))


def _drain(jobs: Any) -> Iterable[dict[str, Any]]:
    while (batch := jobs.get()) is not None:
        yield from batch


def build_segments_parallel(
    path: str,
    indexname: str,
    doctype: DocType,
    docs: Iterable[dict[str, Any]],
    procs: int,
    total: int | None,
    progress: Progress | None,
) -> list[Any]:
    """Feed documents to `procs` worker processes; return their segments.

    "fork" when this process has a single thread (a CLI command: fast, and no
    re-import of the caller's main module); "spawn" otherwise, because forking
    a threaded web worker can deadlock on locks held at fork time.
    """
    forking = threading.active_count() == 1 and "fork" in mp.get_all_start_methods()
    ctx = mp.get_context("fork") if forking else mp.get_context("spawn")
    jobs = ctx.Queue(maxsize=procs * 4)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(path, indexname, doctype, jobs, results), daemon=True) for _ in range(procs)
    ]
    for worker in workers:
        worker.start()
    try:
        done = 0
        batch: list[dict[str, Any]] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= BATCH:
                _put(jobs, batch, workers)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total)
        if batch:
            _put(jobs, batch, workers)
            done += len(batch)
        for _ in workers:
            _put(jobs, None, workers)
        segments: list[Any] = []
        for _ in workers:
            status, payload = _get(results, workers)
            if status != "ok":
                raise RuntimeError(f"search index build worker failed:\n{payload}")
            segments.extend(payload)
        if progress:
            progress(done, total)
        return segments
    finally:
        for worker in workers:
            worker.join(timeout=30)
            if worker.is_alive():
                worker.terminate()


def _put(jobs: Any, item: Any, workers: list[Any]) -> None:
    while True:
        try:
            jobs.put(item, timeout=1.0)
            return
        except queue.Full:
            _check_alive(workers)


def _get(results: Any, workers: list[Any]) -> Any:
    while True:
        try:
            return results.get(timeout=1.0)
        except queue.Empty:
            _check_alive(workers, allow_finished=True, results=results)


def _check_alive(workers: list[Any], allow_finished: bool = False, results: Any = None) -> None:
    dead = [w for w in workers if not w.is_alive() and (w.exitcode or 0) != 0]
    if dead:
        raise RuntimeError(f"search index build worker died (exit code {dead[0].exitcode})")
    if allow_finished and all(not w.is_alive() for w in workers) and results is not None and results.empty():
        raise RuntimeError("search index build workers exited without a result")
