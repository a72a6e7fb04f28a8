"""The worker's side of the outbox: claim due emails, send each once, back off and retry what failed.

Claiming: a sender marks a batch of due emails `claimed_by` itself with one conditional UPDATE (on
PostgreSQL the batch is first picked `FOR UPDATE SKIP LOCKED`, so concurrent senders take different
rows without waiting; on SQLite writers take turns and the UPDATE's WHERE re-checks the claim). Only
the claimant sends, so each email goes out once per successful send. A sender that dies mid-batch
leaves claims that expire after CLAIM_FOR and are picked up again.

Failures: any exception while sending one email is that email's failure. It waits 1, 2, 4 … minutes
(at most RETRY_CAP), with a last try at `give_up_at` (a day after it was written, by default),
after which it is given up; admins see given-up emails and can send them again. An email that can never
be sent as it is (a header that cannot be built, a 5xx refusal) is given up at once. When the server
itself is unreachable, the batch stops: the other claimed emails are released without an attempt.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, or_, select, update

from marketplace import clock
from marketplace.extensions import db
from marketplace.mail import sender
from marketplace.mail.models import GAVE_UP, PENDING, SENT, OutboxEmail

log = logging.getLogger("marketplace.mail")

CLAIM_FOR = timedelta(minutes=10)
FIRST_RETRY = timedelta(minutes=1)
RETRY_CAP = timedelta(hours=2)
BATCH = 20


@dataclass
class Run:
    sent: int = 0
    failed: int = 0
    server_unavailable: bool = False


def retry_delay(attempts: int) -> timedelta:
    """After the nth failed attempt: 1, 2, 4, … minutes, never more than RETRY_CAP."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), RETRY_CAP)


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Send up to `limit` due emails. Returns (sent, failed this run). Safe to run anywhere, any number of times."""
    run = Run()
    holder = _holder()
    with sender.Connection(current_app.config) as connection:
        while run.sent + run.failed < limit and not run.server_unavailable:
            batch = _claim(holder, min(BATCH, limit - run.sent - run.failed))
            if not batch:
                break
            for position, email in enumerate(batch):
                if _attempt(email, connection, run):
                    continue
                if run.server_unavailable:
                    _release([e.id for e in batch[position + 1 :]], holder)
                    break
    return run.sent, run.failed


def _due():
    now = clock.now()
    return and_(
        OutboxEmail.status == PENDING,
        or_(OutboxEmail.next_attempt_at.is_(None), OutboxEmail.next_attempt_at <= now),
        or_(OutboxEmail.claimed_until.is_(None), OutboxEmail.claimed_until < now),
    )


def _claim(holder: str, size: int) -> list[OutboxEmail]:
    candidates = list(
        db.session.scalars(
            select(OutboxEmail.id).where(_due()).order_by(OutboxEmail.id).limit(size).with_for_update(skip_locked=True)
        )
    )
    if candidates:
        db.session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id.in_(candidates), _due())
            .values(claimed_by=holder, claimed_until=clock.now() + CLAIM_FOR)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    if not candidates:
        return []
    statement = select(OutboxEmail).where(OutboxEmail.id.in_(candidates), OutboxEmail.claimed_by == holder)
    return list(db.session.scalars(statement.order_by(OutboxEmail.id)))


def _release(ids: list[int], holder: str) -> None:
    if ids:
        db.session.execute(
            update(OutboxEmail)
            .where(OutboxEmail.id.in_(ids), OutboxEmail.claimed_by == holder, OutboxEmail.status == PENDING)
            .values(claimed_by=None, claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()


def _attempt(email: OutboxEmail, connection: sender.Connection, run: Run) -> bool:
    """Send one claimed email and record the outcome (committed). True if it was sent."""
    email.attempts += 1
    email.last_attempt_at = clock.now()
    try:
        message = sender.build_message(
            recipient=email.recipient, subject=email.subject, body=email.body, message_id=email.message_id
        )
        connection.send(message)
    except sender.Undeliverable as error:
        _give_up(email, str(error))
    except sender.ServerUnavailable as error:
        run.server_unavailable = True
        _retry_later(email, f"The mail server could not be reached: {error}")
    except Exception as error:  # whatever it was, it is this email's failure alone
        log.exception("Email %s failed", email.id)
        _retry_later(email, f"{type(error).__name__}: {error}")
    else:
        email.status, email.sent_at, email.last_error = SENT, clock.now(), None
        email.claimed_until = None
        db.session.commit()
        run.sent += 1
        return True
    run.failed += 1
    db.session.commit()
    return False


def _retry_later(email: OutboxEmail, error: str) -> None:
    now = clock.now()
    give_up_at = email.give_up_at or email.created_at + _give_up_after()
    if now >= give_up_at:
        _give_up(email, error)
        return
    next_attempt = min(now + retry_delay(email.attempts), give_up_at)  # a last try when the day is up
    email.last_error, email.next_attempt_at, email.claimed_until = error[:2000], next_attempt, None
    log.warning("Email %s not sent (attempt %s), next try at %s: %s", email.id, email.attempts, next_attempt, error)


def _give_up(email: OutboxEmail, error: str) -> None:
    email.status, email.last_error, email.claimed_until = GAVE_UP, error[:2000], None
    log.error("Email %s given up after %s attempt(s): %s", email.id, email.attempts, error)


def _give_up_after() -> timedelta:
    return timedelta(hours=current_app.config.get("MAIL_GIVE_UP_AFTER_HOURS", 24))


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"
