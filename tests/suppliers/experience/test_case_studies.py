from __future__ import annotations

from datetime import UTC, datetime

from marketplace import clock
from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.suppliers.models import CaseStudy, Organisation
from tests.suppliers.experience.factories import create_case_study

ANSWERS = {
    "title": "Repairs for Gospel Oak estate",
    "client": "Camden Council",
    "problem": "Repairs took 20 days on average.",
    "approach": "We set up a local repairs team.",
    "outcome": "Repairs now take 5 days.",
    "resident_engagement": "",
}


def _words(count: int) -> str:
    return " ".join(["word"] * count)


def test_the_page_explains_why_case_studies_matter(client, supplier):
    page = client.get("suppliers.case_studies")
    assert "Buyers want evidence" in page.text
    assert "Say how residents were engaged" in page.text


def test_i_can_add_a_case_study(client, supplier, organisation):
    response = client.submit(client.get("suppliers.add_case_study"), **ANSWERS, expected=302)
    assert response.location == client.url("suppliers.case_studies")
    page = client.follow(response)
    assert "Your case study has been added" in page.text
    card = page.soup.select_one(".govuk-summary-card")
    assert "Repairs for Gospel Oak estate" in card.get_text()
    assert "Repairs now take 5 days." in card.get_text()


def test_adding_a_case_study_is_recorded_in_the_audit_log(client, supplier, organisation):
    client.submit(client.get("suppliers.add_case_study"), **ANSWERS, expected=302)
    study = db.session.scalar(db.select(CaseStudy).where(CaseStudy.organisation_id == organisation.id))
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "case_study.added"))
    assert (event.subject_id, event.actor_id, event.details) == (
        str(organisation.id),
        supplier.id,
        {"case_study": study.id},
    )


def test_adding_a_case_study_moves_my_profile_up_recently_updated(client, supplier, organisation):
    later = datetime(2031, 5, 1, 9, 30, tzinfo=UTC)
    clock.freeze(later)
    client.submit(client.get("suppliers.add_case_study"), **ANSWERS, expected=302)
    updated = db.session.get(Organisation, organisation.id).updated_at
    assert updated.replace(tzinfo=UTC) == later


def test_how_residents_were_engaged_is_optional(client, supplier):
    client.submit(client.get("suppliers.add_case_study"), **ANSWERS, expected=302)
    assert "How residents were engaged Not given" in client.follow().text


def test_the_change_page_shows_what_i_saved(client, supplier, organisation):
    study = create_case_study(organisation, title="Youth club refurbishment")
    page = client.get("suppliers.edit_case_study", case_study_id=study.id)
    assert page.value_of("title") == "Youth club refurbishment"
    assert page.value_of("problem") == study.problem


def test_i_can_change_a_case_study(client, supplier, organisation):
    study = create_case_study(organisation)
    page = client.get("suppliers.edit_case_study", case_study_id=study.id)
    response = client.submit(page, title="A better title", expected=302)
    assert "Your case study has been updated" in client.follow(response).text
    assert db.session.get(CaseStudy, study.id).title == "A better title"


def test_changing_a_case_study_is_recorded_with_the_fields_changed(client, supplier, organisation):
    study = create_case_study(organisation)
    client.submit(
        client.get("suppliers.edit_case_study", case_study_id=study.id), outcome="Better outcome.", expected=302
    )
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "case_study.changed"))
    assert event.details == {"case_study": study.id, "fields": ["outcome"]}


def test_deleting_asks_me_to_confirm_first(client, supplier, organisation):
    study = create_case_study(organisation, title="Community garden")
    page = client.get("suppliers.delete_case_study", case_study_id=study.id)
    assert page.heading == "Are you sure you want to delete ‘Community garden’?"
    assert db.session.get(CaseStudy, study.id) is not None


def test_i_can_delete_a_case_study(client, supplier, organisation):
    study_id = create_case_study(organisation, title="Community garden").id
    response = client.submit(client.get("suppliers.delete_case_study", case_study_id=study_id), expected=302)
    page = client.follow(response)
    assert "‘Community garden’ has been deleted" in page.text
    assert page.soup.select(".govuk-summary-card") == []
    assert db.session.get(CaseStudy, study_id) is None
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "case_study.deleted")) is not None


def test_missing_answers_are_shown_by_each_question_and_in_the_summary(client, supplier):
    page = client.submit(client.get("suppliers.add_case_study"), expected=200)
    expected = {
        "title": "Enter a title for the case study",
        "client": "Enter who the work was for",
        "problem": "Enter the problem the client had",
        "approach": "Enter what you did",
        "outcome": "Enter the outcome of the work",
    }
    assert {field: page.field_error(field) for field in expected} == expected
    assert page.error_summary == list(expected.values())
    assert page.title.startswith("Error: ")


def test_answers_over_150_words_are_refused(client, supplier):
    page = client.submit(client.get("suppliers.add_case_study"), **{**ANSWERS, "approach": _words(151)}, expected=200)
    assert page.field_error("approach") == "What you did must be 150 words or fewer"
    assert "What you did must be 150 words or fewer" in page.error_summary


def test_an_answer_of_exactly_150_words_is_accepted(client, supplier):
    client.submit(client.get("suppliers.add_case_study"), **{**ANSWERS, "approach": _words(150)}, expected=302)


def test_what_i_typed_is_kept_when_something_is_wrong(client, supplier):
    page = client.submit(client.get("suppliers.add_case_study"), **{**ANSWERS, "title": ""}, expected=200)
    assert page.value_of("client") == "Camden Council"
    assert page.value_of("problem") == "Repairs took 20 days on average."


def test_the_form_shows_a_word_count_for_long_answers(client, supplier):
    page = client.get("suppliers.add_case_study")
    assert page.soup.select_one('[data-module="govuk-character-count"][data-maxwords="150"]') is not None
    assert page.soup.find("form").has_attr("novalidate")


def test_an_enormous_title_is_refused_with_a_message(client, supplier):
    page = client.submit(client.get("suppliers.add_case_study"), **{**ANSWERS, "title": "x" * 200_000}, expected=200)
    assert page.field_error("title") == "Title must be 200 characters or fewer"


def test_an_enormous_single_word_answer_is_refused_with_a_message(client, supplier):
    page = client.submit(client.get("suppliers.add_case_study"), **{**ANSWERS, "outcome": "y" * 100_000}, expected=200)
    assert page.field_error("outcome") == "The outcome must be 2,000 characters or fewer"


def test_megabytes_of_text_are_refused_with_a_message_not_an_error(client, supplier):
    page = client.submit(
        client.get("suppliers.add_case_study"), **{**ANSWERS, "problem": "z " * 1_000_000}, expected=200
    )
    assert page.field_error("problem") == "The problem must be 150 words or fewer"
    assert db.session.scalar(db.select(CaseStudy)) is None


def test_html_i_type_is_shown_as_text_not_run(client, supplier):
    script = "<script>alert('x')</script>"
    client.submit(
        client.get("suppliers.add_case_study"),
        **{**ANSWERS, "title": script, "outcome": f"<b>{script}</b>"},
        expected=302,
    )
    page = client.follow()
    assert page.soup.find("script", string="alert('x')") is None
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.html
    assert script in page.soup.select_one(".govuk-summary-card__title").get_text()


def test_html_is_kept_as_typed_on_a_form_with_errors(client, supplier):
    script = "<script>alert('x')</script>"
    page = client.submit(
        client.get("suppliers.add_case_study"), **{**ANSWERS, "client": "", "problem": script}, expected=200
    )
    assert page.soup.find("script", string="alert('x')") is None
    assert page.value_of("problem") == script


def test_my_profile_shows_experience_as_completed_once_i_add_a_case_study(client, supplier):
    client.submit(client.get("suppliers.add_case_study"), **ANSWERS, expected=302)
    assert "Experience (case studies) (optional) Completed" in client.get("suppliers.task_list").text


def test_the_deleted_message_shows_html_in_the_title_as_text(client, supplier, organisation):
    study_id = create_case_study(organisation, title="<img src=x onerror=alert(1)>").id
    page = client.follow(client.submit(client.get("suppliers.delete_case_study", case_study_id=study_id), expected=302))
    assert page.soup.find("img", src="x") is None
    assert "‘<img src=x onerror=alert(1)>’ has been deleted" in page.text
