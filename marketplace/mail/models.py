from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import now
from marketplace.extensions import Model

PENDING = "pending"
SENT = "sent"
GAVE_UP = "gave_up"


class OutboxEmail(Model):
    """An email, written in the transaction of the change that causes it; the worker sends it."""

    __tablename__ = "outbox_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # Stable across retries, so a receiver can tell a resend after a lost acknowledgement from a new email.
    message_id: Mapped[str | None] = mapped_column(String(250), unique=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now)
    # Retries wait longer after each failure; an email still failing at give_up_at is given up.
    next_attempt_at: Mapped[datetime | None] = mapped_column(index=True)
    give_up_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    # A sender claims an email before sending it, so two senders never send the same one.
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
