"""Public event pages, and suppliers registering, changing, cancelling and downloading a calendar file."""

from __future__ import annotations

import logging

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import clock, slots
from marketplace.downloads import download
from marketplace.events import bp, choices, ics, queries, registrations, rules
from marketplace.events.access import can_manage, may_see_joining_details, visible_event_or_404
from marketplace.events.forms import ConfirmForm, DetailsForm, RegistrationForm
from marketplace.events.models import REGISTERED
from marketplace.storage import ObjectNotFound, get_storage
from marketplace.suppliers.access import current_membership, organisation_member_required

log = logging.getLogger(__name__)
bp.record_once(lambda state: state.app.jinja_env.globals.update(event_labels=choices, event_rules=rules))


@bp.get("/events")
def index():
    now = clock.now()
    upcoming = queries.list_public_events(at=now, upcoming=True)
    past = queries.list_public_events(at=now, upcoming=False)
    return render_template(
        "events/index.html",
        upcoming=upcoming,
        past=past,
        places=queries.places_by_event([e.id for e in upcoming]),
        now=now,
    )


def _own_registration(event):
    membership = current_membership() if current_user.is_authenticated and current_user.is_supplier else None
    return membership, queries.get_registration(event.id, membership.organisation_id if membership else None)


@bp.get("/events/<int:event_id>")
def show(event_id: int):
    event = visible_event_or_404(event_id)
    membership, registration = _own_registration(event)
    active = registration if registration is not None and rules.is_active(registration) else None
    return render_template(
        "events/show.html",
        event=event,
        membership=membership,
        registration=active,
        joining=may_see_joining_details(event, active),
        manager=can_manage(event),
        show_materials=event.follow_up_published_at is not None or can_manage(event),
        now=clock.now(),
        guide_panels=slots.gather("guides.linked", places=[f"event:{event.id}"], heading="Guides", anchor="event"),
    )


@bp.get("/events/<int:event_id>.ics")
def calendar(event_id: int):
    event = visible_event_or_404(event_id)
    _, registration = _own_registration(event)
    body = ics.calendar(event, with_joining_details=may_see_joining_details(event, registration))
    return download(body, f"event-{event.id}.ics", "text/calendar; charset=utf-8")


@bp.route("/events/<int:event_id>/register", methods=["GET", "POST"])
@organisation_member_required
def register(event_id: int, organisation):
    event = visible_event_or_404(event_id)
    registration = queries.get_registration(event.id, organisation.id)
    if registration is not None and rules.is_active(registration):
        return redirect(url_for("events.change_registration", event_id=event.id))
    if not event.registration_open():
        return render_template("events/registration_closed.html", event=event), 409 if request.method == "POST" else 200
    form = RegistrationForm(max_party_size=event.max_party_size)
    if form.validate_on_submit():
        try:
            booked = registrations.register(
                event,
                organisation,
                current_user,
                attendees=int(form.attendees.data),
                names=form.name_list,
                access_needs=form.access_needs.data or None,
            )
        except registrations.BookingError as error:
            flash(error.message, "info")
            return redirect(url_for("events.show", event_id=event.id))
        flash(
            "You are registered. We have emailed you the details"
            if booked.status == REGISTERED
            else "The event is full, so you are on the waiting list. We will email you if a place comes up",
            "success",
        )
        return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/register.html", event=event, form=form, organisation=organisation)


@bp.route("/events/<int:event_id>/registration", methods=["GET", "POST"])
@organisation_member_required
def change_registration(event_id: int, organisation):
    event = visible_event_or_404(event_id)
    registration = queries.get_registration(event.id, organisation.id)
    if registration is None or not rules.is_active(registration):
        return redirect(url_for("events.register", event_id=event.id))
    form = DetailsForm(max_party_size=registration.attendees)
    form.attendees.data = str(registration.attendees)  # fixed here: changing it means cancelling and registering again
    if request.method == "GET":
        form.names.data, form.access_needs.data = registration.attendee_names, registration.access_needs
    elif form.validate_on_submit():
        registrations.update_details(
            registration, current_user, names=form.name_list, access_needs=form.access_needs.data or None
        )
        flash("Your changes have been saved", "success")
        return redirect(url_for("events.show", event_id=event.id))
    return render_template(
        "events/change_registration.html", event=event, form=form, registration=registration, cancel_form=ConfirmForm()
    )


@bp.route("/events/<int:event_id>/cancel-registration", methods=["GET", "POST"])
@organisation_member_required
def cancel_registration(event_id: int, organisation):
    event = visible_event_or_404(event_id)
    registration = queries.get_registration(event.id, organisation.id)
    if registration is None or not rules.is_active(registration):
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            registrations.cancel(registration, current_user)
        except registrations.BookingError as error:
            flash(error.message, "info")
        else:
            flash("Your registration is cancelled", "success")
        return redirect(url_for("events.show", event_id=event.id))
    return render_template("events/cancel_registration.html", event=event, registration=registration, form=form)


@bp.get("/events/<int:event_id>/materials/<int:material_id>")
def download_material(event_id: int, material_id: int):
    event = visible_event_or_404(event_id)
    material = queries.get_material(material_id)
    if material is None or material.event_id != event.id or not (event.follow_up_published_at or can_manage(event)):
        abort(404)
    try:
        return get_storage().download_response(
            material.storage_key, filename=material.filename, content_type=material.content_type
        )
    except ObjectNotFound:
        log.error("Event material %s points at missing object %s", material.id, material.storage_key)
        abort(404)
