"""The index keeps none of the documents' writing, only ids and a few labels (highlights read the
application's rows); an index in an older format - one that still kept the text - is rebuilt, never
read as if it were current."""

from __future__ import annotations

from pathlib import Path

import pytest

from marketplace.search import schema
from marketplace.search.engine import IndexOutdatedError, SearchIndex
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.conftest import ids, search
from tests.search.corpus import corpus, texts_from


def _stored(index: SearchIndex) -> list[dict]:
    col = index._col("supplier")
    with col.lock:
        snap = col.snapshot()
    assert snap is not None
    return [view.reader.stored_fields(d) for view in snap.views for d in range(view.n)]


def _by_id(stored: dict) -> str:
    return stored["id"]


def _kept(doc: dict) -> dict:
    return {"id": doc["id"], "doc": {path: schema.text_values(SUPPLIER, doc)[path] for path in SUPPLIER.stored_paths}}


@pytest.mark.parametrize("write", ["upsert", "rebuild"])
def test_the_index_stores_each_documents_id_and_labels_but_none_of_its_writing(tmp_path, write):
    docs = corpus()
    with SearchIndex(tmp_path / "index", [SUPPLIER]) as index:
        if write == "upsert":
            index.upsert("supplier", docs, sequence=1)
        else:
            index.rebuild("supplier", docs, total=len(docs), procs=1)
        assert sorted(_stored(index), key=_by_id) == sorted(map(_kept, docs), key=_by_id)
    assert SUPPLIER.stored_paths == ("categories.label", "framework_lots.label")


def test_a_hit_carries_the_labels_the_index_keeps(index, docs):
    hit = next(h for h in search(index, "caretaking", highlight=False).hits if h.id == "northside")
    northside = next(doc for doc in docs if doc["id"] == "northside")
    assert schema.nest(hit.stored) == {
        "categories": [{"label": c["label"]} for c in northside["categories"]],
        "framework_lots": [{"label": lot["label"]} for lot in northside["framework_lots"]],
    }


def test_highlights_come_from_the_texts_provider(tmp_path):
    docs = corpus()
    asked: list[list[str]] = []
    provider = texts_from(docs)["supplier"]

    def texts(wanted: list[str]) -> dict:
        asked.append(wanted)
        return provider(wanted)

    with SearchIndex(tmp_path / "index", [SUPPLIER], texts={"supplier": texts}) as index:
        index.upsert("supplier", docs, sequence=1)
        hit = next(h for h in search(index, "caretaking").hits if h.id == "northside")
        assert "<mark>" in "".join(hit.highlights.values())
        assert asked == [[h.id for h in search(index, "caretaking", highlight=False).hits]]


def test_without_a_texts_provider_hits_have_no_highlights(tmp_path):
    with SearchIndex(tmp_path / "index", [SUPPLIER]) as index:
        index.upsert("supplier", corpus(), sequence=1)
        assert all(hit.highlights == {} for hit in search(index, "cleaning").hits)


def _format_2_extract(doctype, doc):
    """What version 2 indexed: a stored dict of every text the highlights read."""
    return {**_extract(doctype, doc), "doc": schema.text_values(doctype, doc)}


_extract = schema.extract


def test_an_index_written_in_the_format_that_stored_text_must_be_rebuilt(tmp_path: Path, monkeypatch):
    docs = corpus()
    with monkeypatch.context() as old_engine:
        old_engine.setattr(schema, "FORMAT_VERSION", 2)
        old_engine.setattr("marketplace.search.engine.extract", _format_2_extract)
        with SearchIndex(tmp_path / "index", [SUPPLIER]) as old:
            old.upsert("supplier", docs, sequence=1)
            assert not old.needs_rebuild("supplier")
            assert all("description" in stored["doc"] for stored in _stored(old))
    with SearchIndex(tmp_path / "index", [SUPPLIER], texts=texts_from(docs)) as index:
        assert index.needs_rebuild("supplier")  # the app then rebuilds it aside (healing.py)
        with pytest.raises(IndexOutdatedError):
            index.upsert("supplier", docs[:1], sequence=2)
        index.rebuild("supplier", docs, total=len(docs), sequence=1, procs=1)
        assert not index.needs_rebuild("supplier")
        assert sorted(_stored(index), key=_by_id) == sorted(map(_kept, docs), key=_by_id)
        assert "northside" in ids(index, "caretaking")
