"""After publishing: documents, extending the deadline, cancelling, questions for all, and the bids
(a count before the closing instant; opening them after it)."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import clock
from marketplace.forms import DocumentUploadForm
from marketplace.opportunities import bp, queries, rules, services
from marketplace.opportunities.access import is_owner, managed
from marketplace.opportunities.bids import opening, sealing
from marketplace.opportunities.buyer import forms
from marketplace.storage import ObjectNotFound, StorageError, get_storage

log = logging.getLogger(__name__)


def _show(opportunity):
    return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))


@bp.route("/buyer/opportunities/<int:opportunity_id>/documents", methods=["GET", "POST"])
@managed
def documents(opportunity):
    can_add = rules.is_draft(opportunity) or rules.can_correct(opportunity)
    form = DocumentUploadForm()
    if can_add and form.validate_on_submit():
        try:
            document = services.add_document(
                opportunity, current_user, title=form.title.data, checked=form.valid_upload()
            )
        except StorageError:
            log.exception("Could not store a document for opportunity %s", opportunity.id)
            form.file.errors = ["The file could not be saved. Try again later"]
        except services.OpportunityError as error:
            form.file.errors = [error.message]
        else:
            flash(f"‘{document.title}’ has been uploaded", "success")
            return redirect(url_for("opportunities.documents", opportunity_id=opportunity.id))
    if form.errors and form.checked is not None and not form.file.errors:
        form.file.errors = ["Select the file again"]
    return render_template("opportunities/buyer/documents.html", opportunity=opportunity, form=form, can_add=can_add)


@bp.route("/buyer/opportunities/<int:opportunity_id>/documents/<int:document_id>/delete", methods=["GET", "POST"])
@managed
def delete_document(opportunity, document_id: int):
    document = queries.get_document(opportunity.id, document_id)
    if document is None or not rules.is_draft(opportunity):
        abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        services.delete_document(opportunity, document, current_user)
        flash(f"‘{document.title}’ has been deleted", "success")
        return redirect(url_for("opportunities.documents", opportunity_id=opportunity.id))
    return render_template(
        "opportunities/buyer/confirm.html",
        form=form,
        opportunity=opportunity,
        heading=f"Delete ‘{document.title}’?",
        text="Suppliers will not see this document.",
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/extend", methods=["GET", "POST"])
@managed
def extend(opportunity):
    if not rules.can_correct(opportunity):
        abort(404)
    form = forms.ExtendForm()
    if request.method == "POST":
        closes_at = form.closes_at()
        if closes_at is not None:
            try:
                services.extend(opportunity, current_user, closes_at=closes_at, note=form.note.data or None)
            except services.OpportunityError as error:
                form.closes_on.errors = [*form.closes_on.errors, error.message]
            else:
                flash("The deadline is extended. Suppliers with a bid in progress have been told", "success")
                return _show(opportunity)
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Extend the deadline",
        lead="You can move the deadline later, never earlier. Suppliers see the change in the history.",
        back=url_for("opportunities.show", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/cancel", methods=["GET", "POST"])
@managed
def cancel(opportunity):
    if not rules.can_cancel(opportunity):
        abort(404)
    form = forms.CancelForm()
    if form.validate_on_submit():
        services.cancel(opportunity, current_user, reason=form.reason.data)
        flash("The opportunity is cancelled. Everyone with a bid has been told", "success")
        return _show(opportunity)
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Cancel this opportunity",
        back=url_for("opportunities.show", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/bids", methods=["GET", "POST"])
@managed
def bids(opportunity):
    """Before the closing instant: how many organisations have submitted, nothing more."""
    if rules.is_draft(opportunity):
        abort(404)
    form = forms.OpenBidsForm()
    owner = is_owner(opportunity)
    if owner and request.method == "POST" and form.validate_on_submit():
        try:
            count = opening.open_bids(opportunity, current_user)
        except opening.OpeningError as error:
            flash(error.message, "info")
        else:
            flash(f"{count} bid{'s' if count != 1 else ''} opened", "success")
        return redirect(url_for("opportunities.bids", opportunity_id=opportunity.id))
    viewer = sealing.viewer_for(current_user)
    return render_template(
        "opportunities/buyer/bids.html",
        opportunity=opportunity,
        form=form,
        owner=owner,
        submitted=sealing.count_submitted(opportunity.id),
        opened=sealing.opened_bids(viewer, opportunity.id),
        now=clock.now(),
    )


@bp.get("/buyer/opportunities/<int:opportunity_id>/bids/<int:bid_id>")
@managed
def opened_bid(opportunity, bid_id: int):
    bid = sealing.opened_bid(sealing.viewer_for(current_user), opportunity.id, bid_id) or abort(404)
    return render_template("opportunities/buyer/opened_bid.html", opportunity=opportunity, bid=bid)


@bp.get("/buyer/opportunities/<int:opportunity_id>/bids/<int:bid_id>/attachments/<int:document_id>")
@managed
def opened_attachment(opportunity, bid_id: int, document_id: int):
    bid = sealing.opened_bid(sealing.viewer_for(current_user), opportunity.id, bid_id) or abort(404)
    readable = sealing.readable_bid(sealing.viewer_for(current_user), bid.id) or abort(404)
    named = {item["id"] for item in bid.attachments}
    document = next((d for d in readable.bid.documents if d.id == document_id and d.id in named), None) or abort(404)
    try:
        return get_storage().download_response(
            document.storage_key, filename=document.filename, content_type=document.content_type
        )
    except ObjectNotFound:
        abort(404)
