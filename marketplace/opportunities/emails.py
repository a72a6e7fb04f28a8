"""Emails about opportunities and bids: always through the outbox, links built from SERVICE_URL
(never the request's Host), and never any bid content beyond the bidder's own receipt code."""

from __future__ import annotations

from collections.abc import Iterable

from marketplace.links import external_url
from marketplace.mail.services import queue_email


def link(endpoint: str, **values) -> str:
    """An absolute link on the service's public address, whatever Host the request came with."""
    return external_url(endpoint, **values)


def send(recipients: Iterable[str], subject: str, template: str, **context) -> int:
    """Queue one email per distinct recipient in the caller's transaction; returns how many."""
    sent = 0
    for email in dict.fromkeys(address for address in recipients if address):
        queue_email(email, subject[:200], f"opportunities/{template.removesuffix('.txt')}", **context)
        sent += 1
    return sent
