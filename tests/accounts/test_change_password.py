from __future__ import annotations

from marketplace.mail.queries import list_emails_to
from tests.factories import PASSWORD, create_user, sign_in
from tests.helpers import PageClient


def test_user_changes_their_password(client):
    user = create_user()
    sign_in(client, user)
    response = client.submit(
        client.get("accounts.change_password"),
        current_password=PASSWORD,
        new_password="another long passphrase",
        expected=302,
    )
    assert "Your password has been changed" in client.follow_all(response).text
    assert list_emails_to(user.email)[-1].subject == "Your password has been changed"


def test_wrong_current_password_is_refused(client):
    user = create_user()
    sign_in(client, user)
    page = client.submit(
        client.get("accounts.change_password"),
        current_password="wrong one!",
        new_password="another long passphrase",
        expected=200,
    )
    assert page.field_error("current_password") == "Your current password is incorrect"


def test_common_new_password_is_refused(client):
    user = create_user()
    sign_in(client, user)
    page = client.submit(
        client.get("accounts.change_password"), current_password=PASSWORD, new_password="qwertyuiop", expected=200
    )
    assert page.field_error("new_password") == "Password is too common. Choose a password that is harder to guess"


def test_changing_password_signs_out_other_sessions(app, client):
    user = create_user()
    other_device = PageClient(app)
    sign_in(other_device, user)
    sign_in(client, user)
    client.submit(
        client.get("accounts.change_password"),
        current_password=PASSWORD,
        new_password="another long passphrase",
        expected=302,
    )
    assert other_device.get("pages.dashboard", expected=302).location.startswith("/sign-in")
    assert client.follow_all(client.get("pages.dashboard", expected=302)).status == 200
