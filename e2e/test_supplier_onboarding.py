"""A sole trader goes from the home page to a published profile in at most 8 pages and 15 required fields.

Pages are counted as distinct addresses the browser shows (a page re-shown with errors is the same page);
the email inbox is the supplier's own, so the confirmation link is opened directly. Required fields are
counted objectively: each form is first sent empty and the server's error summary lists what it needs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from marketplace.mail.queries import list_emails_to

EMAIL = "ruth@ruthsgardens.example"
PASSWORD = "a long and memorable passphrase"
MAX_PAGES, MAX_REQUIRED_FIELDS = 8, 15


def _required_fields_on_this_page(page: Page, button: str, accessible) -> int:
    page.get_by_role("button", name=button).click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    accessible("errors shown")
    return summary.locator("a").count()


def test_sole_trader_publishes_a_profile_in_few_pages_and_fields(page: Page, base_url, app_context, accessible):
    visited: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and visited.append(urlsplit(frame.url).path))
    required = 0

    page.goto(base_url + "/")
    accessible("home")
    page.get_by_role("button", name="Start now").click()
    accessible("register")
    required += _required_fields_on_this_page(page, "Create account", accessible)
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    accessible("check your email")

    link = next(line for line in list_emails_to(EMAIL)[0].body.splitlines() if "/verify/" in line)
    page.goto(base_url + urlsplit(link.strip()).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your organisation")
    accessible("about your organisation")
    required += _required_fields_on_this_page(page, "Save and continue", accessible)
    page.get_by_label("Organisation name").fill("Ruth's Gardens")
    page.get_by_label("Sole trader").check()
    page.get_by_label("Postcode").fill("nw5 1tl")
    page.get_by_label("1 to 10 people").check()
    page.get_by_label("Up to £1 million").check()
    page.get_by_label("None of these", exact=True).last.check()
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("What you do and where you work")
    accessible("what you do")
    required += _required_fields_on_this_page(page, "Save and continue", accessible)
    page.get_by_label(re.compile(r"\(90\)")).check()
    page.get_by_label("Summary").fill(
        "Community gardening, estate planting and green space care with residents in Camden."
    )
    page.get_by_label("Gospel Oak").check()
    page.get_by_label("Which ward is your organisation’s main base in?").select_option(label="Kentish Town South")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your profile and publish")
    expect(page.locator(".app-preview")).to_contain_text("Ruth's Gardens")
    accessible("preview")
    page.get_by_role("button", name="Publish profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile is published")
    accessible("published")

    pages = list(dict.fromkeys(visited))
    assert len(pages) <= MAX_PAGES, pages
    assert required <= MAX_REQUIRED_FIELDS, required
    print(f"\nOnboarding: {len(pages)} pages {pages}; {required} required fields")
