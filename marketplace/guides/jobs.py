"""The guides domain's scheduled work, run by `flask worker`."""

from __future__ import annotations

from marketplace.worker import crontab, register_periodic


def register_jobs(app) -> None:
    from marketplace.guides.reminders import remind_owners

    # Daily at 08:05 London time: owners hear about reviews due within 14 days, and weekly while overdue.
    register_periodic(app, name="guides.remind-owners", schedule=crontab(hour="8", minute="5"), func=remind_owners)
