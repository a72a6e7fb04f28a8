"""A new supplier registers, confirms their email through the development mail page, signs in and out."""

from __future__ import annotations

from playwright.sync_api import Page, expect

PASSWORD = "a long and memorable passphrase"


def test_supplier_registers_confirms_signs_in_and_out(page: Page, base_url, app_context, accessible):
    page.goto(base_url + "/")
    accessible("start page")
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Create a supplier account")
    accessible("register")

    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_label("Create a password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an email address in the correct format")
    expect(page.get_by_label("Email address")).to_have_value("not-an-email")
    accessible("register with errors")

    page.get_by_label("Email address").fill("ruth@communitygardens.example")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    accessible("check your email")

    page.get_by_role("link", name="read the emails it has sent").click()
    accessible("development emails")
    page.locator("a[href*='/verify/']").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your organisation")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your email address is confirmed")
    accessible("signed in by the confirmation link")

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    page.goto(base_url + "/sign-in")
    page.get_by_label("Email address").fill("ruth@communitygardens.example")
    page.get_by_label("Password", exact=True).fill("wrong password!")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a correct email address and password")
    accessible("sign in with errors")

    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your organisation")
    accessible("organisation set-up")

    page.get_by_role("link", name="Sign out").click()
    accessible("sign out")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    accessible("signed out")


def test_policy_pages_are_accessible(page: Page, base_url, app_context, accessible):
    for path in (
        "/accessibility-statement",
        "/privacy",
        "/cookies",
        "/register/buyer",
        "/forgotten-password",
        "/no-such-page",
    ):
        page.goto(base_url + path)
        accessible(path)
