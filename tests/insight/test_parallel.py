"""Counting the figures on several connections at once (`insight.parallel`, `INSIGHT_PARALLEL_QUERIES`): the
same figures as one statement after another, failures raised, every connection given back."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from marketplace.extensions import db
from marketplace.insight import figures, parallel, snapshots
from marketplace.insight.periods import Month
from marketplace.insight.scope import EVERYTHING, Scope
from marketplace.notices.models import Mission
from tests.insight.factories import build_market_with_bids

JUNE = Month(2026, 6)


@pytest.fixture
def market(app):
    """The hand-counted market of `factories.py`, with two opportunities: O1 grew from N1 on 20 May and closed on
    1 June (S2 submitted a bid, S1 started one); O2, from scratch on 5 June, closes in July (S3's bid is sealed)."""
    return build_market_with_bids()


def _without_time(values: dict) -> dict:
    return {key: value for key, value in values.items() if key != "counted_at"}


def test_the_default_runs_three_statements_at_once(app):
    assert app.config["INSIGHT_PARALLEL_QUERIES"] == 3
    assert parallel.width() == 3


@pytest.mark.parametrize("width", [2, 3, 8])
def test_counted_side_by_side_the_figures_are_the_same(app, market, width):
    app.config["INSIGHT_PARALLEL_QUERIES"] = width
    scopes = [
        EVERYTHING,
        Scope(mission_id=market.estates.id),
        Scope(division="90"),
        Scope(notice_id=market.n2.id),
        Scope(mission_id=market.estates.id, division="45"),
    ]
    for scope in scopes:
        one_by_one = figures.compute(JUNE, scope)
        side_by_side = figures.compute(JUNE, scope, parallel=True)
        assert _without_time(side_by_side) == _without_time(one_by_one), scope
    assert (
        figures.compute(JUNE, public_only=True, parallel=True)["headline"]
        == figures.compute(JUNE, public_only=True)["headline"]
    )
    ranged = figures.compute(JUNE, first=Month(2026, 4), parallel=True)
    assert _without_time(ranged) == _without_time(figures.compute(JUNE, first=Month(2026, 4)))


def test_the_figures_count_the_bids_and_funnel_side_by_side(app, market):
    side_by_side = figures.compute(JUNE, parallel=True)
    month = side_by_side["headline"]["by_window"]["month"]
    assert month["bids"] == {"total": 1, "sme": 1, "vcse": 1, "local": 1, "other": 0}  # S2's, for O1 (closed 1 June)
    assert month["opportunities"] == 1  # O2; O1 was published in May
    steps = {step["key"]: step["counts"]["total"] for step in side_by_side["funnel"]}
    assert steps["bid_started"] == 2 and steps["bid_submitted"] == 1
    assert sum(row["bids"] for row in side_by_side["missions"]) == 1
    assert sum(row["bids"] for row in side_by_side["categories"]) >= 1


def test_the_admin_and_public_figures_are_counted_side_by_side(app, market, monkeypatch):
    used: list[str] = []
    real = figures.compute

    def spy(*args, **kwargs):
        used.append(str(kwargs.get("parallel")))
        return real(*args, **kwargs)

    monkeypatch.setattr(figures, "compute", spy)
    snapshots.admin_figures(JUNE)
    snapshots.public_figures()
    assert used == ["True", "True"]


def test_tasks_run_in_the_pool_and_the_last_in_the_callers_thread(app):
    threads: dict[str, str] = {}
    gate = threading.Barrier(3, timeout=10)  # all three at once, or the barrier breaks

    def task(name):
        def run():
            threads[name] = threading.current_thread().name
            gate.wait()
            return db.session.scalar(select(1))

        return run

    assert parallel.run({name: task(name) for name in ("a", "b", "c")}) == {"a": 1, "b": 1, "c": 1}
    assert threads["c"] == threading.current_thread().name
    assert threads["a"].startswith("insight") and threads["b"].startswith("insight")


def test_one_at_a_time_runs_everything_in_the_callers_thread_in_order(app):
    app.config["INSIGHT_PARALLEL_QUERIES"] = 1
    order: list[str] = []

    def task(name):
        def run():
            order.append(name)
            assert threading.current_thread() is threading.main_thread()
            return name

        return run

    assert parallel.run({name: task(name) for name in "abc"}) == {"a": "a", "b": "b", "c": "c"}
    assert order == ["a", "b", "c"]


def test_a_failing_task_is_raised_once_the_others_have_finished_or_been_cancelled(app):
    log: list[str] = []
    started = threading.Event()

    def fails():
        raise ValueError("no such figure")

    def slow():
        log.append("start")
        started.set()
        threading.Event().wait(0.2)
        log.append("end")
        return 1

    def fails_once_slow_runs():
        assert started.wait(10)
        fails()

    with pytest.raises(ValueError, match="no such figure"):
        parallel.run({"fails": fails, "slow": slow, "last": lambda: 2})
    assert log in ([], ["start", "end"])  # cancelled before it began, or finished: not left running
    log.clear()
    started.clear()
    with pytest.raises(ValueError, match="no such figure"):
        parallel.run({"slow": slow, "last": fails_once_slow_runs})  # failing in the caller's thread
    assert log == ["start", "end"]
    log.clear()
    started.clear()
    with pytest.raises(ValueError, match="no such figure"):
        parallel.run({"slow": slow, "fails": lambda: started.wait(10) and fails(), "last": lambda: 2})
    assert log == ["start", "end"]


def test_a_failing_statement_is_raised_and_every_connection_returned(app):
    def one():
        return db.session.scalar(select(1))

    parallel.run({"a": one, "b": one, "c": one})  # the caller's session holds its connection, as in a request
    pool = db.engine.pool
    before = pool.checkedout()
    with pytest.raises(DBAPIError):
        parallel.run({"bad": lambda: db.session.execute(text("SELECT * FROM no_such_table")), "last": one})
    for _ in range(3):
        parallel.run({"a": one, "b": one, "c": one})
    assert pool.checkedout() == before


def test_tasks_inside_a_task_run_in_its_thread(app):
    """A task that counts with `run` itself does not wait for the pool it is running in (it could wait for
    ever): its own tasks run one after another in its thread."""
    app.config["INSIGHT_PARALLEL_QUERIES"] = 2  # one pool thread: waiting for it from inside it would hang

    def outer():
        here = threading.current_thread().name
        inner = parallel.run({"x": lambda: threading.current_thread().name, "y": lambda: 2})
        return inner["x"] == here

    assert parallel.run({"outer": outer, "last": lambda: 0})["outer"] is True


def test_the_pool_is_remade_when_the_setting_changes_and_stops(app):
    parallel.run({"a": lambda: 1, "b": lambda: 2})
    first = app.extensions[parallel.EXTENSION][2]
    app.config["INSIGHT_PARALLEL_QUERIES"] = 4
    parallel.run({"a": lambda: 1, "b": lambda: 2})
    second = app.extensions[parallel.EXTENSION][2]
    assert second is not first and second._max_workers == 3
    parallel.shutdown(app)
    assert parallel.EXTENSION not in app.extensions


@pytest.mark.postgres_only
def test_pool_tasks_only_read(app, market):
    def writes():
        db.session.execute(select(Mission).limit(1))
        db.session.execute(text("UPDATE missions SET name = name"))

    with pytest.raises(DBAPIError, match="read-only"):
        parallel.run({"writes": writes, "last": lambda: 1})
