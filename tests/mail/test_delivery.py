"""Email goes out from the worker, exactly once, through outages, and one bad email never blocks the rest."""

from __future__ import annotations

import math
import threading
import time
from datetime import UTC, datetime, timedelta

from marketplace import clock
from marketplace.extensions import db
from marketplace.mail.models import GAVE_UP, PENDING, SENT, OutboxEmail
from marketplace.mail.queries import list_emails_to
from tests.factories import PASSWORD, unique_email
from tests.mail.conftest import use_smtp
from tests.mail.smtp_servers import AcceptingServer

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def queue(count: int, subject: str = "Hello") -> list[str]:
    from marketplace.mail.services import queue_email

    recipients = [unique_email("outbox") for _ in range(count)]
    with db.session.no_autoflush:
        for recipient in recipients:
            queue_email(recipient, subject, "password_changed")
    db.session.commit()
    return recipients


def send_pending():
    from marketplace.mail.services import send_pending as deliver

    return deliver(limit=100)


def status_of(recipient: str) -> str:
    db.session.rollback()
    return list_emails_to(recipient)[0].status


def test_a_web_request_never_talks_to_smtp(app, client, hanging_smtp):
    # Were the request to talk to the hanging server it would wait the whole timeout: far above the bound, so
    # a loaded machine's slow hashing cannot pass for a hang nor hide one.
    app.config["MAIL_TIMEOUT"] = 30
    email = unique_email()
    started = time.monotonic()
    client.submit(client.get("accounts.register"), email=email, password=PASSWORD, expected=302)
    assert time.monotonic() - started < 15
    assert hanging_smtp.connections == 0
    assert status_of(email) == PENDING


def test_concurrent_senders_deliver_each_email_exactly_once(app, db_backend):
    recipients = queue(12)
    with AcceptingServer(delay=0.05) as server:
        use_smtp(app, server.port)
        start = threading.Barrier(4)

        def sender():
            with app.app_context():
                start.wait()
                send_pending()

        threads = [threading.Thread(target=sender) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert server.recipients() == sorted(recipients)
    assert {status_of(recipient) for recipient in recipients} == {SENT}


def test_a_two_minute_outage_gives_up_nothing(app, refusing_smtp):
    clock.freeze(START)
    recipients = queue(12)
    for second in range(0, 121, 5):  # a worker trying every 5 seconds while the server refuses
        clock.freeze(START + timedelta(seconds=second))
        send_pending()
    assert {status_of(recipient) for recipient in recipients} == {PENDING}

    with AcceptingServer() as server:
        use_smtp(app, server.port)
        clock.freeze(START + timedelta(minutes=10))
        send_pending()
    assert server.recipients() == sorted(recipients)


def _minutes_after_start(moment: datetime) -> int:
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return math.ceil((moment - START).total_seconds() / 60)


def test_retries_back_off_over_a_day_before_giving_up(app, refusing_smtp):
    """The worker runs every minute; the test visits the minute each retry is due and the minute before it
    (nothing is tried then), instead of all 1,500 minutes."""
    clock.freeze(START)
    (recipient,) = queue(1)
    attempts_at = []
    minute = 0
    while minute <= 25 * 60:
        clock.freeze(START + timedelta(minutes=minute))
        before = list_emails_to(recipient)[0].attempts
        send_pending()
        db.session.rollback()
        email = list_emails_to(recipient)[0]
        if email.attempts > before:
            attempts_at.append(minute)
        if email.status == GAVE_UP:
            break
        due = _minutes_after_start(email.next_attempt_at)
        if due - 1 > minute:
            clock.freeze(START + timedelta(minutes=due - 1))
            send_pending()
            db.session.rollback()
            assert list_emails_to(recipient)[0].attempts == email.attempts, f"tried early, at minute {due - 1}"
        minute = max(due, minute + 1)
    assert status_of(recipient) == GAVE_UP
    assert minute > 23 * 60  # still pending after 23 hours
    assert attempts_at[:4] == [0, 1, 3, 7]  # waits double after each failure...
    assert 10 <= len(attempts_at) <= 30  # ...up to a couple of hours between tries, for about a day


def test_the_message_id_is_the_same_on_every_try(app, refusing_smtp):
    (recipient,) = queue(1)
    send_pending()
    outbox_email = list_emails_to(recipient)[0]
    assert outbox_email.status == PENDING and outbox_email.message_id.startswith("<")
    with AcceptingServer() as server:
        use_smtp(app, server.port)
        clock.freeze(clock.now() + timedelta(hours=1))
        send_pending()
    (message,) = server.messages
    assert message["Message-ID"] == outbox_email.message_id


def test_one_email_that_cannot_be_built_never_blocks_the_others(app, smtp):
    db.session.add(OutboxEmail(recipient="bad\n@example.org", subject="Broken address", body="x"))
    db.session.add(OutboxEmail(recipient="bad@exam@ple.org", subject="Cannot be parsed", body="x"))
    db.session.commit()
    recipients = queue(4)
    send_pending()
    assert smtp.recipients() == sorted(recipients)
    assert {status_of(r) for r in ("bad\n@example.org", "bad@exam@ple.org")} == {GAVE_UP}
    assert "could not be" in list_emails_to("bad\n@example.org")[0].last_error


def test_a_newline_in_a_subject_cannot_add_a_header(app, smtp):
    db.session.add(OutboxEmail(recipient="someone@example.org", subject="Hello\r\nBcc: everyone@example.org", body="x"))
    db.session.commit()
    send_pending()
    (message,) = smtp.messages
    assert message["Subject"] == "Hello Bcc: everyone@example.org" and message["Bcc"] is None


def test_a_hanging_server_costs_one_timeout_not_one_per_email(app, hanging_smtp):
    recipients = queue(4)
    started = time.monotonic()
    send_pending()
    assert time.monotonic() - started < 2.5  # MAIL_TIMEOUT is 1 second in these tests
    assert {status_of(recipient) for recipient in recipients} == {PENDING}


def test_subjects_are_kept_to_one_line(app, smtp):
    (recipient,) = queue(1, subject="Welcome to\r\nAcme\nLtd")
    send_pending()
    assert smtp.messages[0]["Subject"] == "Welcome to Acme Ltd"
    assert status_of(recipient) == SENT
