"""Joint bids: the lead picks partners; a partner confirms through the signed link in their email."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from marketplace.accounts import tokens
from marketplace.accounts.access import role_required
from marketplace.accounts.models import SUPPLIER
from marketplace.extensions import db
from marketplace.opportunities import bp
from marketplace.opportunities.bids import forms, joint, sealing
from marketplace.opportunities.bids.services import BidError, TooLate
from marketplace.opportunities.bids.views import editing
from marketplace.suppliers.access import current_membership
from marketplace.suppliers.models import Organisation


def _search(text: str, excluding: set[int]) -> list[Organisation]:
    pattern = text.strip().lower()
    if not pattern:
        return []
    statement = (
        select(Organisation)
        .where(
            func.lower(Organisation.name).contains(pattern, autoescape=True)
            | func.lower(func.coalesce(Organisation.trading_name, "")).contains(pattern, autoescape=True)
        )
        .order_by(Organisation.name)
        .limit(20)
    )
    return [o for o in db.session.scalars(statement) if o.id not in excluding]


@bp.route("/opportunities/<int:opportunity_id>/bid/partners", methods=["GET", "POST"])
@editing
def partners(opportunity, organisation, bid):
    from marketplace.notices.interest import queries as interest_queries
    from marketplace.suppliers.queries import get_organisation

    search = forms.PartnerSearchForm(request.args)
    form = forms.AddPartnerForm()
    taken = {bid.organisation_id, *(m.organisation_id for m in bid.members)}
    if form.validate_on_submit():
        value = form.organisation.data or ""
        partner = get_organisation(int(value)) if value.isdigit() and len(value) < 10 else None
        if partner is None:
            form.organisation.errors = ["Choose an organisation"]
        else:
            try:
                joint.add_partner(bid, current_user, partner, role=form.role.data or None)
            except BidError as error:
                form.organisation.errors = [error.message]
            else:
                flash(f"{partner.display_name} has been emailed a link to confirm", "success")
                return redirect(url_for("opportunities.partners", opportunity_id=opportunity.id))
    listed = []
    if opportunity.notice_id:
        listed = [i for i in interest_queries.partner_list(opportunity.notice_id) if i.organisation_id not in taken]
    return render_template(
        "opportunities/bid/partners.html",
        opportunity=opportunity,
        bid=bid,
        form=form,
        search=search,
        results=_search(search.q.data or "", taken) if search.validate() else [],
        listed=listed,
        remove=forms.ConfirmForm(),
    )


@bp.post("/opportunities/<int:opportunity_id>/bid/partners/<int:member_id>/remove")
@editing
def remove_partner(opportunity, organisation, bid, member_id: int):
    if forms.ConfirmForm().validate_on_submit():
        joint.remove_partner(bid, current_user, member_id)
    return redirect(url_for("opportunities.partners", opportunity_id=opportunity.id))


@bp.route("/bids/partners/<token>", methods=["GET", "POST"])
def confirm_partner(token: str):
    """Anyone may open the link; only someone signed in to the invited organisation can answer it."""
    try:
        member = joint.member_for_token(token)
    except tokens.TokenInvalid:
        return render_template("opportunities/bid/partner_link_problem.html"), 404
    membership = current_membership() if current_user.is_authenticated and current_user.is_supplier else None
    organisation = membership.organisation if membership else None
    form = forms.PartnerDecisionForm()
    if request.method == "POST":
        if not current_user.is_authenticated:
            abort(403)
        if form.validate_on_submit():
            try:
                joint.decide(token, current_user, organisation, accept=bool(form.accept.data))
            except TooLate:
                flash("The deadline for bids has passed, so this can no longer be answered", "info")
            except BidError as error:
                flash(error.message, "info")
            else:
                flash("Thank you. The lead supplier has been told", "success")
                if form.accept.data:
                    return redirect(url_for("opportunities.bid", opportunity_id=member.bid.opportunity_id))
            return redirect(url_for("opportunities.confirm_partner", token=token))
    return render_template(
        "opportunities/bid/confirm_partner.html",
        member=member,
        lead=member.bid.organisation.display_name,
        opportunity=member.bid.opportunity,
        allowed=organisation is not None and organisation.id == member.organisation_id,
        form=form,
    )


@bp.get("/supplier/bids")
@role_required(SUPPLIER)
def your_bids():
    viewer = sealing.viewer_for(current_user)
    return render_template("opportunities/bid/your_bids.html", bids=sealing.own_bids(viewer), viewer=viewer)
