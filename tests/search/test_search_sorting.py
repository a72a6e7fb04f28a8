"""Sorting, the stable tie-break and pagination."""

from __future__ import annotations

import numpy as np

from marketplace.search.analysis import normalize
from marketplace.search.ranking import mix, search_salt
from marketplace.search.schema import id_hash
from tests.search.conftest import ids, search
from tests.search.corpus import profile


def test_sorting_by_name_is_alphabetical_ignoring_case(index, docs):
    expected = [d["id"] for d in sorted(docs, key=lambda d: normalize(d["name"]))]
    assert ids(index, sort="name") == expected


def test_sorting_by_updated_shows_the_newest_first(index, docs):
    found = ids(index, "cleaning", sort="updated")
    updated = {d["id"]: d["updated_at"] for d in docs}
    assert [updated[i] for i in found] == sorted((updated[i] for i in found), reverse=True)
    assert found.index("windows") < found.index("northside") < found.index("sparkle")


def test_an_unknown_sort_falls_back_to_relevance(index):
    assert ids(index, "estate cleaning", sort="price") == ids(index, "estate cleaning")


def test_suppliers_with_equal_relevance_are_ordered_by_a_hash_of_their_id(index, docs):
    text = ""
    found = ids(index, text)
    salt = search_salt(text, {})
    keys = mix(np.array([id_hash(i) for i in found], dtype=np.uint32), salt)
    assert list(keys) == sorted(keys)


def test_the_tie_break_is_the_same_every_time(index):
    assert ids(index, "") == ids(index, "") == ids(index, "")


def test_no_supplier_is_always_first_across_different_searches(index):
    firsts = {
        ids(index, "", filters=f)[0]
        for f in (
            {},
            {"is_sme": ["true", "false"]},
            {"based_in_borough": ["true", "false"]},
            {"size_band": ["micro", "small", "medium", "large"]},
        )
    }
    assert len(firsts) > 1


def test_identical_profiles_score_the_same_and_keep_their_order(fresh_index):
    twins = [profile(f"twin-{n}", "Twin Cleaning", summary="Twin estate cleaning.") for n in range(6)]
    fresh_index.upsert("supplier", twins)
    hits = search(fresh_index, "twin", page_size=100).hits
    assert len({hit.score for hit in hits}) == 1
    assert [h.id for h in hits] == [h.id for h in search(fresh_index, "twin", page_size=100).hits]


def test_pages_do_not_repeat_or_skip_suppliers(index, docs):
    everything = ids(index, "", page_size=100)
    paged = []
    for page in range(1, 8):
        paged += ids(index, "", page=page, page_size=5)
    assert paged == everything
    assert len(set(paged)) == len(docs)


def test_a_page_past_the_end_is_empty_but_keeps_the_total(index, docs):
    result = search(index, "", page=99, page_size=20)
    assert result.hits == []
    assert result.total == len(docs)


def test_silly_page_numbers_are_treated_as_the_first_page(index):
    assert ids(index, "", page=0, page_size=3) == ids(index, "", page=1, page_size=3)
    assert ids(index, "", page=-5, page_size=3) == ids(index, "", page=1, page_size=3)
