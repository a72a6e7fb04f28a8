"""Attempts to get round the service's protections."""

from __future__ import annotations

from marketplace import create_app
from tests.factories import PASSWORD, create_user, sign_in
from tests.helpers import PageClient


def test_form_without_a_csrf_token_is_refused_with_a_friendly_page(app):
    app.config["WTF_CSRF_ENABLED"] = True
    user = create_user()
    response = app.test_client().post("/sign-in", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Your form was not sent" in response.get_data(as_text=True)


def test_pages_carry_a_strict_content_security_policy(client):
    headers = client.get("pages.home").headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self' 'nonce-" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_every_inline_script_carries_the_pages_nonce(client):
    page = client.get("pages.home")
    nonce = page.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    for script in page.soup.find_all("script"):
        assert script.get("src") or script.get("nonce") == nonce


def test_session_cookie_is_httponly_and_samesite(client):
    user = create_user()
    sign_in(client, user)
    cookie = client.client.get_cookie("session")
    assert cookie.http_only and cookie.same_site == "Lax"


def test_production_cookies_are_secure(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app(
        "production",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/p.db",
        INSTANCE_PATH=str(tmp_path),
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0",
    )
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    try:
        create_app("production", INSTANCE_PATH=str(tmp_path))
    except RuntimeError as error:
        assert "SECRET_KEY" in str(error)
    else:
        raise AssertionError("production started without SECRET_KEY")


def test_sign_in_is_rate_limited(database_url, tmp_path):
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path),
        RATELIMIT_ENABLED=True,
        RATELIMIT_SIGN_IN="3 per minute",
    )
    with app.app_context():
        client = PageClient(app)
        statuses = [
            client.submit(client.get("accounts.sign_in"), email="a@example.org", password="whatever123").status
            for _ in range(5)
        ]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
    assert "Too many attempts" in client.last.text


def test_email_page_escapes_what_people_typed(client, app):
    page = client.submit(
        client.get("accounts.register"), email="<script>alert(1)</script>@x.org", password=PASSWORD, expected=200
    )
    assert "<script>alert(1)</script>" not in page.html


def test_control_characters_typed_into_a_form_are_dropped_not_stored(client):
    from marketplace.suppliers import queries as supplier_queries
    from tests.factories import create_organisation, owner_of

    organisation = create_organisation(published=True)
    sign_in(client, owner_of(organisation))
    client.submit(client.get("suppliers.work"), summary="Estate\x00 cleaning\x07 by local people", expected=302)
    assert supplier_queries.get_organisation(organisation.id).summary == "Estate cleaning by local people"


def test_passwords_keep_their_spaces_however_many_forms_are_made(client):
    email = "spaces@example.org"
    for _ in range(2):  # a second form instance must not start stripping passwords
        client.get("accounts.sign_in")
    client.submit(client.get("accounts.register"), email=email, password="  padded passphrase  ", expected=302)
    from marketplace.accounts import passwords, queries

    assert passwords.check_password(queries.get_user_by_email(email).password_hash, "  padded passphrase  ")
