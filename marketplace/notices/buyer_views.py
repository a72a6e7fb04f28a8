"""Buyer pages: draft → preview → publish, edits, close, withdraw, documents.

The buyer's list of notices (`notices.dashboard`) counts event registrations too: see `pages/dashboards.py`."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.forms import DocumentUploadForm
from marketplace.notices import bp, queries, rules, services
from marketplace.notices.access import managed_notice
from marketplace.notices.forms import ConfirmForm, NoticeForm, PublishForm, ReasonForm
from marketplace.storage import StorageError

log = logging.getLogger(__name__)


@bp.route("/buyer/notices/new", methods=["GET", "POST"])
@role_required(BUYER, ADMIN)
def new_notice():
    form = NoticeForm(missions=queries.list_missions(active_only=True))
    if request.method == "POST" and not form.find.data:
        details = form.cleaned(require_complete=False)
        if details is not None:
            notice = services.create_notice(current_user, details)
            _warn_about_past_dates(notice)
            return redirect(url_for("notices.preview", notice_id=notice.id))
    elif form.find.data:
        form.validate()
        _clear_errors(form)
    form.show_only_visible_categories()
    return render_template("notices/buyer/form.html", form=form, notice=None)


@bp.route("/buyer/notices/<int:notice_id>/edit", methods=["GET", "POST"])
@managed_notice
def edit_notice(notice):
    if not rules.can_edit(notice):
        flash("Closed and withdrawn notices cannot be changed", "info")
        return redirect(url_for("notices.show", notice_id=notice.id))
    missions = [m for m in queries.list_missions() if m.active or m.id == notice.mission_id]
    form = NoticeForm(obj=notice, missions=missions)
    if request.method == "GET":
        form.fill_from(notice)
    elif form.find.data:
        form.validate()
        _clear_errors(form)
    else:
        details = form.cleaned(require_complete=not notice.is_draft)
        if details is not None:
            changed = services.update_notice(notice, current_user, details, note=form.change_note.data or None)
            if notice.is_draft:
                _warn_about_past_dates(notice)
                return redirect(url_for("notices.preview", notice_id=notice.id))
            flash("Your changes have been published" if changed else "Nothing was changed", "success")
            return redirect(url_for("notices.show", notice_id=notice.id))
    form.show_only_visible_categories()
    return render_template("notices/buyer/form.html", form=form, notice=notice)


def _warn_about_past_dates(notice) -> None:
    for message in rules.dates_in_the_past(notice).values():
        flash(f"Saved as a draft. {message}", "info")


def _clear_errors(form) -> None:
    """A category search keeps what was typed and shows matches, without errors."""
    for field in form:
        field.errors = []


@bp.route("/buyer/notices/<int:notice_id>/preview", methods=["GET", "POST"])
@managed_notice
def preview(notice):
    form = PublishForm()
    missing = rules.missing_for_publish(notice) if notice.is_draft else {}
    if notice.is_draft and form.validate_on_submit() and not missing:
        try:
            services.publish(notice, current_user)
        except services.NoticeError as error:
            flash(error.message, "info")
            return redirect(url_for("notices.preview", notice_id=notice.id))
        flash("Your notice is published. Suppliers can now find it", "success")
        return redirect(url_for("notices.show", notice_id=notice.id))
    return render_template("notices/buyer/preview.html", notice=notice, form=form, missing=missing)


@bp.route("/buyer/notices/<int:notice_id>/close", methods=["GET", "POST"])
@managed_notice
def close_notice(notice):
    return _end(notice, services.close, "Close engagement early", "Engagement is closed")


@bp.route("/buyer/notices/<int:notice_id>/withdraw", methods=["GET", "POST"])
@managed_notice
def withdraw_notice(notice):
    return _end(notice, services.withdraw, "Withdraw this notice", "The notice is withdrawn")


def _end(notice, action, heading: str, done: str):
    if not rules.can_withdraw(notice):  # a page for notices that have been published and are not withdrawn
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        try:
            action(notice, current_user, form.reason.data)
        except services.NoticeError as error:
            flash(error.message, "info")
        else:
            flash(f"{done}. Interested suppliers have been told", "success")
        return redirect(url_for("notices.show", notice_id=notice.id))
    return render_template("notices/buyer/reason.html", notice=notice, form=form, heading=heading)


@bp.route("/buyer/notices/<int:notice_id>/documents", methods=["GET", "POST"])
@managed_notice
def documents(notice):
    form = DocumentUploadForm()
    if rules.can_add_documents(notice) and form.validate_on_submit():
        try:
            document = services.add_document(notice, current_user, title=form.title.data, checked=form.valid_upload())
        except StorageError:
            log.exception("Could not store a document for notice %s", notice.id)
            form.file.errors = ["The file could not be saved. Try again later"]
        else:
            flash(f"‘{document.title}’ has been uploaded", "success")
            return redirect(url_for("notices.documents", notice_id=notice.id))
    if form.errors and form.checked is not None and not form.file.errors:
        form.file.errors = ["Select the file again"]
    return render_template("notices/buyer/documents.html", notice=notice, form=form)


@bp.route("/buyer/notices/<int:notice_id>/documents/<int:document_id>/delete", methods=["GET", "POST"])
@managed_notice
def delete_document(notice, document_id: int):
    document = queries.get_document(document_id)
    if document is None or document.notice_id != notice.id:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        title = document.title
        services.delete_document(notice, document, current_user)
        flash(f"‘{title}’ has been deleted", "success")
        return redirect(url_for("notices.documents", notice_id=notice.id))
    return render_template("notices/buyer/delete_document.html", notice=notice, document=document, form=form)
