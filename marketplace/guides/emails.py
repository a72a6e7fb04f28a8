"""Emails about guides: through the outbox, links on SERVICE_URL (never the request's Host)."""

from __future__ import annotations

from marketplace.links import external_url


def link(endpoint: str, **values) -> str:
    return external_url(endpoint, **values)
