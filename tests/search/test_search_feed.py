"""The feed position: a sequence plus the gaps below it (engine level, no database)."""

from __future__ import annotations

from marketplace.search.engine import FeedBatch, SearchIndex
from marketplace.search.feed import advance
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.corpus import profile


def test_a_missing_id_becomes_a_gap_and_is_forgotten_once_filled():
    state = advance({"sequence": 10}, FeedBatch(upto=14, missing=(12,), now=100.0))
    assert state["sequence"] == 14 and list(state["gaps"]) == ["12"]
    assert advance(state, FeedBatch(upto=0, filled=(12,), now=101.0))["gaps"] == {}


def test_a_gap_older_than_the_horizon_is_given_up():
    state = advance({"sequence": 10}, FeedBatch(upto=14, missing=(12,), now=100.0, horizon=60))
    assert advance(state, FeedBatch(upto=15, now=200.0, horizon=60))["gaps"] == {}


def test_a_slower_reader_cannot_erase_gaps_another_process_recorded():
    ahead = advance({"sequence": 10}, FeedBatch(upto=20, missing=(15,), now=1.0))
    behind = advance(ahead, FeedBatch(upto=12, missing=(11,), now=2.0))  # read before `ahead` was written
    assert behind["sequence"] == 20 and list(behind["gaps"]) == ["15"]


def test_gaps_survive_reopening_the_index(tmp_path):
    with SearchIndex(tmp_path / "index", [SUPPLIER]) as index:
        index.upsert("supplier", [profile("a", "Alpha Cleaning")], sequence=FeedBatch(upto=7, missing=(5, 6)))
    with SearchIndex(tmp_path / "index", [SUPPLIER]) as reopened:
        assert reopened.applied_sequence("supplier") == 7
        assert sorted(reopened.feed_gaps("supplier")) == [5, 6]
