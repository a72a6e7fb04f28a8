"""Queue emails with the change that causes them; deliver after commit; retry what failed."""

from __future__ import annotations

import logging

from flask import current_app, render_template
from sqlalchemy import select

from marketplace.clock import now
from marketplace.extensions import db
from marketplace.mail import sender
from marketplace.mail.models import GAVE_UP, PENDING, SENT, OutboxEmail

log = logging.getLogger("marketplace.mail")


def queue_email(recipient: str, subject: str, template: str, **context) -> OutboxEmail:
    """Add an email to the outbox in the caller's transaction; it is sent once that commits."""
    body = render_template(f"emails/{template}.txt", council_name=current_app.config["COUNCIL_NAME"], **context)
    email = OutboxEmail(recipient=recipient, subject=subject, body=body, status=PENDING)
    db.session.add(email)
    return email


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Try every pending email once. Returns (sent, still pending). Each email commits on its own."""
    max_attempts = current_app.config["MAIL_MAX_ATTEMPTS"]
    statement = select(OutboxEmail).where(OutboxEmail.status == PENDING).order_by(OutboxEmail.id).limit(limit)
    sent = failed = 0
    for email in db.session.scalars(statement).all():
        if _attempt(email, max_attempts):
            sent += 1
        else:
            failed += 1
        db.session.commit()
    return sent, failed


def _attempt(email: OutboxEmail, max_attempts: int) -> bool:
    email.attempts += 1
    try:
        sender.deliver(email.recipient, email.subject, email.body)
    except sender.DeliveryFailed as error:
        email.last_error = str(error)[:2000]
        if email.attempts >= max_attempts:
            email.status = GAVE_UP
        log.warning("Email %s not sent (attempt %s): %s", email.id, email.attempts, error)
        return False
    email.status = SENT
    email.sent_at = now()
    email.last_error = None
    return True
