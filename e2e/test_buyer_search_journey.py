"""A council buyer searches suppliers, filters, shortlists one with a note and downloads the CSV."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD, create_buyer, create_organisation


def test_buyer_searches_filters_shortlists_and_downloads(page: Page, base_url, app_context, accessible):
    buyer = create_buyer(full_name="Priya Shah")
    create_organisation(
        published=True,
        name="Kentish Town Cleaning CIC",
        summary="Estate cleaning and graffiti removal by local people.",
        staff_band="1-10",
    )
    create_organisation(
        published=True,
        name="Somers Town Cleaners Ltd",
        summary="Office and estate cleaning across London.",
        staff_band="11-50",
    )
    create_organisation(
        published=True, name="Belsize Gardeners", summary="Community gardening and tree care.", categories=["77"]
    )

    page.goto(base_url + "/sign-in")
    page.get_by_label("Email address").fill(buyer.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buyer dashboard")
    accessible("buyer dashboard")

    page.get_by_role("link", name="Find suppliers").first.click()
    accessible("search page")
    page.get_by_label("Search").fill("cleaning")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#result-count")).to_contain_text("2 suppliers found")
    accessible("search results")

    page.get_by_label("Small (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#result-count")).to_contain_text("1 supplier found")
    accessible("filtered results")

    page.get_by_role("link", name="Somers Town Cleaners Ltd").click()
    accessible("profile")
    page.get_by_role("button", name="Add to a shortlist").click()
    accessible("add to shortlist")
    page.get_by_label("Name of the new shortlist").fill("Estate cleaning 2027")
    page.get_by_label("Note (optional)").fill("Covers all our estates; ask about weekend cover")
    page.get_by_role("button", name="Add to shortlist").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Estate cleaning 2027")
    accessible("shortlist")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download this shortlist (CSV)").click()
    content = open(download_info.value.path(), encoding="utf-8").read()
    assert "Somers Town Cleaners Ltd" in content and "weekend cover" in content
