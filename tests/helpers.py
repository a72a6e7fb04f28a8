"""A small browser for tests: requests by endpoint, parses the page, submits its forms.

Every page it sees is checked for a title and for form actions that stay on this site.
Each request runs in its own application context (as in production), not the test's.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from flask import url_for

from marketplace.extensions import db


@dataclass
class Page:
    status: int
    html: str
    location: str | None
    headers: dict = field(default_factory=dict)

    @cached_property
    def soup(self) -> BeautifulSoup:  # parsed once: every page is checked, then read by the test
        return BeautifulSoup(self.html, "html.parser")

    @property
    def title(self) -> str:
        tag = self.soup.title
        return tag.get_text(strip=True) if tag else ""

    @property
    def heading(self) -> str:
        tag = self.soup.find("h1")
        return " ".join(tag.get_text(" ", strip=True).split()) if tag else ""

    @property
    def text(self) -> str:
        main = self.soup.find("main") or self.soup
        return " ".join(main.get_text(" ", strip=True).split())

    @property
    def error_summary(self) -> list[str]:
        summary = self.soup.select_one(".govuk-error-summary")
        return [a.get_text(strip=True) for a in summary.select("a")] if summary else []

    def field_error(self, field_id: str) -> str | None:
        tag = self.soup.find(id=f"{field_id}-error")
        return " ".join(tag.get_text(" ", strip=True).replace("Error:", "").split()) if tag else None

    def value_of(self, field_id: str) -> str | None:
        tag = self.soup.find(id=field_id)
        if tag is None:
            return None
        return tag.get_text() if tag.name == "textarea" else tag.get("value")

    def form_fields(self, index: int = 0) -> tuple[str, dict[str, list[str]]]:
        form = self.soup.find_all("form")[index]
        fields: dict[str, list[str]] = {}
        for tag in form.find_all(["input", "textarea", "select"]):
            name = tag.get("name")
            if not name or tag.get("type") in {"submit", "file"}:
                continue
            if tag.get("type") in {"checkbox", "radio"} and not tag.has_attr("checked"):
                continue
            if tag.name == "select":
                chosen = tag.find("option", selected=True) or tag.find("option")
                value = chosen.get("value", chosen.get_text()) if chosen else ""
            else:
                value = tag.get_text() if tag.name == "textarea" else tag.get("value", "")
            fields.setdefault(name, []).append(value)
        return form.get("action") or "", fields


class PageClient:
    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self.last: Page | None = None

    def url(self, endpoint_or_path: str, **values) -> str:
        if endpoint_or_path.startswith("/"):
            return endpoint_or_path
        with self.app.test_request_context():
            return url_for(endpoint_or_path, **values)

    def get(self, endpoint: str, expected: int | None = 200, **values) -> Page:
        return self._request("GET", self.url(endpoint, **values), expected)

    def post(self, endpoint: str, data: dict | None = None, expected: int | None = None, **values) -> Page:
        return self._request("POST", self.url(endpoint, **values), expected, data=data or {})

    def submit(self, page: Page | None = None, form_index: int = 0, expected: int | None = None, **overrides) -> Page:
        """Fill in the page's form like a person would (CSRF token included) and send it."""
        page = page or self.last
        action, fields = page.form_fields(form_index)
        data: dict = {name: values if len(values) > 1 else values[0] for name, values in fields.items()}
        data.update(overrides)
        return self._request("POST", action or self._last_path, expected, data=data)

    def follow(self, page: Page | None = None, expected: int | None = 200) -> Page:
        page = page or self.last
        assert page.location, f"expected a redirect, got {page.status}"
        return self.get(page.location, expected=expected)

    def raw(self, path: str, method: str = "GET", **kwargs):
        """The bare response (JSON, CSV, files), in its own application context like any request."""
        db.session.rollback()
        return self._isolated(method, path, kwargs)

    def csrf_token(self) -> str:
        """A valid token for this session, for sending requests the pages would not offer (attacks)."""
        page = self.get("accounts.sign_out", expected=None)
        if page.status != 200:
            page = self.get("accounts.sign_in")
        return page.form_fields(0)[1]["csrf_token"][0]

    def follow_all(self, page: Page | None = None) -> Page:
        """Follow redirects until a page renders, as a browser would."""
        page = page or self.last
        for _ in range(10):
            if page.status not in (301, 302, 303):
                return page
            page = self.get(page.location, expected=None)
        raise AssertionError("redirect loop")

    def _request(self, method: str, path: str, expected: int | None, **kwargs) -> Page:
        db.session.rollback()  # the test's reads end here; the request sees what is committed
        response = self._isolated(method, path, kwargs)
        page = Page(
            response.status_code,
            response.get_data(as_text=True),
            response.headers.get("Location"),
            dict(response.headers),
        )
        if expected is not None:
            assert page.status == expected, f"{method} {path}: {page.status} (expected {expected})\n{page.text[:800]}"
        if response.mimetype == "text/html":
            _check_page(page)
        self._last_path = urlsplit(path).path
        self.last = page
        return page

    def _isolated(self, method: str, path: str, kwargs: dict):
        # An empty context has no application context active, so the request pushes its own, as a real request
        # does (the test's own app context, with its session, stays out of the request).
        return contextvars.Context().run(self.client.open, path, method=method, **kwargs)


def _check_page(page: Page) -> None:
    if page.status in (301, 302, 303):
        return
    assert page.title, "every page has a <title>"
    for form in page.soup.find_all("form"):
        action = form.get("action") or ""
        assert not urlsplit(action).netloc, f"form posts off-site: {action}"
        if (form.get("method") or "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), "every POST form carries a CSRF token"
