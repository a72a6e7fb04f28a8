"""Review reminders: owners of live guides whose review is due within 14 days, or overdue (London dates).

`flask worker` runs `remind_owners` daily (`jobs.py`); `flask guides remind` runs it by hand. Each due date is
reminded once as it comes near, then weekly while it is overdue (see rules.needs_reminder).
"""

from __future__ import annotations

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.guides import emails, queries, rules
from marketplace.mail.services import queue_email
from marketplace.working_days import london_date


def remind_owners() -> int:
    today = london_date(clock.now())
    reminded = 0
    for guide in queries.list_live():
        if not rules.needs_reminder(guide, today) or guide.owner is None:
            continue
        due = rules.next_review_due(guide)
        assert due is not None
        overdue = due < today
        queue_email(
            guide.owner.email,
            f"{'Overdue' if overdue else 'Due soon'}: review the guide ‘{guide.title}’"[:200],
            "guides/review_reminder",
            guide=guide,
            due=due,
            overdue=overdue,
            link=emails.link("guides.manage", guide_id=guide.id),
            public_link=emails.link("guides.show", slug=guide.slug),
        )
        guide.review_reminded_for, guide.review_reminded_on = due, today
        record("guide.review_reminded", guide, due=due.isoformat())
        db.session.commit()
        reminded += 1
    return reminded
