"""Index changes applied in the background, on every node: edits never wait for the index.

A web request that changes something searchable only writes its `search_changes` row (in its own
transaction). Each process runs one applier thread, started with its first request when
`SEARCH_APPLIER` is on (development and production; tests call the services directly). The
thread catches this node's index up with the database every `SEARCH_APPLY_INTERVAL` seconds, and
at once when a request in this process has just committed a change. Of the processes of a node
(gunicorn workers sharing one index folder) one applies at a time, holding a node-wide flock;
the others skip that round. Searches in every process see a commit within their refresh interval
(0.1 s), so a change is searchable on every node within interval + apply time + 0.1 s.

`apply_pending()` is the same work as a plain function, for a scheduler that prefers to call it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

from flask import Flask, current_app

log = logging.getLogger("marketplace.search")


def apply_pending() -> int:
    """Catch this node's index up with the database, unless another process of the node is
    doing it right now; returns the number of changes applied."""
    from marketplace.search import services

    with _node_lock(Path(current_app.config["SEARCH_INDEX_PATH"])) as mine:
        return services.catch_up() if mine else 0


@contextlib.contextmanager
def _node_lock(root: Path) -> Iterator[bool]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "applier.lock", "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            yield False
            return
        yield True  # closing the file releases the lock


class Applier:
    """This process's applier thread."""

    def __init__(self, app: Flask, interval: float) -> None:
        self.app, self.interval = app, interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self.rounds = 0
        self._thread = threading.Thread(target=self._run, name="search-applier", daemon=True)

    def start(self) -> Applier:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._stop.is_set()

    def _run(self) -> None:
        from marketplace.extensions import db

        while not self._stop.is_set():
            with self.app.app_context():
                try:
                    apply_pending()
                except Exception:  # the changes stay in the database: the next round applies them
                    log.exception("Applying search changes failed")
                finally:
                    db.session.remove()
            self.rounds += 1
            self._wake.wait(self.interval)
            self._wake.clear()


def running_applier(app: Flask) -> Applier | None:
    applier = app.extensions.get("search_applier")
    return applier if applier is not None and applier.running else None


_starting = threading.Lock()


def start(app: Flask) -> Applier:
    """Start this process's applier (idempotent, thread-safe)."""
    with _starting:
        applier = running_applier(app)
        if applier is None:
            applier = Applier(app, float(app.config.get("SEARCH_APPLY_INTERVAL", 0.25))).start()
            app.extensions["search_applier"] = applier
        return applier
