"""A supplier applies to the Estates Services DPS and submits; an admin evaluates and publishes results;
the supplier accepts the agreement, and a buyer sees the framework badge on the supplier's profile.

The service's clock is moved (in this process, so the live server sees it) from "applications open"
to "after close" to "results day". axe checks every page visited.

The buyer's search filter by framework lot is the search pages' (another part of the tree); this
journey checks that the supplier is found with it once on the framework.
"""

from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.session import sign_in, sign_out
from marketplace import clock
from tests.factories import create_admin, create_buyer, create_organisation, owner_of
from tests.frameworks.factories import AFTER_CLOSE, RESULTS_DAY, create_framework


@pytest.fixture
def fresh_search_index(app_context):
    """Journeys empty the database, whose change ids then start again, but not the search index, whose
    applied sequence only moves forward: start this journey with an empty index so it sees its own changes.
    (Belongs in e2e/conftest.py's `_empty`; kept here until it moves.)"""
    shutil.rmtree(app_context.config["SEARCH_INDEX_PATH"], ignore_errors=True)
    app_context.extensions.pop("search_index", None)
    yield


@pytest.fixture
def moving_clock():
    yield clock
    clock.freeze(None)


def _answer(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=re.compile(question)).get_by_label(answer, exact=True).check()


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_supplier_applies_admin_evaluates_supplier_joins_and_the_badge_appears(
    page: Page, base_url, app_context, accessible, moving_clock, fresh_search_index
):
    create_framework()  # the demo definition, open for applications
    organisation = create_organisation(published=True, name="Kentish Town Cleaning CIC")
    create_organisation(published=True, name="Fleet Road Cleaners Ltd")  # not on the framework
    supplier, admin, buyer = owner_of(organisation), create_admin(), create_buyer()

    # The supplier finds the framework on their dashboard and applies.
    sign_in(page, base_url, supplier.email, accessible)
    page.goto(base_url + "/supplier/dashboard")
    accessible("dashboard")
    page.get_by_role("link", name="Estates Services Dynamic Purchasing System").click()
    _heading(page, "Estates Services Dynamic Purchasing System")
    accessible("framework")
    page.get_by_role("button", name="Start your application").click()
    _heading(page, "Your application")
    accessible("task list")

    page.get_by_role("link", name="Choose your lots").click()
    accessible("lots")
    page.get_by_label("Cleaning", exact=True).check()
    page.get_by_label("Your statement for the cleaning lot").fill(
        "We clean communal areas on twelve Camden estates every week."
    )
    page.get_by_role("button", name="Save and continue").click()

    _heading(page, "Working safely")
    accessible("working safely")
    _answer(page, "public liability insurance", "Yes")
    _answer(page, "health and safety policy", "Yes")
    page.get_by_role("button", name="Save and continue").click()

    _heading(page, "Fair work")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select yes if you pay the London Living Wage")
    accessible("fair work with an error")
    _answer(page, "London Living Wage", "Yes")
    page.get_by_role("button", name="Save and continue").click()

    _heading(page, "Social value")
    accessible("social value")
    page.get_by_label(re.compile("benefit the borough")).fill(
        "We employ residents of the estates we clean and train two apprentices a year."
    )
    page.get_by_role("button", name="Save and continue").click()

    _heading(page, "Check your answers before you submit")
    accessible("check answers")
    page.get_by_role("button", name="Submit application").click()
    _heading(page, "Application submitted")
    accessible("receipt")
    sign_out(page, accessible)

    # Applications close; an admin runs the rules and decides the social value statement.
    moving_clock.freeze(AFTER_CLOSE)
    sign_in(page, base_url, admin.email, accessible)
    page.goto(base_url + "/admin/frameworks/")
    accessible("admin frameworks")
    page.get_by_role("link", name="Estates Services Dynamic Purchasing System").click()
    accessible("admin overview")
    page.get_by_role("button", name="Run automatic evaluation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 application evaluated")
    page.get_by_role("link", name="1 answer needs a decision").click()
    _heading(page, "Decisions needed")
    accessible("queue")
    page.get_by_role("link", name=re.compile("^Decide")).click()
    _heading(page, "Decide: Social value statement")
    accessible("decide")
    page.get_by_label("Pass").check()
    page.get_by_label("Reason").fill("Specific commitments to local jobs and apprenticeships.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("No answers are waiting for a decision.")).to_be_visible()
    accessible("queue done")
    page.get_by_role("link", name="Report").click()
    accessible("report")

    # Results day: the admin publishes results.
    moving_clock.freeze(RESULTS_DAY)
    page.get_by_role("link", name="Overview").click()
    accessible("results day overview")
    page.get_by_role("button", name="Publish results and email applicants").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Results published: 1 applicant emailed")
    accessible("results published")
    sign_out(page, accessible)

    # The supplier reads the outcome and accepts the agreement.
    sign_in(page, base_url, supplier.email, accessible)
    page.goto(base_url + "/supplier/dashboard")
    accessible("dashboard with results")
    page.get_by_role("link", name="see your outcome").click()
    _heading(page, "The outcome of your application")
    accessible("outcome")
    page.get_by_role("button", name="Read and accept the agreement").click()
    _heading(page, "Estates Services DPS supplier agreement")
    accessible("agreement")
    page.get_by_label("Your role").fill("Director")
    page.get_by_label("Your full name").fill("Sam Okafor")
    page.get_by_label("I am authorised to accept this agreement for my organisation").check()
    page.get_by_role("button", name="Accept agreement").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Kentish Town Cleaning CIC is now on Estates Services Dynamic Purchasing System"
    )
    accessible("agreement accepted")
    sign_out(page, accessible)

    # A buyer sees the badge on the supplier's profile.
    sign_in(page, base_url, buyer.email, accessible)
    page.goto(f"{base_url}/suppliers/{organisation.id}")
    _heading(page, "Kentish Town Cleaning CIC")
    expect(page.get_by_text("On Estates Services DPS")).to_be_visible()
    expect(page.get_by_text("Lots: Cleaning")).to_be_visible()
    accessible("profile with badge")
    page.goto(base_url + "/suppliers?framework_lots=estates-dps/cleaning")
    accessible("search filtered by the cleaning lot")
    expect(page.locator("main")).to_contain_text("Kentish Town Cleaning CIC")
    expect(page.locator("main")).not_to_contain_text("Fleet Road Cleaners Ltd")


def test_every_other_framework_page_passes_axe(page: Page, base_url, app_context, accessible, moving_clock):
    from marketplace.frameworks import services
    from tests.frameworks.factories import GOOD_ANSWERS, WHILE_QUESTIONS_OPEN, create_application, with_request

    framework = create_framework(at=WHILE_QUESTIONS_OPEN)
    organisation = create_organisation(published=True, name="Gospel Oak Gardeners CIC")
    create_application(
        framework, organisation, lots=("cleaning", "green-spaces"), answers={**GOOD_ANSWERS, "safeguarding": "yes"}
    )
    supplier, admin = owner_of(organisation), create_admin()
    question = with_request(
        services.ask_question, framework, organisation, supplier, "Can we subcontract tree surgery?"
    )

    sign_in(page, base_url, supplier.email, accessible)
    for path, label in [
        ("/frameworks", "frameworks list"),
        ("/frameworks/estates-dps/ask", "ask a question"),
        ("/frameworks/estates-dps/application/withdraw", "withdraw"),
        ("/frameworks/estates-dps/application/review", "review a submitted application"),
        ("/frameworks/estates-dps/application/lots", "lots with two chosen"),
    ]:
        page.goto(base_url + path)
        accessible(label)
    page.goto(base_url + "/frameworks/estates-dps/ask")
    page.get_by_role("button", name="Send question").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    accessible("ask with an error")

    page.goto(base_url + "/frameworks/estates-dps/application/sections/fair-work")
    moving_clock.freeze(AFTER_CLOSE)
    page.get_by_role("button", name="Save and continue").click()
    _heading(page, "Applications have closed")
    accessible("deadline passed")
    page.goto(base_url + "/frameworks/estates-dps/application")
    accessible("application after close")
    page.goto(base_url + "/frameworks/estates-dps/application/review")
    accessible("read-only review")
    sign_out(page, accessible)

    sign_in(page, base_url, admin.email, accessible)
    for path, label in [
        ("/admin/frameworks/estates-dps/applications", "admin applications"),
        ("/admin/frameworks/estates-dps/questions", "admin questions"),
        (f"/admin/frameworks/estates-dps/questions/{question.id}", "admin answer"),
        ("/admin/frameworks/estates-dps/definition", "admin edit definition"),
        ("/admin/frameworks/new", "admin add framework"),
    ]:
        page.goto(base_url + path)
        accessible(label)
    page.goto(base_url + "/admin/frameworks/estates-dps/applications")
    page.get_by_role("link", name="Gospel Oak Gardeners CIC").click()
    accessible("admin application")
