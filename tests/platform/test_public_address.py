"""Links and identifiers the service sends out come from SERVICE_URL, never the request's Host header."""

from __future__ import annotations

import pytest

from marketplace import create_app
from marketplace.mail.models import OutboxEmail
from tests.factories import PASSWORD, create_user
from tests.helpers import PageClient

EVIL = {"Host": "evil.example"}


@pytest.fixture
def forged_client(app) -> PageClient:
    # The attacker posts with a session of their own: the CSRF token is not what stands in the way.
    app.config["WTF_CSRF_ENABLED"] = False
    app.config["SERVICE_URL"] = "https://marketplace.camden.gov.uk"
    return PageClient(app)


def _latest_email_to(address: str) -> str:
    return OutboxEmail.query.filter_by(recipient=address).order_by(OutboxEmail.id.desc()).first().body


def test_a_password_reset_link_ignores_a_forged_host(forged_client):
    user = create_user()
    forged_client.raw("/forgotten-password", method="POST", data={"email": user.email}, headers=EVIL)
    body = _latest_email_to(user.email)
    assert "evil.example" not in body
    assert "https://marketplace.camden.gov.uk/reset-password/" in body


@pytest.mark.parametrize("existing", [False, True], ids=["new account", "account exists"])
def test_registration_emails_ignore_a_forged_host(forged_client, existing):
    email = create_user().email if existing else "newcomer@example.org"
    forged_client.raw("/register", method="POST", data={"email": email, "password": PASSWORD}, headers=EVIL)
    body = _latest_email_to(email)
    assert "evil.example" not in body and "https://marketplace.camden.gov.uk/" in body


def test_production_answers_only_its_own_host(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    app = create_app(
        "production",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/p.db",
        INSTANCE_PATH=str(tmp_path),
        RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/0",
        SERVICE_URL="https://marketplace.camden.gov.uk",
        SEARCH_APPLIER=False,
    )
    assert app.config["TRUSTED_HOSTS"] == ["marketplace.camden.gov.uk"]
    client = app.test_client()
    assert client.get("/healthz", headers=EVIL).status_code == 400


def test_atom_ids_and_links_come_from_the_service_address(forged_client):
    from xml.etree import ElementTree

    from tests.notices.factories import create_notice

    notice = create_notice(title="Estates repairs")
    body = forged_client.raw("/notices/feed.atom", headers=EVIL).get_data(as_text=True)
    assert "evil.example" not in body
    atom = "{http://www.w3.org/2005/Atom}"
    entry_id = ElementTree.fromstring(body.encode()).find(f"{atom}entry/{atom}id").text
    assert entry_id == f"https://marketplace.camden.gov.uk/notices/{notice.id}"


def test_a_calendar_uid_names_the_service_not_the_request(forged_client):
    from tests.events.factories import create_event

    event = create_event(title="Meet the buyer")
    body = forged_client.raw(f"/events/{event.id}.ics", headers=EVIL).get_data(as_text=True).replace("\r\n ", "")
    assert f"UID:event-{event.id}@marketplace.camden.gov.uk\r\n" in body
    assert "evil.example" not in body
