"""Buyer pages for events: create, edit, publish, cancel; attendees (CSV), attendance; follow-up."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import clock
from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.downloads import csv_download
from marketplace.events import bp, exports, queries, registrations, rules, services
from marketplace.events.access import managed_event
from marketplace.events.forms import AttendanceForm, ConfirmForm, EventForm, FollowUpForm, MaterialForm, ReasonForm
from marketplace.notices import queries as notice_queries
from marketplace.notices import rules as notice_rules
from marketplace.notices.access import can_manage as can_manage_notice
from marketplace.storage import StorageError

log = logging.getLogger(__name__)


def _notices_for(user, current_id: int | None = None):
    return [n for n in notice_queries.list_managed_notices(user) if notice_rules.can_add_event(n) or n.id == current_id]


@bp.get("/buyer/events")
@role_required(BUYER, ADMIN)
def dashboard():
    events = queries.list_managed_events(current_user)
    return render_template(
        "events/buyer/dashboard.html",
        events=events,
        places=queries.places_by_event([e.id for e in events]),
        now=clock.now(),
    )


@bp.route("/buyer/events/new", methods=["GET", "POST"])
@role_required(BUYER, ADMIN)
def new_event():
    form = EventForm(notices=_notices_for(current_user))
    if request.method == "GET":
        wanted = request.args.get("notice", "")
        form.notice.data = wanted if wanted in {choice.value for choice in form.notice.choices} else ""
        form.max_party_size.data = form.max_party_size.data or "2"
    elif (details := form.cleaned()) is not None:
        event = services.create_event(current_user, _checked_notice(details))
        _warn_about_past_dates(event)
        return redirect(url_for("events.preview", event_id=event.id))
    return render_template("events/buyer/form.html", form=form, event=None)


def _checked_notice(details: services.EventDetails) -> services.EventDetails:
    if details.notice_id is not None:
        notice = notice_queries.get_notice(details.notice_id)
        if notice is None or not can_manage_notice(notice):
            abort(404)
    return details


@bp.route("/buyer/events/<int:event_id>/edit", methods=["GET", "POST"])
@managed_event
def edit_event(event):
    if not rules.can_edit(event):
        abort(404)
    form = EventForm(obj=event, notices=_notices_for(current_user, event.notice_id))
    if request.method == "GET":
        form.fill_from(event)
    elif (details := form.cleaned()) is not None:
        try:
            services.update_event(event, current_user, _checked_notice(details))
        except services.EventError as error:
            getattr(form, error.field or "title").errors = [error.message]
        else:
            flash("Your changes have been saved", "success")
            _warn_about_past_dates(event)
            return redirect(url_for("events.preview" if rules.is_draft(event) else "events.show", event_id=event.id))
    return render_template("events/buyer/form.html", form=form, event=event)


@bp.route("/buyer/events/<int:event_id>/preview", methods=["GET", "POST"])
@managed_event
def preview(event):
    form = ConfirmForm()
    if rules.can_publish(event) and form.validate_on_submit():
        try:
            services.publish_event(event, current_user)
        except services.EventError as error:
            flash(error.message, "info")
            return redirect(url_for("events.preview", event_id=event.id))
        flash("Your event is published. Suppliers can now register", "success")
        return redirect(url_for("events.show", event_id=event.id))
    missing = services.dates_in_the_past(event) if rules.is_draft(event) else {}
    return render_template("events/buyer/preview.html", event=event, form=form, missing=missing)


def _warn_about_past_dates(event) -> None:
    if rules.is_draft(event):
        for message in services.dates_in_the_past(event).values():
            flash(f"Saved as a draft. {message}", "info")


@bp.route("/buyer/events/<int:event_id>/cancel", methods=["GET", "POST"])
@managed_event
def cancel_event(event):
    if not rules.can_cancel(event):
        abort(404)
    form = ReasonForm()
    if form.validate_on_submit():
        services.cancel_event(event, current_user, form.reason.data)
        flash("The event is cancelled. Everyone registered has been told", "success")
        return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/buyer/cancel.html", event=event, form=form)


@bp.route("/buyer/events/<int:event_id>/attendees", methods=["GET", "POST"])
@managed_event
def attendees(event):
    registered = queries.list_registrations(event.id)
    form = AttendanceForm()
    form.attended.choices = [(str(r.id), r.organisation.name) for r in registered if rules.holds_places(r)]
    if request.method == "GET":
        form.attended.data = [str(r.id) for r in registered if r.attended]
    elif form.validate_on_submit():
        registrations.mark_attendance(event, current_user, {int(value) for value in form.attended.data or []})
        flash("Attendance saved", "success")
        return redirect(url_for("events.attendees", event_id=event.id))
    return render_template(
        "events/buyer/attendees.html",
        event=event,
        registrations=registered,
        form=form,
        started=event.starts_at <= clock.now(),
    )


@bp.get("/buyer/events/<int:event_id>/attendees.csv")
@managed_event
def attendees_csv(event):
    body = exports.attendees_csv(queries.list_registrations(event.id))
    return csv_download(body, f"event-{event.id}-attendees.csv")


@bp.route("/buyer/events/<int:event_id>/follow-up", methods=["GET", "POST"])
@managed_event
def follow_up(event):
    form, upload = FollowUpForm(), MaterialForm()
    if request.method == "GET":
        form.qa_summary.data = event.qa_summary
    elif upload.upload.data and upload.validate_on_submit():
        try:
            services.add_material(event, current_user, title=upload.title.data, checked=upload.valid_upload())
        except StorageError:
            log.exception("Could not store a material for event %s", event.id)
            upload.file.errors = ["The file could not be saved. Try again later"]
        else:
            flash(
                f"‘{upload.title.data}’ uploaded"
                + ("" if event.follow_up_published_at else ". Publish when you are ready"),
                "success",
            )
            return redirect(url_for("events.follow_up", event_id=event.id))
    elif form.publish.data and form.validate_on_submit():
        try:
            services.publish_follow_up(event, current_user, qa_summary=form.qa_summary.data or None)
        except services.EventError as error:
            flash(error.message, "info")
        else:
            flash("Published. Everyone interested has been emailed", "success")
            return redirect(url_for("events.show", event_id=event.id))
    return render_template(
        "events/buyer/follow_up.html", event=event, form=form, upload=upload, ended=event.has_ended()
    )


@bp.route("/buyer/events/<int:event_id>/materials/<int:material_id>/delete", methods=["GET", "POST"])
@managed_event
def delete_material(event, material_id: int):
    material = queries.get_material(material_id)
    if material is None or material.event_id != event.id:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        services.delete_material(event, material, current_user)
        flash("File deleted", "success")
        return redirect(url_for("events.follow_up", event_id=event.id))
    return render_template("events/buyer/delete_material.html", event=event, material=material, form=form)
