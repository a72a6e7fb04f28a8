"""Signing in and out as a person would, checking each page with axe on the way."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD


def sign_in(page: Page, base_url: str, email: str, accessible, password: str = PASSWORD) -> None:
    page.goto(base_url + "/sign-in")
    accessible("sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    accessible("signed in")


def sign_out(page: Page, accessible) -> None:
    page.get_by_role("link", name="Sign out").click()
    accessible("sign out")
    page.get_by_role("button", name="Sign out").click()
    accessible("signed out")
