"""Updates, deletes, sequence tracking, rebuilds and concurrent writers."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time
from pathlib import Path

import pytest

from marketplace.search.engine import SearchIndex
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.conftest import ids, search
from tests.search.corpus import corpus, profile
from tests.search.writers import upsert_many


@pytest.fixture
def two_workers(tmp_path):
    """Two SearchIndex instances on one folder, like two gunicorn workers."""
    first, second = SearchIndex(tmp_path / "ix", [SUPPLIER]), SearchIndex(tmp_path / "ix", [SUPPLIER])
    yield first, second
    first.close()
    second.close()


def test_an_updated_profile_replaces_the_old_one(fresh_index, docs):
    changed = profile("northside", "Northside Window Specialists", summary="Windows only.")
    fresh_index.upsert("supplier", [changed], sequence=2)
    assert fresh_index.doc_count("supplier") == len(docs)
    assert "northside" in ids(fresh_index, "specialists")
    assert "northside" not in ids(fresh_index, "caretaking")


def test_a_deleted_supplier_disappears_from_results_and_counts(fresh_index, docs):
    fresh_index.delete("supplier", ["northside"], sequence=2)
    assert "northside" not in ids(fresh_index, "estate cleaning")
    assert fresh_index.doc_count("supplier") == len(docs) - 1
    counts = search(fresh_index, facets=["wards"]).facets["wards"]
    assert counts["kilburn"] == sum("kilburn" in d["wards"] for d in docs) - 1


def test_deleting_an_unknown_id_is_harmless(fresh_index, docs):
    fresh_index.delete("supplier", ["no-such-supplier"])
    assert fresh_index.doc_count("supplier") == len(docs)


def test_the_applied_sequence_is_the_highest_applied_and_survives_reopening(tmp_path):
    with SearchIndex(tmp_path / "ix", [SUPPLIER]) as index:
        assert index.applied_sequence("supplier") == 0
        index.upsert("supplier", corpus()[:3], sequence=7)
        index.delete("supplier", ["northside"], sequence=5)  # older change arriving late
        index.upsert("supplier", [], sequence=9)  # "caught up to 9" with nothing to do
        assert index.applied_sequence("supplier") == 9
    with SearchIndex(tmp_path / "ix", [SUPPLIER]) as reopened:
        assert reopened.applied_sequence("supplier") == 9


def test_an_update_is_visible_to_another_process_within_a_second(two_workers):
    reader, writer = two_workers
    writer.upsert("supplier", corpus())
    assert search(reader, "zebracorn").total == 0
    started = time.monotonic()
    writer.upsert("supplier", [profile("new", "Zebracorn Cleaning")])
    while search(reader, "zebracorn").total == 0:
        assert time.monotonic() - started < 1.0
        time.sleep(0.01)


def test_a_reader_that_is_already_open_sees_another_workers_update_once(two_workers, docs):
    # Whoosh's own searcher.refresh() keeps stale deletion sets, so the old
    # and the new version would both be found; our refresh must not.
    reader, writer = two_workers
    writer.upsert("supplier", docs)
    assert ids(reader, "caretaking") == ["northside"]
    writer.upsert("supplier", [profile("northside", "Northside Caretaking Co")])
    writer.delete("supplier", ["sparkle"])
    time.sleep(0.15)
    assert ids(reader, "caretaking") == ["northside"]
    assert ids(reader, "northside caretaking co") == ["northside"]
    assert "sparkle" not in ids(reader, "office cleaners")
    assert reader.doc_count("supplier") == len(docs) - 1


def test_many_small_updates_are_merged_without_losing_suppliers(fresh_index, docs):
    for n in range(40):
        fresh_index.upsert("supplier", [profile(f"extra-{n}", f"Extra Supplier {n}")])
    fresh_index.upsert("supplier", [dict(docs[1], summary="Renamed office cleaners.")])
    assert fresh_index.doc_count("supplier") == len(docs) + 40
    assert len(ids(fresh_index, "extra supplier")) == 40
    assert ids(fresh_index, "renamed") == ["sparkle"]


def test_a_rebuild_replaces_the_index_and_keeps_the_sequence(fresh_index):
    count = fresh_index.rebuild("supplier", iter(corpus()[:5]), sequence=50, procs=1)
    assert count == 5
    assert fresh_index.doc_count("supplier") == 5
    assert fresh_index.applied_sequence("supplier") == 50


def test_a_parallel_rebuild_finds_the_same_suppliers_with_the_same_scores(fresh_index, docs):
    queries = ("estate cleaning", "youth OR catering", '"damp and mould"', "", "repairs -plumbing")

    def results():
        return {q: [(h.id, h.score) for h in search(fresh_index, q, page_size=100).hits] for q in queries}

    before = results()
    fresh_index.rebuild("supplier", iter(docs), procs=2)
    assert results() == before


def test_searches_keep_working_while_a_rebuild_runs(fresh_index, docs):
    release = threading.Event()

    def slow_docs():
        for n, doc in enumerate(docs[:10]):
            if n == 5:
                release.wait(10)
            yield doc

    rebuild = threading.Thread(target=fresh_index.rebuild, args=("supplier", slow_docs()), kwargs={"procs": 1})
    rebuild.start()
    try:
        time.sleep(0.05)
        assert search(fresh_index, "").total == len(docs)  # the old index, fully usable
        assert ids(fresh_index, "estate cleaning")[0] == "northside"
    finally:
        release.set()
        rebuild.join(10)
    time.sleep(0.15)
    assert search(fresh_index, "").total == 10  # the new index


def test_changes_made_during_a_rebuild_are_not_lost(two_workers, docs):
    index, other_worker = two_workers
    index.upsert("supplier", docs, sequence=1)
    halfway = threading.Event()
    release = threading.Event()

    def snapshot_docs():  # the database as it was when the rebuild started
        for n, doc in enumerate(docs):
            if n == 10:
                halfway.set()
                release.wait(10)
            yield doc

    rebuild = threading.Thread(target=index.rebuild, args=("supplier", snapshot_docs()), kwargs={"procs": 1})
    rebuild.start()
    assert halfway.wait(10)
    other_worker.upsert("supplier", [profile("latecomer", "Latecomer Cleaning")], sequence=2)
    other_worker.delete("supplier", ["sparkle"], sequence=3)
    release.set()
    rebuild.join(10)
    time.sleep(0.15)
    assert ids(index, "latecomer") == ["latecomer"]
    assert "sparkle" not in ids(index, "office")
    assert index.applied_sequence("supplier") == 3


def test_a_second_rebuild_at_the_same_time_is_refused(fresh_index, docs):
    from marketplace.search.engine import RebuildInProgressError

    release = threading.Event()

    def slow_docs():
        release.wait(10)
        yield from docs

    first = threading.Thread(target=fresh_index.rebuild, args=("supplier", slow_docs()), kwargs={"procs": 1})
    first.start()
    time.sleep(0.1)
    try:
        with pytest.raises(RebuildInProgressError):
            fresh_index.rebuild("supplier", iter(docs), procs=1)
    finally:
        release.set()
        first.join(10)


def test_several_processes_can_write_at_once_without_losing_updates(tmp_path: Path):
    path = tmp_path / "ix"
    with SearchIndex(path, [SUPPLIER]) as index:
        index.upsert("supplier", [profile("seed", "Seed Supplier")], sequence=0)
    ctx = mp.get_context("spawn")
    workers = [ctx.Process(target=upsert_many, args=(str(path), w, 8)) for w in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with SearchIndex(path, [SUPPLIER]) as index:
        assert index.doc_count("supplier") == 1 + 4 * 8
        assert len(ids(index, "concurrent cleaning supplier")) == 4 * 8
        assert index.applied_sequence("supplier") == 3 * 1000 + 7
