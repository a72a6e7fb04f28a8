"""Reads for guides: who may edit, what readers see, lists for editors and admins, and figures."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, func, select

from marketplace.accounts.models import ADMIN, BUYER, User
from marketplace.extensions import db
from marketplace.guides.models import (
    ARCHIVED,
    Guide,
    GuideAttachment,
    GuideEditor,
    GuideFeedback,
    GuidePlacement,
    GuideVersion,
    GuideView,
)


def is_editor(user) -> bool:
    """Admins always; buyers given the content editor permission."""
    if not getattr(user, "is_authenticated", False) or not user.is_verified:
        return False
    if user.is_admin:
        return True
    return user.is_buyer and db.session.get(GuideEditor, user.id) is not None


def list_editors() -> list[User]:
    """Everyone who can edit guides (and so own one or review it): admins, then content editors."""
    statement = (
        select(User)
        .outerjoin(GuideEditor, GuideEditor.user_id == User.id)
        .where((User.role == ADMIN) | ((User.role == BUYER) & GuideEditor.user_id.is_not(None)))
        .order_by(User.role, User.email)
    )
    return list(db.session.scalars(statement))


def list_granted_editors() -> list[GuideEditor]:
    return list(db.session.scalars(select(GuideEditor).order_by(GuideEditor.granted_at)))


def get_guide(guide_id: int) -> Guide | None:
    return db.session.get(Guide, guide_id)


def get_by_slug(slug: str) -> Guide | None:
    return db.session.scalar(select(Guide).where(Guide.slug == slug))


def slug_taken(slug: str, *, other_than: int | None = None) -> bool:
    statement = select(Guide.id).where(Guide.slug == slug)
    if other_than is not None:
        statement = statement.where(Guide.id != other_than)
    return db.session.scalar(statement) is not None


def list_live() -> list[Guide]:
    """Guides readers can see, by title."""
    statement = select(Guide).where(Guide.live_number.is_not(None), Guide.status != ARCHIVED).order_by(Guide.title)
    return list(db.session.scalars(statement))


def list_all() -> list[Guide]:
    return list(db.session.scalars(select(Guide).order_by(Guide.title)))


def live_by_slugs(slugs: list[str]) -> dict[str, Guide]:
    if not slugs:
        return {}
    statement = select(Guide).where(Guide.slug.in_(slugs), Guide.live_number.is_not(None), Guide.status != ARCHIVED)
    return {guide.slug: guide for guide in db.session.scalars(statement)}


def get_version(guide_id: int, number: int) -> GuideVersion | None:
    return db.session.scalar(
        select(GuideVersion).where(GuideVersion.guide_id == guide_id, GuideVersion.number == number)
    )


def get_attachment(guide_id: int, attachment_id: int) -> GuideAttachment | None:
    attachment = db.session.get(GuideAttachment, attachment_id)
    return attachment if attachment is not None and attachment.guide_id == guide_id else None


def storage_key_in_use(key: str) -> bool:
    return db.session.scalar(select(GuideAttachment.id).where(GuideAttachment.storage_key == key)) is not None


def live_guides_for_places(places: list[str]) -> list[tuple[str, Guide]]:
    """(place, guide) for every live guide linked to one of the places, in the order the places are given."""
    if not places:
        return []
    statement = (
        select(GuidePlacement.place, Guide)
        .join(Guide, Guide.id == GuidePlacement.guide_id)
        .where(GuidePlacement.place.in_(places), Guide.live_number.is_not(None), Guide.status != ARCHIVED)
        .order_by(Guide.title)
    )
    found = [(place, guide) for place, guide in db.session.execute(statement).all()]
    order = {place: index for index, place in enumerate(places)}
    return sorted(found, key=lambda pair: order[pair[0]])


def list_placements() -> list[GuidePlacement]:
    return list(db.session.scalars(select(GuidePlacement).order_by(GuidePlacement.id)))


def placed_event_ids(guide_id: int) -> list[int]:
    places = db.session.scalars(
        select(GuidePlacement.place).where(GuidePlacement.guide_id == guide_id, GuidePlacement.place.like("event:%"))
    )
    return [int(ref) for place in places if (ref := place.partition(":")[2]).isdigit()]


def feedback_for(guide_id: int) -> list[GuideFeedback]:
    statement = select(GuideFeedback).where(GuideFeedback.guide_id == guide_id).order_by(GuideFeedback.id.desc())
    return list(db.session.scalars(statement))


def feedback_counts() -> dict[int, tuple[int, int]]:
    """Per guide: (useful, not useful)."""
    statement = select(
        GuideFeedback.guide_id,
        func.sum(case((GuideFeedback.useful.is_(True), 1), else_=0)),
        func.sum(case((GuideFeedback.useful.is_(False), 1), else_=0)),
    ).group_by(GuideFeedback.guide_id)
    return {guide_id: (int(yes or 0), int(no or 0)) for guide_id, yes, no in db.session.execute(statement).all()}


def view_counts() -> dict[int, int]:
    statement = select(GuideView.guide_id, func.count()).group_by(GuideView.guide_id)
    return {guide_id: int(count) for guide_id, count in db.session.execute(statement).all()}


def first_reads(guide_id: int | None = None) -> dict[int, datetime]:
    """Each organisation's first reading of a guide (of one guide, if given), for reading-then-bidding figures."""
    statement = select(GuideView.organisation_id, func.min(GuideView.viewed_at)).where(
        GuideView.organisation_id.is_not(None)
    )
    if guide_id is not None:
        statement = statement.where(GuideView.guide_id == guide_id)
    rows = db.session.execute(statement.group_by(GuideView.organisation_id)).all()
    return {organisation_id: viewed_at for organisation_id, viewed_at in rows if organisation_id is not None}


def read_by_organisation(organisation_id: int) -> set[int]:
    statement = select(GuideView.guide_id).where(GuideView.organisation_id == organisation_id).distinct()
    return set(db.session.scalars(statement))
