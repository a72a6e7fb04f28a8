"""Keeping database rows and stored objects in agreement.

A row pointing at a missing object breaks downloads; an object no row points at is only
wasted space. So an upload stores the object before its row is committed, and a delete commits
the row's removal before removing the object: any failure in between leaves, at worst, an orphan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from marketplace.extensions import db
from marketplace.storage import CheckedUpload, StorageError, get_storage, make_document_key

log = logging.getLogger("marketplace.storage")


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
