"""Every write to supplier documents: one commit per action, each audited.

The database row and the stored object must agree. A row pointing at a missing object
breaks downloads; an object no row points at is only wasted space. So uploads store the
object before committing the row, and deletes commit the row's removal before removing
the object: any failure in between leaves, at worst, an orphaned object.
"""
from __future__ import annotations

import logging
from datetime import date, timedelta

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.storage import CheckedUpload, StorageError, get_storage, make_document_key
from marketplace.suppliers.documents import queries
from marketplace.suppliers.models import Organisation, SupplierDocument

log = logging.getLogger(__name__)

# Long enough to catch a double click or a resubmitted POST, short enough that a deliberate
# re-upload a little later still makes a new document.
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)


class NotThisOrganisation(Exception):
    """A document from another organisation reached a service: a bug upstream, never a user error."""


def upload_document(
    organisation: Organisation, actor: User, *, kind: str, title: str, expires_on: date | None, checked: CheckedUpload
) -> SupplierDocument:
    """Store the file and record it; the same file and title sent again within a minute is the same upload."""
    since = clock.now() - DOUBLE_SUBMIT_WINDOW
    duplicate = queries.find_recent_upload(organisation.id, sha256=checked.sha256, title=title, since=since)
    if duplicate is not None:
        return duplicate
    key = make_document_key()  # random, never from the file's name
    get_storage().put(key, checked.data, content_type=checked.content_type)
    try:
        document = _add_document(organisation, actor, key, kind=kind, title=title, expires_on=expires_on, checked=checked)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        _discard_unreferenced(key)
        raise
    return document


def _add_document(organisation: Organisation, actor: User, key: str, *, kind: str, title: str, expires_on: date | None, checked: CheckedUpload) -> SupplierDocument:
    document = SupplierDocument(
        organisation_id=organisation.id, kind=kind, title=title, filename=checked.filename,
        content_type=checked.content_type, size_bytes=checked.size, sha256=checked.sha256,
        storage_key=key, expires_on=expires_on, uploaded_by_id=actor.id,
    )
    db.session.add(document)
    organisation.updated_at = clock.now()  # new evidence counts as a profile update for buyers
    db.session.flush()  # the audit row needs the document's id
    record("document.uploaded", document, actor_id=actor.id, organisation=organisation.id, kind=kind, filename=checked.filename, size=checked.size)
    return document


def delete_document(organisation: Organisation, document: SupplierDocument, actor: User) -> None:
    if document.organisation_id != organisation.id:
        raise NotThisOrganisation(f"Document {document.id} is not in organisation {organisation.id}")
    key = document.storage_key
    record("document.deleted", document, actor_id=actor.id, organisation=organisation.id, title=document.title, filename=document.filename)
    db.session.delete(document)
    organisation.updated_at = clock.now()
    db.session.commit()
    _delete_object(key)


def _discard_unreferenced(key: str) -> None:
    """After a failed commit, delete the new object unless a row does point at it.

    A commit can fail after the database has in fact committed (a dropped connection), so
    check first; if even the check fails, keep the object: an orphan is the safe side.
    """
    try:
        in_use = queries.storage_key_in_use(key)
        db.session.rollback()  # end the read, so the caller's error handling starts clean
    except Exception:
        db.session.rollback()
        log.warning("Kept stored object %s: could not check whether a document row refers to it", key)
        return
    if not in_use:
        _delete_object(key)


def _delete_object(key: str) -> None:
    try:
        get_storage().delete(key)
    except StorageError:
        log.exception("Could not delete stored object %s; it is orphaned (harmless) and can be removed by hand", key)
