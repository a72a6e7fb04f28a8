"""gunicorn settings for production: threaded workers that warm their search index before serving."""

import ctypes
import ctypes.util
import gc
import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
accesslog = "-"


M_ARENA_MAX = -8  # glibc's mallopt parameter


def post_fork(server, worker):
    """Two malloc arenas for this worker's threads (MALLOC_ARENA_MAX, default 2; 0 leaves glibc's 8 a core).

    glibc gives threads their own arenas (up to 8 a core) and keeps each arena's freed memory: four request
    threads and the index applier each left free chunks in their own arena, ~25 MB at 100,000 profiles
    (tests/benchmarks/README.md, worker memory). The GIL serialises most allocations anyway, so fewer arenas
    cost no waiting. Set in the worker before its threads start: glibc sizes its arena limit when a second
    thread first asks for one."""
    arenas = int(os.environ.get("MALLOC_ARENA_MAX", "2"))
    name = ctypes.util.find_library("c")
    if arenas <= 0 or not name:
        return
    try:
        ctypes.CDLL(name).mallopt(M_ARENA_MAX, arenas)
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to set
        pass


def post_worker_init(worker):
    """Catch up and warm this worker's index, then freeze start-up objects out of the garbage
    collector: full collections over them paused requests for ~130 ms (tests/benchmarks/README.md)."""
    app = worker.wsgi
    try:
        with app.app_context():
            from marketplace.search import applier
            from marketplace.search.services import catch_up, get_index
            from marketplace.search.sources import SOURCES

            catch_up()
            for doctype in SOURCES:
                get_index().warm(doctype)
            if app.config.get("SEARCH_APPLIER"):
                applier.start(app)  # index changes in the background: requests never wait for the index
    except Exception:  # a cold index is slower, not broken: serve anyway
        worker.log.exception("Could not warm the search index")
    gc.freeze()
