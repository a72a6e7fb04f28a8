"""The engine's fast paths agree with Whoosh's public reader and writer (issue 11).

`codec.py` decodes W3 posting blocks and columns itself and the bulk builder writes blocks
itself. Here a corpus large enough for multi-block posting lists (2,400 profiles: common terms
have thousands of postings, blocks hold 512) is indexed twice - by the bulk builder and by
Whoosh's own SegmentWriter - and compared term by term, posting by posting, through Whoosh's
public API; and the engine's BM25F scores are checked against a plain implementation of the
formula in matching.py. Runs in a few seconds.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from whoosh.util.numeric import byte_to_length, length_to_byte

from marketplace.search import codec
from marketplace.search.analysis import analyze
from marketplace.search.codec import SLOTS, read_positions, read_postings
from marketplace.search.engine import SearchIndex, SearchRequest
from marketplace.search.matching import K1
from marketplace.search.schema import text_field_name, values_at
from marketplace.search.segments import PackedSlots
from marketplace.suppliers.search_documents import SUPPLIER
from tests.benchmarks.generate_profiles import generate_profiles

DOCS = 2_400
BLOCK = 512


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return list(generate_profiles(DOCS, seed=11))


def _open(index: SearchIndex):
    col = index._col("supplier")
    with col.lock:
        snap = col.snapshot()
    assert snap is not None and len(snap.views) == 1, "one segment each, so docnums line up"
    return snap.views[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory, docs) -> Iterator[SearchIndex]:
    index = SearchIndex(tmp_path_factory.mktemp("built") / "index", [SUPPLIER])
    index.rebuild("supplier", docs, total=len(docs), procs=1)
    yield index
    index.close()


@pytest.fixture(scope="module")
def written(tmp_path_factory, docs) -> Iterator[SearchIndex]:
    """The same documents through Whoosh's SegmentWriter (the incremental path)."""
    index = SearchIndex(tmp_path_factory.mktemp("written") / "index", [SUPPLIER])
    index.upsert("supplier", docs, sequence=1)
    yield index
    index.close()


def _public_postings(reader, field: str, term: bytes) -> tuple[list[int], list[float], list[bytes]]:
    matcher = reader.postings(field, term)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def _fields(reader) -> list[str]:
    return [name for name in reader.schema.names() if reader.schema[name].indexed]


def test_the_corpus_has_multi_block_posting_lists(built):
    reader = _open(built).reader
    longest = max(reader.doc_frequency(text_field_name(f), t) for f in SUPPLIER.text_fields for t in [b"servic"])
    assert longest > 2 * BLOCK


def test_the_bulk_builder_writes_what_whooshs_writer_writes_term_by_term(built, written):
    ours, theirs = _open(built).reader, _open(written).reader
    for field in _fields(ours):
        terms = list(ours.lexicon(field))
        assert terms == list(theirs.lexicon(field)), field
        for term in terms:
            assert _public_postings(ours, field, term) == _public_postings(theirs, field, term), (field, term)


def test_the_fast_reader_reads_what_whooshs_reader_reads_term_by_term(built, written):
    for index in (built, written):
        reader = _open(index).reader
        for field in _fields(reader):
            positional = text_field_name(SUPPLIER.text_fields[0])[:2] == field[:2]
            for term in reader.lexicon(field):
                ids, weights, values = _public_postings(reader, field, term)
                fast = read_postings(reader, field, term.decode())
                assert fast is not None
                assert fast[0].tolist() == ids and fast[1].tolist() == weights, (field, term)
                if positional:
                    found = read_positions(reader, field, term.decode())
                    assert found is not None
                    slots = [[p for p in row if p != codec.NO_POSITION] for row in found[2].tolist()]
                    assert slots == [reader.schema[field].format.decode_positions(v) for v in values]


def test_positions_are_where_the_words_are(built, docs):
    view = _open(built)
    stored_id = {view.doc_id(d): d for d in range(view.n)}
    doc = docs[7]
    terms = []
    for source in SUPPLIER.text_fields[3].sources:  # body: description, services
        for value in values_at(doc, source):
            terms.append(analyze(str(value)))
    flat = [t for value in terms for t in (*value, "")][:-1]
    docnum = stored_id[doc["id"]]
    for term in set(flat) - {""}:
        ids, _tf, slots = view.positions("t_body", term)
        row = slots[np.searchsorted(ids, docnum)]
        expected = [p for p, t in enumerate(flat) if t == term][:SLOTS]
        assert [p for p in row.tolist() if p != codec.NO_POSITION] == expected


def test_kept_positions_are_packed_and_give_the_dense_slots_back(built):
    view = _open(built)
    for term in analyze("cleaning estate repairs community"):
        dense = read_positions(view.reader, "t_body", term)
        ids, tf, packed = view.positions("t_body", term)
        assert ids.tolist() == dense[0].tolist() and tf.tolist() == dense[1].tolist()
        assert isinstance(packed, PackedSlots) and packed.nbytes < dense[2].nbytes
        assert packed[np.arange(len(ids))].tolist() == dense[2].tolist()
        rows = np.array([len(ids) - 1, 0, len(ids) // 2])
        assert packed[rows].tolist() == dense[2][rows].tolist()
        assert packed[rows[0]].tolist() == dense[2][rows[0]].tolist()
        # the postings of a term with kept positions are those positions' docnums and frequencies
        postings = view.postings("t_body", term)
        assert postings[0] is ids and postings[1] is tf
        assert ("t_body", term) not in {key[1:3] for key in view.cache._items if len(key) == 3}


def test_fast_columns_match_whooshs_public_column_and_length_readers(built):
    view = _open(built)
    reader = view.reader
    tiebreak = reader.column_reader("tiebreak")
    assert view.tiebreak.tolist() == [tiebreak[i] for i in range(view.n)]
    for field in SUPPLIER.text_fields:
        name = text_field_name(field)
        expected = [byte_to_length(length_to_byte(reader.doc_field_length(d, name))) for d in range(view.n)]
        assert view.lengths(field).tolist() == expected


def _reference_bm25f(docs: list[dict], term: str) -> dict[str, float]:
    """BM25F as matching.py documents it, from the documents' text, with no index."""
    lengths: dict[str, list[int]] = {f.name: [] for f in SUPPLIER.text_fields}
    freqs: dict[str, list[int]] = {f.name: [] for f in SUPPLIER.text_fields}
    for doc in docs:
        for field in SUPPLIER.text_fields:
            terms = [t for source in field.sources for v in values_at(doc, source) for t in analyze(str(v))]
            lengths[field.name].append(len(terms))
            freqs[field.name].append(terms.count(term))
    n = len(docs)
    weighted = np.zeros(n)
    for field in SUPPLIER.text_fields:
        avg = max(sum(lengths[field.name]) / n, 1.0)
        for i in range(n):
            stored_length = byte_to_length(length_to_byte(lengths[field.name][i]))  # Whoosh keeps a byte
            norm = field.boost / (1 - field.b + field.b * stored_length / avg)
            weighted[i] += freqs[field.name][i] * norm
    df = int((weighted > 0).sum())
    idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
    return {doc["id"]: idf * w * (K1 + 1) / (w + K1) for doc, w in zip(docs, weighted.tolist()) if w > 0}


@pytest.mark.parametrize("word", ["cleaning", "gardens", "youth", "accessible"])
def test_scores_match_a_plain_bm25f_implementation(built, docs, word):
    term = analyze(word)[0]
    expected = _reference_bm25f(docs, term)
    result = built.search("supplier", SearchRequest(text=word, page_size=100))
    assert result.total == len(expected)
    for hit in result.hits:
        assert hit.score == pytest.approx(expected[hit.id], rel=1e-4, abs=1e-4), hit.id
    best = sorted(expected.values(), reverse=True)[: len(result.hits)]
    assert [hit.score for hit in result.hits] == pytest.approx(best, rel=1e-4, abs=1e-4)


def test_in_strict_mode_a_renamed_internal_raises_instead_of_slowing_down(built, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(codec, "_reader_postfile", lambda reader: None)
    monkeypatch.setattr(codec, "_strict", True)
    reader = _open(built).reader
    with pytest.raises(codec.WhooshInternalsChanged):
        read_postings(reader, "t_name", "clean")
    monkeypatch.setattr(codec, "_strict", False)
    assert read_postings(reader, "t_name", "clean") is not None  # the slow public path, with a warning
