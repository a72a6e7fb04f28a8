"""Emails are written with the change that causes them; the worker, never the request, sends them."""

from __future__ import annotations

from marketplace.mail.models import PENDING, SENT
from marketplace.mail.queries import list_emails_to
from marketplace.worker import drain, run_due
from tests.factories import PASSWORD, unique_email


def register(client) -> str:
    email = unique_email()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    return email


def test_registering_leaves_the_email_for_the_worker(app, client):
    email = register(client)
    (message,) = list_emails_to(email)
    assert message.status == PENDING and message.attempts == 0


def test_the_worker_sends_it_as_soon_as_it_is_nudged(app, client):
    email = register(client)
    assert drain(app) >= 1  # the "send soon" task the request enqueued
    assert list_emails_to(email)[0].status == SENT


def test_the_workers_every_minute_job_sends_what_is_pending(app, client):
    email = register(client)
    run_due(app)
    assert list_emails_to(email)[0].status == SENT


def test_send_pending_command_sends_what_is_due(app, client):
    email = register(client)
    result = app.test_cli_runner().invoke(args=["mail", "send-pending"])
    assert result.exit_code == 0 and "Sent 1 email(s)" in result.output
    assert list_emails_to(email)[0].status == SENT


def test_the_email_is_not_written_when_the_change_is_rolled_back(app):
    from marketplace.extensions import db
    from marketplace.mail.services import queue_email

    with app.test_request_context():
        queue_email("nobody@example.org", "Never sent", "password_changed")
        db.session.rollback()
    assert list_emails_to("nobody@example.org") == []
