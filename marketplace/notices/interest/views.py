"""Suppliers register interest in a notice and, if they registered, see who is open to partnering."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.notices import bp
from marketplace.notices.access import managed_notice, visible_notice_or_404
from marketplace.notices.interest import queries, services
from marketplace.notices.interest.forms import InterestForm, WithdrawInterestForm
from marketplace.suppliers.access import organisation_member_required


@bp.route("/notices/<int:notice_id>/interest", methods=["GET", "POST"])
@organisation_member_required
def register_interest(notice_id: int, organisation):
    notice = visible_notice_or_404(notice_id)
    interest = queries.get_interest(notice.id, organisation.id)
    form = InterestForm()
    if request.method == "GET" and interest is not None:
        form.fill_from(interest)
    if not notice.engagement_open():
        return render_template(
            "notices/interest/closed.html", notice=notice, interest=interest
        ), 409 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            services.register_interest(
                notice,
                organisation,
                current_user,
                open_to_partnering=form.open_to_partnering,
                offer=form.offer.data or None,
                listed=form.listed,
            )
        except services.InterestError as error:
            flash(error.message, "info")
        else:
            flash(
                "Your interest has been registered" if interest is None else "Your changes have been saved", "success"
            )
        return redirect(url_for("notices.show", notice_id=notice.id))
    return render_template(
        "notices/interest/register.html",
        notice=notice,
        form=form,
        interest=interest,
        organisation=organisation,
        withdraw_form=WithdrawInterestForm(),
    )


@bp.post("/notices/<int:notice_id>/interest/withdraw")
@organisation_member_required
def withdraw_interest(notice_id: int, organisation):
    notice = visible_notice_or_404(notice_id)
    interest = queries.get_interest(notice.id, organisation.id) or abort(404)
    if WithdrawInterestForm().validate_on_submit():
        services.withdraw_interest(interest, current_user)
        flash("Your interest has been withdrawn", "success")
    return redirect(url_for("notices.show", notice_id=notice.id))


@bp.get("/notices/<int:notice_id>/partners")
@organisation_member_required
def partners(notice_id: int, organisation):
    """The matchmaking list: only for suppliers who registered interest themselves."""
    notice = visible_notice_or_404(notice_id)
    if not queries.has_registered_interest(notice.id, organisation.id):
        abort(403)
    partners = queries.partner_list(notice.id, excluding_organisation_id=organisation.id)
    return render_template(
        "notices/interest/partners.html",
        notice=notice,
        partners=partners,
        own=queries.get_interest(notice.id, organisation.id),
    )


@bp.get("/buyer/notices/<int:notice_id>/interest")
@managed_notice
def interest_list(notice):
    return render_template(
        "notices/interest/buyer_list.html", notice=notice, interests=queries.list_interests(notice.id)
    )
