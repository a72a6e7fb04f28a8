"""The frameworks domain's scheduled work, run by `flask worker`."""

from __future__ import annotations

from marketplace.worker import crontab, register_periodic


def register_jobs(app) -> None:
    from marketplace.frameworks.evaluation import tick

    # Evaluate frameworks that have closed and release results that are due.
    register_periodic(app, name="frameworks.tick", schedule=crontab(minute="*/5"), func=tick)
