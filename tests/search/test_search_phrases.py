"""Quoted phrases and the proximity bonus, found by term positions (no bigram lexicon)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marketplace.search.codec import SLOTS
from marketplace.search.engine import SearchIndex
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.conftest import ids
from tests.search.corpus import profile, texts_from

DOCS = [
    profile(
        "split",
        "Split Pairs Ltd",
        description="Our estate cleaning teams also run cleaning services for offices.",
    ),
    profile("whole", "Whole Phrase Ltd", description="Estate cleaning services across Camden."),
    profile("listed", "Listed Services Ltd", services=["housing estate", "cleaning services"]),
    profile(
        "repetitive",
        "Repetitive Ltd",
        description=" ".join(["cleaning"] * (SLOTS + 4)) + " and finally youth mentoring schemes.",
        summary="Cleaning cleaning cleaning.",
    ),
    # Proximity: "estate" and "cleaning" appear in the better fields but apart...
    profile(
        "apart",
        "Estate Agents and Window Cleaning",
        summary="Estate agency. We also offer cleaning.",
    ),
    # ...while this one says "estate cleaning" once, in its description.
    profile("together", "Camden Contractors", summary="Contract services.", description="We do estate cleaning."),
    # "window" repeats past the position slots; the phrase comes after them (only the text shows it)...
    profile(
        "late",
        "Late Phrase Ltd",
        description=" ".join(["window"] * (SLOTS + 2)) + " and then window boxes in spring.",
    ),
    # ...and here the same words, repeated as often, never side by side.
    profile(
        "never",
        "Never Together Ltd",
        description=" ".join(["window"] * (SLOTS + 2)) + " and then boxes. Also window.",
    ),
]


@pytest.fixture(params=["writer", "builder"])
def index(request, tmp_path: Path) -> Iterator[SearchIndex]:
    """Whoosh's incremental writer and the bulk builder must index the same positions."""
    idx = SearchIndex(tmp_path / "index", [SUPPLIER], texts=texts_from(DOCS))
    if request.param == "writer":
        idx.upsert("supplier", DOCS, sequence=1)
    else:
        idx.rebuild("supplier", DOCS, total=len(DOCS), procs=1)
    yield idx
    idx.close()


def test_a_three_word_phrase_does_not_match_its_pairs_found_apart(index):
    assert ids(index, '"estate cleaning services"') == ["whole"]


def test_a_two_word_phrase_matches_wherever_the_words_are_side_by_side(index):
    assert set(ids(index, '"estate cleaning"')) == {"split", "whole", "together"}


def test_a_phrase_does_not_run_from_one_list_item_into_the_next(index):
    assert "listed" not in ids(index, '"estate cleaning"')


def test_a_phrase_after_a_word_repeated_many_times_is_still_found(index):
    assert ids(index, '"youth mentoring"') == ["repetitive"]


def test_words_side_by_side_rank_above_the_same_words_apart(index):
    found = ids(index, "estate cleaning")
    assert found.index("together") < found.index("apart")


def test_a_phrase_past_the_position_slots_is_found_in_the_documents_text(index):
    assert ids(index, '"window boxes"') == ["late"]


def test_without_the_documents_text_a_phrase_past_the_position_slots_is_not_guessed(tmp_path):
    with SearchIndex(tmp_path / "bare", [SUPPLIER]) as bare:
        bare.upsert("supplier", DOCS, sequence=1)
        assert ids(bare, '"window boxes"') == []
        assert ids(bare, '"estate cleaning services"') == ["whole"]
