"""Buyers (and the public) search published supplier profiles; the page never breaks."""

from __future__ import annotations

import pytest

from tests.factories import create_organisation


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select(".app-result h2 a")]


@pytest.fixture
def suppliers(app):
    create_organisation(
        published=True,
        name="Kentish Town Cleaning CIC",
        summary="Estate cleaning and graffiti removal by local people.",
    )
    create_organisation(
        published=True, name="Belsize Gardeners", summary="Community gardening and tree care on estates."
    )
    create_organisation(
        published=True, name="Fleet Road Repairs", summary="Responsive repairs and plumbing for council homes."
    )


def test_words_find_matching_suppliers(client, suppliers):
    assert _names(client.get("/suppliers?q=graffiti")) == ["Kentish Town Cleaning CIC"]


def test_stemming_finds_related_words(client, suppliers):
    assert "Kentish Town Cleaning CIC" in _names(client.get("/suppliers?q=cleaner"))


def test_or_and_exclusion_work(client, suppliers):
    assert set(_names(client.get("/suppliers?q=gardening OR plumbing"))) == {"Belsize Gardeners", "Fleet Road Repairs"}
    assert "Belsize Gardeners" not in _names(client.get("/suppliers?q=estates -gardening"))


def test_filters_show_counts_and_narrow_results(client, suppliers):
    page = client.get("/suppliers")
    label = page.soup.find("label", attrs={"for": lambda value: value and value.startswith("filter-size_band")})
    assert "(3)" in label.get_text()
    assert len(_names(client.get("/suppliers?size_band=micro"))) == 3
    assert _names(client.get("/suppliers?size_band=large")) == []


def test_matches_are_highlighted(client, suppliers):
    page = client.get("/suppliers?q=graffiti")
    assert page.soup.select_one(".app-result mark").get_text() == "graffiti"


def test_a_match_in_a_category_or_a_case_study_is_highlighted_from_the_profile(client, suppliers):
    from tests.suppliers.experience.factories import create_case_study

    organisation = create_organisation(published=True, name="Heath Hands", summary="Odd jobs.", categories=["77"])
    create_case_study(organisation, title="Pond dredging for the Heath", problem="Silt.", approach="Dredgers.")
    forestry = client.get("/suppliers?q=forestry").soup.select_one(".app-result")
    assert [m.get_text() for m in forestry.select("mark")] == ["forestry"]
    dredging = client.get("/suppliers?q=dredging").soup.select_one(".app-result")
    assert [m.get_text() for m in dredging.select("mark")] == ["dredging"]
    assert "Odd jobs." in dredging.get_text()


def test_no_results_helps_the_buyer(client, suppliers):
    page = client.get("/suppliers?q=submarines&size_band=micro")
    assert "No suppliers match" in page.text
    assert any("Remove size" in a.get_text() for a in page.soup.select(".app-chosen-filters a"))


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', "the and of", "x" * 10_000, "OR OR -", "name:foo*", "<script>alert(1)</script>", "ünïcødé ✓"],
)
def test_malformed_queries_get_a_page_not_an_error(client, suppliers, query):
    page = client.get("search.suppliers", q=query, expected=200)
    assert "<script>alert(1)</script>" not in page.html


def test_unknown_filter_values_and_pages_are_ignored(client, suppliers):
    assert client.get("/suppliers?size_band=gigantic&page=abc&sort=nonsense", expected=200)


def test_search_state_lives_in_the_url(client, suppliers):
    page = client.get("/suppliers?q=estates&sort=name")
    assert [o.get("value") for o in page.soup.select("#sort option[selected]")] == ["name"]
    assert page.value_of("q") == "estates"


def test_anyone_can_search_published_profiles(app, suppliers):
    from tests.helpers import PageClient

    assert len(_names(PageClient(app).get("/suppliers"))) == 3
