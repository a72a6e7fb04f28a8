"""Email links are signed, expire, and stop working once used."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from marketplace.accounts import queries
from tests.factories import PASSWORD, create_user, reset_token, verification_token


def test_wrong_verification_token_shows_a_clear_page(client):
    page = client.get("accounts.verify_email", token="not-a-real-token", expected=400)
    assert page.heading == "This link does not work"


def test_expired_verification_token_says_it_has_expired(client):
    user = create_user(verified=False)
    token = verification_token(user)
    clock.freeze(clock.now() + timedelta(days=2))
    page = client.get("accounts.verify_email", token=token, expected=400)
    assert page.heading == "This link has expired"
    assert not queries.get_user(user.id).is_verified


def test_reused_verification_token_does_not_sign_anyone_in(client):
    user = create_user(verified=False)
    token = verification_token(user)
    client.get("accounts.verify_email", token=token, expected=302)
    client.submit(client.get("accounts.sign_out"), expected=200)
    page = client.get("accounts.verify_email", token=token)
    assert "Email address confirmed" in page.text
    assert client.get("pages.dashboard", expected=302).location.startswith("/sign-in")


def test_token_for_one_purpose_does_not_work_for_another(client):
    user = create_user(verified=False)
    page = client.get("accounts.reset_password", token=verification_token(user), expected=400)
    assert page.heading == "This link does not work"


def test_password_reset_link_lets_the_user_choose_a_new_password(client):
    user = create_user()
    page = client.get("accounts.reset_password", token=reset_token(user))
    response = client.submit(page, password="a brand new passphrase", expected=302)
    assert "Your password has been reset" in client.follow(response).text
    page = client.submit(client.get("accounts.sign_in"), email=user.email, password="a brand new passphrase")
    assert page.status == 302


def test_reused_password_reset_link_is_refused(client):
    user = create_user()
    token = reset_token(user)
    client.submit(client.get("accounts.reset_password", token=token), password="a brand new passphrase", expected=302)
    page = client.get("accounts.reset_password", token=token, expected=400)
    assert page.heading == "This link does not work"


def test_expired_password_reset_link_is_refused(client):
    user = create_user()
    token = reset_token(user)
    clock.freeze(clock.now() + timedelta(hours=3))
    assert client.get("accounts.reset_password", token=token, expected=400).heading == "This link has expired"


def test_reset_with_a_common_password_is_refused(client):
    user = create_user()
    page = client.submit(
        client.get("accounts.reset_password", token=reset_token(user)), password="iloveyou12", expected=200
    )
    assert page.field_error("password") == "Password is too common. Choose a password that is harder to guess"


def test_forgotten_password_page_says_the_same_for_unknown_emails(client):
    known = create_user()
    page_known = client.submit(client.get("accounts.forgotten_password"), email=known.email, expected=200)
    page_unknown = client.submit(client.get("accounts.forgotten_password"), email="nobody@example.org", expected=200)
    assert page_known.heading == page_unknown.heading == "Check your email"
    assert PASSWORD not in page_known.html
