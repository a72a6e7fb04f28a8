"""Buyer accounts only for the council's email domains, which admins manage."""

from __future__ import annotations

from marketplace.accounts import queries
from marketplace.audit.queries import list_actions
from tests.factories import PASSWORD, create_admin, create_user, ensure_buyer_domain, sign_in, unique_email


def test_council_officer_registers_as_a_buyer(client):
    ensure_buyer_domain("camden.gov.uk")
    email = unique_email("officer", "camden.gov.uk")
    client.submit(
        client.get("accounts.register_buyer"), full_name="Ola Officer", email=email, password=PASSWORD, expected=302
    )
    assert queries.get_user_by_email(email).role == "buyer"


def test_buyer_email_outside_the_allowed_domains_is_refused(client):
    ensure_buyer_domain("camden.gov.uk")
    page = client.submit(
        client.get("accounts.register_buyer"), full_name="Sam", email="sam@gmail.com", password=PASSWORD, expected=200
    )
    assert page.field_error("email").startswith("Enter a council email address")
    assert page.value_of("full_name") == "Sam"
    assert queries.get_user_by_email("sam@gmail.com") is None


def test_admin_adds_a_buyer_domain(client):
    admin = create_admin()
    sign_in(client, admin)
    response = client.submit(client.get("admin.buyer_domains"), domain="Islington.gov.uk", expected=302)
    assert "islington.gov.uk added" in client.follow(response).text
    assert queries.is_buyer_domain("someone@islington.gov.uk")
    assert "buyer_domain.added" in list_actions("buyer_domain")


def test_admin_gets_a_clear_error_for_a_malformed_domain(client):
    sign_in(client, create_admin())
    page = client.submit(client.get("admin.buyer_domains"), domain="not a domain", expected=200)
    assert page.field_error("domain") == "Enter a domain in the correct format, like camden.gov.uk"
    assert page.value_of("domain") == "not a domain"


def test_admin_removes_a_buyer_domain(client):
    ensure_buyer_domain("hackney.gov.uk")
    sign_in(client, create_admin())
    page = client.get("admin.buyer_domains")
    entry = next(e for e in queries.list_buyer_domains() if e.domain == "hackney.gov.uk")
    forms = page.soup.find_all("form")
    index = next(i for i, form in enumerate(forms) if form.get("action", "").endswith(f"/{entry.id}/remove"))
    client.submit(page, form_index=index, expected=302)
    assert not queries.is_buyer_domain("a@hackney.gov.uk")


def test_suppliers_cannot_reach_admin_pages(client):
    sign_in(client, create_user())
    client.get("admin.buyer_domains", expected=403)


def test_create_admin_command_makes_an_admin(app):
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "boss@camden.gov.uk", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    assert queries.get_user_by_email("boss@camden.gov.uk").is_admin
