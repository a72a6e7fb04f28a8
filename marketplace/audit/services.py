"""Recording audit events inside the caller's transaction (the caller commits)."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db


def _current_actor_id() -> int | None:
    try:
        return current_user.id if current_user and current_user.is_authenticated else None
    except (RuntimeError, AttributeError):  # outside a request (CLI, demo data)
        return None


def record(action: str, subject: Any, *, actor_id: int | None = None, **details: Any) -> AuditEvent:
    """Add an audit row for `subject` (a model instance with an id, or a (type, id) pair)."""
    if isinstance(subject, tuple):
        subject_type, subject_id = subject
    else:
        db.session.flush([subject]) if subject in db.session.new else None
        subject_type, subject_id = subject.__tablename__, subject.id
    event = AuditEvent(
        actor_id=actor_id if actor_id is not None else _current_actor_id(),
        action=action,
        subject_type=str(subject_type),
        subject_id=str(subject_id),
        details={key: value for key, value in details.items() if value is not None},
    )
    db.session.add(event)
    return event
