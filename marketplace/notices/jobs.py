"""The notices domain's scheduled work, run by `flask worker`."""

from __future__ import annotations

from marketplace.worker import crontab, register_periodic


def register_jobs(app) -> None:
    from marketplace.notices.alerts.services import send_due_digests

    # Hourly: each subscriber still gets at most one digest a day.
    register_periodic(app, name="notices.send-alerts", schedule=crontab(minute="7"), func=send_due_digests)
