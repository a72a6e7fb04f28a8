"""Every read about supplier organisations."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import lazyload

from marketplace.extensions import db
from marketplace.suppliers.models import (
    PUBLISHED,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
)


def get_membership_for_user(user_id: int) -> Membership | None:
    return db.session.scalar(select(Membership).where(Membership.user_id == user_id))


def get_organisation(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)


def get_published_organisation(organisation_id: int) -> Organisation | None:
    """One published profile. Its wards, categories, case studies and commitments load when first read, one
    statement each as select-in loading would take, but lazy loading one object's collection costs SQLAlchemy
    about half as much CPU as a select-in load (~0.1 ms a collection)."""
    statement = (
        select(Organisation)
        .where(Organisation.id == organisation_id, Organisation.status == PUBLISHED)
        .options(lazyload(Organisation.wards), lazyload(Organisation.categories))
    )
    return db.session.scalar(statement)


def find_by_identifier(scheme: str, number: str) -> Organisation | None:
    statement = select(Organisation).where(
        Organisation.identifier_scheme == scheme, Organisation.identifier_number == number
    )
    return db.session.scalars(statement).first()


def list_members(organisation_id: int) -> list[Membership]:
    statement = (
        select(Membership)
        .where(Membership.organisation_id == organisation_id)
        .order_by(Membership.created_at, Membership.id)
    )
    return list(db.session.scalars(statement))


def count_owners(organisation_id: int) -> int:
    statement = (
        select(func.count())
        .select_from(Membership)
        .where(Membership.organisation_id == organisation_id, Membership.role == "owner")
    )
    return db.session.scalar(statement) or 0


def list_pending_join_requests(organisation_id: int) -> list[JoinRequest]:
    statement = (
        select(JoinRequest)
        .where(JoinRequest.organisation_id == organisation_id, JoinRequest.status == "pending")
        .order_by(JoinRequest.id)
    )
    return list(db.session.scalars(statement))


def get_pending_join_request_for_user(user_id: int) -> JoinRequest | None:
    statement = select(JoinRequest).where(JoinRequest.user_id == user_id, JoinRequest.status == "pending")
    return db.session.scalars(statement).first()


def get_join_request(request_id: int) -> JoinRequest | None:
    return db.session.get(JoinRequest, request_id)


def list_open_invitations(organisation_id: int) -> list[Invitation]:
    statement = (
        select(Invitation)
        .where(
            Invitation.organisation_id == organisation_id,
            Invitation.accepted_at.is_(None),
            Invitation.cancelled_at.is_(None),
        )
        .order_by(Invitation.id)
    )
    return list(db.session.scalars(statement))


def get_invitation(invitation_id: int) -> Invitation | None:
    return db.session.get(Invitation, invitation_id)


def list_published_organisations(limit: int = 50) -> list[Organisation]:
    statement = select(Organisation).where(Organisation.status == PUBLISHED).order_by(Organisation.name).limit(limit)
    return list(db.session.scalars(statement))
