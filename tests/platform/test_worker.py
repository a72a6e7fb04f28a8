"""The worker runs each domain's jobs for real, in an app context with public links, once per tick."""

from __future__ import annotations

import os
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from flask import url_for

from marketplace import clock, create_app
from marketplace.extensions import db
from marketplace.worker import crontab, get_worker, register_periodic, run_due
from marketplace.worker.models import WorkerLease

TUESDAY_9AM_LONDON = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)  # GMT in March, before the clocks change
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_every_scheduled_command_is_a_worker_job(app):
    assert {"mail.send-pending", "notices.send-alerts", "frameworks.tick"} <= set(get_worker(app).periodic)


def test_a_job_runs_in_an_app_context_with_links_to_the_service(app):
    app.config["SERVICE_URL"] = "https://marketplace.camden.gov.uk"
    links = []
    register_periodic(
        app,
        name="test.link",
        schedule=crontab(minute="0"),
        func=lambda: links.append(url_for("pages.home", _external=True)),
    )
    clock.freeze(TUESDAY_9AM_LONDON)
    run_due(app)
    assert links == ["https://marketplace.camden.gov.uk/"]


def test_schedules_are_read_in_london_time(app):
    runs = []
    register_periodic(app, name="test.nine", schedule=crontab(hour="9", minute="0"), func=lambda: runs.append(1))
    clock.freeze(datetime(2026, 7, 7, 9, 0, tzinfo=UTC))  # 10am in London (summer time)
    run_due(app)
    clock.freeze(datetime(2026, 7, 7, 8, 0, tzinfo=UTC))  # 9am in London
    run_due(app)
    assert runs == [1]


def test_a_failing_job_does_not_stop_the_worker_and_is_recorded(app):
    def broken():
        raise RuntimeError("the job broke")

    register_periodic(app, name="test.broken", schedule=crontab(), func=broken)
    clock.freeze(TUESDAY_9AM_LONDON)
    run_due(app)  # Huey logs the exception; the other jobs due this minute still ran
    lease = db.session.get(WorkerLease, "test.broken")
    assert lease.last_error == "RuntimeError: the job broke" and lease.held_by is None


def test_many_workers_run_a_tick_once(app, db_backend):
    from marketplace.worker import _run_periodic

    runs = []
    register_periodic(app, name="test.once", schedule=crontab(), func=lambda: runs.append(1) or time.sleep(0.2))
    job = get_worker(app).periodic["test.once"]
    clock.freeze(TUESDAY_9AM_LONDON)
    start = threading.Barrier(6)

    def worker():
        start.wait()
        _run_periodic(app, job)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert runs == [1]

    clock.freeze(TUESDAY_9AM_LONDON + timedelta(seconds=50))  # the same minute, from a slow node
    _run_periodic(app, job)
    clock.freeze(TUESDAY_9AM_LONDON + timedelta(minutes=1))  # the next tick
    _run_periodic(app, job)
    assert runs == [1, 1]


def test_a_late_worker_still_knows_which_tick_it_was_enqueued_for(app):
    from marketplace.worker import _run_periodic

    runs = []
    register_periodic(app, name="test.hourly", schedule=crontab(minute="0"), func=lambda: runs.append(1))
    job = get_worker(app).periodic["test.hourly"]
    clock.freeze(TUESDAY_9AM_LONDON)
    _run_periodic(app, job)
    clock.freeze(TUESDAY_9AM_LONDON + timedelta(minutes=3))  # another node's copy of the 9:00 tick, run late
    _run_periodic(app, job)
    assert runs == [1]


@pytest.fixture
def redis_queue():
    """A queue name of our own on the machine's Redis, removed afterwards."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is needed in CI ({REDIS_URL})")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    name = f"h2-worker-test-{uuid.uuid4().hex[:8]}"
    yield name
    for key in client.scan_iter(f"huey.*{name}*"):
        client.delete(key)


def test_two_nodes_sharing_redis_run_each_tick_once(app, database_url, redis_queue, tmp_path):
    """Two nodes' consumers (real Huey consumers, threads) both enqueue the tick; the job runs once."""
    runs = []
    nodes = []
    for node in ("a", "b"):
        node_app = create_app(
            "test",
            SQLALCHEMY_DATABASE_URI=database_url,
            INSTANCE_PATH=str(tmp_path / node),
            SEARCH_INDEX_PATH=str(tmp_path / node / "index"),
            WORKER_REDIS_URL=REDIS_URL,
            WORKER_QUEUE_NAME=redis_queue,
        )
        register_periodic(node_app, name="test.shared", schedule=crontab(), func=lambda node=node: runs.append(node))
        nodes.append(node_app)
    while datetime.now(UTC).second > 55:  # both schedulers must wake in the same minute
        time.sleep(0.5)
    consumers = [get_worker(node_app).huey.create_consumer(workers=2, worker_type="thread") for node_app in nodes]
    for consumer in consumers:
        consumer.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            time.sleep(0.2)
            with nodes[0].app_context():
                lease = db.session.get(WorkerLease, "test.shared")
                queued = get_worker(nodes[0]).huey.pending_count()
                if lease is not None and lease.last_finished_at is not None and queued == 0:
                    break
        time.sleep(1)  # let the losing copy finish deciding it has nothing to do
    finally:
        for consumer in consumers:
            consumer.stop(graceful=True)
    assert len(runs) == 1
