"""Admins see and edit frameworks, work the evaluation queue, answer questions and report."""

from __future__ import annotations

import csv
import io

import yaml

from marketplace import clock
from marketplace.frameworks import queries
from marketplace.mail.queries import list_emails_to
from tests.factories import create_admin, create_organisation, owner_of, sign_in
from tests.frameworks.factories import (
    AFTER_CLOSE,
    GOOD_ANSWERS,
    RESULTS_DAY,
    SLUG,
    WHILE_QUESTIONS_OPEN,
    create_application,
    create_framework,
    demo_data,
    evaluated,
)


def _admin(client):
    admin = create_admin()
    sign_in(client, admin)
    return admin


def test_admin_sees_every_framework_with_its_status(client):
    create_framework()
    _admin(client)
    page = client.get("frameworks_admin.index")
    assert "Estates Services Dynamic Purchasing System" in page.text and "Open for applications" in page.text


def test_admin_adds_a_framework_from_its_definition(client):
    clock.freeze(AFTER_CLOSE)
    _admin(client)
    text = yaml.safe_dump({**demo_data(), "slug": "green-dps", "name": "Green Spaces DPS"})
    response = client.submit(client.get("frameworks_admin.new"), definition=text, expected=302)
    assert response.location == "/admin/frameworks/green-dps"
    assert queries.get_framework("green-dps").version == 1


def test_a_broken_definition_is_explained_and_kept(client):
    create_framework()
    _admin(client)
    page = client.get("frameworks_admin.edit", slug=SLUG)
    broken = page.value_of("definition").replace("type: yes_no", "type: essay", 1)
    page = client.submit(page, definition=broken, expected=200)
    assert page.error_summary[0].startswith("sections[0].questions[0] (insurance): 'type' must be one of")
    assert "type: essay" in page.value_of("definition")


def test_dates_can_change_after_suppliers_have_applied(client):
    framework = create_framework()
    create_application(framework)
    _admin(client)
    page = client.get("frameworks_admin.edit", slug=SLUG)
    changed = page.value_of("definition").replace(
        "applications_close: 2027-01-29 12:00", "applications_close: 2027-02-05 12:00"
    )
    client.submit(page, definition=changed, expected=302)
    framework = queries.get_framework(SLUG)
    assert framework.version == 2 and framework.applications_close_at.day == 5


def test_questions_cannot_change_under_applications(client):
    framework = create_framework()
    create_application(framework)
    _admin(client)
    page = client.get("frameworks_admin.edit", slug=SLUG)
    changed = page.value_of("definition").replace("word_limit: 150", "word_limit: 300")
    page = client.submit(page, definition=changed, expected=200)
    assert page.error_summary == [
        "Estates Services Dynamic Purchasing System has 1 application: its lots and questions cannot change. "
        "You can still change its dates, descriptions, guidance and agreement."
    ]
    assert queries.get_framework(SLUG).version == 1


def test_admin_runs_the_automatic_evaluation_after_close(client):
    framework = create_framework()
    application = create_application(framework)
    clock.freeze(AFTER_CLOSE)
    _admin(client)
    client.submit(client.get("frameworks_admin.overview", slug=SLUG), expected=302)
    assert queries.get_application(framework.id, application.organisation_id).evaluated_at == AFTER_CLOSE


def test_the_queue_lists_answers_that_need_a_person(client):
    framework = create_framework()
    organisation = create_organisation(published=True, name="Kentish Town Cleaning CIC")
    evaluated(framework, create_application(framework, organisation))
    _admin(client)
    page = client.get("frameworks_admin.queue", slug=SLUG)
    assert "Kentish Town Cleaning CIC" in page.text and "Social value statement" in page.text


def test_an_application_failing_on_every_lot_needs_no_decision(client):
    framework = create_framework()
    evaluated(framework, create_application(framework, answers={**GOOD_ANSWERS, "insurance": "no"}))
    assert queries.list_discretionary_queue(framework.id) == []


def test_deciding_from_the_queue_moves_on_to_the_next(client):
    framework = create_framework()
    evaluated(framework, create_application(framework), create_application(framework))
    _admin(client)
    queue = client.get("frameworks_admin.queue", slug=SLUG)
    decide = client.get(queue.soup.select("td a")[0]["href"])
    response = client.submit(decide, decision="pass", reason="Specific local commitments", expected=302)
    remaining = queries.list_discretionary_queue(framework.id)
    assert response.location == f"/admin/frameworks/estates-dps/evaluations/{remaining[0].id}"
    assert len(remaining) == 1


def test_a_decision_without_a_reason_is_refused(client):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework))
    _admin(client)
    item = next(e for e in application.evaluations if e.question_id == "social_value")
    page = client.submit(
        client.get("frameworks_admin.decide", slug=SLUG, evaluation_id=item.id), decision="pass", expected=200
    )
    assert page.error_summary == ["Enter the reason for your decision"]


def test_admin_publishes_results_on_the_results_day(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    evaluated(framework, create_application(framework, organisation, answers={**GOOD_ANSWERS, "insurance": "no"}))
    clock.freeze(RESULTS_DAY)
    _admin(client)
    overview = client.get("frameworks_admin.overview", slug=SLUG)
    client.submit(overview, expected=302)
    assert "Results published: 1 applicant emailed" in client.follow().text
    assert list_emails_to(owner_of(organisation).email)[-1].subject.endswith("the outcome")


def test_the_report_shows_applications_by_status_lot_and_supplier_type(client):
    framework = create_framework()
    create_application(framework, create_organisation(published=True, is_vcse=True), lots=("cleaning", "repairs"))
    create_application(framework, lots=("repairs",))
    create_application(framework, submit=False)
    _admin(client)
    page = client.get("frameworks_admin.report", slug=SLUG)
    tables = {
        table.caption.get_text(strip=True): [
            [c.get_text(strip=True) for c in row.select("th, td")] for row in table.select("tbody tr")
        ]
        for table in page.soup.select("table")
    }
    assert ["Submitted", "2"] in tables["Applications by status"] and ["Not submitted", "1"] in tables[
        "Applications by status"
    ]
    assert ["Repairs", "2", "0"] in tables["Submitted applications by lot"]
    assert ["VCSEs", "1 (50%)", "0 (–)"] in tables["Who applied and who was awarded"]
    assert ["SMEs", "2 (100%)", "0 (–)"] in tables["Who applied and who was awarded"]


def test_the_report_downloads_as_csv_without_spreadsheet_formulas(client):
    framework = create_framework()
    create_application(framework, create_organisation(published=True, name='=HYPERLINK("http://evil")'))
    _admin(client)
    response = client.get("frameworks_admin.report_csv", slug=SLUG)
    assert response.html.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.html.removeprefix("\ufeff"))))
    assert response.headers["Content-Type"].startswith("text/csv") and rows[0][:3] == [
        "Reference",
        "Organisation",
        "Status",
    ]
    assert rows[1][1].startswith("'=") and rows[1][2] == "Submitted" and rows[1][4] == "Cleaning"


def test_an_answered_question_is_published_to_everyone_without_the_asker(client, app):
    framework = create_framework(at=WHILE_QUESTIONS_OPEN)
    asker = create_organisation(published=True, name="Fleet Road Repairs Ltd")
    from marketplace.frameworks import services
    from tests.frameworks.factories import with_request

    question = with_request(
        services.ask_question, framework, asker, owner_of(asker), "Fleet Road Repairs asks: can we subcontract?"
    )
    _admin(client)
    page = client.get("frameworks_admin.answer", slug=SLUG, question_id=question.id)
    client.submit(page, public_question="Can suppliers subcontract?", answer="Yes, if you tell us who.", expected=302)
    public = client.get("frameworks.detail", slug=SLUG)
    assert "Can suppliers subcontract?" in public.text and "Yes, if you tell us who." in public.text
    assert "Fleet Road" not in public.text
    assert (
        list_emails_to(owner_of(asker).email)[-1].subject
        == "Your question about Estates Services Dynamic Purchasing System has been answered"
    )


def test_admin_publishes_a_question_nobody_asked(client):
    create_framework()
    _admin(client)
    client.submit(
        client.get("frameworks_admin.questions", slug=SLUG),
        question="Is there a briefing?",
        answer="Yes, on 5 January.",
        expected=302,
    )
    assert "Is there a briefing?" in client.get("frameworks.detail", slug=SLUG).text
