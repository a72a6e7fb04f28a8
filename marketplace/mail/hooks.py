"""Deliver emails soon after the transaction that wrote them commits."""

from __future__ import annotations

import logging

from flask import g
from sqlalchemy import event

from marketplace.extensions import db
from marketplace.mail.models import OutboxEmail

log = logging.getLogger("marketplace.mail")


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
    def mark_ready(session):
        if session.info.pop("outbox_touched", False):
            try:
                g.outbox_ready = True
            except RuntimeError:  # outside a request (CLI): `flask mail send-pending` delivers
                pass


def init_app(app) -> None:
    _listen_once()

    @app.after_request
    def deliver_ready_emails(response):
        if g.pop("outbox_ready", False) and app.config.get("MAIL_SEND_AFTER_REQUEST", True):
            from marketplace.mail.services import send_pending

            try:
                send_pending(limit=20)
            except Exception:  # the emails stay pending and are retried; the user's action has succeeded
                db.session.rollback()
                log.exception("Delivering emails after request failed")
        return response
