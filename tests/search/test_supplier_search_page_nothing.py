"""A search with nothing searchable in it says so instead of listing every supplier."""

from __future__ import annotations

import pytest

from tests.factories import create_organisation


@pytest.mark.parametrize("typed", ["😀", "OR", "-", "*", "x" * 3000])
def test_a_search_with_no_searchable_words_lists_nobody_and_says_why(client, typed):
    create_organisation(published=True, name="Kentish Town Cleaning CIC")
    page = client.get("search.suppliers", q=typed)
    assert "did not contain any words we could search for" in page.text
    assert "Kentish Town Cleaning CIC" not in page.text
