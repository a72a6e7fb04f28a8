"""The reminder 24 hours before close, to every organisation with a started but unsubmitted bid.

`flask worker` runs `remind_bidders` every 15 minutes (`jobs.py`); `flask opportunities remind-bidders` runs
it by hand. Each bid is reminded once, in the last 24 hours before its opportunity closes.
"""

from __future__ import annotations

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import emails, queries, rules
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.bids.services import member_emails


def remind_bidders() -> int:
    """Email each organisation whose bid is started but not submitted; returns how many were reminded."""
    now = clock.now()
    reminded = 0
    for bid_id, organisation_id, opportunity_id in sealing.unsubmitted_needing_reminder(
        closes_after=now, closes_by=now + rules.REMINDER_BEFORE_CLOSE
    ):
        opportunity = queries.get_opportunity(opportunity_id)
        if opportunity is None:
            continue
        emails.send(
            member_emails(organisation_id),
            f"24 hours left to submit your bid: {opportunity.title}",
            "reminder.txt",
            opportunity=opportunity,
            link=emails.link("opportunities.bid", opportunity_id=opportunity.id),
        )
        sealing.mark_reminded(bid_id, now)
        record("bid.reminded", ("bids", bid_id), opportunity=opportunity.id)
        db.session.commit()
        reminded += 1
    return reminded
