"""Who may bid (drafts only), and picking invited suppliers from search or a shortlist."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.opportunities import audience, bp
from marketplace.opportunities.access import managed_draft
from marketplace.opportunities.buyer import forms
from marketplace.opportunities.models import INVITED
from marketplace.suppliers.models import Organisation


@bp.route("/buyer/opportunities/<int:opportunity_id>/who", methods=["GET", "POST"])
@managed_draft
def who(opportunity):
    lots = audience.lot_options()
    form = forms.WhoForm(lots=lots)
    if request.method == "GET":
        form.who_may_bid.data = opportunity.who_may_bid
        form.lot.data = opportunity.lot_id or ""
        form.suitable.data = [k for k in ("sme", "vcse") if getattr(opportunity, f"suitable_{k}")]
        form.reserved.data = opportunity.reserved or "no"
    elif form.validate():
        try:
            audience.save(opportunity, current_user, **form.details())
        except audience.AudienceError as error:
            target = form.reserved if error.field == "reserved" else form.lot
            target.errors = [*target.errors, error.message]
        else:
            if opportunity.who_may_bid == INVITED:
                return redirect(url_for("opportunities.invited", opportunity_id=opportunity.id))
            return redirect(url_for("opportunities.task_list", opportunity_id=opportunity.id))
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Who may bid",
        back=url_for("opportunities.task_list", opportunity_id=opportunity.id),
    )


def _search(text: str) -> list[Organisation]:
    if not text.strip():
        return []
    pattern = text.strip().lower()
    statement = (
        select(Organisation)
        .where(
            func.lower(Organisation.name).contains(pattern, autoescape=True)
            | func.lower(func.coalesce(Organisation.trading_name, "")).contains(pattern, autoescape=True)
        )
        .order_by(Organisation.name)
        .limit(20)
    )
    return list(db.session.scalars(statement))


@bp.route("/buyer/opportunities/<int:opportunity_id>/invited", methods=["GET", "POST"])
@managed_draft
def invited(opportunity):
    from marketplace.shortlists import queries as shortlist_queries

    if opportunity.who_may_bid != INVITED:
        abort(404)
    search = forms.InviteSearchForm(request.args)
    shortlists = shortlist_queries.list_shortlists(current_user.id)
    from_shortlist = forms.InviteShortlistForm()
    from_shortlist.shortlist.choices = [(str(s.id), f"{s.name} ({count})") for s, count in shortlists]
    one = forms.InviteOneForm()
    if request.method == "POST":
        ids = _chosen(from_shortlist, one)
        if ids is None:
            abort(400)
        added = audience.invite(opportunity, current_user, ids)
        flash(f"{added} supplier{'s' if added != 1 else ''} invited" if added else "Already invited", "success")
        return redirect(url_for("opportunities.invited", opportunity_id=opportunity.id))
    return render_template(
        "opportunities/buyer/invited.html",
        opportunity=opportunity,
        search=search,
        results=_search(search.q.data or "") if search.validate() else [],
        from_shortlist=from_shortlist,
        has_shortlists=bool(shortlists),
        one=one,
    )


def _chosen(from_shortlist, one) -> list[int] | None:
    from marketplace.shortlists import queries as shortlist_queries
    from marketplace.suppliers.queries import get_organisation

    if "shortlist" in request.form and from_shortlist.validate_on_submit():
        value = from_shortlist.shortlist.data or ""
        shortlist = shortlist_queries.get_own_shortlist(int(value), current_user.id) if value.isdigit() else None
        return [entry.organisation_id for entry in shortlist.entries] if shortlist else None
    if one.validate_on_submit() and (one.organisation.data or "").isdigit():
        organisation = get_organisation(int(one.organisation.data)) if len(one.organisation.data) < 10 else None
        return [organisation.id] if organisation else None
    return None


@bp.post("/buyer/opportunities/<int:opportunity_id>/invited/<int:organisation_id>/remove")
@managed_draft
def uninvite(opportunity, organisation_id: int):
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        audience.uninvite(opportunity, current_user, organisation_id)
    return redirect(url_for("opportunities.invited", opportunity_id=opportunity.id))
