"""Emails about evaluation and award: through the outbox, links from SERVICE_URL, and never any bid
content (the assessment summary itself is read on the site, signed in)."""

from __future__ import annotations

from collections.abc import Iterable

from marketplace.mail.services import queue_email
from marketplace.opportunities.emails import link

__all__ = ["link", "send"]


def send(recipients: Iterable[str], subject: str, template: str, **context) -> int:
    sent = 0
    for email in dict.fromkeys(address for address in recipients if address):
        queue_email(email, subject[:200], f"evaluation/{template.removesuffix('.txt')}", **context)
        sent += 1
    return sent
