"""Per-segment numpy views of a Whoosh index, cached by segment id.

Whoosh segments are immutable apart from their deletion set, so everything
derived from one (facet bitsets, tie-break hashes, sort keys, field length
norms, decoded posting lists) is computed once and reused until the segment
disappears in a merge.  A new commit only costs work for the new (small)
segments.  Deletions are applied per query from the latest TOC.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh import columns as wcolumns
from whoosh.codec.whoosh3 import LENGTHS_COLUMN

from marketplace.search.codec import (
    LENGTH_TABLE,
    NO_POSITION,
    SLOTS,
    read_bytes_column,
    read_numeric_column,
    read_positions,
    read_postings,
)
from marketplace.search.schema import (
    ID,
    STORED,
    TIEBREAK,
    DocType,
    SortField,
    TextField,
    facet_field_name,
    sort_field_name,
    text_field_name,
)

_popcount = getattr(np, "bitwise_count", None)
_BYTE_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def popcount_rows(bits: np.ndarray) -> np.ndarray:
    """Number of set bits in each row of a uint64 matrix (or in a vector)."""
    if _popcount is not None:
        return _popcount(bits).sum(axis=-1, dtype=np.int64)
    as_bytes = bits.view(np.uint8).reshape(*bits.shape[:-1], -1)
    return _BYTE_POPCOUNT[as_bytes].sum(axis=-1, dtype=np.int64)


def pack(mask: np.ndarray) -> np.ndarray:
    """bool[n] -> uint64[ceil(n/64)] bitset."""
    packed = np.packbits(mask, bitorder="little")
    pad = (-len(packed)) % 8
    if pad:
        packed = np.concatenate((packed, np.zeros(pad, dtype=np.uint8)))
    return packed.view(np.uint64)


def unpack(bits: np.ndarray, n: int) -> np.ndarray:
    return np.unpackbits(bits.view(np.uint8), count=n, bitorder="little").view(bool)


def _size(value: tuple[Any, ...] | None) -> int:
    return 64 if value is None else 64 + sum(part.nbytes for part in value)


_SLOT_RANGE = np.arange(SLOTS, dtype=np.int64)


class PackedSlots:
    """A term's (n, SLOTS) position slots without their empty slots: each posting's kept positions one
    after another (`flat`), and where each posting's start (`starts`, n + 1 offsets).

    Most postings keep one or two positions of the eight slots, so the dense uint16 matrix is mostly
    NO_POSITION: packed, a cached posting list with positions takes ~15 bytes a posting instead of 24.
    Indexing with posting rows gives the dense rows back, as the matrix would."""

    __slots__ = ("flat", "starts")

    def __init__(self, dense: np.ndarray) -> None:
        kept = dense != NO_POSITION
        self.flat = dense[kept]  # row by row: the kept positions are the leading slots, ascending
        self.starts = np.zeros(len(dense) + 1, dtype=np.int32)
        np.cumsum(kept.sum(axis=1), out=self.starts[1:])

    @property
    def nbytes(self) -> int:
        return int(self.flat.nbytes + self.starts.nbytes)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, rows: Any) -> np.ndarray:
        picked = np.asarray(rows, dtype=np.int64)
        single = picked.ndim == 0
        picked = picked.reshape(-1)
        begin = self.starts[picked].astype(np.int64)
        count = self.starts[picked + 1] - begin
        used = _SLOT_RANGE < count[:, None]
        out = np.full((len(picked), SLOTS), NO_POSITION, dtype=np.uint16)
        out[used] = self.flat[(begin[:, None] + _SLOT_RANGE)[used]]
        return out[0] if single else out


_ABSENT = object()


class PostingsCache:
    """Bounded LRU of decoded posting lists shared by all segments."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def peek(self, key: tuple) -> Any:
        """The value kept for `key` (now the most recently used), or _ABSENT."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return _ABSENT

    def discard(self, key: tuple) -> None:
        with self._lock:
            if key in self._items:
                self._bytes -= _size(self._items.pop(key))

    def get(self, key: tuple, load: Any) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = load()
        with self._lock:
            if key not in self._items:
                self._items[key] = value
                self._bytes += _size(value)
            while self._bytes > self.max_bytes and self._items:
                _, old = self._items.popitem(last=False)
                self._bytes -= _size(old)
        return value

    def forget_segments(self, segids: set[str]) -> None:
        with self._lock:
            for key in [k for k in self._items if k[0] in segids]:
                self._bytes -= _size(self._items.pop(key))


@dataclass
class FacetBits:
    """One facet field in one segment: a bitset row per value."""

    values: list[str]
    rows: dict[str, int]
    bits: np.ndarray  # uint64[len(values), words]


@dataclass
class SegmentView:
    reader: Any
    segid: str
    n: int
    cache: PostingsCache
    tiebreak: np.ndarray = field(init=False)
    _lengths: dict[str, np.ndarray] = field(default_factory=dict)
    _facets: dict[str, FacetBits] = field(default_factory=dict)
    _sorts: dict[str, np.ndarray] = field(default_factory=dict)
    _terms: set[str] | None = None
    _ids: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        perdoc = self.reader._perdoc
        self.tiebreak = read_numeric_column(perdoc, TIEBREAK, wcolumns.NumericColumn("I"), self.n, np.uint32)
        if self.n:
            # Open every per-document file now (they are otherwise opened on
            # first use): if a merge deletes this segment later, the open
            # handles keep it readable for searches still using it.
            self.reader.stored_fields(0)
            schema = self.reader.schema
            for name in schema.names():
                column = schema[name].column_type
                if column is not None and perdoc.has_column(name):
                    perdoc.column_reader(name, column)

    @property
    def words(self) -> int:
        return (self.n + 63) // 64

    def postings(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        # A term whose positions are kept needs no second copy of its docnums and frequencies.
        with_positions = self.cache.peek((self.segid, fieldname, term, "positions"))
        if with_positions is not _ABSENT:
            return None if with_positions is None else (with_positions[0], with_positions[1])
        return self.cache.get((self.segid, fieldname, term), lambda: read_postings(self.reader, fieldname, term))

    def positions(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray, PackedSlots] | None:
        """(docnums, term frequencies, position slots) of a text field's term: the slots indexed by
        posting rows give (rows, SLOTS) uint16 arrays (NO_POSITION where empty)."""
        key = (self.segid, fieldname, term, "positions")
        found = self.cache.peek(key)
        if found is _ABSENT:
            found = self.cache.get(key, lambda: self._packed_positions(fieldname, term))
            self.cache.discard((self.segid, fieldname, term))  # postings() reads them from these now
        return found

    def _packed_positions(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray, PackedSlots] | None:
        found = read_positions(self.reader, fieldname, term)
        return None if found is None else (found[0], found[1], PackedSlots(found[2]))

    def lengths(self, text: TextField) -> np.ndarray:
        name = text_field_name(text)
        if name not in self._lengths:
            raw = read_numeric_column(self.reader._perdoc, f"_{name}_len", LENGTHS_COLUMN, self.n, np.uint8)
            self._lengths[name] = LENGTH_TABLE[raw]
        return self._lengths[name]

    def field_total(self, text: TextField) -> int:
        return self.reader._perdoc.field_length(text_field_name(text))

    def facet(self, name: str) -> FacetBits:
        bits = self._facets.get(name)
        if bits is None:
            bits = self._facets[name] = self._load_facet(facet_field_name(name))
        return bits

    def _load_facet(self, fieldname: str) -> FacetBits:
        values: list[str] = []
        rows = []
        if fieldname in self.reader.schema:
            for btext in self.reader.lexicon(fieldname):
                value = btext.decode("utf-8")
                postings = read_postings(self.reader, fieldname, value)
                if postings is None:
                    continue
                mask = np.zeros(self.n, dtype=bool)
                mask[postings[0]] = True
                values.append(value)
                rows.append(pack(mask))
        matrix = np.stack(rows) if rows else np.zeros((0, self.words), dtype=np.uint64)
        return FacetBits(values, {v: i for i, v in enumerate(values)}, matrix)

    def sort_values(self, sort: SortField) -> np.ndarray:
        """Text sorts: rank of each doc's key in this segment; dates: seconds."""
        name = sort_field_name(sort)
        if name not in self._sorts:
            perdoc = self.reader._perdoc
            if sort.kind == "text":
                keys = read_bytes_column(perdoc, name, wcolumns.VarBytesColumn(), self.n)
                order = np.lexsort((self.tiebreak, np.array(keys, dtype=object)))
                ranks = np.empty(self.n, dtype=np.int64)
                ranks[order] = np.arange(self.n)
                self._sorts[name] = ranks
                self._sorts[name + ":keys"] = np.array(keys, dtype=object)
            else:
                self._sorts[name] = read_numeric_column(perdoc, name, wcolumns.NumericColumn("q"), self.n, np.int64)
        return self._sorts[name]

    def sort_key(self, sort: SortField, docnum: int) -> Any:
        self.sort_values(sort)
        keys = self._sorts.get(sort_field_name(sort) + ":keys")
        return keys[docnum] if keys is not None else self._sorts[sort_field_name(sort)][docnum]

    def stored(self, docnum: int) -> tuple[str, dict[str, Any]]:
        """A document's id and its `stored_paths` values."""
        fields = self.reader.stored_fields(docnum)
        found = self._ids[docnum] = fields.get(ID, "")
        return found, fields.get(STORED, {})

    def doc_id(self, docnum: int) -> str:
        """A document's id, remembered: a segment never changes."""
        found = self._ids.get(docnum)
        if found is None:
            found = self._ids[docnum] = self.reader.stored_fields(docnum).get(ID, "")
        return found

    def has_term(self, fieldnames: list[str], term: str) -> bool:
        """Whether any of the fields has `term` (for spelling suggestions)."""
        if self._terms is None:
            terms: set[str] = set()
            for name in fieldnames:
                if name in self.reader.schema:
                    terms.update(b.decode("utf-8") for b in self.reader.lexicon(name))
            self._terms = terms
        return term in self._terms

    def close(self) -> None:
        self.reader.close()


@dataclass
class Snapshot:
    """The segments of one TOC generation, with its deletions applied."""

    views: list[SegmentView]
    segments: list[Any]  # Whoosh segment objects of this TOC (deletion sets)
    doctype: DocType
    live: list[np.ndarray] = field(init=False)  # bool per doc
    live_bits: list[np.ndarray] = field(init=False)
    norms: dict[str, list[np.ndarray]] = field(init=False)
    live_count: int = field(init=False)

    def __post_init__(self) -> None:
        self.live, self.live_bits = [], []
        for view, segment in zip(self.views, self.segments):
            mask = np.ones(view.n, dtype=bool)
            deleted = list(segment.deleted_docs())
            if deleted:
                mask[np.array(deleted, dtype=np.int64)] = False
            self.live.append(mask)
            self.live_bits.append(pack(mask))
        self.live_count = int(sum(int(m.sum()) for m in self.live))
        self.norms = {}
        total_docs = sum(v.n for v in self.views) or 1
        for text in self.doctype.text_fields:
            avg = max(sum(v.field_total(text) for v in self.views) / total_docs, 1.0)
            # BM25F per-field weight: boost / length normalisation, computed
            # once per snapshot so scoring is one multiply per posting.
            self.norms[text.name] = [
                (text.boost / (1.0 - text.b + text.b * v.lengths(text) / avg)).astype(np.float32) for v in self.views
            ]
