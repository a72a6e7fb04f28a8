"""The background worker: `flask worker` sends email and runs the scheduled jobs, on Huey.

Web requests never do slow or failure-prone work (SMTP, digests, evaluations); they write rows and, at
most, enqueue a task. The worker process picks tasks up and runs each inside an app context with a
request context whose base URL is `SERVICE_URL`, so `url_for(..., _external=True)` builds public links.

Queue store: `SqliteHuey` in `instance/worker.sqlite3` by default (one node), `RedisHuey` when
`WORKER_REDIS_URL` is set (several nodes share one queue), and an in-memory store in tests.

How a domain adds a job (call it from the app factory, e.g. from `<domain>/jobs.py`)::

    from marketplace.worker import crontab, register_periodic

    def register_jobs(app):
        register_periodic(app, name="opportunities.bid-reminders", schedule=crontab(minute="*/15"),
                          func=send_bid_reminders)

`schedule` is a Huey `crontab` read in London time (as council staff say "9am"). `func` takes no
arguments and commits its own work. However many nodes run `flask worker`, each job runs at most once
per scheduled minute and never twice at the same time (a lease row in `worker_leases`, see `leases.py`);
if a run overlaps the next tick, that tick is skipped. Keep jobs idempotent all the same: a node that
dies mid-run leaves the lease until `lease` expires, and the job runs again from the start.

One-off tasks (e.g. "send the outbox now, something was just queued"): `register_task(app, name=…,
func=…)` once, then `enqueue(name)` from anywhere; enqueueing never blocks a request on failure.

Tests: `drain(app)` executes everything queued and `run_due(app)` runs the periodic jobs due at the
moment (freeze `marketplace.clock` first), both through Huey's own `execute`, exactly as the consumer does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey, crontab

from marketplace.clock import LONDON

__all__ = ["crontab", "drain", "enqueue", "register_periodic", "register_task", "run_due"]

log = logging.getLogger("marketplace.worker")
EXTENSION = "marketplace_worker"


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    schedule: Callable[[datetime], bool]  # a Huey crontab, given London wall-clock time
    func: Callable[[], Any]
    lease: timedelta  # how long a run may hold the job before another node may assume it died

    def due_at(self, moment: datetime) -> bool:
        """`moment` is aware (any zone) or naive UTC (as Huey's scheduler passes it)."""
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return bool(self.schedule(aware.astimezone(LONDON).replace(tzinfo=None)))


class Worker:
    """One per app: its Huey instance and the jobs registered on it."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.huey = _make_huey(app)
        self.periodic: dict[str, PeriodicJob] = {}
        self.tasks: dict[str, Any] = {}

    def add_periodic(self, job: PeriodicJob) -> None:
        if job.name in self.periodic:
            raise ValueError(f"A periodic job called {job.name!r} is already registered")
        self.periodic[job.name] = job
        app = self.app

        def run() -> None:
            _run_periodic(app, job)

        run.__module__, run.__name__ = __name__, f"periodic:{job.name}"
        self.huey.periodic_task(job.due_at, name=f"periodic:{job.name}")(run)

    def add_task(self, name: str, func: Callable[..., Any], *, retries: int, retry_delay: int) -> None:
        if name in self.tasks:
            raise ValueError(f"A task called {name!r} is already registered")
        app = self.app

        def run(*args: Any, **kwargs: Any) -> Any:
            with app_context_for_jobs(app):
                return func(*args, **kwargs)

        run.__module__, run.__name__ = __name__, f"task:{name}"
        self.tasks[name] = self.huey.task(name=f"task:{name}", retries=retries, retry_delay=retry_delay)(run)


def init_app(app: Flask) -> Worker:
    worker = Worker(app)
    app.extensions[EXTENSION] = worker
    from marketplace.worker.cli import worker_command

    app.cli.add_command(worker_command)
    return worker


def get_worker(app: Flask | None = None) -> Worker:
    return (app or current_app).extensions[EXTENSION]


def register_periodic(
    app: Flask,
    *,
    name: str,
    schedule: Callable[[datetime], bool],
    func: Callable[[], Any],
    lease: timedelta = timedelta(minutes=30),
) -> None:
    """Run `func` on `schedule` (London time) in `flask worker`: once per tick across all nodes."""
    get_worker(app).add_periodic(PeriodicJob(name=name, schedule=schedule, func=func, lease=lease))


def register_task(app: Flask, *, name: str, func: Callable[..., Any], retries: int = 0, retry_delay: int = 60) -> None:
    """A task `enqueue(name, …)` can ask the worker to run soon (arguments must pickle)."""
    get_worker(app).add_task(name, func, retries=retries, retry_delay=retry_delay)


def enqueue(name: str, *args: Any, **kwargs: Any) -> bool:
    """Ask the worker to run task `name`; False (logged) if the queue cannot be reached."""
    task = get_worker().tasks[name]
    try:
        task(*args, **kwargs)
    except Exception:  # the queue store is down: whatever the task would do waits for its periodic job
        log.exception("Could not enqueue %s", name)
        return False
    return True


def app_context_for_jobs(app: Flask):
    """An app context plus a request context on SERVICE_URL, so emailed links use the public address."""
    return app.test_request_context(base_url=app.config["SERVICE_URL"])


def _run_periodic(app: Flask, job: PeriodicJob, at: datetime | None = None) -> bool:
    """Run `job` if this caller wins its lease for the current tick; True if it ran."""
    from marketplace import clock
    from marketplace.worker import leases

    with app_context_for_jobs(app):
        tick = leases.latest_tick(job.due_at, at or clock.now())
        if tick is None:
            return False
        holder = leases.holder_id()
        if not leases.claim(job.name, tick=tick, holder=holder, hold_for=job.lease):
            log.info("Job %s for %s: another worker has it", job.name, tick.isoformat())
            return False
        log.info("Job %s for %s: started", job.name, tick.isoformat())
        try:
            result = job.func()
        except Exception as error:
            leases.release(job.name, holder=holder, error=f"{type(error).__name__}: {error}"[:2000])
            raise
        leases.release(job.name, holder=holder)
        log.info("Job %s for %s: finished (%s)", job.name, tick.isoformat(), result)
        return True


def drain(app: Flask, *, limit: int = 1000) -> int:
    """Tests and `flask worker --once`: execute what is queued now, as a consumer would. Returns how many."""
    huey, done = get_worker(app).huey, 0
    while done < limit and (task := huey.dequeue()) is not None:
        huey.execute(task)
        done += 1
    return done


def run_due(app: Flask) -> int:
    """Enqueue the periodic jobs due now (`clock.now()`, which tests freeze) as the scheduler would, then
    drain the queue."""
    from marketplace import clock

    huey = get_worker(app).huey
    naive_utc = clock.now().astimezone(UTC).replace(tzinfo=None)
    for task in huey.read_periodic(naive_utc):
        huey.enqueue(task)
    return drain(app)


def _make_huey(app: Flask) -> Huey:
    config = app.config
    name = config.get("WORKER_QUEUE_NAME", "marketplace")
    if config.get("WORKER_REDIS_URL"):
        from redis import ConnectionPool

        # Short timeouts: a request enqueueing a nudge must not hang on a Redis that is down.
        pool = ConnectionPool.from_url(config["WORKER_REDIS_URL"], socket_connect_timeout=2, socket_timeout=10)
        return RedisHuey(name, connection_pool=pool, results=False, utc=True)
    if config.get("WORKER_STORE") == "memory":
        return MemoryHuey(name, results=False, utc=True)
    path = config.get("WORKER_SQLITE_PATH") or str(Path(app.instance_path) / "worker.sqlite3")
    return SqliteHuey(name, filename=path, results=False, utc=True)
