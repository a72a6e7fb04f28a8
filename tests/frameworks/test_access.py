"""No supplier can read another's application; admin pages are for admins only."""

from __future__ import annotations

import pytest

from marketplace.accounts import tokens
from marketplace.suppliers import team
from tests.factories import create_admin, create_buyer, create_organisation, create_user, owner_of, sign_in
from tests.frameworks.factories import (
    GOOD_ANSWERS,
    SLUG,
    create_application,
    create_framework,
    demo_data,
    evaluated,
    with_request,
)

SUPPLIER_PAGES = [
    "frameworks.application",
    "frameworks.lots",
    "frameworks.review",
    "frameworks.result",
    "frameworks.agreement",
    "frameworks.withdraw",
]


@pytest.fixture
def someone_elses_application(app):
    framework = create_framework()
    return create_application(framework, answers={**GOOD_ANSWERS, "social_value": "Our secret plans for Kentish Town"})


@pytest.mark.parametrize("endpoint", SUPPLIER_PAGES)
def test_another_supplier_cannot_reach_an_application_that_is_not_theirs(client, someone_elses_application, endpoint):
    sign_in(client, owner_of(create_organisation(published=True)))
    client.get(endpoint, slug=SLUG, expected=404)


def test_a_supplier_sees_only_their_own_answers(client, someone_elses_application):
    mine = create_organisation(published=True)
    create_application(
        someone_elses_application.framework, mine, answers={**GOOD_ANSWERS, "social_value": "Apprenticeships"}
    )
    sign_in(client, owner_of(mine))
    page = client.get("frameworks.review", slug=SLUG)
    assert "Apprenticeships" in page.text and "secret plans" not in page.text


def test_a_colleague_in_the_same_organisation_sees_the_application(client, someone_elses_application):
    colleague = create_user()
    organisation = someone_elses_application.organisation
    invitation = with_request(team.invite, organisation, owner_of(organisation), colleague.email)
    token = with_request(tokens.make_token, team.INVITE, {"invitation": invitation.id, "email": invitation.email})
    team.accept_invitation(token, colleague)
    sign_in(client, colleague)
    assert "secret plans" in client.get("frameworks.review", slug=SLUG).text


def test_a_buyer_cannot_open_supplier_application_pages(client, someone_elses_application):
    sign_in(client, create_buyer())
    client.get("frameworks.application", slug=SLUG, expected=403)


def test_signing_in_is_needed_for_an_application(client, someone_elses_application):
    assert "/sign-in" in client.get("frameworks.application", slug=SLUG, expected=302).location


def test_anyone_can_read_about_a_framework(client, someone_elses_application):
    page = client.get("frameworks.detail", slug=SLUG)
    assert page.heading.endswith("Estates Services Dynamic Purchasing System") and "secret plans" not in page.text


def test_an_unknown_framework_is_not_found(client, app):
    client.get("frameworks.detail", slug="no-such-framework", expected=404)


@pytest.mark.parametrize("make_user", [create_user, create_buyer], ids=["supplier", "buyer"])
def test_only_admins_can_open_admin_pages(client, someone_elses_application, make_user):
    sign_in(client, make_user())
    client.get("frameworks_admin.application", slug=SLUG, application_id=someone_elses_application.id, expected=403)
    client.get("frameworks_admin.index", expected=403)


def test_admin_pages_need_signing_in(client, someone_elses_application):
    assert "/sign-in" in client.get("frameworks_admin.overview", slug=SLUG, expected=302).location


def test_an_application_is_only_found_under_its_own_framework(client, someone_elses_application):
    other = create_framework({**demo_data(), "slug": "other-dps"})
    sign_in(client, create_admin())
    client.get(
        "frameworks_admin.application", slug=other.slug, application_id=someone_elses_application.id, expected=404
    )


def test_an_evaluation_is_only_found_under_its_own_framework(client, someone_elses_application):
    other = create_framework({**demo_data(), "slug": "other-dps"})
    (application,) = evaluated(someone_elses_application.framework, someone_elses_application)
    sign_in(client, create_admin())
    client.get("frameworks_admin.decide", slug=other.slug, evaluation_id=application.evaluations[0].id, expected=404)
