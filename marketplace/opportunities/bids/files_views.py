"""Bid attachments (the storage module's checks) and their downloads for the bidding organisation
and its confirmed partners."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from marketplace.forms import DocumentUploadForm
from marketplace.opportunities import bp
from marketplace.opportunities.bids import forms, sealing, services
from marketplace.opportunities.bids.views import editing
from marketplace.storage import ObjectNotFound, StorageError, get_storage
from marketplace.suppliers.access import organisation_member_required

log = logging.getLogger(__name__)


@bp.route("/opportunities/<int:opportunity_id>/bid/attachments", methods=["GET", "POST"])
@editing
def attachments(opportunity, organisation, bid):
    form = DocumentUploadForm()
    form.title.description = "The evaluators see this, for example ‘Method statement’"
    if form.validate_on_submit():
        try:
            document = services.add_document(bid, current_user, title=form.title.data, checked=form.valid_upload())
        except StorageError:
            log.exception("Could not store an attachment for bid %s", bid.id)
            form.file.errors = ["The file could not be saved. Try again later"]
        except services.BidError as error:
            form.file.errors = [error.message]
        else:
            flash(f"‘{document.title}’ has been attached", "success")
            return redirect(url_for("opportunities.attachments", opportunity_id=opportunity.id))
    if form.errors and form.checked is not None and not form.file.errors:
        form.file.errors = ["Select the file again"]
    return render_template(
        "opportunities/bid/attachments.html", opportunity=opportunity, bid=bid, form=form, remove=forms.ConfirmForm()
    )


@bp.post("/opportunities/<int:opportunity_id>/bid/attachments/<int:document_id>/remove")
@editing
def remove_attachment(opportunity, organisation, bid, document_id: int):
    if forms.ConfirmForm().validate_on_submit():
        services.remove_document(bid, current_user, document_id)
    return redirect(url_for("opportunities.attachments", opportunity_id=opportunity.id))


@bp.get("/bids/<int:bid_id>/attachments/<int:document_id>")
@organisation_member_required
def download_attachment(bid_id: int, document_id: int, organisation):
    readable = sealing.readable_bid(sealing.viewer_for(current_user), bid_id)
    if readable is None or readable.access == "official":
        abort(404)  # buyers download opened attachments from the opened bid's page
    document = next((d for d in readable.bid.documents if d.id == document_id), None) or abort(404)
    try:
        return get_storage().download_response(
            document.storage_key, filename=document.filename, content_type=document.content_type
        )
    except ObjectNotFound:
        abort(404)
