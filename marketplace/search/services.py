"""The app's side of search: open the index, catch it up with the database, rebuild it.

Every node keeps its own index folder. Changes are rows in `search_changes` (written with the
change itself); a node applies the rows after its index's `applied_sequence` after each write
and before each search, so no node is ever the only copy of anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import current_app, g
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.search.engine import IndexBusyError, SearchIndex
from marketplace.search.models import SearchChange
from marketplace.search.sources import SOURCES

log = logging.getLogger("marketplace.search")
CATCH_UP_BATCH = 1000


def init_app(app) -> None:
    from marketplace.health import register_check

    register_check(app, "search", health)

    @app.after_request
    def apply_search_changes(response):
        if g.pop("search_changed", False):
            try:
                catch_up()
            except Exception:  # the change is safe in the database; the next search or write applies it
                db.session.rollback()
                log.exception("Applying search changes after request failed")
        return response


def get_index() -> SearchIndex:
    index = current_app.extensions.get("search_index")
    if index is None:
        index = SearchIndex(current_app.config["SEARCH_INDEX_PATH"], [source.doctype for source in SOURCES.values()])
        current_app.extensions["search_index"] = index
    return index


def latest_sequence(doctype: str) -> int:
    return db.session.scalar(select(func.max(SearchChange.id)).where(SearchChange.doctype == doctype)) or 0


def catch_up(limit_batches: int = 100) -> int:
    """Apply every change the index has not seen yet; returns how many changes were applied."""
    index, applied = get_index(), 0
    for doctype, source in SOURCES.items():
        if index.applied_sequence(doctype) > latest_sequence(doctype):
            # The index is ahead of the database: it was restored from a backup or emptied.
            log.warning("Search index for %s is ahead of the database; rebuilding it", doctype)
            reindex(doctype)
            continue
        for _ in range(limit_batches):
            since = index.applied_sequence(doctype)
            rows = db.session.execute(
                select(SearchChange.id, SearchChange.doc_id)
                .where(SearchChange.doctype == doctype, SearchChange.id > since)
                .order_by(SearchChange.id)
                .limit(CATCH_UP_BATCH)
            ).all()
            if not rows:
                break
            _apply(index, source, [doc_id for _, doc_id in rows], sequence=rows[-1][0])
            applied += len(rows)
    return applied


def _apply(index: SearchIndex, source, doc_ids: list[str], sequence: int) -> None:
    documents = source.build_documents(dict.fromkeys(doc_ids))
    present = [doc for doc in documents.values() if doc is not None]
    gone = [doc_id for doc_id, doc in documents.items() if doc is None]
    if gone:
        index.delete(source.doctype.name, gone, sequence=None if present else sequence)
    if present or not gone:
        index.upsert(source.doctype.name, present, sequence=sequence)


def ensure_caught_up() -> None:
    """Before a search: cheap when nothing changed (one indexed MAX query)."""
    try:
        if any(get_index().applied_sequence(doctype) != latest_sequence(doctype) for doctype in SOURCES):
            catch_up()
    except IndexBusyError:
        log.warning("Search index busy; searching what it has")


def reindex(doctype: str, progress: Callable[[int, int | None], None] | None = None) -> int:
    """Rebuild one document type aside and swap it in; searches keep working meanwhile.

    The index's sequence becomes the database's (even if lower: a restored database), and
    changes committed during the build are applied afterwards.
    """
    source = SOURCES[doctype]
    sequence = latest_sequence(doctype)  # read first: anything committed later is replayed by catch_up
    count = get_index().rebuild(
        doctype,
        source.all_documents(),
        total=source.count_documents(),
        progress=progress,
        sequence=sequence,
        reset_sequence=True,
    )
    catch_up()
    return count


def health() -> dict:
    index = get_index()
    report = {"ok": True}
    for doctype in SOURCES:
        applied, latest = index.applied_sequence(doctype), latest_sequence(doctype)
        report[doctype] = {
            "documents": index.doc_count(doctype),
            "applied_sequence": applied,
            "lag": max(0, latest - applied),
        }
    return report
