"""The app's side of search: open the index, catch it up with the database, rebuild it.

Every node keeps its own index folder. Changes are rows in `search_changes` (written with the
change itself); a node applies the rows after its index's `applied_sequence` after each write
and before each search, so no node is ever the only copy of anything.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

from flask import current_app, g, jsonify, make_response, render_template, request
from sqlalchemy import func, or_, select

from marketplace.extensions import db
from marketplace.search import applier, healing
from marketplace.search.engine import (
    FeedBatch,
    IndexBusyError,
    IndexCheck,
    IndexUnavailableError,
    SearchIndex,
    SearchRequest,
    SearchResult,
)
from marketplace.search.feed import DEFAULT_HORIZON
from marketplace.search.models import SearchChange
from marketplace.search.sources import SOURCES

log = logging.getLogger("marketplace.search")
CATCH_UP_BATCH = 1000
GAP_WINDOW = 10_000  # ids below the newest that may still be in flight when a batch is read


def init_app(app) -> None:
    from marketplace.health import register_check

    register_check(app, "search", health)

    @app.errorhandler(healing.SearchUnavailable)
    def search_unavailable(error):
        return _unavailable_response()

    @app.errorhandler(IndexUnavailableError)
    def index_unavailable(error):
        for doctype in SOURCES:
            if healing.problem(doctype):
                healing.heal(doctype, wait=0.0)
        return _unavailable_response()

    @app.context_processor
    def search_notice():
        return {"search_notice": g.get("search_unavailable")}

    @app.before_request
    def start_search_applier():
        if app.config.get("SEARCH_APPLIER") and applier.running_applier(app) is None:
            applier.start(app)

    @app.after_request
    def apply_search_changes(response):
        if g.pop("search_changed", False):
            running = applier.running_applier(app)
            if running is not None:  # the request never waits for the index
                running.wake()
                return response
            try:
                catch_up()
            except Exception:  # the change is safe in the database; the next search or write applies it
                db.session.rollback()
                log.exception("Applying search changes after request failed")
        return response


def _unavailable_response():
    db.session.rollback()
    if request.path.startswith("/api/"):
        response = jsonify(error=healing.MESSAGE)
    else:
        response = make_response(render_template("errors/search_rebuilding.html", message=healing.MESSAGE))
    response.status_code = 503
    response.headers["Retry-After"] = "30"
    return response


def get_index() -> SearchIndex:
    index = current_app.extensions.get("search_index")
    if index is None:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        index = SearchIndex(
            app.config["SEARCH_INDEX_PATH"],
            [source.doctype for source in SOURCES.values()],
            texts={name: source.texts_provider() for name, source in SOURCES.items()},
            cache_mb=int(app.config.get("SEARCH_CACHE_MB", 64)),
        )
        app.extensions["search_index"] = index
        # Whoosh readers hold open files: close them when the app goes, not whenever the garbage
        # collector gets to the file objects (it warned "unclosed file ... MAIN_*.col").
        weakref.finalize(app, index.close)
    return index


def close_index(app) -> None:
    """Stop this app's applier and close its index's files now (app teardown, tests)."""
    running = applier.running_applier(app)
    if running is not None:
        running.stop()
    index = app.extensions.pop("search_index", None)
    if index is not None:
        index.close()


_LATEST = select(func.max(SearchChange.id))


def latest_sequence(doctype: str | None = None) -> int:
    """The highest change id (of every document type: one feed numbers them all)."""
    return db.session.scalar(_LATEST) or 0


def _horizon() -> float:
    return float(current_app.config.get("SEARCH_FEED_HORIZON", DEFAULT_HORIZON))


def catch_up(limit_batches: int = 100, heal_wait: float | None = 0.0) -> int:
    """Apply every change the index has not seen yet; returns how many changes were applied.

    Reads the feed after the index's sequence, and re-reads the gaps below it: ids taken by
    transactions that had not committed when their neighbours were read (see search/feed.py).
    A missing or unreadable index is rebuilt instead (in the background unless `heal_wait`).
    """
    index, applied = get_index(), 0
    latest = latest_sequence()
    for doctype, source in SOURCES.items():
        if healing.problem(doctype):
            healing.heal(doctype, wait=heal_wait)
            continue
        if index.applied_sequence(doctype) > latest:
            # The index is ahead of the database: it was restored from a backup or emptied.
            log.warning("Search index for %s is ahead of the database; rebuilding it", doctype)
            reindex(doctype)
            continue
        applied += _fill_gaps(index, source)
        for _ in range(limit_batches):
            since = index.applied_sequence(doctype)
            rows = db.session.execute(
                select(SearchChange.id, SearchChange.doctype, SearchChange.doc_id)
                .where(SearchChange.id > since)
                .order_by(SearchChange.id)
                .limit(CATCH_UP_BATCH)
            ).all()
            if not rows:
                break
            upto = rows[-1].id
            seen = {row.id for row in rows}
            floor = max(since, upto - GAP_WINDOW) if since else rows[0].id
            missing = tuple(i for i in range(floor + 1, upto) if i not in seen)
            mine = [row.doc_id for row in rows if row.doctype == doctype]
            _apply(index, source, mine, FeedBatch(upto=upto, missing=missing, horizon=_horizon()))
            applied += len(mine)
    return applied


def _fill_gaps(index: SearchIndex, source) -> int:
    """Apply the changes that have appeared in this document type's gaps."""
    doctype = source.doctype.name
    gaps = sorted(index.feed_gaps(doctype))
    if not gaps:
        return 0
    rows: list[Any] = []
    for start in range(0, len(gaps), 500):
        rows += db.session.execute(
            select(SearchChange.id, SearchChange.doctype, SearchChange.doc_id).where(
                SearchChange.id.in_(gaps[start : start + 500])
            )
        ).all()
    if not rows:
        return 0
    mine = [row.doc_id for row in rows if row.doctype == doctype]
    _apply(index, source, mine, FeedBatch(upto=0, filled=tuple(row.id for row in rows), horizon=_horizon()))
    return len(mine)


def _apply(index: SearchIndex, source, doc_ids: list[str], batch: FeedBatch) -> None:
    documents = source.build_documents(dict.fromkeys(doc_ids)) if doc_ids else {}
    present = [doc for doc in documents.values() if doc is not None]
    gone = [doc_id for doc_id, doc in documents.items() if doc is None]
    if gone:
        index.delete(source.doctype.name, gone, sequence=None if present else batch)
    if present or not gone:
        index.upsert(source.doctype.name, present, sequence=batch)


def ensure_caught_up() -> None:
    """Before a search: cheap when nothing changed (one indexed MAX query).

    With a background applier running (see applier.py) the search does not catch up itself: it
    searches what the index has, at most a second behind. An index that is missing or unreadable
    starts rebuilding (see healing.py) and the request notes it, so the page says so."""
    try:
        index = get_index()
        # Each document type's index files are read once a search (status, sequence and format together);
        # the database's latest change id once: another node's or process's changes are seen at once.
        checks: dict[str, IndexCheck | None] = {}
        for doctype in SOURCES:
            check: IndexCheck | None = index.check(doctype)
            if healing.problem(doctype, check):
                if not healing.heal(doctype, wait=float(current_app.config.get("SEARCH_HEAL_WAIT", 2.0))):
                    healing.note_unavailable(doctype)
                check = None  # healing may have rebuilt it: read again below
            checks[doctype] = check
        if applier.running_applier(current_app._get_current_object()) is not None:  # type: ignore[attr-defined]
            return
        latest = latest_sequence()
        for doctype, check in checks.items():
            check = check or index.check(doctype)
            if check.sequence != latest or check.gaps:
                catch_up()
                break
    except IndexBusyError:
        log.warning("Search index busy; searching what it has")
    except IndexUnavailableError as error:
        log.warning("Search index unavailable while catching up: %s", error)


def search(doctype: str, request: SearchRequest) -> SearchResult:
    """Search this node's index, caught up first; SearchUnavailable while it is being rebuilt."""
    ensure_caught_up()
    healing.ensure_usable(doctype)
    try:
        return get_index().search(doctype, request)
    except IndexUnavailableError as error:
        raise healing.unavailable_from(doctype, error) from error


def _missing_below(sequence: int) -> list[int]:
    """Ids in the last GAP_WINDOW below `sequence` that are not visible (transactions in flight)."""
    floor = max(0, sequence - GAP_WINDOW)
    seen = set(db.session.scalars(select(SearchChange.id).where(SearchChange.id > floor, SearchChange.id <= sequence)))
    return [i for i in range(floor + 1, sequence + 1) if i not in seen]


def reindex(doctype: str, progress: Callable[[int, int | None], None] | None = None) -> int:
    """Rebuild one document type aside and swap it in; searches keep working meanwhile.

    The index's sequence becomes the database's (even if lower: a restored database), and
    changes committed during the build are applied afterwards.
    """
    source = SOURCES[doctype]
    sequence = latest_sequence()  # read first: anything committed later is replayed by catch_up
    missing = _missing_below(sequence)
    count = get_index().rebuild(
        doctype,
        source.all_documents(),
        total=source.count_documents(),
        progress=progress,
        sequence=sequence,
        reset_sequence=True,
        missing=missing,
    )
    catch_up()
    return count


def _lag(doctype: str, applied: int, gaps: list[int]) -> int:
    """Changes of this type committed but not in the index: after the sequence, or in a gap."""
    condition = SearchChange.id > applied
    if gaps:
        condition = or_(condition, SearchChange.id.in_(gaps[:5000]))
    return db.session.scalar(select(func.count()).where(SearchChange.doctype == doctype, condition)) or 0


def health() -> dict:
    """Per document type: documents, applied sequence, lag; a broken index makes the node degraded."""
    index = get_index()
    report: dict = {"ok": True}
    for doctype in SOURCES:
        problem = healing.problem(doctype)
        if problem:
            healing.heal(doctype, wait=0.0)
            report["ok"] = False
            report[doctype] = {"state": "rebuilding" if index.is_rebuilding(doctype) else problem}
            continue
        applied = index.applied_sequence(doctype)
        report[doctype] = {
            "documents": index.doc_count(doctype),
            "applied_sequence": applied,
            "lag": _lag(doctype, applied, sorted(index.feed_gaps(doctype))),
        }
    return report
