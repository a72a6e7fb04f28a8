"""The Documents section: list and upload (members), download (members, and buyers once published), delete."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from marketplace.storage import ObjectNotFound, StorageError, get_storage
from marketplace.suppliers import bp
from marketplace.suppliers import queries as supplier_queries
from marketplace.suppliers.access import organisation_member_required
from marketplace.suppliers.documents import access, display, queries, services
from marketplace.suppliers.documents.forms import UploadDocumentForm
from marketplace.suppliers.forms import ConfirmForm
from marketplace.suppliers.models import Organisation, SupplierDocument

log = logging.getLogger(__name__)

# Registered once with the app, so the public profile (or any page) can include _public_list.html.
bp.record_once(lambda state: state.app.jinja_env.globals.update(document_display=display))


@bp.route("/supplier/profile/documents", methods=["GET", "POST"])
@organisation_member_required
def documents(organisation: Organisation):
    form = UploadDocumentForm()
    if form.validate_on_submit():
        try:
            document = services.upload_document(
                organisation,
                current_user,
                kind=form.kind.data,
                title=form.title.data,
                expires_on=form.expires_on.data,
                checked=form.valid_upload(),
            )
        except StorageError:
            log.exception("Could not store an upload for organisation %s", organisation.id)
            form.file.errors = ["The file could not be saved. Try again later"]
        else:
            flash(f"‘{document.title}’ has been uploaded", "success")
            return redirect(url_for("suppliers.documents"))
    form.ask_for_file_again()
    return render_template(
        "suppliers/documents/documents.html",
        form=form,
        organisation=organisation,
        documents=queries.list_documents(organisation.id),
    )


@bp.get("/supplier/documents/<int:document_id>/download")
def download_document(document_id: int):
    document, organisation = _document_and_organisation(document_id)
    if not access.may_download(organisation):
        abort(404)
    try:
        return get_storage().download_response(
            document.storage_key, filename=document.filename, content_type=document.content_type
        )
    except ObjectNotFound:
        log.error("Document %s points at missing object %s", document.id, document.storage_key)
        abort(404)


@bp.route("/supplier/documents/<int:document_id>/delete", methods=["GET", "POST"])
def delete_document(document_id: int):
    document, organisation = _document_and_organisation(document_id)
    if not access.is_member(organisation):
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = document.title  # read before the row goes
        services.delete_document(organisation, document, current_user)
        flash(f"‘{title}’ has been deleted", "success")
        return redirect(url_for("suppliers.documents"))
    return render_template("suppliers/documents/delete.html", form=form, document=document, organisation=organisation)


def _document_and_organisation(document_id: int) -> tuple[SupplierDocument, Organisation]:
    document = queries.get_document(document_id)
    organisation = supplier_queries.get_organisation(document.organisation_id) if document else None
    if document is None or organisation is None:
        abort(404)
    return document, organisation
