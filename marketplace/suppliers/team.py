"""Team writes: invitations by signed email link, join requests, removing members."""

from __future__ import annotations

from flask import current_app

from marketplace import clock
from marketplace.accounts import tokens
from marketplace.accounts.models import User
from marketplace.accounts.queries import normalise_email
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.mail.services import queue_email
from marketplace.suppliers import queries
from marketplace.suppliers.models import MEMBER, OWNER, Invitation, JoinRequest, Membership, Organisation

INVITE = "invitation"


class TeamError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def invite(organisation: Organisation, inviter: User, email: str) -> Invitation:
    email = normalise_email(email)
    if any(m.user.email == email for m in queries.list_members(organisation.id)):
        raise TeamError(f"{email} is already in your team", "email")
    invitation = Invitation(organisation_id=organisation.id, email=email, invited_by_id=inviter.id)
    db.session.add(invitation)
    db.session.flush()
    token = tokens.make_token(INVITE, {"invitation": invitation.id, "email": email})
    queue_email(
        email,
        f"Join {organisation.display_name} on the supplier marketplace",
        "team_invitation",
        organisation=organisation.display_name,
        inviter=inviter.email,
        accept_url=external_url("suppliers.accept_invitation", token=token),
        days=current_app.config["EMAIL_TOKEN_MAX_AGE"] // 86400 or 1,
    )
    record("team.invited", organisation, actor_id=inviter.id, email=email)
    db.session.commit()
    return invitation


def invitation_for_token(token: str) -> Invitation:
    payload = tokens.read_token(INVITE, token, current_app.config["EMAIL_TOKEN_MAX_AGE"])
    invitation = queries.get_invitation(int(payload.get("invitation", 0)))
    if (
        invitation is None
        or invitation.email != payload.get("email")
        or invitation.accepted_at
        or invitation.cancelled_at
    ):
        raise tokens.TokenInvalid()
    return invitation


def accept_invitation(token: str, user: User) -> Organisation:
    invitation = invitation_for_token(token)
    if user.email != invitation.email:
        raise TeamError(f"This invitation was sent to {invitation.email}. Sign in with that email address to accept it")
    if not user.is_supplier:
        # A buyer or admin must never become a member of a supplier organisation (they would see its bids).
        raise TeamError(
            "Only a supplier account can join a supplier organisation. "
            "Register as a supplier with a different email address to accept this invitation"
        )
    if queries.get_membership_for_user(user.id) is not None:
        raise TeamError("You already belong to an organisation on the marketplace")
    organisation = queries.get_organisation(invitation.organisation_id)
    if organisation is None:  # unreachable while invitations are deleted with their organisation
        raise TeamError("This invitation is no longer valid")
    invitation.accepted_at = clock.now()
    db.session.add(Membership(organisation_id=invitation.organisation_id, user_id=user.id, role=MEMBER))
    record("team.invitation_accepted", organisation, actor_id=user.id, email=user.email)
    db.session.commit()
    return organisation


def cancel_invitation(invitation: Invitation, actor: User) -> None:
    invitation.cancelled_at = clock.now()
    record(
        "team.invitation_cancelled",
        ("organisations", invitation.organisation_id),
        actor_id=actor.id,
        email=invitation.email,
    )
    db.session.commit()


def remove_member(membership: Membership, actor: User) -> None:
    if membership.role == OWNER and queries.count_owners(membership.organisation_id) <= 1:
        raise TeamError("An organisation needs at least one owner. Make someone else an owner first")
    record(
        "team.member_removed",
        ("organisations", membership.organisation_id),
        actor_id=actor.id,
        email=membership.user.email,
    )
    db.session.delete(membership)
    db.session.commit()


def make_owner(membership: Membership, actor: User) -> None:
    membership.role = OWNER
    record(
        "team.owner_added",
        ("organisations", membership.organisation_id),
        actor_id=actor.id,
        email=membership.user.email,
    )
    db.session.commit()


def decide_join_request(join_request: JoinRequest, actor: User, *, approve: bool) -> None:
    join_request.status = "approved" if approve else "declined"
    join_request.decided_at = clock.now()
    join_request.decided_by_id = actor.id
    organisation = join_request.organisation
    if approve and queries.get_membership_for_user(join_request.user_id) is None:
        db.session.add(Membership(organisation_id=organisation.id, user_id=join_request.user_id, role=MEMBER))
    record(f"team.join_{join_request.status}", organisation, actor_id=actor.id, email=join_request.user.email)
    queue_email(
        join_request.user.email,
        f"Your request to join {organisation.display_name}",
        "join_decided",
        organisation=organisation.display_name,
        approved=approve,
        sign_in_url=external_url("accounts.sign_in"),
    )
    db.session.commit()
