"""An index that heals itself: noticing a missing or unreadable index and rebuilding it aside.

Each node's index is derived from the database, so losing it loses nothing: a node that finds
its index folder deleted, or a file it cannot read, rebuilds it from the database in a
background thread (the rebuild takes the index's REBUILDING marker, so of several processes
sharing the folder one builds and the others wait). Meanwhile searches raise
`SearchUnavailable`, which pages show as "search is being rebuilt" (a 503, never a 500), and
pages with another way to search (notices fall back to plain matching) show a banner.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask, current_app, g, has_request_context

from marketplace.search.engine import IndexCheck, IndexUnavailableError, RebuildInProgressError

log = logging.getLogger("marketplace.search")
MESSAGE = "Search is being rebuilt. Results will be back in a few minutes: please try again shortly."
REPLAY_LIMIT = 5_000  # changes an empty index replays from the feed rather than being rebuilt
_threads: dict[tuple[int, str], threading.Thread] = {}
_lock = threading.Lock()


class SearchUnavailable(RuntimeError):
    """This node's index for a document type is being rebuilt; there is nothing to search yet."""

    def __init__(self, doctype: str) -> None:
        super().__init__(f"the {doctype} index is being rebuilt")
        self.doctype = doctype


def problem(doctype: str, check: IndexCheck | None = None) -> str | None:
    """Why this node cannot search `doctype` now: "missing", "unreadable", "outdated" or None
    (`check`: the index as just read, `SearchIndex.check`)."""
    from marketplace.search import services

    check = check or services.get_index().check(doctype)
    status = check.status
    if status == "empty":
        # Never written by this process: a fresh install, a new node, or a folder deleted before a
        # restart. A short feed is simply replayed by catching up; a long one is rebuilt aside.
        if services.latest_sequence() <= REPLAY_LIMIT:
            return None
        return "missing" if services.SOURCES[doctype].count_documents() else None
    if status == "ok" and check.outdated:
        return "outdated"  # built by an older version of the engine (a deploy changed the format)
    return None if status == "ok" else status


def heal(doctype: str, wait: float | None = 0.0) -> bool:
    """Start rebuilding `doctype` in the background (once per process); True if it is healthy
    again within `wait` seconds (None: wait until the rebuild ends)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    key = (id(app), doctype)
    with _lock:
        thread = _threads.get(key)
        if thread is None or not thread.is_alive():
            log.warning("Search index for %s is missing or unreadable: rebuilding it from the database", doctype)
            thread = threading.Thread(target=_rebuild, args=(app, doctype), name=f"search-heal-{doctype}", daemon=True)
            _threads[key] = thread
            thread.start()
    thread.join(timeout=wait)
    return not thread.is_alive() and problem(doctype) is None


def _rebuild(app: Flask, doctype: str) -> None:
    from marketplace.extensions import db
    from marketplace.search import services

    with app.app_context():
        try:
            services.reindex(doctype)
            log.info("Search index for %s rebuilt", doctype)
        except RebuildInProgressError:
            log.info("Search index for %s is being rebuilt by another process", doctype)
        except Exception:
            log.exception("Rebuilding the search index for %s failed", doctype)
        finally:
            db.session.remove()


def note_unavailable(doctype: str) -> None:
    """Remember for this request that searching `doctype` is degraded (shown as a banner)."""
    if has_request_context():
        g.search_unavailable = MESSAGE


def ensure_usable(doctype: str) -> None:
    """Raise SearchUnavailable (after starting a rebuild) unless `doctype` can be searched."""
    if problem(doctype) is None:
        return
    if heal(doctype, wait=float(current_app.config.get("SEARCH_HEAL_WAIT", 2.0))):
        return
    note_unavailable(doctype)
    raise SearchUnavailable(doctype)


def unavailable_from(doctype: str, error: IndexUnavailableError) -> SearchUnavailable:
    """An index that failed mid-search: start healing it and explain."""
    log.warning("Search index for %s failed: %s", doctype, error)
    heal(doctype, wait=0.0)
    note_unavailable(doctype)
    return SearchUnavailable(doctype)
