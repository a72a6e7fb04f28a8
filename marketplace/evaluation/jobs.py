"""The evaluation domain's scheduled work, run by `flask worker`."""

from __future__ import annotations

from marketplace.worker import crontab, register_periodic


def register_jobs(app) -> None:
    from marketplace.evaluation.reminders import remind_buyers

    # Daily at 08:30: buyers with no outcome 28 days after close are reminded, once per opportunity.
    register_periodic(app, name="evaluation.remind-buyers", schedule=crontab(minute="30", hour="8"), func=remind_buyers)
