"""The public list stays cheap however many opportunities there are: a fixed number of statements,
and a pagination that links the first, last and nearby pages rather than every page."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import url_for

from marketplace.opportunities import search_documents
from marketplace.template_helpers import london_datetime, page_window
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


def test_each_row_links_its_opportunity_with_its_status_value_and_deadline(client, app):
    opportunity = create_opportunity(title="Estate lighting", value_low=Decimal("30000"), value_high=Decimal("90000"))
    page = client.get("/opportunities")
    row = next(li for li in page.soup.select("main ul.govuk-list > li") if "Estate lighting" in li.get_text())
    with app.test_request_context():
        assert row.select_one("h3 a")["href"] == url_for("opportunities.show", opportunity_id=opportunity.id)
    tag = row.select_one("strong.govuk-tag")
    assert tag.get_text(strip=True) == "Open" and "govuk-tag--green" in tag["class"]
    assert "Any registered supplier" in row.get_text()
    assert f"£30,000 to £90,000 (excluding VAT) · Bids close {london_datetime(opportunity.closes_at)}" in row.get_text()


def test_the_pagination_links_keep_the_filters(client, app):
    for _ in range(3):
        create_opportunity(categories=["50"])
    page = client.get("/opportunities?category=50&status=open&page_size=1&page=2")
    with app.test_request_context():
        expected = {
            number: url_for("opportunities.index", page=number, category=["50"], status=["open"])
            for number in (1, 2, 3)
        }
    links = {a.get_text(strip=True): a["href"] for a in page.soup.select(".govuk-pagination__list a")}
    assert links == {str(number): href for number, href in expected.items()}
    assert page.soup.select_one(".govuk-pagination__item--current a")["aria-current"] == "page"
    assert page.soup.select_one(".govuk-pagination__prev a")["href"] == expected[1]
    assert page.soup.select_one(".govuk-pagination__next a")["href"] == expected[3]


def test_the_list_highlights_from_plain_rows_as_from_loaded_opportunities(app):
    with_outcome = create_opportunity(
        summary="Keep the estates tidy. Every week.", outcomes=["Gutters cleared in spring"]
    )
    with_category = create_opportunity(summary="Keep the estates tidy. Every week.", categories=["77"])
    in_summary = create_opportunity(summary="Gutters and drains on every estate.")
    opportunities = [with_outcome, with_category, in_summary]
    for words in ("gutters", "horticultural services", "estate tidy", "nothing matches this"):
        loaded = search_documents.highlights_for(words, opportunities)
        read = search_documents.highlights_for(words, opportunities, children_loaded=False)
        assert read == loaded, words
    assert (
        "<mark>Gutters</mark>" in search_documents.highlights_for("gutters", opportunities)[with_outcome.id]["outcomes"]
    )
    assert "<mark>" in search_documents.highlights_for("horticultural", opportunities)[with_category.id]["categories"]
