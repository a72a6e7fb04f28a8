"""A buyer publishes a market engagement notice with an event; a supplier finds it by search,
registers interest (open to partnering) and for the event, and asks a question; the buyer answers;
a second supplier sees the answer, without the first supplier's name. axe checks every page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.session import sign_in, sign_out
from marketplace import clock
from tests.events.factories import create_event, register
from tests.factories import create_admin, create_buyer, create_organisation, owner_of
from tests.notices.factories import create_mission, create_notice, register_interest

TITLE = "Safer estates: lighting and door entry"
QUESTION = "Could Kentish Town Cleaning CIC bid for the lighting work alone?"


def _nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True).click()


def _heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def _date(page: Page, legend: str, value: date) -> None:
    group = page.get_by_role("group", name=re.compile(legend))
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def _buyer_publishes_a_notice_with_an_event(page: Page, accessible) -> None:
    _nav(page, "Notices")
    _heading(page, "Your notices")
    accessible("buyer's notices")
    page.get_by_role("button", name="Create a notice").click()
    _heading(page, "Create a notice")
    accessible("notice form")
    page.get_by_label("Preliminary market engagement").check()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("We want to hear from local firms about making estates feel safer after dark.")
    page.get_by_label("Outcomes you are looking for").fill(
        "Residents feel safer walking home after dark\nDoor entry works first time"
    )
    page.get_by_label(re.compile(r"\(50\)")).check()
    page.get_by_label("Gospel Oak").check()
    page.get_by_label("Highest estimate (optional)").fill("250,000")
    _date(page, "When does engagement close", date.today() + timedelta(days=30))
    page.get_by_label("Time engagement closes").fill("5pm")
    page.get_by_label("Contact email address").fill("estates@camden.gov.uk")
    page.get_by_role("button", name="Save and preview").click()
    _heading(page, "Check your notice and publish")
    accessible("preview")
    page.get_by_role("button", name="Publish notice").click()
    _heading(page, TITLE)
    accessible("published notice")

    page.get_by_role("link", name="Add an event").click()
    _heading(page, "Create an event")
    accessible("event form")
    page.get_by_label("Title").fill("Meet the buyer: safer estates")
    page.get_by_label("Description").fill("An open briefing for suppliers.")
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Joining link and instructions").fill("https://meet.example/safer-estates passcode 2026")
    _date(page, "Date", date.today() + timedelta(days=14))
    page.get_by_label("Start time").fill("10am")
    page.get_by_label("End time").fill("11:30am")
    page.get_by_label("How many people can attend?").fill("20")
    page.get_by_label("How many people can each organisation bring?").fill("2")
    page.get_by_label("Accessibility").fill("Live captions throughout.")
    page.get_by_role("button", name="Save and preview").click()
    _heading(page, "Check your event and publish")
    accessible("event preview")
    page.get_by_role("button", name="Publish event").click()
    _heading(page, "Meet the buyer: safer estates")
    accessible("published event")


def _supplier_engages(page: Page, accessible) -> None:
    _nav(page, "Notices")
    _heading(page, "Notices")
    accessible("notices")
    page.get_by_label("Search notices").fill("door entry lighting")
    page.get_by_role("button", name="Apply filters").click()
    accessible("search results")
    page.get_by_role("link", name=TITLE).click()
    _heading(page, TITLE)
    accessible("notice")

    page.get_by_role("button", name="Register interest").click()
    _heading(page, "Register interest")
    accessible("register interest")
    page.get_by_label("Yes, and list us so other interested suppliers can contact us").check()
    page.get_by_label("What would you bring to a partnership?").fill("A local team of 12 who know the estates")
    page.get_by_role("button", name="Register interest").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your interest has been registered")
    accessible("interest registered")
    page.get_by_role("link", name="See suppliers open to partnering").click()
    _heading(page, "Suppliers open to partnering")
    accessible("partners")
    page.go_back()
    accessible("notice, interest registered")

    page.get_by_role("link", name="Meet the buyer: safer estates").click()
    accessible("event")
    expect(page.get_by_text("meet.example")).to_have_count(0)  # not before registering
    page.get_by_role("button", name="Register").click()
    _heading(page, "Register for the event")
    accessible("event registration")
    page.get_by_label("How many people from your organisation will come?").fill("1")
    page.get_by_label("Their names").fill("Sam Okafor")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You are registered")
    expect(page.get_by_role("link", name=re.compile("meet.example"))).to_be_visible()
    accessible("registered: joining link shown")

    page.get_by_role("link", name=TITLE).click()
    accessible("notice, back from the event")
    page.get_by_role("link", name="Ask a question").click()
    _heading(page, "Ask a question")
    accessible("ask a question")
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send question").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your question has been sent")
    accessible("question sent")


def _buyer_answers(page: Page, accessible) -> None:
    _nav(page, "Notices")
    accessible("buyer's notices with a question")
    expect(page.get_by_text("1 to answer")).to_be_visible()
    page.get_by_role("link", name=re.compile(f"questions about {re.escape(TITLE)}")).click()
    _heading(page, "Questions")
    accessible("questions")
    page.get_by_role("link", name=re.compile("^Answer")).click()
    _heading(page, "Answer a question")
    accessible("answer")
    page.get_by_label("Question as published").fill("Could a supplier bid for the lighting work alone?")
    page.get_by_label("Answer", exact=True).fill("Yes: lighting and door entry will be separate lots.")
    page.get_by_role("button", name="Publish answer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Answer published")
    accessible("answer published")


def test_notice_event_interest_question_answer(page: Page, base_url, app_context, accessible):
    buyer = create_buyer()
    first = owner_of(create_organisation(published=True, name="Kentish Town Cleaning CIC"))
    second = owner_of(create_organisation(published=True, name="Fleet Road Repairs Ltd"))

    sign_in(page, base_url, buyer.email, accessible)
    _buyer_publishes_a_notice_with_an_event(page, accessible)
    sign_out(page, accessible)

    sign_in(page, base_url, first.email, accessible)
    _supplier_engages(page, accessible)
    sign_out(page, accessible)

    sign_in(page, base_url, buyer.email, accessible)
    _buyer_answers(page, accessible)
    sign_out(page, accessible)

    sign_in(page, base_url, second.email, accessible)
    _nav(page, "Notices")
    accessible("notices, second supplier")
    page.get_by_role("link", name=TITLE).click()
    _heading(page, TITLE)
    expect(page.get_by_text("Yes: lighting and door entry will be separate lots.")).to_be_visible()
    expect(page.get_by_text("Could a supplier bid for the lighting work alone?")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Kentish Town Cleaning CIC")
    accessible("second supplier sees the answer")


@pytest.fixture
def moving_clock():
    yield clock
    clock.freeze(None)


def _visit(page: Page, base_url: str, path: str, accessible, *, submit: str | None = None) -> None:
    page.goto(base_url + path)
    accessible(path)
    if submit:  # send the form empty, so the error summary and messages are checked too
        page.get_by_role("button", name=submit).first.click()
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        accessible(f"{path} with errors")


def test_every_other_notice_and_event_page_passes_axe(page: Page, base_url, app_context, accessible, moving_clock):
    buyer, admin = create_buyer(), create_admin()
    mission = create_mission("Estates Mission")
    notice = create_notice(buyer, mission_id=mission.id, title="Estate cleaning")
    withdrawn = create_notice(buyer, title="Parking permits")
    from marketplace.notices import services

    with app_context.test_request_context():
        services.withdraw(withdrawn, buyer, "Permits are digital now.")
    event = create_event(
        notice=notice,
        format="hybrid",
        venue_name="5 Pancras Square",
        venue_address="5 Pancras Square\nLondon N1C 4AG",
        capacity=1,
        max_party_size=1,
    )
    holder, waiter = create_organisation(published=True), create_organisation(published=True)
    register_interest(notice, holder, partnering=True, offer="A local team")
    register_interest(notice, waiter, partnering=True, offer="Graffiti removal")
    register(event, holder)
    register(event, waiter)

    for path in [
        "/notices",
        f"/notices?mission={mission.id}&status=open&value=100k-500k&q=cleaning",
        "/notices?q=nothingmatches",
        f"/notices/{withdrawn.id}",
        "/events",
        f"/events/{event.id}",
    ]:
        _visit(page, base_url, path, accessible)

    sign_in(page, base_url, owner_of(waiter).email, accessible)
    for path, submit in [
        ("/supplier/dashboard", None),
        ("/supplier/alerts", None),
        (f"/notices/{notice.id}/partners", None),
        (f"/notices/{notice.id}/interest", None),
        (f"/notices/{notice.id}/questions/ask", "Send question"),
        (f"/events/{event.id}", None),
        (f"/events/{event.id}/registration", None),
        (f"/events/{event.id}/cancel-registration", None),
    ]:
        _visit(page, base_url, path, accessible, submit=submit)
    sign_out(page, accessible)

    sign_in(page, base_url, buyer.email, accessible)
    for path, submit in [
        ("/dashboard", None),
        ("/buyer/notices", None),
        ("/buyer/notices/new", "Save and preview"),
        (f"/buyer/notices/{notice.id}/edit", None),
        (f"/buyer/notices/{notice.id}/documents", "Upload document"),
        (f"/buyer/notices/{notice.id}/interest", None),
        (f"/buyer/notices/{notice.id}/questions", "Publish question and answer"),
        (f"/buyer/notices/{notice.id}/close", "Confirm"),
        (f"/buyer/notices/{notice.id}/withdraw", None),
        ("/buyer/events", None),
        ("/buyer/events/new", "Save and preview"),
        (f"/buyer/events/{event.id}/edit", None),
        (f"/buyer/events/{event.id}/cancel", "Cancel the event"),
    ]:
        _visit(page, base_url, path, accessible, submit=submit)
    moving_clock.freeze(event.ends_at + (event.ends_at - event.starts_at))  # after the event
    for path in [f"/buyer/events/{event.id}/attendees", f"/buyer/events/{event.id}/follow-up", f"/events/{event.id}"]:
        _visit(page, base_url, path, accessible)
    sign_out(page, accessible)

    sign_in(page, base_url, admin.email, accessible)
    for path, submit in [("/admin/missions", "Add mission"), (f"/admin/missions/{mission.id}", None)]:
        _visit(page, base_url, path, accessible, submit=submit)
