"""A document row never points at a missing object, and a failed upload leaves nothing behind."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from marketplace.extensions import db
from marketplace.storage import StorageError, get_storage
from marketplace.suppliers.documents import services
from marketplace.suppliers.models import SupplierDocument
from tests.factories import create_organisation, owner_of, sign_in

from .uploads import documents_of, download, stored_objects, upload


@pytest.fixture
def organisation(client):
    organisation = create_organisation()
    sign_in(client, owner_of(organisation))
    return organisation


def test_failed_commit_leaves_no_object_and_no_row(app, client, organisation, monkeypatch):
    real_commit = db.session.commit
    failed = []

    def commit_fails_once_with_a_document():
        # Injected failure: the database refuses the commit that would save the document.
        if not failed and any(isinstance(item, SupplierDocument) for item in db.session):
            failed.append(True)
            raise OperationalError("COMMIT", {}, Exception("database went away"))
        real_commit()

    monkeypatch.setattr(db.session, "commit", commit_fails_once_with_a_document)
    page = upload(client, expected=500)
    assert "Sorry, there is a problem with the service" in page.text
    assert failed
    monkeypatch.undo()

    assert documents_of(organisation) == []
    assert stored_objects(Path(app.config["STORAGE_LOCAL_PATH"])) == []


def test_storage_failure_keeps_the_answers_and_saves_nothing(client, organisation, monkeypatch):
    storage = get_storage()

    def put_fails(*args, **kwargs):
        raise StorageError("the disk is full")  # injected: the store itself fails

    monkeypatch.setattr(storage, "put", put_fails)
    page = upload(client, title="Employers liability", expected=200)
    assert page.field_error("file") == "The file could not be saved. Try again later"
    assert page.value_of("title") == "Employers liability"
    assert documents_of(organisation) == []


def test_object_deletion_failure_still_removes_the_row(client, organisation, monkeypatch, caplog):
    upload(client, expected=302)
    [document] = documents_of(organisation)

    def delete_fails(key):
        raise StorageError("S3 is down")

    monkeypatch.setattr(get_storage(), "delete", delete_fails)
    # Alembic's fileConfig (run by the migration fixtures) disables loggers that already exist.
    monkeypatch.setattr(logging.getLogger(services.__name__), "disabled", False)
    client.submit(client.get("suppliers.delete_document", document_id=document.id), expected=302)
    assert documents_of(organisation) == []
    assert "orphaned" in caplog.text


def test_missing_object_is_a_404_not_an_error(client, organisation):
    upload(client, expected=302)
    [document] = documents_of(organisation)
    get_storage().delete(document.storage_key)  # as if someone emptied the bucket by hand
    assert download(client, document.id).status_code == 404


def test_a_download_while_s3_is_unreachable_says_try_again_later(app, client, organisation, monkeypatch):
    from marketplace.storage.backends import S3Storage
    from tests.mail.smtp_servers import closed_port

    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", os.devnull)
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    upload(client, expected=302)
    [document] = documents_of(organisation)
    # The object store stops answering: a real S3 client aimed at a port nobody listens on.
    app.extensions["storage"] = S3Storage("documents", endpoint_url=f"http://127.0.0.1:{closed_port()}")
    response = download(client, document.id)
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "Try again later" in response.get_data(as_text=True)
