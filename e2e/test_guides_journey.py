"""Guides in a browser, axe on every page: an editor drafts a guide and a second editor publishes it and links it
from a bid question → a first-time VCSE supplier sees it recommended on the dashboard and linked from the
question → rates it useful → the owner sees the feedback."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from e2e.pages.session import sign_in, sign_out
from tests.factories import create_admin, create_organisation, owner_of
from tests.guides.factories import create_editor, resident_engagement_opportunity
from tests.opportunities.factories import start_bid

TITLE = "Engaging residents on your estate"


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_a_guide_is_written_reviewed_recommended_used_and_rated(page: Page, base_url, app_context, accessible):
    author, reviewer = create_editor(), create_admin()
    opportunity = resident_engagement_opportunity()
    criterion = opportunity.question_criteria[0]
    supplier = create_organisation(published=True, name="Gospel Oak Youth Trust", is_vcse=True, vcse_type="charity")
    start_bid(opportunity, supplier)

    sign_in(page, base_url, author.email, accessible)
    page.goto(base_url + "/guides/manage")
    accessible("manage guides")
    page.get_by_role("button", name="Write a guide").click()
    _heading(page, "Write a guide")
    accessible("write a guide")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Address").fill("engaging-residents-estate")
    page.get_by_label("Summary").fill("How to hear from every resident, safely.")
    page.get_by_label("Guide", exact=True).fill(
        "## Plan\n\nAsk the TRA.\n\n## Methods\n\nWalkabouts.\n\n## Record\n\nWrite it down."
    )
    page.get_by_label("Resident engagement").check()
    page.get_by_role("button", name="Save draft").click()
    _heading(page, TITLE)
    accessible("guide admin page")
    page.get_by_role("link", name="Send for review").click()
    accessible("send for review")
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Waiting for another content editor")).to_be_visible()
    sign_out(page, accessible)

    sign_in(page, base_url, reviewer.email, accessible)
    page.goto(base_url + "/guides/manage")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Publish this version").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("published")
    accessible("published")
    page.get_by_role("link", name=re.compile("Where the guide is linked")).click()
    accessible("links")
    page.get_by_label("Where").select_option("opportunity-criterion")
    page.get_by_label("Reference").fill(str(criterion.id))
    page.get_by_role("button", name="Link the guide").click()
    expect(page.get_by_role("table")).to_contain_text("How you will engage residents")
    sign_out(page, accessible)

    sign_in(page, base_url, owner_of(supplier).email, accessible)
    page.goto(base_url + "/supplier/dashboard")
    accessible("dashboard")
    for_you = page.locator("h2", has_text="Guides for you").locator("xpath=..")
    expect(for_you).to_contain_text(TITLE)
    expect(for_you).to_contain_text(f"Because you are bidding for ‘{opportunity.title}’")
    page.goto(base_url + f"/opportunities/{opportunity.id}/bid/questions/{criterion.id}")
    accessible("bid question")
    page.locator(".app-guide-links").get_by_role("link", name=TITLE).click()
    _heading(page, TITLE)
    accessible("guide")
    expect(page.get_by_role("navigation", name="Contents")).to_be_visible()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_label("How could we make it better? (optional)").fill("Add a checklist")
    page.get_by_role("button", name="Send feedback").click()
    _heading(page, "Thank you for your feedback")
    accessible("thanks")
    sign_out(page, accessible)

    sign_in(page, base_url, author.email, accessible)
    page.goto(base_url + "/guides/manage")
    expect(page.get_by_role("table")).to_contain_text("1 yes, 0 no")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("table").first).to_contain_text("Add a checklist")
    accessible("owner sees feedback")
