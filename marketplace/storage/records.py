"""Keeping database rows and stored objects in agreement.

A row pointing at a missing object breaks downloads; an object no row points at is only
wasted space. So an upload stores the object before its row is committed, and a delete commits
the row's removal before removing the object: any failure in between leaves, at worst, an orphan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from marketplace.extensions import db
from marketplace.storage import CheckedUpload, StorageError, get_storage, make_document_key
from marketplace.storage.models import StoredFileColumns

log = logging.getLogger("marketplace.storage")

Row = TypeVar("Row", bound=StoredFileColumns)


def save_upload(
    checked: CheckedUpload,
    row: Row,
    *,
    uploaded_by_id: int | None,
    key_in_use: Callable[[str], bool],
    audit: Callable[[Row], object],
) -> Row:
    """Keep a checked upload: the one way every domain stores a file and commits the row that names it.

    `row` is the new row with the columns only its domain knows (its parent, title, kind …). This stores
    the file under a new random key, fills in the file's columns (name, type, size, digest, key, uploader),
    adds the row and flushes it, so `audit(row)` can record the audit row with the row's id (and change
    whatever else the action changes), then commits: one commit. Any failure rolls back and removes the
    stored object, as `stored_upload` does.
    """
    with stored_upload(checked, key_in_use=key_in_use) as key:
        row.filename = checked.filename
        row.content_type = checked.content_type
        row.size_bytes = checked.size
        row.sha256 = checked.sha256
        row.storage_key = key
        row.uploaded_by_id = uploaded_by_id
        db.session.add(row)
        db.session.flush()
        audit(row)
        db.session.commit()
    return row


@contextmanager
def stored_upload(checked: CheckedUpload, *, key_in_use: Callable[[str], bool]) -> Iterator[str]:
    """Store the file under a new random key and yield the key; the caller adds its row and commits.

    If anything in the block fails, the session is rolled back and the object deleted, unless a
    row does refer to it (a commit can fail after the database has in fact committed).
    """
    key = make_document_key()  # random, never from the file's name
    get_storage().put(key, checked.data, content_type=checked.content_type)
    try:
        yield key
    except BaseException:
        db.session.rollback()
        _discard_unreferenced(key, key_in_use)
        raise


def delete_stored_object(key: str) -> None:
    """Call after the row's removal is committed."""
    try:
        get_storage().delete(key)
    except StorageError:
        log.exception("Could not delete stored object %s; it is orphaned (harmless) and can be removed by hand", key)


def _discard_unreferenced(key: str, key_in_use: Callable[[str], bool]) -> None:
    try:
        in_use = key_in_use(key)
        db.session.rollback()  # end the read, so the caller's error handling starts clean
    except Exception:
        db.session.rollback()
        log.warning("Kept stored object %s: could not check whether a row refers to it", key)
        return
    if not in_use:
        delete_stored_object(key)
