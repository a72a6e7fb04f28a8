from __future__ import annotations

from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db


def list_events_for(subject_type: str, subject_id: int | str, limit: int = 50) -> list[AuditEvent]:
    statement = (
        select(AuditEvent)
        .where(AuditEvent.subject_type == subject_type, AuditEvent.subject_id == str(subject_id))
        .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def list_actions(action_prefix: str = "") -> list[str]:
    statement = select(AuditEvent.action).where(AuditEvent.action.startswith(action_prefix)).order_by(AuditEvent.id)
    return list(db.session.scalars(statement))
