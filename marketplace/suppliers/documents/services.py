"""Every write to supplier documents: one commit per action, each audited.

Rows and stored objects stay in agreement through marketplace/storage/records.py.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.storage import CheckedUpload
from marketplace.storage.records import delete_stored_object, save_upload
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
    return save_upload(
        checked,
        SupplierDocument(organisation_id=organisation.id, kind=kind, title=title, expires_on=expires_on),
        uploaded_by_id=actor.id,
        key_in_use=queries.storage_key_in_use,
        audit=lambda document: _uploaded(organisation, actor, document),
    )


def _uploaded(organisation: Organisation, actor: User, document: SupplierDocument) -> None:
    organisation.updated_at = clock.now()  # new evidence counts as a profile update for buyers
    record(
        "document.uploaded",
        document,
        actor_id=actor.id,
        organisation=organisation.id,
        kind=document.kind,
        filename=document.filename,
        size=document.size_bytes,
    )


def delete_document(organisation: Organisation, document: SupplierDocument, actor: User) -> None:
    if document.organisation_id != organisation.id:
        raise NotThisOrganisation(f"Document {document.id} is not in organisation {organisation.id}")
    key = document.storage_key
    record(
        "document.deleted",
        document,
        actor_id=actor.id,
        organisation=organisation.id,
        title=document.title,
        filename=document.filename,
    )
    db.session.delete(document)
    organisation.updated_at = clock.now()
    db.session.commit()
    delete_stored_object(key)
