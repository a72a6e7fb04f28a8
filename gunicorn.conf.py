"""gunicorn settings for production: threaded workers that warm their search index before serving."""

import gc
import os

worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
accesslog = "-"


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
