"""Queue emails with the change that causes them; the worker sends them (see `delivery`)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app, render_template

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.mail import sender
from marketplace.mail.delivery import send_pending
from marketplace.mail.models import GAVE_UP, PENDING, OutboxEmail

__all__ = ["queue_email", "requeue", "requeue_all_given_up", "send_pending"]

SUBJECT_LIMIT = 200


def queue_email(recipient: str, subject: str, template: str, **context) -> OutboxEmail:
    """Add an email to the outbox in the caller's transaction; the worker sends it once that commits."""
    body = render_template(f"emails/{template}.txt", council_name=current_app.config["COUNCIL_NAME"], **context)
    written = clock.now()
    email = OutboxEmail(
        recipient=recipient,
        subject=_subject(subject),
        body=body,
        status=PENDING,
        message_id=sender.new_message_id(),
        created_at=written,
        give_up_at=written + _give_up_after(),
    )
    db.session.add(email)
    return email


def _subject(subject: str) -> str:
    # Names people typed end up here: one line, and short enough for the column on every database.
    subject = sender.one_line(subject)
    return subject if len(subject) <= SUBJECT_LIMIT else subject[: SUBJECT_LIMIT - 1] + "…"


def requeue(email: OutboxEmail, *, actor_id: int | None) -> bool:
    """An admin sends a given-up email again: it gets another day of retries. False if it was not given up."""
    if email.status != GAVE_UP:
        return False
    _reset(email)
    record("email.requeued", email, actor_id=actor_id, recipient=email.recipient)
    db.session.commit()
    return True


def requeue_all_given_up(*, actor_id: int | None) -> int:
    from marketplace.mail.queries import list_given_up

    emails = list_given_up(limit=None)
    for email in emails:
        _reset(email)
    if emails:
        record("email.requeued_all", ("outbox_emails", "all"), actor_id=actor_id, count=len(emails))
    db.session.commit()
    return len(emails)


def _reset(email: OutboxEmail) -> None:
    now = clock.now()
    email.status, email.next_attempt_at, email.give_up_at = PENDING, now, now + _give_up_after()
    email.claimed_by = email.claimed_until = None


def _give_up_after() -> timedelta:
    return timedelta(hours=current_app.config.get("MAIL_GIVE_UP_AFTER_HOURS", 24))
