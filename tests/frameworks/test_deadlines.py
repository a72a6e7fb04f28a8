"""Deadlines are enforced on the server in London time: one second late is too late, with a clear page."""

from __future__ import annotations

from datetime import UTC, timedelta

from marketplace import clock
from marketplace.frameworks import queries
from tests.factories import create_organisation, owner_of, sign_in
from tests.frameworks.factories import CLOSES_AT, SLUG, create_application, create_framework

SECOND = timedelta(seconds=1)


def _ready_to_submit(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    create_application(framework, organisation, submit=False)
    sign_in(client, owner_of(organisation))
    return framework, organisation, client.get("frameworks.review", slug=SLUG)


def test_a_submission_in_the_last_second_is_accepted(client):
    framework, organisation, review = _ready_to_submit(client)
    clock.freeze(CLOSES_AT - SECOND)
    client.submit(review, expected=302)
    assert queries.get_application(framework.id, organisation.id).status == "submitted"


def test_a_submission_one_second_after_close_is_refused_with_a_clear_page(client):
    framework, organisation, review = _ready_to_submit(client)
    clock.freeze(CLOSES_AT + SECOND)
    page = client.submit(review, expected=403)
    assert page.heading == "Applications have closed"
    assert "closed at 29 January 2027 at 12:00pm (London time)" in page.text
    assert queries.get_application(framework.id, organisation.id).status == "draft"


def test_a_submission_at_the_closing_instant_is_refused(client):
    framework, organisation, review = _ready_to_submit(client)
    clock.freeze(CLOSES_AT)
    client.submit(review, expected=403)


def test_an_answer_changed_after_close_is_not_saved(client):
    framework, organisation, _ = _ready_to_submit(client)
    page = client.get("frameworks.section", slug=SLUG, section_slug="fair-work")
    clock.freeze(CLOSES_AT + SECOND)
    client.submit(page, london_living_wage="no", expected=403)
    assert queries.get_application(framework.id, organisation.id).answers["london_living_wage"] == "yes"


def test_withdrawing_after_close_is_refused(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    create_application(framework, organisation)
    sign_in(client, owner_of(organisation))
    page = client.get("frameworks.withdraw", slug=SLUG)
    clock.freeze(CLOSES_AT + SECOND)
    client.submit(page, expected=403)
    assert queries.get_application(framework.id, organisation.id).status == "submitted"


def test_after_close_the_application_is_read_only(client):
    _ready_to_submit(client)
    clock.freeze(CLOSES_AT + SECOND)
    assert (
        client.get("frameworks.section", slug=SLUG, section_slug="fair-work", expected=302).location
        == "/frameworks/estates-dps/application/review"
    )
    page = client.get("frameworks.review", slug=SLUG)
    assert not page.soup.select(".govuk-summary-list__actions") and not page.soup.find("form")


def test_after_close_the_supplier_still_sees_what_they_submitted(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    create_application(framework, organisation)
    sign_in(client, owner_of(organisation))
    client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="fair-work"), london_living_wage="no", expected=302
    )  # never resubmitted
    clock.freeze(CLOSES_AT + SECOND)
    page = client.get("frameworks.review", slug=SLUG)
    assert "This is the application you submitted on 20 January 2027" in page.text
    row = next(row for row in page.soup.select(".govuk-summary-list__row") if "London Living Wage" in row.get_text())
    assert "Yes" in row.get_text()


def test_starting_an_application_before_it_opens_is_refused(client):
    from datetime import datetime

    create_framework(at=datetime(2026, 9, 1, tzinfo=UTC))
    organisation = create_organisation(published=True)
    sign_in(client, owner_of(organisation))
    page = client.post("frameworks.start", slug=SLUG, data={"csrf_token": client.csrf_token()}, expected=403)
    assert page.heading == "Applications are not open yet"
