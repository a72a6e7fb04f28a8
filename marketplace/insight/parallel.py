"""Running the figures' independent groups of statements side by side, each on its own database connection.

Counting a month afresh is ~45 grouped statements, most of them waiting on the database; run one after
another they use one database core. `run` gives each task (a function of no arguments that reads through
`db.session`) but the last its own application context, so its own session and connection, in a small
thread pool shared by the process; the last runs meanwhile in the caller's thread and session.
`INSIGHT_PARALLEL_QUERIES` is how many run at once for one request, counting the caller (1: everything in
the caller's thread, as before); the pool has one thread fewer, whatever the number of requests, so the
connections it takes are bounded too. A pool task's transaction is read-only on PostgreSQL and its session
is closed when it ends, so its connection goes back to the engine's pool.

The figures mean the same either way: under READ COMMITTED every statement already sees the data as
committed when it starts, whichever connection runs it (and on SQLite, each connection sees what is
committed). The first failing task's exception is raised, after every task has finished or been cancelled.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from flask import Flask, current_app
from sqlalchemy import text

from marketplace.extensions import db

T = TypeVar("T")
EXTENSION = "insight_parallel"
_lock = threading.Lock()
_task = threading.local()  # set in the pool's threads while they run a task


def width() -> int:
    """How many of one request's statements may run at once (1: one after another, in the request's thread).
    An in-memory SQLite database is one connection's own, so it is always 1 there."""
    configured = int(current_app.config.get("INSIGHT_PARALLEL_QUERIES", 1))
    if configured <= 1:
        return 1
    url = db.engine.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return 1
    return configured


def _executor(app: Flask, workers: int) -> ThreadPoolExecutor:
    """The process's pool of `workers` threads, made on first use (so after gunicorn forks its workers:
    threads do not survive a fork, hence the process id)."""
    with _lock:
        found = app.extensions.get(EXTENSION)
        if found is not None and found[0] == os.getpid() and found[1] == workers:
            return found[2]
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="insight")
        app.extensions[EXTENSION] = (os.getpid(), workers, executor)
    if found is not None and found[0] == os.getpid():
        found[2].shutdown(wait=False)  # the setting changed (tests): let the old threads finish and go
    return executor


def shutdown(app: Flask) -> None:
    """Stop this process's pool (tests; a process that exits stops it anyway)."""
    with _lock:
        found = app.extensions.pop(EXTENSION, None)
    if found is not None and found[0] == os.getpid():
        found[2].shutdown(wait=True)


def _in_own_context(app: Flask, task: Callable[[], T]) -> T:
    """Run `task` in a new application context: a session and connection of its own, read-only, closed after."""
    with app.app_context():
        _task.running = True
        try:
            if db.engine.dialect.name == "postgresql":
                db.session.execute(text("SET TRANSACTION READ ONLY"))
            return task()
        finally:
            _task.running = False
            db.session.remove()  # roll back and return the connection (the context's teardown would too)


def run(tasks: Mapping[str, Callable[[], Any]]) -> dict[str, Any]:
    """Each task's result by name. With a width above 1 the tasks run side by side (the last in this thread and
    session, the rest in the pool, first come first served); otherwise one after another here, in order."""
    # A task that runs tasks itself runs them in its own thread: waiting for the pool from inside it could wait
    # for ever.
    workers = 0 if getattr(_task, "running", False) else width() - 1
    if workers < 1 or len(tasks) < 2:
        return {name: task() for name, task in tasks.items()}
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    executor = _executor(app, workers)
    names = list(tasks)
    futures: dict[str, Future[Any]] = {}
    results: dict[str, Any] = {}
    failure: BaseException | None = None
    try:
        for name in names[:-1]:
            futures[name] = executor.submit(_in_own_context, app, tasks[name])
        results[names[-1]] = tasks[names[-1]]()  # the request's own session, while the pool works
    except BaseException as error:  # re-raised below, once the other tasks have stopped
        failure = error
    for name, future in futures.items():
        if failure is not None and future.cancel():
            continue
        try:
            results[name] = future.result()
        except BaseException as error:  # the first failure is raised below
            if failure is None:
                failure = error
    if failure is not None:
        raise failure
    return {name: results[name] for name in names}
