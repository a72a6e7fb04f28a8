"""The public list stays cheap however many opportunities there are: a fixed number of statements,
and a pagination that links the first, last and nearby pages rather than every page."""

from __future__ import annotations

import pytest

from marketplace.template_helpers import page_window
from tests.opportunities.factories import create_opportunity
from tests.platform.test_list_pages_query_counts import _queries_for


@pytest.mark.parametrize("query", ["", "?status=open&category=50", "?q=repairs"])
def test_the_list_does_not_query_per_row(app, client, query):
    for _ in range(3):
        create_opportunity()
    few = _queries_for(app, client, f"/opportunities{query}")
    for _ in range(6):
        create_opportunity()
    many = _queries_for(app, client, f"/opportunities{query}")
    assert many == few, f"{few} statements for 3 opportunities, {many} for 9"


@pytest.mark.parametrize(
    ("page", "pages", "window"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 500, [1, 2, None, 500]),
        (5, 500, [1, None, 4, 5, 6, None, 500]),
        (3, 6, [1, 2, 3, 4, None, 6]),
        (500, 500, [1, None, 499, 500]),
        (900, 500, [1, None, 499, 500]),
    ],
)
def test_the_pagination_shows_first_last_and_nearby_pages(page, pages, window):
    assert page_window(page, pages) == window


def test_the_list_pagination_links_nearby_pages_with_an_ellipsis(client):
    for _ in range(6):
        create_opportunity()
    page = client.get("/opportunities?page_size=1&page=3")
    pagination = page.soup.select_one(".govuk-pagination__list")
    numbers = [item.get_text(strip=True) for item in pagination.select(".govuk-pagination__item")]
    assert numbers == ["1", "2", "3", "4", "⋯", "6"]


def test_words_are_filtered_counted_paged_and_highlighted(client):
    for number in range(3):
        create_opportunity(title=f"Tree care {number}", summary="Gardening on our estates.", categories=["77"])
    create_opportunity(title="Gardening repairs", summary="Gardening and repairs.", categories=["50"])
    first = client.get("/opportunities?q=gardening&category=77&page_size=2")
    second = client.get("/opportunities?q=gardening&category=77&page_size=2&page=2")
    assert "3 opportunities matching “gardening”" in first.text
    titles = [a.get_text() for page in (first, second) for a in page.soup.select("main ul.govuk-list h3 a")]
    assert sorted(titles) == ["Tree care 0", "Tree care 1", "Tree care 2"]
    assert first.html.count("<mark>Gardening</mark> on our estates.") == 2
