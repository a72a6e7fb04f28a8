"""A supplier with a published profile applies in one sitting: lots, declaration, check, submit."""

from __future__ import annotations

from marketplace.frameworks import queries
from marketplace.mail.queries import list_emails_to
from tests.factories import create_organisation, owner_of, sign_in
from tests.frameworks.factories import SLUG, STATEMENT, WHILE_QUESTIONS_OPEN, create_application, create_framework

WORKING_SAFELY = {"insurance": "yes", "health_and_safety": "yes"}


def _signed_in_supplier(client, **details):
    organisation = create_organisation(published=True, **details)
    sign_in(client, owner_of(organisation))
    return organisation


def _started(client, **details):
    framework = create_framework()
    organisation = _signed_in_supplier(client, **details)
    client.submit(client.get("frameworks.detail", slug=SLUG), expected=302)
    return framework, organisation


def test_the_dashboard_shows_frameworks_open_to_apply(client):
    create_framework()
    _signed_in_supplier(client)
    page = client.get("suppliers.dashboard")
    assert "Estates Services Dynamic Purchasing System" in page.text
    assert "Open for applications until 29 January 2027 at 12:00pm" in page.text


def test_starting_an_application_creates_a_draft_and_shows_the_task_list(client):
    framework, organisation = _started(client)
    page = client.follow()
    assert page.heading == "Your application"
    assert [a.get_text(strip=True) for a in page.soup.select(".govuk-task-list__link")][:4] == [
        "Choose your lots",
        "Working safely",
        "Fair work",
        "Social value",
    ]
    assert queries.get_application(framework.id, organisation.id).status == "draft"


def test_a_supplier_without_a_published_profile_is_asked_to_publish_first(client):
    create_framework()
    organisation = create_organisation(complete=True)
    sign_in(client, owner_of(organisation))
    page = client.get("frameworks.detail", slug=SLUG)
    assert "publish your organisation’s profile" in page.text
    assert not page.soup.select("form")


def test_starting_twice_keeps_the_one_application(client):
    framework, organisation = _started(client)
    client.post(
        "frameworks.start", slug=SLUG, data={"csrf_token": client.csrf_token()}, expected=302
    )  # a second click, a stale page
    assert queries.count_applications(framework.id) == 1


def test_answers_are_saved_and_the_next_task_follows(client):
    framework, organisation = _started(client)
    response = client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="working-safely"), **WORKING_SAFELY, expected=302
    )
    assert response.location == "/frameworks/estates-dps/application/sections/fair-work"
    assert queries.get_application(framework.id, organisation.id).answers == WORKING_SAFELY


def test_a_missing_answer_gets_the_questions_own_message(client):
    _started(client)
    page = client.submit(client.get("frameworks.section", slug=SLUG, section_slug="fair-work"), expected=200)
    assert page.error_summary == ["Select yes if you pay the London Living Wage, or no if you do not"]
    assert page.title.startswith("Error: ")


def test_valid_answers_are_saved_when_another_on_the_page_is_wrong(client):
    framework, organisation = _started(client)
    client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="working-safely"), insurance="yes", expected=200
    )
    assert queries.get_application(framework.id, organisation.id).answers == {"insurance": "yes"}


def test_too_many_words_are_refused_and_kept(client):
    framework, organisation = _started(client)
    long_answer = " ".join(["local"] * 151)
    page = client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="social-value"), social_value=long_answer, expected=200
    )
    assert page.field_error("social_value") == "Your answer must be 150 words or fewer"
    assert page.value_of("social_value").strip() == long_answer
    assert "social_value" not in queries.get_application(framework.id, organisation.id).answers


def test_a_date_missing_its_year_says_so_and_keeps_what_was_typed(client):
    _started(client)
    page = client.post(
        "frameworks.section",
        slug=SLUG,
        section_slug="social-value",
        expected=200,
        data={"csrf_token": client.csrf_token(), "social_value": "Local jobs.", "start_date": ["27", "3", ""]},
    )
    assert page.field_error("start_date") == "The date must include a year"
    assert page.value_of("start_date-day") == "27" and page.value_of("start_date-month") == "3"


def test_an_impossible_date_is_refused(client):
    _started(client)
    page = client.post(
        "frameworks.section",
        slug=SLUG,
        section_slug="social-value",
        expected=200,
        data={"csrf_token": client.csrf_token(), "social_value": "Local jobs.", "start_date": ["31", "2", "2027"]},
    )
    assert page.field_error("start_date") == "The date must be a real date, like 27 3 2027"


def test_a_date_is_stored_as_a_date(client):
    framework, organisation = _started(client)
    client.post(
        "frameworks.section",
        slug=SLUG,
        section_slug="social-value",
        expected=302,
        data={"csrf_token": client.csrf_token(), "social_value": "Local jobs.", "start_date": ["1", "4", "2027"]},
    )
    assert queries.get_application(framework.id, organisation.id).answers["start_date"] == "2027-04-01"


def test_a_crafted_answer_outside_the_options_is_refused(client):
    framework, organisation = _started(client)
    page = client.post(
        "frameworks.section",
        slug=SLUG,
        section_slug="working-safely",
        expected=200,
        data={"csrf_token": client.csrf_token(), "insurance": "maybe", "health_and_safety": "yes"},
    )
    assert page.field_error("insurance")
    assert "insurance" not in queries.get_application(framework.id, organisation.id).answers


def test_a_chosen_lot_needs_its_statement_but_the_choice_is_saved(client):
    framework, organisation = _started(client)
    page = client.submit(client.get("frameworks.lots", slug=SLUG), lots="cleaning", expected=200)
    assert page.error_summary == ["Write your statement for the cleaning lot"]
    assert queries.get_application(framework.id, organisation.id).lots == ["cleaning"]


def test_resident_facing_lots_add_the_safeguarding_question(client):
    _started(client)
    client.submit(
        client.get("frameworks.lots", slug=SLUG),
        lots="resident-engagement",
        statement_resident_engagement=STATEMENT,
        expected=302,
    )
    page = client.get("frameworks.section", slug=SLUG, section_slug="working-safely")
    assert page.soup.find("input", attrs={"name": "safeguarding"})


def test_safeguarding_is_not_asked_for_cleaning_only(client):
    _started(client)
    client.submit(client.get("frameworks.lots", slug=SLUG), lots="cleaning", statement_cleaning=STATEMENT, expected=302)
    page = client.get("frameworks.section", slug=SLUG, section_slug="working-safely")
    assert not page.soup.find("input", attrs={"name": "safeguarding"})


def test_the_modern_slavery_question_is_asked_only_of_larger_organisations(client):
    _started(client, staff_band="250+", turnover_band="over-54m")
    page = client.get("frameworks.section", slug=SLUG, section_slug="fair-work")
    assert page.soup.find("input", attrs={"name": "modern_slavery"})


def test_a_small_organisation_is_not_asked_about_modern_slavery(client):
    _started(client)
    page = client.get("frameworks.section", slug=SLUG, section_slug="fair-work")
    assert not page.soup.find("input", attrs={"name": "modern_slavery"})


def test_the_review_page_lists_what_is_still_missing(client):
    _started(client)
    page = client.get("frameworks.review", slug=SLUG)
    assert "Choose at least one lot" in page.text and "Answer ‘Insurance’" in page.text
    assert not page.soup.find("button", string=lambda s: s and "Submit application" in s)


def test_supplier_completes_and_submits_with_a_receipt_and_email(client):
    framework, organisation = _started(client)
    client.submit(client.get("frameworks.lots", slug=SLUG), lots="cleaning", statement_cleaning=STATEMENT, expected=302)
    client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="working-safely"), **WORKING_SAFELY, expected=302
    )
    client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="fair-work"), london_living_wage="yes", expected=302
    )
    response = client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="social-value"),
        social_value="Local apprenticeships.",
        expected=302,
    )
    assert response.location == "/frameworks/estates-dps/application/review"
    review = client.follow()
    response = client.submit(review, expected=302)
    receipt = client.follow()
    application = queries.get_application(framework.id, organisation.id)
    assert receipt.heading == "Application submitted" and application.reference in receipt.text
    email = list_emails_to(owner_of(organisation).email)[-1]
    assert (
        email.subject == "Application received: Estates Services Dynamic Purchasing System"
        and application.reference in email.body
    )


def test_changing_an_answer_after_submitting_needs_resubmitting(client):
    framework, organisation = _signed_in_and_submitted(client)
    client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="fair-work"), london_living_wage="no", expected=302
    )
    page = client.get("frameworks.application", slug=SLUG)
    assert "Submit it again" in page.text
    application = queries.get_application(framework.id, organisation.id)
    assert application.submission["answers"]["london_living_wage"] == "yes" and application.has_unsubmitted_changes


def test_resubmitting_replaces_what_was_submitted(client):
    framework, organisation = _signed_in_and_submitted(client)
    client.submit(
        client.get("frameworks.section", slug=SLUG, section_slug="fair-work"), london_living_wage="no", expected=302
    )
    client.submit(client.get("frameworks.review", slug=SLUG), expected=302)
    application = queries.get_application(framework.id, organisation.id)
    assert application.submission["answers"]["london_living_wage"] == "no" and application.submission_count == 2


def test_a_supplier_can_withdraw_and_submit_again(client):
    framework, organisation = _signed_in_and_submitted(client)
    client.submit(client.get("frameworks.withdraw", slug=SLUG), expected=302)
    assert queries.get_application(framework.id, organisation.id).status == "withdrawn"
    client.submit(client.get("frameworks.review", slug=SLUG), expected=302)
    assert queries.get_application(framework.id, organisation.id).status == "submitted"


def test_a_question_asked_is_sent_privately(client):
    create_framework(at=WHILE_QUESTIONS_OPEN)
    _signed_in_supplier(client)
    response = client.submit(
        client.get("frameworks.ask", slug=SLUG), question="Can a sole trader apply for two lots?", expected=302
    )
    page = client.follow(response)
    assert "Your questions waiting for an answer" in page.text and "Can a sole trader apply for two lots?" in page.text


def _signed_in_and_submitted(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    create_application(framework, organisation)
    sign_in(client, owner_of(organisation))
    return framework, organisation
