"""Emails are written with the change that causes them and never lost when sending fails."""

from __future__ import annotations

import socket

from marketplace.mail.models import PENDING, SENT
from marketplace.mail.queries import list_emails_to
from tests.factories import PASSWORD, unique_email


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens here once the probe closes


def test_a_failed_send_leaves_the_email_pending(app, client):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(), MAIL_USE_TLS=False)
    email = unique_email()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    (message,) = list_emails_to(email)
    assert message.status == PENDING and message.attempts == 1 and message.last_error


def test_send_pending_retries_and_delivers(app, client):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=_closed_port(), MAIL_USE_TLS=False)
    email = unique_email()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    app.config["MAIL_SERVER"] = ""  # the mail server is back (here: log delivery)
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
