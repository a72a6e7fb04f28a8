"""Low-level bridges between Whoosh's on-disk format (W3 codec) and numpy.

Whoosh stays the storage engine: segments, TOC generations, deletions,
merges, locking and incremental writers are all plain Whoosh.  What is
replaced is the per-posting Python work that made the straightforward design
slow:

* reading: a whole posting list is fetched with one read and decoded into
  numpy arrays block by block (instead of a Python call per document);
* writing: the bulk builder hands a term's complete posting list to the W3
  postings writer a block at a time;
* columns: numeric per-document columns are loaded as one numpy array.

These helpers touch private attributes of whoosh-reloaded 2.7.5's W3 codec
(listed in marketplace/search/README.md).  The version is pinned and checked
at import.  Where a slow public fallback exists it logs a warning when it
switches on, and raises `WhooshInternalsChanged` in strict mode (the test
suite's: MARKETPLACE_SEARCH_STRICT=1), so an upgrade that renames something
fails loudly instead of making search ten times slower with every test green.
`tests/search/test_search_whoosh_internals.py` compares the fast paths with
Whoosh's public reader and writer on a corpus with multi-block posting lists.
"""

from __future__ import annotations

import io
import logging
import os
import pickle
import struct
import zlib
from array import array
from collections.abc import Iterable
from typing import Any

import numpy as np
import whoosh
from whoosh import formats
from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter
from whoosh.reading import TermNotFound
from whoosh.system import emptybytes, pack_uint
from whoosh.util.numeric import byte_to_length

from marketplace.search.analysis import analyze

log = logging.getLogger("marketplace.search")

# The whoosh-reloaded release whose private W3 internals this module was written and tested against.
TESTED_WHOOSH = (2, 7, 5)
if tuple(whoosh.__version__[:3]) != TESTED_WHOOSH and os.environ.get("MARKETPLACE_WHOOSH_UNTESTED") != "1":
    raise ImportError(
        f"marketplace.search reads private internals of whoosh-reloaded {'.'.join(map(str, TESTED_WHOOSH))}, "
        f"but {whoosh.versionstring()} is installed. Install the pinned version (pip install -c constraints.txt -e .), "
        "or to try an upgrade set MARKETPLACE_WHOOSH_UNTESTED=1 and follow 'Upgrading Whoosh' in "
        "marketplace/search/README.md (run tests/search in strict mode first)."
    )


class WhooshInternalsChanged(RuntimeError):
    """A fast path found Whoosh's private internals not as expected (strict mode)."""


_strict = os.environ.get("MARKETPLACE_SEARCH_STRICT") == "1"
_warned: set[str] = set()


def set_strict(on: bool) -> None:
    """Strict mode: every fallback to a slow public path raises instead (tests)."""
    global _strict
    _strict = on


def fallback(what: str) -> None:
    """A fast path could not use Whoosh's internals: raise in strict mode, else warn once."""
    message = f"search: {what}; using Whoosh's slow public path (see marketplace/search/README.md)"
    if _strict:
        raise WhooshInternalsChanged(message)
    if what not in _warned:
        _warned.add(what)
        log.warning(message)


_BLOCK_HEADER = struct.Struct("!i")
_MAGIC = b"W3Bl"
# Decoded field lengths for each of the 256 length bytes Whoosh stores.
LENGTH_TABLE = np.array([byte_to_length(i) for i in range(256)], dtype=np.float32)

IdArray = np.ndarray  # int32 document numbers, ascending
WeightArray = np.ndarray  # float32 term frequencies


class EngineCodec(W3Codec):
    """W3 with bigger posting blocks and no per-posting length statistics.

    `length_stats` only feeds Whoosh's block-max scoring shortcuts, which we
    do not use; computing it costs a column lookup per posting at write time
    (a quarter of the build time).  Bigger blocks mean fewer Python steps
    when decoding long posting lists.
    """

    length_stats = False

    def __init__(self, blocklimit: int = 512, compression: int = 1, inlinelimit: int = 1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return FastPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


class FastPostingsWriter(W3PostingsWriter):
    """Same bytes as W3PostingsWriter; the minifiers use C-level helpers."""

    def _mini_ids(self) -> Any:
        ids = self._ids
        if self._byteids:
            return tuple(ids)
        if len(ids) < 64:  # numpy's call overhead loses on tiny blocks
            return tuple(b - a for a, b in zip((0, *ids), ids))
        arr = np.frombuffer(ids, dtype=np.uint32).astype(np.int64)
        return tuple(np.diff(arr, prepend=0).tolist())

    def _mini_weights(self) -> Any:
        weights = self._weights
        if not weights:
            return None
        first = weights[0]
        if weights.count(first) == len(weights):
            return None if first == 1.0 else first
        return tuple(weights)


SLOTS = 8  # positions kept per posting: enough for phrases in all but the most repetitive text
NO_POSITION = 0xFFFF  # an empty slot (and the cap: positions past 65,534 in one field are not kept)
SEPARATOR = ""  # in a field's term list: the boundary between two values (no phrase spans it)
_EMPTY_SLOTS = (NO_POSITION,) * SLOTS
_PACK_SLOTS = struct.Struct(f">{SLOTS}H")


def term_positions(terms: Iterable[str]) -> dict[str, list[int]]:
    """Each term's positions in a field's term list (separators take a position, no term)."""
    out: dict[str, list[int]] = {}
    for pos, term in enumerate(terms):
        if term:
            found = out.get(term)
            if found is None:
                out[term] = [pos]
            else:
                found.append(pos)
    return out


def slots(positions: list[int]) -> tuple[int, ...]:
    """The first SLOTS positions, padded with NO_POSITION."""
    kept = [p for p in positions[:SLOTS] if p < NO_POSITION]
    return (*kept, *_EMPTY_SLOTS[len(kept) :])


class TermPositions(formats.Format):
    """Postings with the term frequency (as the weight) and its first SLOTS positions.

    A fixed-size value (SLOTS big-endian uint16s) means Whoosh's W3 writer stores a block's
    values as one byte string, which `read_positions` turns into an (n, SLOTS) numpy array in
    one call; Whoosh's variable-size Positions format pickles one object per posting (about
    28 bytes and 0.6 us each to decode). Phrases and proximity are checked on these positions;
    a term repeated more than SLOTS times in one field is checked on the document's text instead
    (from the document type's texts provider: the index stores no text).

    The document extractor analyses text once (`analysis.analyze`) and hands Whoosh a list of
    terms (SEPARATOR between values), so the bulk builder and Whoosh's own writer index
    identical postings. Plain strings are still analysed (for Whoosh tools).
    """

    posting_size = 2 * SLOTS
    __inittypes__ = dict(field_boost=float)

    def __init__(self, field_boost: float = 1.0, **options: Any) -> None:
        self.field_boost = field_boost
        self.options = options

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple]:
        terms = value if isinstance(value, (list, tuple)) else analyze(value)
        boost = self.field_boost
        for word, positions in term_positions(terms).items():
            freq = len(positions)
            yield word, freq, freq * boost, _PACK_SLOTS.pack(*slots(positions))

    def decode_positions(self, value: bytes) -> list[int]:
        return [p for p in _PACK_SLOTS.unpack(value) if p != NO_POSITION]

    def decode_frequency(self, value: bytes) -> int:
        # Only the kept positions: the exact frequency is the posting's weight.
        return len(self.decode_positions(value))

    def decode_weight(self, value: bytes) -> float:
        return self.decode_frequency(value) * self.field_boost

    def combine(self, values: Iterable[bytes]) -> bytes:
        merged = sorted({p for v in values for p in self.decode_positions(v)})
        return _PACK_SLOTS.pack(*slots(merged))


def existence_value(field: Any) -> bytes:
    """The value Whoosh's writer stores for a term seen once (keyword and id fields)."""
    size = field.format.fixed_value_size()
    if size == 0:
        return b""
    if isinstance(field.format, formats.Frequency):
        return pack_uint(1)
    raise TypeError(f"the bulk builder cannot write {type(field.format).__name__} postings")


def add_term_postings(
    fieldwriter: Any,
    btext: bytes,
    docnums: array,
    freqs: array | None,
    positions: np.ndarray | None = None,
    existence: bytes = b"",
) -> None:
    """Write one term's complete posting list through a W3FieldWriter.

    `docnums` is an ascending array('I'); `freqs` an array('f') of term
    frequencies (None for existence-only fields); `positions` the (n, SLOTS)
    uint16 slots of a TermPositions field; `existence` the value of each
    posting of a field without frequencies.  Blocks are filled exactly as
    W3PostingsWriter.add_posting would, minus its per-posting checks.
    """
    fieldwriter.start_term(btext)
    writer = fieldwriter._postwriter
    limit = writer._blocklimit
    total = len(docnums)
    for start in range(0, total, limit):
        end = min(start + limit, total)
        writer._ids = docnums[start:end]
        if freqs is None:
            writer._weights = array("f", [1.0]) * (end - start)
            writer._values = [existence * (end - start)] if existence else []
            writer._maxweight = 1.0
        else:
            chunk = freqs[start:end]
            writer._weights = chunk
            writer._values = [] if positions is None else [positions[start:end].astype(">u2").tobytes()]
            writer._maxweight = max(chunk)
        if end < total:
            writer._write_block()
    fieldwriter.finish_term()


def _reader_postfile(reader: Any) -> Any:
    terms = getattr(reader, "_terms", None)
    return getattr(terms, "_postfile", None)


def read_postings(reader: Any, fieldname: str, text: str) -> tuple[IdArray, WeightArray] | None:
    """All postings of one term in one segment as numpy arrays, or None."""
    found = _read(reader, fieldname, text, positions=False)
    return None if found is None else (found[0], found[1])


def read_positions(reader: Any, fieldname: str, text: str) -> tuple[IdArray, WeightArray, np.ndarray] | None:
    """Postings with their position slots ((n, SLOTS) uint16, NO_POSITION when empty)."""
    found = _read(reader, fieldname, text, positions=True)
    if found is None:
        return None
    if found[2] is None:
        raise ValueError(f"the {fieldname} field has no positions")
    return found


def _read(reader: Any, fieldname: str, text: str, positions: bool) -> tuple | None:
    try:
        info = reader.term_info(fieldname, text)
    except TermNotFound:
        return None
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        return (
            np.asarray(ids, dtype=np.int32),
            np.asarray(weights, dtype=np.float32),
            _slots_array(b"".join(values), len(ids)) if positions and values else None,
        )
    postfile = _reader_postfile(reader)
    if postfile is None:  # unknown reader type: slow public path
        fallback(f"{type(reader).__name__} has no _terms._postfile")
        return _read_postings_slow(reader, fieldname, text, positions)
    offset, length = info.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes forgets to unpack it
        length = length[0]
    return _decode_blocks(postfile.get(offset, length), positions)


def _slots_array(values: bytes, count: int) -> np.ndarray:
    return np.frombuffer(values, dtype=">u2").astype(np.uint16).reshape(count, SLOTS)


def _decode_blocks(buf: bytes, positions: bool = False) -> tuple[IdArray, WeightArray, np.ndarray | None]:
    if buf[:4] != _MAGIC:
        raise ValueError("not a W3 posting list")
    stream = io.BytesIO(buf)
    load = pickle.load
    id_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    value_parts: list[bytes] = []
    pos = 4
    size = len(buf)
    while pos < size:
        blocklen = abs(_BLOCK_HEADER.unpack_from(buf, pos)[0])
        stream.seek(pos + 4)
        count, _lastid, _maxw, compression, _mn, _mx = load(stream)
        data = buf[stream.tell() : pos + 4 + blocklen]
        pos += 4 + blocklen
        if compression:
            data = zlib.decompress(data)
        deltas, weights, values = pickle.loads(data)
        id_parts.append(np.cumsum(np.array(deltas, dtype=np.int32)))
        if weights is None:
            weight_parts.append(np.ones(count, dtype=np.float32))
        elif isinstance(weights, float):
            weight_parts.append(np.full(count, weights, dtype=np.float32))
        else:
            weight_parts.append(np.array(weights, dtype=np.float32))
        if positions:
            if not isinstance(values, bytes):
                raise ValueError("no fixed-size position values in this posting list")
            value_parts.append(values)
    slots_array = _slots_array(b"".join(value_parts), sum(len(i) for i in id_parts)) if positions else None
    if len(id_parts) == 1:
        return id_parts[0], weight_parts[0], slots_array
    return np.concatenate(id_parts), np.concatenate(weight_parts), slots_array


def _read_postings_slow(reader: Any, fieldname: str, text: str, positions: bool = False) -> tuple:
    matcher = reader.postings(fieldname, text)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if positions:
            values.append(matcher.value())
        matcher.next()
    return (
        np.array(ids, dtype=np.int32),
        np.array(weights, dtype=np.float32),
        _slots_array(b"".join(values), len(ids)) if positions else None,
    )


def read_numeric_column(perdoc: Any, name: str, column: Any, doccount: int, dtype: Any) -> np.ndarray:
    """A NumericColumn as a numpy array of `doccount` values (default-filled)."""
    out = np.full(doccount, column.default_value(), dtype=dtype)
    if doccount == 0 or not perdoc.has_column(name):
        return out
    col = perdoc.column_reader(name, column)
    try:
        raw = col._dbfile.get(col._basepos, col._count * col._fixedlen)
        values = np.frombuffer(raw, dtype=">" + col._typecode)
    except AttributeError:  # different Whoosh internals: slow public path
        fallback(f"{type(col).__name__} has no _dbfile/_basepos/_count/_fixedlen/_typecode")
        values = np.fromiter((col[i] for i in range(doccount)), dtype=dtype, count=doccount)
    out[: len(values)] = values
    return out


def read_bytes_column(perdoc: Any, name: str, column: Any, doccount: int) -> list[bytes]:
    """A VarBytesColumn as a list of byte strings."""
    if doccount == 0 or not perdoc.has_column(name):
        return [emptybytes] * doccount
    col = perdoc.column_reader(name, column)
    return [col[i] for i in range(doccount)]
