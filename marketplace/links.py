"""Absolute links on the service's public address (SERVICE_URL), never the request's Host header.

Emails, feeds, open data and identifiers that must not change (Atom ids, .ics UIDs) all use these, so a
request with `Host: evil.example` cannot put another site's address into what the service sends out.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app, request, url_for


def service_url() -> str:
    return current_app.config["SERVICE_URL"].rstrip("/")


def service_host() -> str:
    """The public host name, for identifiers such as calendar UIDs."""
    return urlsplit(service_url()).hostname or "localhost"


def external_url(endpoint: str, **values) -> str:
    """`url_for(endpoint, **values)` as an absolute link on SERVICE_URL."""
    values.pop("_external", None)
    path = url_for(endpoint, **values)
    # url_for includes the request's script root; SERVICE_URL is the whole public prefix.
    return service_url() + path


def external_request_url() -> str:
    """This request's path and query on SERVICE_URL (for example an Atom feed's own `self` link)."""
    return service_url() + request.script_root + request.full_path.rstrip("?")
