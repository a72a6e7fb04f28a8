"""Registering (and withdrawing) interest in a notice; one commit each, audited."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.notices.interest import queries
from marketplace.notices.models import Interest, Notice


class InterestError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def register_interest(
    notice: Notice, organisation, user, *, open_to_partnering: bool, offer: str | None, listed: bool
) -> Interest:
    """Record (or update) the organisation's interest; only while engagement is open."""
    if not notice.engagement_open(clock.now()):
        raise InterestError("This notice is no longer open for expressions of interest")
    interest = queries.get_interest(notice.id, organisation.id)
    action = "notice.interest_updated"
    if interest is None:
        interest = Interest(
            notice_id=notice.id, organisation_id=organisation.id, registered_by_id=user.id, created_at=clock.now()
        )
        db.session.add(interest)
        action = "notice.interest_registered"
    interest.open_to_partnering = open_to_partnering
    interest.partnering_offer = offer if open_to_partnering else None
    interest.listed = listed if open_to_partnering else False
    interest.updated_at = clock.now()
    record(
        action,
        notice,
        actor_id=user.id,
        organisation=organisation.id,
        partnering=open_to_partnering,
        listed=interest.listed,
    )
    try:
        db.session.commit()
    except IntegrityError:  # a colleague registered at the same moment: theirs stands
        db.session.rollback()
        existing = queries.get_interest(notice.id, organisation.id)
        if existing is None:
            raise
        return existing
    return interest


def withdraw_interest(interest: Interest, user) -> None:
    record(
        "notice.interest_withdrawn",
        ("notices", interest.notice_id),
        actor_id=user.id,
        organisation=interest.organisation_id,
    )
    db.session.delete(interest)
    db.session.commit()
