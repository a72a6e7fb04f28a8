"""Reads about interest in notices and the partner list."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager

from marketplace.accounts.models import User
from marketplace.extensions import db
from marketplace.notices.models import Interest, Notice
from marketplace.suppliers.models import Organisation


def get_interest(notice_id: int, organisation_id: int) -> Interest | None:
    return db.session.scalar(
        select(Interest).where(Interest.notice_id == notice_id, Interest.organisation_id == organisation_id)
    )


def has_registered_interest(notice_id: int, organisation_id: int | None) -> bool:
    return organisation_id is not None and get_interest(notice_id, organisation_id) is not None


def list_interests(notice_id: int) -> list[Interest]:
    """Everyone interested, for the buyer (organisations loaded with them)."""
    statement = select(Interest).where(Interest.notice_id == notice_id).order_by(Interest.created_at, Interest.id)
    return list(db.session.scalars(statement).unique())


def partner_list(notice_id: int, *, excluding_organisation_id: int | None = None) -> list[Interest]:
    """Interested suppliers open to partnering who agreed to be listed."""
    statement = (
        select(Interest)
        .join(Interest.organisation)
        .options(contains_eager(Interest.organisation))
        .where(Interest.notice_id == notice_id, Interest.open_to_partnering.is_(True), Interest.listed.is_(True))
        .order_by(func.lower(Organisation.name), Interest.id)
    )
    if excluding_organisation_id is not None:
        statement = statement.where(Interest.organisation_id != excluding_organisation_id)
    return list(db.session.scalars(statement).unique())


def interested_emails(notice_id: int) -> list[str]:
    """Whom to tell about answers, materials and changes: the person who registered each interest."""
    statement = (
        select(User.email)
        .join(Interest, Interest.registered_by_id == User.id)
        .where(Interest.notice_id == notice_id)
        .order_by(User.email)
    )
    return list(dict.fromkeys(db.session.scalars(statement)))


def list_for_organisation(organisation_id: int) -> list[Interest]:
    statement = (
        select(Interest)
        .join(Notice, Notice.id == Interest.notice_id)
        .where(Interest.organisation_id == organisation_id)
        .order_by(Interest.created_at.desc())
    )
    return list(db.session.scalars(statement))


def notices_by_id(notice_ids: list[int]) -> dict[int, Notice]:
    if not notice_ids:
        return {}
    return {notice.id: notice for notice in db.session.scalars(select(Notice).where(Notice.id.in_(notice_ids)))}
