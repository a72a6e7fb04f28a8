"""Emails about guides: through the outbox, links built from SERVICE_URL (never the request's Host)."""

from __future__ import annotations

from flask import current_app, url_for


def link(endpoint: str, **values) -> str:
    return current_app.config["SERVICE_URL"].rstrip("/") + url_for(endpoint, **values)
