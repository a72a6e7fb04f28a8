"""Alert subscriptions, and the daily digest sent through the outbox (at most one a day each).

`flask notices send-alerts` runs `send_due_digests`; schedule it (cron) as often as you like:
whoever had a digest in the last 24 hours is skipped, and their new notices wait for the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from marketplace import clock, slots
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.mail.services import queue_email
from marketplace.notices.alerts import queries
from marketplace.notices.models import AlertSubscription
from marketplace.suppliers import queries as supplier_queries


def save_preferences(user, *, match_categories: bool, match_wards: bool) -> AlertSubscription | None:
    """Opt in (either box ticked) or out (neither). Notices already published are not sent."""
    subscription = queries.get_subscription(user.id)
    if not (match_categories or match_wards):
        if subscription is not None:
            db.session.delete(subscription)
            record("notice_alerts.unsubscribed", ("users", user.id), actor_id=user.id)
            db.session.commit()
        return None
    if subscription is None:
        subscription = AlertSubscription(user_id=user.id, covered_until=clock.now(), created_at=clock.now())
        db.session.add(subscription)
    subscription.match_categories, subscription.match_wards = match_categories, match_wards
    record(
        "notice_alerts.subscribed", ("users", user.id), actor_id=user.id, categories=match_categories, wards=match_wards
    )
    db.session.commit()
    return subscription


@dataclass
class DigestRun:
    sent: int = 0
    skipped: int = 0


def send_due_digests() -> DigestRun:
    """One email per due subscriber listing new matching notices; each subscriber commits alone."""
    run = DigestRun()
    cutoff = clock.now()
    for subscription in queries.due_subscriptions(cutoff):
        if _send_one(subscription, cutoff):
            run.sent += 1
        else:
            run.skipped += 1
        db.session.commit()
    return run


def _send_one(subscription: AlertSubscription, cutoff) -> bool:
    membership = supplier_queries.get_membership_for_user(subscription.user_id)
    notices, panels = [], []
    if membership is not None:
        notices = queries.matching_notices(
            subscription, membership.organisation, published_after=subscription.covered_until, published_by=cutoff
        )
        # Higher domains (opportunities) add their own matches to the same digest.
        panels = slots.gather(
            "notices.alert_digest",
            subscription=subscription,
            organisation=membership.organisation,
            published_after=subscription.covered_until,
            published_by=cutoff,
        )
    subscription.covered_until = cutoff
    if not notices and not panels:
        return False
    links = [(notice, external_url("notices.show", notice_id=notice.id)) for notice in notices]
    subject = (
        "1 new council notice matches your organisation"
        if len(notices) == 1
        else f"{len(notices)} new council notices match your organisation"
    )
    if panels:
        subject = "New council opportunities and notices match your organisation"
    queue_email(
        subscription.user.email,
        subject,
        "notice_alert_digest",
        notices=links,
        panels=panels,
        preferences=external_url("notices.alerts"),
    )
    subscription.last_digest_at = cutoff
    record(
        "notice_alerts.digest_sent",
        ("users", subscription.user_id),
        notices=[notice.id for notice in notices],
        panels=[panel.template for panel in panels],
    )
    return True
