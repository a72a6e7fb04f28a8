"""Team pages: members, invitations and join requests (owners manage; members look)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from marketplace.accounts import tokens
from marketplace.suppliers import bp, queries, team
from marketplace.suppliers.access import current_membership, organisation_member_required, organisation_owner_required
from marketplace.suppliers.forms import ConfirmForm, InviteColleagueForm


@bp.route("/supplier/team", methods=["GET", "POST"], endpoint="team")
@organisation_member_required
def team_page(organisation):
    form = InviteColleagueForm()
    is_owner = current_membership().role == "owner"
    if is_owner and form.validate_on_submit():
        try:
            invitation = team.invite(organisation, current_user, form.email.data)
        except team.TeamError as error:
            form.email.errors.append(error.message)
        else:
            flash(f"We have emailed an invitation to {invitation.email}", "success")
            return redirect(url_for("suppliers.team"))
    return render_template(
        "suppliers/team.html",
        organisation=organisation,
        form=form,
        is_owner=is_owner,
        action_form=ConfirmForm(),
        members=queries.list_members(organisation.id),
        invitations=queries.list_open_invitations(organisation.id),
        join_requests=queries.list_pending_join_requests(organisation.id),
    )


def _own(item, organisation):
    if item is None or item.organisation_id != organisation.id:
        abort(404)
    return item


@bp.post("/supplier/team/members/<int:membership_id>/remove")
@organisation_owner_required
def remove_member(membership_id: int, organisation):
    membership = _own(
        next((m for m in queries.list_members(organisation.id) if m.id == membership_id), None), organisation
    )
    if ConfirmForm().validate_on_submit():
        try:
            team.remove_member(membership, current_user)
        except team.TeamError as error:
            flash(error.message, "error")
        else:
            flash(f"{membership.user.email} has been removed", "success")
    return redirect(url_for("suppliers.team"))


@bp.post("/supplier/team/members/<int:membership_id>/make-owner")
@organisation_owner_required
def make_owner(membership_id: int, organisation):
    membership = _own(
        next((m for m in queries.list_members(organisation.id) if m.id == membership_id), None), organisation
    )
    if ConfirmForm().validate_on_submit():
        team.make_owner(membership, current_user)
        flash(f"{membership.user.email} is now an owner", "success")
    return redirect(url_for("suppliers.team"))


@bp.post("/supplier/team/invitations/<int:invitation_id>/cancel")
@organisation_owner_required
def cancel_invitation(invitation_id: int, organisation):
    invitation = _own(queries.get_invitation(invitation_id), organisation)
    if ConfirmForm().validate_on_submit():
        team.cancel_invitation(invitation, current_user)
        flash(f"The invitation to {invitation.email} has been cancelled", "success")
    return redirect(url_for("suppliers.team"))


@bp.post("/supplier/team/join-requests/<int:request_id>/<any(approve, decline):decision>")
@organisation_owner_required
def decide_join_request(request_id: int, decision: str, organisation):
    join_request = _own(queries.get_join_request(request_id), organisation)
    if join_request.status == "pending" and ConfirmForm().validate_on_submit():
        team.decide_join_request(join_request, current_user, approve=decision == "approve")
        flash(
            f"{join_request.user.email} has been {'added to your team' if decision == 'approve' else 'turned down'}",
            "success",
        )
    return redirect(url_for("suppliers.team"))


@bp.route("/supplier/invitation/<token>", methods=["GET", "POST"])
@login_required
def accept_invitation(token: str):
    try:
        invitation = team.invitation_for_token(token)
    except tokens.TokenExpired:
        return render_template("accounts/link_problem.html", reason="expired", purpose="invite"), 400
    except tokens.TokenInvalid:
        return render_template("accounts/link_problem.html", reason="invalid", purpose="invite"), 400
    form = ConfirmForm()
    error = None
    if form.validate_on_submit():
        try:
            organisation = team.accept_invitation(token, current_user)
        except team.TeamError as problem:
            error = problem.message
        else:
            flash(f"You have joined {organisation.display_name}", "success")
            return redirect(url_for("suppliers.task_list"))
    return render_template(
        "suppliers/accept_invitation.html",
        invitation=invitation,
        organisation=queries.get_organisation(invitation.organisation_id),
        form=form,
        error=error,
    )
