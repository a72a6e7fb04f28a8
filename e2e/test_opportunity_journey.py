"""The tender journey in a browser, axe on every page:

buyer turns a notice into an opportunity and publishes → supplier A bids with partner B, who confirms
→ supplier C is told they are not eligible → a late submit is refused → buyer opens the bids after close.

And the page count: a newly registered micro supplier reaches a submitted bid on a simple opportunity
in at most 20 pages from the home page. The service clock is frozen (the live server shares it).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.session import sign_in, sign_out
from marketplace import clock
from marketplace.mail.queries import list_emails_to
from marketplace.opportunities import queries
from tests.factories import create_buyer, create_organisation, owner_of
from tests.notices.factories import create_notice, register_interest
from tests.opportunities.factories import complete_bid, create_opportunity

# Monday 1 March 2027, 9am: bids will close on Tuesday 16 March at noon.
START = datetime(2027, 3, 1, 9, tzinfo=UTC)
MAX_PAGES = 20


@pytest.fixture(autouse=True)
def frozen_clock():
    clock.freeze(START)
    yield
    clock.freeze(None)


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True).click()


def _date(page: Page, legend: str, day: int, month: int, year: int) -> None:
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def _buyer_publishes_from_the_notice(page: Page, notice, accessible) -> None:
    _nav(page, "Notices")
    accessible("buyer's notices")
    page.get_by_role("link", name=notice.title).first.click()
    _heading(page, notice.title)
    page.get_by_role("button", name="Turn into an opportunity").click()
    _heading(page, "Turn this notice into an opportunity")
    accessible("turn into an opportunity")
    page.get_by_role("button", name="Create the opportunity").click()
    _heading(page, notice.title)
    accessible("task list")

    page.get_by_role("link", name="Requirements").click()
    accessible("requirements")
    page.get_by_label("Essential requirements").fill("You hold public liability insurance\nYou can start in April")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="Value and contract").click()
    accessible("value")
    _date(page, "Contract start date", 1, 6, 2027)
    page.get_by_label("Contract length in months").fill("24")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("link", name="Timetable").click()
    accessible("timetable")
    _date(page, "Clarification questions close", 11, 3, 2027)
    page.get_by_label("Time questions close").fill("5pm")
    _date(page, "Last answers published by", 12, 3, 2027)
    page.get_by_label("Time of the last answers").fill("5pm")
    _date(page, "Bids close", 16, 3, 2027)
    page.get_by_label("Time bids close").fill("12pm")
    _date(page, "Expected award date", 15, 4, 2027)
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-task-list")).to_be_visible()

    page.get_by_role("link", name="Award criteria").click()
    _heading(page, "Award criteria")
    accessible("award criteria")
    page.get_by_role("link", name="Change all the weights").click()
    accessible("weights")
    page.get_by_label(re.compile("Quality: How you will achieve")).fill("45")
    page.get_by_role("button", name="Save weights").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The weights add up to 95%. They must add up to 100%")
    accessible("weights with an error")
    page.get_by_label(re.compile("Quality: How you will achieve")).fill("50")
    page.get_by_role("button", name="Save weights").click()
    page.get_by_role("button", name="Save scale").click()

    page.get_by_role("button", name="Check and publish").click()
    _heading(page, "Check your opportunity and publish")
    accessible("preview")
    page.get_by_role("button", name="Publish opportunity").click()
    _heading(page, notice.title)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your opportunity is published")
    accessible("published opportunity")


def _answer_everything(page: Page, accessible) -> None:
    for name in ("How you will achieve the outcomes", "Social value"):
        page.get_by_role("link", name=name, exact=True).click()
        accessible(name)
        page.get_by_role("textbox").fill(f"Our answer about {name.lower()}: local people, monthly walkabouts.")
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Price", exact=True).click()
    accessible("price")
    page.get_by_label("Your price for the whole contract").fill("98,000")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Declaration", exact=True).click()
    accessible("declaration")
    page.get_by_label(re.compile("I confirm that the information")).check()
    page.get_by_role("button", name="Save and continue").click()


def _start_bid(page: Page, title: str, accessible, *, meets: bool = True) -> None:
    _nav(page, "Opportunities")
    accessible("opportunities")
    page.get_by_role("link", name=title).click()
    page.get_by_role("button", name="Start your bid").click()
    _heading(page, "Can you bid?")
    accessible("eligibility")
    radios = page.get_by_role("radio", name="Yes, we meet this")
    for index in range(radios.count()):
        radios.nth(index).check()
    if not meets:
        page.get_by_role("radio", name="No").last.check()
    page.get_by_role("button", name="Continue").click()


def test_buyer_publishes_suppliers_bid_jointly_late_is_refused_buyer_opens(
    page: Page, base_url, app_context, accessible
):
    buyer = create_buyer(email="priya@camden.gov.uk")
    notice = create_notice(buyer, title="Safer estates: lighting and door entry")
    lead = create_organisation(published=True, name="Fleet Road Repairs Ltd")
    partner = create_organisation(published=True, name="Gospel Oak Youth Trust")
    refused = create_organisation(published=True, name="Hampstead Electrical Ltd")
    late = create_organisation(published=True, name="Last Minute Ltd")
    register_interest(notice, partner, partnering=True, offer="We run resident sessions")

    sign_in(page, base_url, buyer.email, accessible)
    _buyer_publishes_from_the_notice(page, notice, accessible)
    sign_out(page, accessible)
    opportunity = queries.for_notice(notice.id)[0]
    complete_bid(opportunity, late)

    sign_in(page, base_url, owner_of(lead).email, accessible)
    _start_bid(page, notice.title, accessible)
    _heading(page, "Your bid")
    accessible("bid task list")
    page.get_by_role("link", name="Partners (for a joint bid)").click()
    accessible("partners")
    page.get_by_role("button", name=re.compile("Add Gospel Oak Youth Trust")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("emailed a link to confirm")
    page.get_by_role("link", name="Back to your bid").first.click()
    _answer_everything(page, accessible)
    sign_out(page, accessible)

    link = next(
        line for line in list_emails_to(owner_of(partner).email)[-1].body.splitlines() if "/bids/partners/" in line
    )
    sign_in(page, base_url, owner_of(partner).email, accessible)
    page.goto(base_url + urlsplit(link.strip()).path)
    accessible("confirm partner")
    page.get_by_role("button", name="Confirm we are a partner").click()
    _heading(page, "Joint bid led by Fleet Road Repairs Ltd")
    accessible("joint bid, read-only")
    sign_out(page, accessible)

    sign_in(page, base_url, owner_of(lead).email, accessible)
    page.goto(base_url + f"/opportunities/{opportunity.id}/bid")
    page.get_by_role("button", name="Check and submit").click()
    _heading(page, "Check your bid and submit")
    expect(page.get_by_text("Gospel Oak Youth Trust").first).to_be_visible()
    accessible("check and submit")
    page.get_by_role("button", name="Submit bid").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Bid submitted")
    accessible("receipt")
    sign_out(page, accessible)

    sign_in(page, base_url, owner_of(refused).email, accessible)
    _start_bid(page, notice.title, accessible, meets=False)
    _heading(page, "You cannot bid for this opportunity")
    accessible("not eligible")
    sign_out(page, accessible)

    sign_in(page, base_url, owner_of(late).email, accessible)
    page.goto(base_url + f"/opportunities/{opportunity.id}/bid/review")
    accessible("late supplier's check page")
    clock.freeze(opportunity.closes_at)
    page.get_by_role("button", name="Submit bid").click()
    _heading(page, "The deadline for bids has passed")
    accessible("late submit refused")
    sign_out(page, accessible)

    clock.freeze(opportunity.closes_at + timedelta(hours=2))
    sign_in(page, base_url, buyer.email, accessible)
    _nav(page, "Opportunities")
    accessible("buyer's opportunities")
    page.get_by_role("link", name=notice.title).click()
    page.get_by_role("link", name="Bids").click()
    _heading(page, "Bids")
    accessible("bids before opening")
    page.get_by_role("button", name="Open the bids").click()
    expect(page.get_by_text("Verified")).to_have_count(1)
    accessible("opened bids")
    page.get_by_role("link", name="Fleet Road Repairs Ltd").click()
    _heading(page, "Bid from Fleet Road Repairs Ltd")
    expect(page.get_by_text("Gospel Oak Youth Trust").first).to_be_visible()
    accessible("opened bid")


def test_a_new_micro_supplier_submits_a_bid_within_20_pages(page: Page, base_url, app_context, accessible):
    opportunity = create_opportunity(title="Small repairs at the Kentish Town community centre")
    email = "amina@aminafixes.example"
    visited: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and visited.append(urlsplit(frame.url).path))

    page.goto(base_url + "/")
    accessible("home")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Create a password").fill("a long and memorable passphrase")
    page.get_by_role("button", name="Create account").click()
    accessible("check your email")
    link = next(line for line in list_emails_to(email)[0].body.splitlines() if "/verify/" in line)
    page.goto(base_url + urlsplit(link.strip()).path)
    accessible("about your organisation")
    page.get_by_label("Organisation name").fill("Amina Fixes")
    page.get_by_label("Sole trader").check()
    page.get_by_label("Postcode").fill("NW5 1TL")
    page.get_by_label("1 to 10 people").check()
    page.get_by_label("Up to £1 million").check()
    page.get_by_label("None of these", exact=True).last.check()
    page.get_by_role("button", name="Save and continue").click()
    accessible("what you do")
    page.get_by_label(re.compile(r"\(50\)")).check()
    page.get_by_label("Summary").fill("Small building repairs for community buildings in Camden.")
    page.get_by_label("Gospel Oak").check()
    page.get_by_role("button", name="Save and continue").click()
    accessible("profile preview")

    _start_bid(page, opportunity.title, accessible)
    _heading(page, "Your bid")
    _answer_everything(page, accessible)
    page.get_by_role("button", name="Check and submit").click()
    page.get_by_role("button", name="Submit bid").click()
    expect(page.locator(".govuk-panel__title")).to_have_text("Bid submitted")
    accessible("receipt")

    pages = list(dict.fromkeys(visited))
    assert len(pages) <= MAX_PAGES, pages
    print(f"\nA new micro supplier reached a submitted bid in {len(pages)} pages: {pages}")


def test_each_roles_navigation_fits_one_line_at_1280_pixels(page: Page, base_url, app_context, accessible):
    from marketplace.accounts.services import create_admin

    page.set_viewport_size({"width": 1280, "height": 900})
    supplier = owner_of(create_organisation(published=True))
    buyer = create_buyer()
    admin = create_admin("nav-admin@camden.gov.uk", "a long and memorable passphrase")
    for email, password in (
        (None, None),
        (supplier.email, None),
        (buyer.email, None),
        (admin.email, "a long and memorable passphrase"),
    ):
        if email:
            sign_in(page, base_url, email, accessible, **({"password": password} if password else {}))
        else:
            page.goto(base_url + "/")
            accessible("home")
        tops = page.eval_on_selector_all(
            ".govuk-service-navigation__item",
            "items => items.map(item => Math.round(item.getBoundingClientRect().top))",
        )
        assert len(set(tops)) == 1, (email, tops)
        if email:
            sign_out(page, accessible)
