"""A supplier registers, confirms their email and can sign in."""

from __future__ import annotations

from urllib.parse import urlsplit

from marketplace.accounts import queries
from marketplace.mail.queries import list_emails_to
from tests.factories import PASSWORD, create_user, unique_email


def test_supplier_registers_and_is_asked_to_check_their_email(client):
    page = client.get("accounts.register")
    email = unique_email()
    response = client.submit(page, email=email, password=PASSWORD, expected=302)
    assert client.follow(response).heading == "Check your email"
    assert queries.get_user_by_email(email).is_verified is False


def test_registration_emails_a_confirmation_link(client):
    email = unique_email()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    (message,) = list_emails_to(email)
    assert message.subject == "Confirm your email address"
    assert "/verify/" in message.body


def _confirmation_path(email: str) -> str:
    link = next(line for line in list_emails_to(email)[0].body.splitlines() if "/verify/" in line)
    return urlsplit(link.strip()).path


def test_confirmation_link_confirms_the_email_and_signs_the_supplier_in(client):
    email = unique_email()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    response = client.get(_confirmation_path(email), expected=302)
    assert queries.get_user_by_email(email).is_verified
    assert response.location == "/dashboard"
    assert client.follow_all(response).heading == "Tell us about your organisation"


def test_confirmation_link_used_again_only_says_it_is_confirmed(app, client):
    from tests.helpers import PageClient

    email = unique_email()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    client.get(_confirmation_path(email), expected=302)
    other_browser = PageClient(app)
    page = other_browser.get(_confirmation_path(email), expected=200)
    assert "Email address confirmed" in page.text
    assert other_browser.get("pages.dashboard", expected=302).location.startswith("/sign-in")


def test_email_in_the_wrong_format_is_refused_and_kept(client):
    page = client.submit(client.get("accounts.register"), email="not-an-email", password=PASSWORD, expected=200)
    assert page.error_summary == ["Enter an email address in the correct format, like name@example.com"]
    assert page.value_of("email") == "not-an-email"
    assert page.title.startswith("Error:")


def test_short_password_is_refused_and_the_email_kept(client):
    email = unique_email()
    page = client.submit(client.get("accounts.register"), email=email, password="short", expected=200)
    assert page.field_error("password") == "Password must be 10 characters or more"
    assert page.value_of("email") == email
    assert page.value_of("password") in (None, "")


def test_common_password_is_refused(client):
    page = client.submit(client.get("accounts.register"), email=unique_email(), password="password123", expected=200)
    assert page.field_error("password") == "Password is too common. Choose a password that is harder to guess"


def test_empty_form_says_what_is_missing(client):
    page = client.submit(client.get("accounts.register"), email="", password="", expected=200)
    assert page.error_summary == ["Enter your email address", "Enter a password"]


def test_registering_an_existing_email_reveals_nothing_on_the_page(client, app):
    user = create_user()
    response = client.submit(client.get("accounts.register"), email=user.email, password=PASSWORD, expected=302)
    assert client.follow(response).heading == "Check your email"
    assert list_emails_to(user.email)[-1].subject == "You already have an account"


def test_email_is_stored_in_lower_case(client):
    email = unique_email()
    client.submit(client.get("accounts.register"), email=email.upper(), password=PASSWORD, expected=302)
    assert queries.get_user_by_email(email) is not None


def test_every_problem_is_listed_at_once(client):
    page = client.submit(client.get("accounts.register"), email="not-an-email", password="short", expected=200)
    assert len(page.error_summary) == 2
    assert page.field_error("email") and page.field_error("password") == "Password must be 10 characters or more"


def test_a_buyer_sees_the_email_and_password_problems_together(client):
    page = client.submit(
        client.get("accounts.register_buyer"),
        full_name="Bea Buyer",
        email="bea@gmail.com",
        password="short",
        expected=200,
    )
    assert page.field_error("email").startswith("Enter a council email address")
    assert page.field_error("password") == "Password must be 10 characters or more"


def test_a_bulk_load_registers_accounts_with_one_hash_made_beforehand(app, client):
    from marketplace.accounts import passwords
    from marketplace.accounts import services as account_services
    from tests.factories import sign_in, verification_token

    password_hash = passwords.hash_password(PASSWORD)  # made once, as `flask demo load` does
    with app.test_request_context():
        first, second = (account_services.register(unique_email(), PASSWORD, password_hash=password_hash) for _ in "ab")
    assert first.password_hash == second.password_hash == password_hash
    account_services.verify_email(verification_token(second))
    sign_in(client, second)
