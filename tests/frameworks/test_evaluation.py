"""At close the rules mark each application; people decide the rest; results go out on the results date."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marketplace import clock
from marketplace.audit.queries import list_actions, list_events_for
from marketplace.frameworks import evaluation, queries, services
from marketplace.frameworks.definition import validate
from marketplace.frameworks.services import FrameworkError
from marketplace.mail.queries import list_emails_to
from tests.factories import create_admin, create_organisation, owner_of, sign_in
from tests.frameworks.factories import (
    GOOD_ANSWERS,
    RESULTS_DAY,
    SLUG,
    create_application,
    create_framework,
    demo_data,
    evaluated,
    released,
    with_request,
)


def _evaluation(application, question_id):
    return next(e for e in application.evaluations if e.question_id == question_id)


def test_evaluation_waits_until_applications_close(app):
    framework = create_framework()
    with pytest.raises(FrameworkError):
        evaluation.evaluate_framework(framework)


def test_the_rules_pass_an_application_with_good_answers_once_a_person_reads_the_statement(app):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework))
    assert application.result == "pending"
    assert _evaluation(application, "social_value").automatic == "discretionary"
    assert _evaluation(application, "insurance").automatic == "pass"


def test_the_rules_fail_an_application_without_insurance(app):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework, answers={**GOOD_ANSWERS, "insurance": "no"}))
    assert application.result == "fail" and application.lot_results == {"cleaning": "fail"}


def test_drafts_and_withdrawn_applications_are_not_evaluated(app):
    framework = create_framework()
    draft = create_application(framework, submit=False)
    (application,) = evaluated(framework, draft)
    assert application.evaluated_at is None and application.result is None


def test_what_was_submitted_is_evaluated_not_later_unsubmitted_changes(app):
    framework = create_framework()
    application = create_application(framework)
    services.save_answers(application, owner_of(application.organisation), {"insurance": "no"})
    (application,) = evaluated(framework, application)
    assert _evaluation(application, "insurance").automatic == "pass"


def test_a_person_decides_a_discretionary_answer_with_a_reason(app):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework))
    admin = create_admin()
    evaluation.decide(
        _evaluation(application, "social_value"), admin, decision="pass", reason="Clear local commitments"
    )
    assert queries.get_application(framework.id, application.organisation_id).result == "pass"


def test_a_decision_needs_a_reason(app):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework))
    with pytest.raises(FrameworkError, match="reason"):
        evaluation.decide(_evaluation(application, "social_value"), create_admin(), decision="pass", reason=" ")


def test_an_automatic_fail_can_be_overridden_and_the_override_is_audited(app):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework, answers={**GOOD_ANSWERS, "insurance": "no"}))
    admin = create_admin()
    item = _evaluation(application, "insurance")
    evaluation.decide(item, admin, decision="pass", reason="Certificate from 1 February seen")
    event = list_events_for("framework_evaluations", item.id)[0]
    assert event.action == "framework_evaluation.decided" and event.actor_id == admin.id
    assert (
        event.details["automatic"] == "fail"
        and event.details["decision"] == "pass"
        and event.details["override"] is True
    )
    assert event.details["reason"] == "Certificate from 1 February seen"


def test_every_automatic_evaluation_is_audited(app):
    framework = create_framework()
    (application,) = evaluated(framework, create_application(framework))
    event = list_events_for("framework_applications", application.id)[0]
    assert event.action == "framework_application.evaluated" and event.details["outcomes"]["insurance"] == "pass"


def test_results_cannot_be_published_before_the_results_date(app):
    framework = create_framework()
    evaluated(framework, create_application(framework, answers={**GOOD_ANSWERS, "insurance": "no"}))
    with pytest.raises(FrameworkError, match="Results can be published from 26 February 2027"):
        with_request(evaluation.release_results, framework)


def test_results_wait_for_every_decision(app):
    framework = create_framework()
    evaluated(framework, create_application(framework))
    clock.freeze(RESULTS_DAY)
    with pytest.raises(FrameworkError, match="1 answer still needs a decision"):
        with_request(evaluation.release_results, framework)


def test_each_applicant_is_emailed_their_outcome(app):
    framework = create_framework()
    organisation = create_organisation(published=True)
    evaluated(framework, create_application(framework, organisation, answers={**GOOD_ANSWERS, "insurance": "no"}))
    released(framework)
    email = list_emails_to(owner_of(organisation).email)[-1]
    assert email.subject == "Your application to Estates Services Dynamic Purchasing System: the outcome"
    assert "was not successful" in email.body


def test_the_outcome_page_gives_the_reason_for_a_fail(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    evaluated(framework, create_application(framework, organisation, answers={**GOOD_ANSWERS, "insurance": "no"}))
    released(framework)
    sign_in(client, owner_of(organisation))
    page = client.get("frameworks.result", slug=SLUG)
    assert "not successful" in page.text
    assert "Insurance: Suppliers must hold public liability and employer's liability insurance" in page.text


def test_a_persons_reason_for_failing_is_what_the_supplier_reads(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    (application,) = evaluated(framework, create_application(framework, organisation))
    evaluation.decide(
        _evaluation(application, "social_value"), create_admin(), decision="fail", reason="No commitments for residents"
    )
    released(framework)
    sign_in(client, owner_of(organisation))
    assert "Social value statement: No commitments for residents" in client.get("frameworks.result", slug=SLUG).text


def test_the_outcome_is_hidden_until_results_are_published(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    evaluated(framework, create_application(framework, organisation, answers={**GOOD_ANSWERS, "insurance": "no"}))
    sign_in(client, owner_of(organisation))
    assert client.get("frameworks.result", slug=SLUG, expected=302).location == "/frameworks/estates-dps/application"


def test_a_successful_supplier_accepts_the_agreement_and_is_on_the_framework(client):
    framework, organisation = _successful(client)
    page = client.get("frameworks.agreement", slug=SLUG)
    client.submit(page, full_name="Sam Okafor", role="Director", authorised="y", expected=302)
    application = queries.get_application(framework.id, organisation.id)
    assert (
        application.on_framework
        and application.agreement_name == "Sam Okafor"
        and application.agreement_role == "Director"
    )
    assert application.agreement_accepted_at == clock.now()
    assert "framework_application.agreement_accepted" in list_actions("framework_application.")


def test_the_agreement_needs_the_authority_confirmed(client):
    _successful(client)
    page = client.submit(
        client.get("frameworks.agreement", slug=SLUG), full_name="Sam Okafor", role="Director", expected=200
    )
    assert page.error_summary == ["Confirm that you are authorised to accept the agreement"]


def test_the_profile_shows_a_badge_once_on_the_framework(client):
    framework, organisation = _successful(client)
    client.submit(
        client.get("frameworks.agreement", slug=SLUG),
        full_name="Sam Okafor",
        role="Director",
        authorised="y",
        expected=302,
    )
    page = client.get("suppliers.public_profile", organisation_id=organisation.id)
    assert "On Estates Services DPS" in page.text and "Lots: Cleaning" in page.text


def test_no_badge_before_the_agreement_is_accepted(client):
    framework, organisation = _successful(client)
    assert "On Estates Services DPS" not in client.get("suppliers.public_profile", organisation_id=organisation.id).text


def test_search_gets_the_lots_each_organisation_is_on(client):
    framework, organisation = _successful(client)
    client.submit(
        client.get("frameworks.agreement", slug=SLUG),
        full_name="Sam Okafor",
        role="Director",
        authorised="y",
        expected=302,
    )
    other = create_organisation(published=True)
    lots = queries.list_framework_lots_for_organisations([organisation.id, other.id])
    assert lots == {organisation.id: [{"id": "estates-dps/cleaning", "label": "Estates Services DPS: Cleaning"}]}


def test_joining_a_framework_tells_search_to_rebuild_the_suppliers_document(client):
    from sqlalchemy import select

    from marketplace.extensions import db
    from marketplace.search.models import SearchChange

    framework, organisation = _successful(client)
    before = db.session.scalar(
        select(db.func.count()).select_from(SearchChange).where(SearchChange.doc_id == str(organisation.id))
    )
    client.submit(
        client.get("frameworks.agreement", slug=SLUG),
        full_name="Sam Okafor",
        role="Director",
        authorised="y",
        expected=302,
    )
    after = db.session.scalar(
        select(db.func.count()).select_from(SearchChange).where(SearchChange.doc_id == str(organisation.id))
    )
    assert after == before + 1


def test_search_gets_every_current_lot_to_filter_on(app):
    create_framework()
    labels = queries.list_lot_labels()
    assert labels["estates-dps/green-spaces"] == "Estates Services DPS: Green spaces" and len(labels) == 4


def test_a_new_version_of_a_framework_renames_its_lots_in_the_search_filters(app):
    create_framework()
    queries.list_lot_labels()  # seen once: this process keeps each version's labels
    renamed = demo_data()
    renamed["lots"][0]["name"] = "Repairs and maintenance"
    services.load_definition(validate(renamed), source="tests")
    assert queries.list_lot_labels()["estates-dps/repairs"] == "Estates Services DPS: Repairs and maintenance"


def test_an_expired_framework_leaves_the_search_filters(app):
    create_framework()
    assert queries.list_lot_labels()
    clock.freeze(datetime(2031, 3, 29, tzinfo=UTC))
    assert queries.list_lot_labels() == {}


def test_an_unsuccessful_supplier_cannot_reach_the_agreement(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    evaluated(framework, create_application(framework, organisation, answers={**GOOD_ANSWERS, "insurance": "no"}))
    released(framework)
    sign_in(client, owner_of(organisation))
    client.get("frameworks.agreement", slug=SLUG, expected=404)


def _successful(client):
    framework = create_framework()
    organisation = create_organisation(published=True)
    (application,) = evaluated(framework, create_application(framework, organisation))
    evaluation.decide(_evaluation(application, "social_value"), create_admin(), decision="pass", reason="Good")
    released(framework)
    sign_in(client, owner_of(organisation))
    return framework, organisation
