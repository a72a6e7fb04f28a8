from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.suppliers.models import SocialValueCommitment
from tests.suppliers.experience.factories import create_commitment

VOLUNTEERING = "social/volunteering-hours"
ANSWERS = {"measure": VOLUNTEERING, "quantity": "200", "unit": "hours", "period": "per year", "evidence_url": ""}


def _saved() -> list[SocialValueCommitment]:
    return list(db.session.scalars(db.select(SocialValueCommitment)))


def _selected_measure(page) -> str | None:
    option = page.soup.select_one("select#measure option[selected]")
    return option["value"] if option else None


def _submit_change(client, page, **overrides):
    """Submit as a browser would: tests.helpers.PageClient does not read a <select>'s chosen option."""
    return client.submit(page, **{"measure": _selected_measure(page), **overrides})


def test_i_can_add_a_commitment(client, supplier):
    response = client.submit(client.get("suppliers.add_commitment"), **ANSWERS, expected=302)
    assert response.location == client.url("suppliers.social_value")
    page = client.follow(response)
    assert "Your social value commitment has been added" in page.text
    assert "Employee volunteering hours on local community projects 200 hours per year" in page.text


def test_a_commitment_is_saved_with_its_theme_and_measure(client, supplier, organisation):
    client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "quantity": "1,250.5"}, expected=302)
    [saved] = _saved()
    assert (saved.organisation_id, saved.theme, saved.measure) == (
        organisation.id,
        "social",
        "Employee volunteering hours on local community projects",
    )
    assert saved.quantity == Decimal("1250.50")


def test_adding_a_commitment_is_recorded_in_the_audit_log(client, supplier, organisation):
    client.submit(client.get("suppliers.add_commitment"), **ANSWERS, expected=302)
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "commitment.added"))
    assert (event.subject_id, event.actor_id, event.details) == (
        str(organisation.id),
        supplier.id,
        {"commitment": _saved()[0].id},
    )


def test_measures_are_grouped_by_theme_in_the_form(client, supplier):
    page = client.get("suppliers.add_commitment")
    groups = [group["label"] for group in page.soup.select("select#measure optgroup")]
    assert groups[0] == "Jobs: promote local skills and employment"
    assert len(groups) == 5


def test_leaving_the_unit_blank_uses_the_usual_unit_for_the_measure(client, supplier):
    client.submit(
        client.get("suppliers.add_commitment"),
        **{**ANSWERS, "measure": "growth/prompt-payment", "quantity": "95", "unit": ""},
        expected=302,
    )
    assert _saved()[0].unit == "percent"


def test_the_usual_unit_is_filled_in_when_i_have_to_correct_the_form(client, supplier):
    page = client.submit(
        client.get("suppliers.add_commitment"),
        **{**ANSWERS, "measure": "environment/carbon-saved", "unit": "", "quantity": ""},
        expected=200,
    )
    assert page.value_of("unit") == "tonnes"


def test_i_can_use_my_own_unit(client, supplier):
    client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "unit": "volunteer days"}, expected=302)
    assert _saved()[0].unit == "volunteer days"


def test_commitments_are_listed_in_a_table_for_each_theme(client, supplier, organisation):
    create_commitment(organisation)
    create_commitment(
        organisation,
        theme="jobs",
        measure="Apprenticeship weeks delivered on the contract",
        unit="weeks",
        quantity=Decimal("52"),
    )
    page = client.get("suppliers.social_value")
    captions = [caption.get_text(strip=True) for caption in page.soup.select("table caption")]
    assert captions == [
        "Jobs: promote local skills and employment",
        "Social: healthier, safer and more resilient communities",
    ]


def test_the_change_page_shows_what_i_saved(client, supplier, organisation):
    commitment = create_commitment(organisation, quantity=Decimal("12.50"))
    page = client.get("suppliers.edit_commitment", commitment_id=commitment.id)
    assert _selected_measure(page) == VOLUNTEERING
    assert page.value_of("quantity") == "12.5"
    assert page.soup.select_one("input[name=period][checked]")["value"] == "per year"


def test_i_can_change_a_commitment(client, supplier, organisation):
    commitment = create_commitment(organisation)
    page = client.get("suppliers.edit_commitment", commitment_id=commitment.id)
    response = _submit_change(client, page, quantity="300", period="over the contract", expected=302)
    assert "Your social value commitment has been updated" in client.follow(response).text
    saved = db.session.get(SocialValueCommitment, commitment.id)
    assert (saved.quantity, saved.period) == (Decimal("300"), "over the contract")


def test_changing_a_commitment_is_recorded_with_the_fields_changed(client, supplier, organisation):
    commitment = create_commitment(organisation)
    _submit_change(
        client, client.get("suppliers.edit_commitment", commitment_id=commitment.id), quantity="300", expected=302
    )
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "commitment.changed"))
    assert event.details == {"commitment": commitment.id, "fields": ["quantity"]}


def test_deleting_asks_me_to_confirm_first(client, supplier, organisation):
    commitment = create_commitment(organisation)
    page = client.get("suppliers.delete_commitment", commitment_id=commitment.id)
    assert page.heading == "Are you sure you want to delete ‘Employee volunteering hours on local community projects’?"


def test_i_can_delete_a_commitment(client, supplier, organisation):
    commitment_id = create_commitment(organisation).id
    response = client.submit(client.get("suppliers.delete_commitment", commitment_id=commitment_id), expected=302)
    assert "Your social value commitment has been deleted" in client.follow(response).text
    assert _saved() == []
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "commitment.deleted")) is not None


def test_missing_answers_are_shown_by_each_question_and_in_the_summary(client, supplier):
    page = client.submit(client.get("suppliers.add_commitment"), measure="", quantity="", expected=200)
    expected = {
        "measure": "Select what you will commit to",
        "quantity": "Enter the amount you will commit to, like 10",
        "period": "Select the period the amount covers",
    }
    assert {field: page.field_error(field) for field in expected} == expected
    assert page.error_summary == list(expected.values())


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ten", "Amount must be a number, like 10 or 2.5"),
        ("-5", "Amount must be more than 0"),
        ("0", "Amount must be more than 0"),
        ("2.555", "Amount can have up to 2 decimal places, like 12.75"),
        ("10000000000", "Amount must be less than 10,000,000,000"),
        ("NaN", "Amount must be a number, like 10 or 2.5"),
    ],
)
def test_an_amount_that_is_not_a_positive_number_is_refused(client, supplier, typed, message):
    page = client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "quantity": typed}, expected=200)
    assert page.field_error("quantity") == message
    assert page.error_summary == [message]
    assert page.value_of("quantity") == typed


def test_my_answers_are_kept_when_the_amount_is_wrong(client, supplier):
    page = client.submit(
        client.get("suppliers.add_commitment"),
        **{**ANSWERS, "quantity": "ten", "evidence_url": "https://example.org/report"},
        expected=200,
    )
    assert _selected_measure(page) == VOLUNTEERING
    assert page.value_of("evidence_url") == "https://example.org/report"
    assert page.soup.select_one("input[name=period][checked]")["value"] == "per year"


def test_a_measure_that_is_not_on_the_list_is_refused(client, supplier):
    page = client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "measure": "jobs/made-up"}, expected=200)
    assert page.field_error("measure") == "Select what you will commit to"


def test_an_evidence_link_without_https_is_accepted(client, supplier):
    client.submit(
        client.get("suppliers.add_commitment"), **{**ANSWERS, "evidence_url": "www.example.org/report"}, expected=302
    )
    assert _saved()[0].evidence_url == "https://www.example.org/report"


@pytest.mark.parametrize("typed", ["javascript:alert(1)", "not a link", "ftp://example.org/file"])
def test_an_evidence_link_that_is_not_a_web_address_is_refused(client, supplier, typed):
    page = client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "evidence_url": typed}, expected=200)
    assert (
        page.field_error("evidence_url")
        == "Enter a link in the correct format, like https://www.example.org/social-value-report"
    )


def test_an_enormous_unit_is_refused_with_a_message(client, supplier):
    page = client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "unit": "u" * 500_000}, expected=200)
    assert page.field_error("unit") == "Unit must be 40 characters or fewer"


def test_html_i_type_is_shown_as_text_not_run(client, supplier):
    script = "<script>alert(1)</script>"
    client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "unit": script[:40]}, expected=302)
    page = client.follow()
    assert page.soup.find("script", string="alert(1)") is None
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.html


def test_my_profile_shows_social_value_as_completed_once_i_add_a_commitment(client, supplier):
    client.submit(client.get("suppliers.add_commitment"), **ANSWERS, expected=302)
    assert "Social value commitments (optional) Completed" in client.get("suppliers.task_list").text


def test_the_period_question_is_labelled_for_screen_readers(client, supplier):
    legend = client.get("suppliers.add_commitment").soup.select_one("fieldset legend")
    assert legend.get_text(strip=True) == "Over what period?"


def test_an_evidence_link_that_is_too_long_once_https_is_added_is_refused(client, supplier):
    typed = "www." + "a" * 290 + ".org"  # 298 characters as typed, 306 with https://
    page = client.submit(client.get("suppliers.add_commitment"), **{**ANSWERS, "evidence_url": typed}, expected=200)
    assert page.field_error("evidence_url") == "Link must be 300 characters or fewer"
