from __future__ import annotations

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.mail.models import GAVE_UP, PENDING, OutboxEmail


def list_recent_emails(limit: int = 50) -> list[OutboxEmail]:
    return list(db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id.desc()).limit(limit)))


def list_emails_to(recipient: str) -> list[OutboxEmail]:
    statement = select(OutboxEmail).where(OutboxEmail.recipient == recipient).order_by(OutboxEmail.id)
    return list(db.session.scalars(statement))


def list_given_up(limit: int | None = 200) -> list[OutboxEmail]:
    statement = select(OutboxEmail).where(OutboxEmail.status == GAVE_UP).order_by(OutboxEmail.id.desc())
    return list(db.session.scalars(statement.limit(limit) if limit else statement))


def get_email(email_id: int) -> OutboxEmail | None:
    return db.session.get(OutboxEmail, email_id) if 0 < email_id < 2**63 else None


def count_by_status() -> dict[str, int]:
    rows = db.session.execute(select(OutboxEmail.status, func.count()).group_by(OutboxEmail.status)).all()
    return dict(rows)


def count_pending() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxEmail).where(OutboxEmail.status == PENDING)) or 0
