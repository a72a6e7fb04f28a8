"""Owners invite colleagues, decide join requests and remove members; nobody reaches another team."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from marketplace.mail.queries import list_emails_to
from marketplace.suppliers import queries
from tests.factories import (
    create_admin,
    create_buyer,
    create_organisation,
    create_user,
    owner_of,
    sign_in,
    unique_email,
)


def _invitation_path(email: str) -> str:
    lines = [line for email_ in list_emails_to(email) for line in email_.body.splitlines()]
    return urlsplit(next(line for line in lines if "/supplier/invitation/" in line).strip()).path


def _invite(client, organisation, email):
    sign_in(client, owner_of(organisation))
    return client.submit(client.get("suppliers.team"), email=email, expected=302)


def test_owner_invites_a_colleague_who_accepts(app, client):
    organisation = create_organisation()
    colleague_email = unique_email()
    _invite(client, organisation, colleague_email)
    colleague = create_user(email=colleague_email)
    from tests.helpers import PageClient

    browser = PageClient(app)
    sign_in(browser, colleague)
    response = browser.submit(browser.get(_invitation_path(colleague_email)), expected=302)
    assert response.location == "/supplier/profile"
    assert queries.get_membership_for_user(colleague.id).organisation_id == organisation.id


def test_invitation_for_someone_else_cannot_be_accepted(app, client):
    organisation = create_organisation()
    invited = unique_email()
    _invite(client, organisation, invited)
    intruder = create_user()
    from tests.helpers import PageClient

    browser = PageClient(app)
    sign_in(browser, intruder)
    page = browser.submit(browser.get(_invitation_path(invited)), expected=200)
    assert f"This invitation was sent to {invited}" in page.text
    assert queries.get_membership_for_user(intruder.id) is None


def test_invitation_link_cannot_be_tampered_with(client):
    sign_in(client, create_user())
    assert client.get("/supplier/invitation/forged.token.value", expected=400).heading == "This link does not work"


def test_inviting_with_a_malformed_email_is_refused(client):
    organisation = create_organisation()
    sign_in(client, owner_of(organisation))
    page = client.submit(client.get("suppliers.team"), email="not an email", expected=200)
    assert page.field_error("email") == "Enter an email address in the correct format, like name@example.com"


def test_owner_approves_a_join_request(app, client):
    organisation = create_organisation(identifier_scheme="GB-COH", identifier_number="07654321")
    asker = create_user()
    from marketplace.suppliers import services

    join_request = services.request_to_join(asker, organisation)
    sign_in(client, owner_of(organisation))
    client.post(
        "suppliers.decide_join_request",
        data={"csrf_token": client.csrf_token()},
        request_id=join_request.id,
        decision="approve",
        expected=302,
    )
    assert queries.get_membership_for_user(asker.id).organisation_id == organisation.id
    assert list_emails_to(asker.email)[-1].subject == f"Your request to join {organisation.display_name}"


def test_owner_of_another_organisation_cannot_decide_a_join_request(client):
    organisation = create_organisation()
    asker = create_user()
    from marketplace.suppliers import services

    join_request = services.request_to_join(asker, organisation)
    other = create_organisation()
    sign_in(client, owner_of(other))
    client.post(
        "suppliers.decide_join_request",
        data={"csrf_token": client.csrf_token()},
        request_id=join_request.id,
        decision="approve",
        expected=404,
    )
    assert queries.get_membership_for_user(asker.id) is None


def test_owner_removes_a_member(client):
    organisation = create_organisation()
    member = create_user()
    from marketplace.extensions import db
    from marketplace.suppliers.models import Membership

    db.session.add(Membership(organisation_id=organisation.id, user_id=member.id, role="member"))
    db.session.commit()
    membership = queries.get_membership_for_user(member.id)
    sign_in(client, owner_of(organisation))
    client.post(
        "suppliers.remove_member", data={"csrf_token": client.csrf_token()}, membership_id=membership.id, expected=302
    )
    assert queries.get_membership_for_user(member.id) is None


def test_members_cannot_remove_people(client):
    organisation = create_organisation()
    member = create_user()
    from marketplace.extensions import db
    from marketplace.suppliers.models import Membership

    db.session.add(Membership(organisation_id=organisation.id, user_id=member.id, role="member"))
    db.session.commit()
    owner_membership = queries.get_membership_for_user(owner_of(organisation).id)
    sign_in(client, member)
    client.post(
        "suppliers.remove_member",
        data={"csrf_token": client.csrf_token()},
        membership_id=owner_membership.id,
        expected=403,
    )


def test_last_owner_cannot_be_removed(client):
    organisation = create_organisation()
    owner = owner_of(organisation)
    from marketplace.suppliers import team

    try:
        team.remove_member(queries.get_membership_for_user(owner.id), owner)
    except team.TeamError as error:
        assert "at least one owner" in error.message
    else:
        raise AssertionError("the last owner was removed")


def test_a_member_of_one_organisation_cannot_edit_another(client):
    mine = create_organisation()
    theirs = create_organisation(name="Theirs Ltd")
    sign_in(client, owner_of(mine))
    client.submit(client.get("suppliers.about"), name="Renamed", expected=None)
    assert queries.get_organisation(theirs.id).name == "Theirs Ltd"
    assert queries.get_organisation(mine.id).name == "Renamed"


def test_buyers_cannot_reach_supplier_pages(client):
    from tests.factories import create_buyer

    sign_in(client, create_buyer())
    client.get("suppliers.task_list", expected=403)


@pytest.mark.parametrize("role", ["buyer", "admin"])
def test_only_a_supplier_account_can_accept_an_invitation(app, client, role):
    organisation = create_organisation()
    invited = create_buyer() if role == "buyer" else create_admin()
    _invite(client, organisation, invited.email)
    from tests.helpers import PageClient

    browser = PageClient(app)
    sign_in(browser, invited)
    page = browser.submit(browser.get(_invitation_path(invited.email)), expected=200)
    assert "Only a supplier account can join" in page.text
    assert queries.get_membership_for_user(invited.id) is None
