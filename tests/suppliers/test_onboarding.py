"""A supplier sets up their organisation and publishes a profile buyers can see."""

from __future__ import annotations

import pytest

from marketplace.audit.queries import list_events_for
from marketplace.suppliers import queries
from marketplace.suppliers.commands import WorkAnswers
from tests.factories import create_organisation, create_user, owner_of, sign_in

ABOUT = {
    "name": "Ruth's Gardens",
    "legal_form": "sole-trader",
    "identifier_scheme": "none",
    "postcode": "nw5 1tl",
    "staff_band": "1-10",
    "turnover_band": "up-to-1m",
    "declarations": "none",
}
WORK = {
    "categories": "77",
    "summary": "Community gardening and estate planting with residents.",
    "areas": ["gospel-oak", "whole-borough"],
    "base_ward": "kentish-town-south",
}


def _signed_in_supplier(client):
    user = create_user()
    sign_in(client, user)
    return user


def test_sole_trader_sets_up_and_publishes_a_profile(client):
    user = _signed_in_supplier(client)
    response = client.submit(client.get("suppliers.start"), **ABOUT, expected=302)
    assert response.location == "/supplier/profile/work"
    response = client.submit(client.get("suppliers.work"), **WORK, expected=302)
    assert response.location == "/supplier/profile/publish"
    preview = client.get("suppliers.preview")
    assert "Ruth's Gardens" in preview.text and "Micro organisation" in preview.text
    client.submit(preview, expected=302)
    organisation = queries.get_membership_for_user(user.id).organisation
    assert organisation.is_published and organisation.postcode == "NW5 1TL" and organisation.is_sme


def test_published_profile_is_visible_to_everyone(client, app):
    organisation = create_organisation(published=True, name="Kentish Town Cleaning CIC")
    from tests.helpers import PageClient

    page = PageClient(app).get("suppliers.public_profile", organisation_id=organisation.id)
    assert page.heading == "Kentish Town Cleaning CIC"


def test_unpublished_profile_is_invisible_to_others(client, app):
    organisation = create_organisation(complete=True)
    sign_in(client, create_user())
    client.get("suppliers.public_profile", organisation_id=organisation.id, expected=404)


def test_members_can_see_their_own_draft(client):
    organisation = create_organisation(complete=True)
    sign_in(client, owner_of(organisation))
    page = client.get("suppliers.public_profile", organisation_id=organisation.id)
    assert "This profile is not published" in page.text


def test_what_was_typed_is_kept_and_valid_answers_saved_when_one_is_wrong(client):
    user = _signed_in_supplier(client)
    page = client.submit(client.get("suppliers.start"), **{**ABOUT, "postcode": "NW5"}, expected=200)
    assert page.field_error("postcode") == "Enter a real UK postcode, like NW5 1TL"
    assert page.value_of("postcode") == "NW5"
    organisation = queries.get_membership_for_user(user.id).organisation
    assert organisation.name == "Ruth's Gardens" and organisation.staff_band == "1-10"


def test_fixing_the_error_on_the_next_submit_continues(client):
    _signed_in_supplier(client)
    page = client.submit(client.get("suppliers.start"), **{**ABOUT, "postcode": "NW5"}, expected=200)
    assert client.submit(page, postcode="NW5 1TL", expected=302).location == "/supplier/profile/work"


def test_nothing_is_created_without_a_name(client):
    user = _signed_in_supplier(client)
    page = client.submit(client.get("suppliers.start"), **{**ABOUT, "name": ""}, expected=200)
    assert page.field_error("name") == "Enter your organisation’s name"
    assert queries.get_membership_for_user(user.id) is None


def test_malformed_companies_house_number_gets_a_clear_message(client):
    _signed_in_supplier(client)
    page = client.submit(
        client.get("suppliers.start"),
        **{**ABOUT, "identifier_scheme": "GB-COH", "identifier_number": "12-34"},
        expected=200,
    )
    assert page.field_error("identifier_number").startswith("Enter a Companies House number in the correct format")


def test_none_of_these_cannot_be_combined_with_a_declaration(client):
    _signed_in_supplier(client)
    page = client.submit(client.get("suppliers.start"), **{**ABOUT, "declarations": ["none", "vcse"]}, expected=200)
    assert page.field_error("declarations") == "Select ‘None of these’ on its own, or only the ones that apply"


def test_summary_over_forty_words_is_refused_and_kept(client):
    organisation = create_organisation(complete=False)
    sign_in(client, owner_of(organisation))
    long_summary = " ".join(["word"] * 41)
    page = client.submit(client.get("suppliers.work"), **{**WORK, "summary": long_summary}, expected=200)
    assert page.field_error("summary") == "Summary must be 40 words or fewer"
    assert page.value_of("summary").strip() == long_summary


def test_category_search_shows_matching_groups_and_keeps_choices(client):
    organisation = create_organisation(complete=False)
    sign_in(client, owner_of(organisation))
    page = client.submit(
        client.get("suppliers.work"), categories="77", category_search="cleaning", find="Search", expected=200
    )
    labels = [
        label.get_text(" ", strip=True) for label in page.soup.select("#categories ~ * label, .govuk-checkboxes label")
    ]
    assert any("cleaning" in label.lower() for label in labels)
    assert page.soup.find("input", attrs={"name": "categories", "value": "77", "checked": True})
    assert page.error_summary == []


def test_script_typed_into_a_field_is_shown_escaped(client):
    organisation = create_organisation(published=True, name="<script>alert('x')</script> Ltd")
    page = client.get("suppliers.public_profile", organisation_id=organisation.id)
    assert "<script>alert('x')</script>" not in page.html
    assert "&lt;script&gt;" in page.html


def test_markdown_description_is_sanitised(client):
    organisation = create_organisation(published=True)
    from marketplace.suppliers import services

    services.update_work(
        organisation,
        owner_of(organisation),
        WorkAnswers(description="**Bold** <img src=x onerror=alert(1)> [link](javascript:alert(1))"),
    )
    page = client.get("suppliers.public_profile", organisation_id=organisation.id)
    assert "<strong>Bold</strong>" in page.html
    description = page.soup.select_one(".app-prose")
    assert description.find("img") is None
    assert all(not a["href"].startswith("javascript") for a in description.find_all("a", href=True))


def test_every_change_is_audited(client):
    organisation = create_organisation(published=True)
    actions = [event.action for event in list_events_for("organisations", organisation.id)]
    assert {"organisation.created", "organisation.work_updated", "organisation.published"} <= set(actions)


def test_supplier_can_unpublish(client):
    organisation = create_organisation(published=True)
    sign_in(client, owner_of(organisation))
    page = client.get("suppliers.preview")
    client.submit(page, form_index=len(page.soup.find_all("form")) - 1, expected=302)
    assert not queries.get_organisation(organisation.id).is_published


def test_publishing_an_incomplete_profile_is_refused(client):
    organisation = create_organisation(complete=False)
    sign_in(client, owner_of(organisation))
    page = client.post("suppliers.preview", data={"csrf_token": client.csrf_token()}, expected=200)
    assert not queries.get_organisation(organisation.id).is_published
    assert "You cannot publish yet" in page.text


def test_task_list_shows_each_sections_status(client):
    organisation = create_organisation(complete=False)
    sign_in(client, owner_of(organisation))
    page = client.get("suppliers.task_list")
    statuses = {
        item.select_one(".govuk-task-list__name-and-hint").get_text(strip=True): item.select_one(
            ".govuk-task-list__status"
        ).get_text(strip=True)
        for item in page.soup.select(".govuk-task-list__item")
    }
    assert statuses["Organisation details"] == "In progress"
    assert statuses["What you do"] == "Not started"
    assert statuses["Experience (case studies) (optional)"] == "Not started"


def test_a_second_person_from_a_registered_company_is_offered_to_join(client):
    existing = create_organisation(identifier_scheme="GB-COH", identifier_number="01234567")
    _signed_in_supplier(client)
    page = client.submit(
        client.get("suppliers.start"),
        **{**ABOUT, "identifier_scheme": "GB-COH", "identifier_number": "1234567"},
        expected=200,
    )
    assert page.heading == f"{existing.name} is already registered"
    client.submit(page, expected=302)
    assert client.get("suppliers.start").heading.startswith("You have asked to join")


def test_choosing_a_register_without_a_number_asks_for_the_number(client):
    _signed_in_supplier(client)
    page = client.submit(
        client.get("suppliers.start"), **{**ABOUT, "identifier_scheme": "GB-CHC", "identifier_number": ""}, expected=200
    )
    assert page.field_error("identifier_number") == "Enter your Charity Commission for England and Wales number"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("youth", "Social work and related services"), ("youth work", "Social work"), ("children", "Primary education")],
)
def test_the_category_hints_examples_find_categories(client, typed, expected):
    organisation = create_organisation(complete=False)
    sign_in(client, owner_of(organisation))
    page = client.submit(client.get("suppliers.work"), category_search=typed, find="Search", expected=200)
    labels = " ".join(label.get_text(" ", strip=True) for label in page.soup.select(".govuk-checkboxes label"))
    assert expected in labels
    assert f"Showing categories matching “{typed}”" in page.text


def test_a_category_search_that_matches_nothing_says_so(client):
    organisation = create_organisation(complete=False)
    sign_in(client, owner_of(organisation))
    page = client.submit(client.get("suppliers.work"), category_search="zzzz", find="Search", expected=200)
    assert "No categories match “zzzz”" in page.text
