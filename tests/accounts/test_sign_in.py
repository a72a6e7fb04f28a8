"""Signing in and out; failures lock the email address without revealing whether it exists."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from tests.factories import PASSWORD, create_user, sign_in

WRONG = "Enter a correct email address and password"


def _try(client, email, password):
    return client.submit(client.get("accounts.sign_in"), email=email, password=password)


def test_new_supplier_signs_in_and_is_taken_to_set_up_their_organisation(client):
    user = create_user()
    response = sign_in(client, user)
    page = client.follow_all(response)
    assert page.heading == "Tell us about your organisation"


def test_wrong_password_gets_a_clear_message_and_keeps_the_email(client):
    user = create_user()
    page = _try(client, user.email, "not the password")
    assert page.field_error("email") == WRONG
    assert page.value_of("email") == user.email
    assert page.value_of("password") in (None, "")


def test_unknown_email_gets_the_same_message(client):
    page = _try(client, "nobody@example.org", "not the password")
    assert page.field_error("email") == WRONG


def test_five_failures_lock_the_account_even_with_the_right_password(client):
    user = create_user()
    for _ in range(5):
        _try(client, user.email, "not the password")
    page = _try(client, user.email, PASSWORD)
    assert page.status == 200
    assert "too many attempts" in page.field_error("email")


def test_locked_response_is_the_same_for_an_email_with_no_account(client):
    user = create_user()
    for email in (user.email, "nobody@example.org"):
        for _ in range(5):
            _try(client, email, "not the password")
    assert _try(client, user.email, "x").field_error("email") == _try(client, "nobody@example.org", "x").field_error(
        "email"
    )


def test_lock_lifts_after_the_waiting_time(client):
    user = create_user()
    for _ in range(5):
        _try(client, user.email, "not the password")
    clock.freeze(clock.now() + timedelta(minutes=16))
    assert _try(client, user.email, PASSWORD).status == 302


def test_unverified_user_is_asked_to_confirm_their_email(client):
    user = create_user(verified=False)
    page = client.follow(sign_in(client, user), expected=302)
    assert page.location.endswith("/confirm-your-email")
    assert client.follow(page).heading == "Confirm your email address"


def test_sign_in_ignores_an_offsite_next_address(client):
    user = create_user()
    page = client.get("/sign-in?next=https://evil.example/")
    response = client.submit(page, email=user.email, password=PASSWORD, expected=302)
    assert response.location == "/dashboard"


def test_sign_out_ends_the_session(client):
    user = create_user()
    sign_in(client, user)
    page = client.submit(client.get("accounts.sign_out"), expected=200)
    assert page.heading == "You have signed out"
    assert client.get("pages.dashboard", expected=302).location.startswith("/sign-in")


def test_dashboard_needs_sign_in(client):
    assert client.get("pages.dashboard", expected=302).location.startswith("/sign-in")
