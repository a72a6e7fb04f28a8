"""Uploading through the real page, as a browser would: CSRF token from the form, multipart body."""

from __future__ import annotations

import contextvars
import io
from datetime import date, timedelta
from pathlib import Path

from werkzeug.test import TestResponse

from marketplace.extensions import db
from marketplace.suppliers.documents import queries
from tests.helpers import Page, PageClient
from tests.storage import files

NEXT_YEAR = date.today() + timedelta(days=365)


def date_parts(value: date) -> list[str]:
    return [str(value.day), str(value.month), str(value.year)]


def upload(
    client: PageClient,
    *,
    content: bytes | None = None,
    filename: str = "insurance.pdf",
    kind: str | None = "insurance",
    title: str = "Public liability insurance",
    expires_on: list[str] | None = None,
    expected: int | None = None,
) -> Page:
    """Post the upload form; the file is left out entirely when `content` is None and filename is empty."""
    page = client.get("suppliers.documents")
    forms = page.soup.find_all("form")
    index = next(i for i, form in enumerate(forms) if form.get("id") == "upload-document")
    assert forms[index].get("enctype") == "multipart/form-data"
    action, fields = page.form_fields(index)
    data: dict = {name: values[0] for name, values in fields.items() if name != "expires_on"}
    data.update(title=title, expires_on=expires_on if expires_on is not None else date_parts(NEXT_YEAR))
    if kind is not None:
        data["kind"] = kind
    if content is not None or filename:
        data["file"] = (io.BytesIO(files.pdf() if content is None else content), filename)
    return client.post(action, data=data, expected=expected)


def stored_objects(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def documents_of(organisation) -> list:
    return queries.list_documents(organisation.id)


def download(client: PageClient, document_id: int) -> TestResponse:
    """The raw response (PageClient pages keep only text), from a fresh app context like a real request."""
    db.session.rollback()
    # An empty context: the request pushes its own app context, as a real one does (see PageClient).
    return contextvars.Context().run(client.client.get, f"/supplier/documents/{document_id}/download")


def signed_in(app, user) -> PageClient:
    """A new browser (its own cookies) signed in as `user`."""
    from tests.factories import sign_in

    client = PageClient(app)
    sign_in(client, user)
    return client
