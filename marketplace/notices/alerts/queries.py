"""Reads for alerts: whose digest is due, and which new notices match an organisation."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import exists, or_, select

from marketplace.extensions import db
from marketplace.notices.choices import WHOLE_BOROUGH
from marketplace.notices.models import PUBLISHED, AlertSubscription, Notice, NoticeCategory, NoticeWard

DIGEST_INTERVAL = timedelta(days=1)


def get_subscription(user_id: int) -> AlertSubscription | None:
    return db.session.scalar(select(AlertSubscription).where(AlertSubscription.user_id == user_id))


def due_subscriptions(at: datetime) -> list[AlertSubscription]:
    """Subscribers who have had no digest in the last day."""
    statement = (
        select(AlertSubscription)
        .where(
            or_(AlertSubscription.last_digest_at.is_(None), AlertSubscription.last_digest_at <= at - DIGEST_INTERVAL)
        )
        .order_by(AlertSubscription.id)
    )
    return list(db.session.scalars(statement))


def matching_notices(
    subscription: AlertSubscription, organisation, *, published_after: datetime, published_by: datetime
) -> list[Notice]:
    """Open notices published in the window that share a category or a ward with the organisation."""
    matches = []
    codes = [category.code for category in organisation.categories]
    if subscription.match_categories and codes:
        # Either way round: a notice for group 451 interests a division-45 supplier, and vice versa.
        prefix_match = [NoticeCategory.code.startswith(code, autoescape=True) for code in codes]
        prefix_match += [NoticeCategory.code == code[:length] for code in codes for length in range(2, len(code))]
        matches.append(exists().where(NoticeCategory.notice_id == Notice.id, or_(*prefix_match)))
    wards = [ward.ward for ward in organisation.wards]
    if subscription.match_wards and (wards or organisation.serves_whole_borough):
        if organisation.serves_whole_borough:
            matches.append(exists().where(NoticeWard.notice_id == Notice.id))
        else:
            matches.append(
                exists().where(NoticeWard.notice_id == Notice.id, NoticeWard.ward.in_([*wards, WHOLE_BOROUGH]))
            )
    if not matches:
        return []
    statement = (
        select(Notice)
        .where(
            Notice.status == PUBLISHED,
            Notice.published_at > published_after,
            Notice.published_at <= published_by,
            or_(*matches),
        )
        .order_by(Notice.published_at, Notice.id)
    )
    return list(db.session.scalars(statement))
