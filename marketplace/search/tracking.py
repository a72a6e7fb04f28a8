"""Record search changes automatically when searchable rows are flushed.

Domains register which models feed which document type (`track`), so no write service
can forget to tell the index: the SearchChange row joins the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import g
from sqlalchemy import event

from marketplace.extensions import db
from marketplace.search.models import SearchChange

_TRACKED: dict[type, tuple[str, Callable[[Any], Any]]] = {}
_listening = False


def track(model: type, doctype: str, doc_id: Callable[[Any], Any]) -> None:
    """Changes to `model` rows mark document `doc_id(row)` of `doctype` as changed."""
    _TRACKED[model] = (doctype, doc_id)
    _listen_once()


def mark_changed(doctype: str, doc_ids) -> None:
    """For changes the flush hook cannot see (e.g. bulk updates): call inside the transaction."""
    for doc_id in dict.fromkeys(str(i) for i in doc_ids):
        db.session.add(SearchChange(doctype=doctype, doc_id=doc_id))


def _listen_once() -> None:
    global _listening
    if _listening:
        return
    _listening = True

    @event.listens_for(db.session, "before_flush")
    def record_search_changes(session, flush_context, instances):
        changed: set[tuple[str, str]] = set()
        for obj in [*session.new, *session.dirty, *session.deleted]:
            entry = _TRACKED.get(type(obj))
            if entry is None or (obj in session.dirty and not session.is_modified(obj)):
                continue
            doctype, doc_id = entry
            key = doc_id(obj)
            if key is None and obj in session.new:
                session.info.setdefault("search_pending_new", []).append((doctype, obj, doc_id))
                continue
            if key is not None:
                changed.add((doctype, str(key)))
        for doctype, key in sorted(changed):
            session.add(SearchChange(doctype=doctype, doc_id=key))
        if changed:
            session.info["search_touched"] = True

    @event.listens_for(db.session, "after_flush")
    def record_new_rows(session, flush_context):
        # New rows only know their id after the flush; add their changes for the next flush/commit.
        pending = session.info.pop("search_pending_new", [])
        for doctype, obj, doc_id in pending:
            key = doc_id(obj)
            if key is not None:
                session.add(SearchChange(doctype=doctype, doc_id=str(key)))
                session.info["search_touched"] = True

    @event.listens_for(db.session, "after_commit")
    def note_commit(session):
        if session.info.pop("search_touched", False):
            try:
                g.search_changed = True
            except RuntimeError:  # outside a request: the next search or `flask search catch-up` applies it
                pass
