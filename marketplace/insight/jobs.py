"""The insight domain's scheduled work, run by `flask worker`."""

from __future__ import annotations

from marketplace.worker import crontab, register_periodic


def register_jobs(app) -> None:
    from marketplace.insight.services import take_due_snapshots

    # Daily at 02:15 London time: on the 1st it stores the month just ended; on other days it finds nothing to
    # do (a few queries), unless the worker was down on the 1st, when it catches up.
    register_periodic(
        app, name="insight.snapshot", schedule=crontab(hour="2", minute="15"), func=lambda: take_due_snapshots()
    )
