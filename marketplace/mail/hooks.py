"""After a transaction that wrote emails commits, nudge the worker to send them now (no SMTP here).

The nudge only enqueues a task; if the queue cannot be reached, the worker's every-minute job sends them.
"""

from __future__ import annotations

from sqlalchemy import event

from marketplace.extensions import db
from marketplace.mail.models import OutboxEmail

SEND_SOON = "mail.send-soon"
_listening = False


def _listen_once() -> None:
    """Session events are global to the session class: register them once however many apps exist."""
    global _listening
    if _listening:
        return
    _listening = True

    @event.listens_for(db.session, "after_flush")
    def note_new_emails(session, flush_context):
        if any(isinstance(obj, OutboxEmail) for obj in session.new):
            session.info["outbox_touched"] = True

    @event.listens_for(db.session, "after_commit")
    def nudge_worker(session):
        if session.info.pop("outbox_touched", False):
            from flask import has_app_context

            from marketplace.worker import enqueue

            if has_app_context():
                enqueue(SEND_SOON)


def init_app(app) -> None:
    from marketplace.mail.delivery import send_pending
    from marketplace.worker import crontab, register_periodic, register_task

    _listen_once()
    register_task(app, name=SEND_SOON, func=send_pending)
    register_periodic(app, name="mail.send-pending", schedule=crontab(), func=send_pending)
