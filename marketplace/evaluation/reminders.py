"""The reminder to record an outcome: each opportunity still without an approved decision 28 days after
its bids closed is reminded once. `flask worker` runs it daily (`jobs.py`), `flask opportunities remind` by hand."""

from __future__ import annotations

from marketplace import clock
from marketplace.audit.services import record
from marketplace.evaluation import emails, queries
from marketplace.evaluation.models import OutcomeReminder
from marketplace.extensions import db


def remind_buyers() -> int:
    now = clock.now()
    reminded = 0
    for opportunity in queries.opportunities_needing_reminder(now):
        recipients = [opportunity.owner.email if opportunity.owner else "", opportunity.contact_email or ""]
        emails.send(
            recipients,
            f"Record the outcome: {opportunity.title}",
            "outcome_reminder.txt",
            opportunity=opportunity,
            link=emails.link("evaluation.overview", opportunity_id=opportunity.id),
        )
        db.session.add(OutcomeReminder(opportunity_id=opportunity.id, reminded_at=now))
        record("evaluation.outcome_reminded", opportunity)
        db.session.commit()
        reminded += 1
    return reminded
