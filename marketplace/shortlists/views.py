"""Buyer tools: shortlists (add from a profile, notes, CSV) and saved searches. Buyers see only their own."""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.downloads import csv_download
from marketplace.links import external_url
from marketplace.shortlists import bp, queries, services
from marketplace.shortlists.forms import (
    NEW,
    AddToShortlistForm,
    ConfirmForm,
    NewShortlistForm,
    NoteForm,
    SaveSearchForm,
)
from marketplace.suppliers import queries as supplier_queries
from marketplace.suppliers.search import params


@bp.before_request
@role_required(BUYER, ADMIN)
def buyers_only():
    return None


def _own_shortlist(shortlist_id: int):
    return queries.get_own_shortlist(shortlist_id, current_user.id) or abort(404)


@bp.route("/shortlists", methods=["GET", "POST"])
def shortlists():
    form = NewShortlistForm()
    if form.validate_on_submit():
        shortlist = services.create_shortlist(current_user, form.name.data)
        return redirect(url_for("shortlists.shortlist", shortlist_id=shortlist.id))
    return render_template(
        "shortlists/shortlists.html",
        form=form,
        shortlists=queries.list_shortlists(current_user.id),
        saved_searches=queries.list_saved_searches(current_user.id),
        confirm_form=ConfirmForm(),
    )


@bp.get("/shortlists/<int:shortlist_id>")
def shortlist(shortlist_id: int):
    return render_template(
        "shortlists/shortlist.html", shortlist=_own_shortlist(shortlist_id), confirm_form=ConfirmForm()
    )


@bp.get("/shortlists/<int:shortlist_id>.csv")
def shortlist_csv(shortlist_id: int):
    shortlist = _own_shortlist(shortlist_id)
    body = services.shortlist_csv(
        shortlist, lambda org_id: external_url("suppliers.public_profile", organisation_id=org_id)
    )
    return csv_download(body, f"{shortlist.name.strip()[:60] or 'shortlist'}.csv")


@bp.route("/suppliers/<int:organisation_id>/shortlist", methods=["GET", "POST"])
def add_to_shortlist(organisation_id: int):
    organisation = supplier_queries.get_published_organisation(organisation_id) or abort(404)
    owned = queries.list_shortlists(current_user.id)
    form = AddToShortlistForm()
    form.set_shortlists(owned)
    if form.validate_on_submit():
        if form.shortlist.data == NEW:
            target = services.create_shortlist(current_user, form.new_name.data)
        else:
            target = _own_shortlist(int(form.shortlist.data))
        services.add_to_shortlist(target, organisation, current_user, form.note.data or None)
        flash(f"{organisation.display_name} added to {target.name}", "success")
        return redirect(url_for("shortlists.shortlist", shortlist_id=target.id))
    return render_template("shortlists/add.html", form=form, organisation=organisation)


@bp.route("/shortlist-entries/<int:entry_id>/note", methods=["GET", "POST"])
def edit_note(entry_id: int):
    entry = queries.get_own_entry(entry_id, current_user.id) or abort(404)
    form = NoteForm(obj=entry)
    if form.validate_on_submit():
        services.update_note(entry, current_user, form.note.data or None)
        flash("Note saved", "success")
        return redirect(url_for("shortlists.shortlist", shortlist_id=entry.shortlist_id))
    return render_template("shortlists/note.html", form=form, entry=entry)


@bp.post("/shortlist-entries/<int:entry_id>/remove")
def remove_entry(entry_id: int):
    entry = queries.get_own_entry(entry_id, current_user.id) or abort(404)
    shortlist_id = entry.shortlist_id
    if ConfirmForm().validate_on_submit():
        services.remove_entry(entry, current_user)
        flash(f"{entry.organisation.display_name} removed", "success")
    return redirect(url_for("shortlists.shortlist", shortlist_id=shortlist_id))


@bp.post("/shortlists/<int:shortlist_id>/delete")
def delete_shortlist(shortlist_id: int):
    shortlist = _own_shortlist(shortlist_id)
    if ConfirmForm().validate_on_submit():
        services.delete_shortlist(shortlist, current_user)
        flash(f"Shortlist ‘{shortlist.name}’ deleted", "success")
    return redirect(url_for("shortlists.shortlists"))


@bp.post("/saved-searches")
def save_search():
    form = SaveSearchForm()
    if not form.validate_on_submit():
        abort(400)
    # Store the search as the search page would write it: nothing else can ride along.
    normalised = params.parse(MultiDict(parse_qsl(form.query_string.data or ""))).query_string()
    saved = services.save_search(current_user, form.name.data, normalised)
    flash(f"Search saved as ‘{saved.name}’. Find it under your shortlists", "success")
    return redirect(url_for("search.suppliers") + ("?" + saved.query_string if saved.query_string else ""))


@bp.get("/saved-searches/<int:saved_id>")
def run_saved_search(saved_id: int):
    saved = queries.get_own_saved_search(saved_id, current_user.id) or abort(404)
    return redirect(url_for("search.suppliers") + ("?" + saved.query_string if saved.query_string else ""))


@bp.post("/saved-searches/<int:saved_id>/delete")
def delete_saved_search(saved_id: int):
    saved = queries.get_own_saved_search(saved_id, current_user.id) or abort(404)
    if ConfirmForm().validate_on_submit():
        services.delete_saved_search(saved, current_user)
        flash("Saved search deleted", "success")
    return redirect(url_for("shortlists.shortlists"))
