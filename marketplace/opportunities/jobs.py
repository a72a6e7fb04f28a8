"""The opportunities domain's scheduled work, run by `flask worker`."""

from __future__ import annotations

from marketplace.worker import crontab, register_periodic


def register_jobs(app) -> None:
    from marketplace.opportunities.reminders import remind_bidders

    # Every 15 minutes: each unsubmitted bid is reminded once, in the last 24 hours before its opportunity closes.
    register_periodic(app, name="opportunities.remind-bidders", schedule=crontab(minute="*/15"), func=remind_bidders)
