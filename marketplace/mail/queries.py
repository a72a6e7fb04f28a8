from __future__ import annotations

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.mail.models import PENDING, OutboxEmail


def list_recent_emails(limit: int = 50) -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(limit)))


def list_emails_to(recipient: str) -> list[OutboxEmail]:
    statement = select(OutboxEmail).where(OutboxEmail.recipient == recipient).order_by(OutboxEmail.id)
    return list(db.session.scalars(statement))


def count_pending() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxEmail).where(OutboxEmail.status == PENDING)) or 0
