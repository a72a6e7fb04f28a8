"""Admins see the emails the worker gave up on and send them again."""

from __future__ import annotations

import pytest

from marketplace.extensions import db
from marketplace.mail.models import GAVE_UP, PENDING, SENT, OutboxEmail
from marketplace.mail.queries import list_emails_to
from tests.factories import create_admin, create_buyer, create_user, sign_in


def given_up(recipient: str = "lost@example.org") -> OutboxEmail:
    email = OutboxEmail(recipient=recipient, subject="Your invitation", body="x", status=GAVE_UP, attempts=18)
    email.last_error = "The mail server could not be reached: ConnectionRefusedError"
    db.session.add(email)
    db.session.commit()
    return email


def test_admin_sees_given_up_emails_with_their_last_error(client):
    given_up()
    sign_in(client, create_admin())
    page = client.get("admin.emails")
    assert "lost@example.org" in page.text and "ConnectionRefusedError" in page.text
    assert page.soup.select_one("table.govuk-table")


def test_admin_sends_a_given_up_email_again_and_the_worker_sends_it(app, client):
    from marketplace.worker import drain

    email = given_up()
    sign_in(client, create_admin())
    page = client.get("admin.emails")
    client.submit(page, form_index=0, expected=302)
    assert "will be sent again" in client.follow().text
    assert list_emails_to("lost@example.org")[0].status == PENDING
    db.session.expire_all()
    assert db.session.get(OutboxEmail, email.id).give_up_at is not None
    from marketplace.mail.services import send_pending

    send_pending()
    drain(app)
    assert list_emails_to("lost@example.org")[0].status == SENT


def test_admin_sends_all_given_up_emails_again(client):
    for n in range(3):
        given_up(f"lost{n}@example.org")
    sign_in(client, create_admin())
    page = client.get("admin.emails")
    client.submit(page, form_index=len(page.soup.find_all("form")) - 1, expected=302)
    assert "3 email(s) will be sent again" in client.follow().text
    assert {list_emails_to(f"lost{n}@example.org")[0].status for n in range(3)} == {PENDING}


@pytest.mark.parametrize("who", ["supplier", "buyer", "anonymous"])
def test_only_admins_see_or_resend_emails(client, who):
    email = given_up()
    if who != "anonymous":
        sign_in(client, create_user() if who == "supplier" else create_buyer())
    assert client.get("admin.emails", expected=None).status in (302, 403)
    client.post("admin.send_email_again", {"csrf_token": client.csrf_token()}, email_id=email.id, expected=None)
    assert list_emails_to("lost@example.org")[0].status == GAVE_UP
