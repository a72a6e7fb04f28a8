"""Stemming measured on a small labelled set: trade nouns find the work ("cleaners" finds
cleaning), and "-er" words that are not trades find only themselves ("posters" does not find
"post", "boilers" not "boil" - the old general agent-noun rule sent them there)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from marketplace.search.analysis import analyze
from marketplace.search.engine import SearchIndex
from marketplace.suppliers.search_documents import SUPPLIER
from tests.search.conftest import ids
from tests.search.corpus import profile

DOCS = {
    "office-cleaning": "Office cleaning for libraries and community centres.",
    "window-cleaners": "Window cleaners for homes and shops.",
    "clean-air": "Monitoring to keep the air clean around schools.",
    "gardening": "Gardening and planting on estates.",
    "plumbing": "Plumbing repairs and leak detection.",
    "home-care": "Caring for older people at home.",
    "poster-printing": "Posters and leaflets printed overnight.",
    "post-room": "We post letters and parcels for the council.",
    "boiler-service": "Annual boiler servicing and repairs.",
    "boil-notice": "Advice to boil water after a burst main.",
    "banners": "Event banners and signs.",
    "ban": "Campaign for a ban on single-use plastics.",
    "folders": "Ring binders, folders and stationery.",
    "folding": "Folding chairs and tables for hire.",
    "drivers": "Minibus drivers with enhanced checks.",
    "drive": "We drive improvement in digital services.",
    "youth-work": "Detached youth work on estates.",
    "youth-workers": "Qualified youth workers for holiday clubs.",
    "painting": "Painting and decorating of communal areas.",
    "roofing": "Flat roofing and gutter repairs.",
    "training": "Training courses in first aid.",
    "mothers": "Support for new mothers.",
    "moths": "Moth and pest control.",
}

LABELLED = {
    "cleaners": {"office-cleaning", "window-cleaners", "clean-air"},
    "gardener": {"gardening"},
    "plumber": {"plumbing"},
    "carers": {"home-care"},
    "posters": {"poster-printing"},
    "post": {"post-room"},
    "boilers": {"boiler-service"},
    "boil": {"boil-notice"},
    "banner": {"banners"},
    "folders": {"folders"},
    "driver": {"drivers"},
    "youth workers": {"youth-work", "youth-workers"},
    "painters": {"painting"},
    "roofers": {"roofing"},
    "trainers": {"training"},
    "mother": {"mothers"},
}


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Iterator[SearchIndex]:
    idx = SearchIndex(Path(tmp_path_factory.mktemp("stemming")) / "index", [SUPPLIER])
    idx.upsert(
        "supplier",
        [profile(key, "Supplier", summary=text) for key, text in DOCS.items()],
        sequence=1,
    )
    yield idx
    idx.close()


def _measure(index: SearchIndex) -> tuple[float, float, dict[str, tuple[set[str], set[str]]]]:
    true_pos = found_total = relevant_total = 0
    misses = {}
    for query, relevant in LABELLED.items():
        found = set(ids(index, query))
        true_pos += len(found & relevant)
        found_total += len(found)
        relevant_total += len(relevant)
        if found != relevant:
            misses[query] = (found - relevant, relevant - found)
    return true_pos / found_total, true_pos / relevant_total, misses


def test_the_labelled_queries_have_full_precision_and_recall(index):
    precision, recall, misses = _measure(index)
    assert (precision, recall) == (1.0, 1.0), f"wrong or missing (query: (extra, missed)): {misses}"


@pytest.mark.parametrize(
    ("word", "not_"),
    [("posters", "post"), ("driver", "drive"), ("banner", "ban"), ("folder", "fold"), ("boilers", "boil")],
)
def test_words_ending_in_er_that_are_not_trades_keep_their_meaning(word, not_):
    assert analyze(word) != analyze(not_)
