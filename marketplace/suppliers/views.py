"""Supplier pages: create or join an organisation, the profile task list and sections, publish.

The supplier dashboard shows frameworks, notices and events too, so it is composed in `pages/dashboards.py`."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import slots
from marketplace.accounts.access import role_required
from marketplace.accounts.models import SUPPLIER
from marketplace.suppliers import bp, profile, queries, services
from marketplace.suppliers.access import current_membership, organisation_member_required
from marketplace.suppliers.commands import KEEP
from marketplace.suppliers.documents import queries as document_queries
from marketplace.suppliers.edit_conflicts import CONFLICT, current_answers
from marketplace.suppliers.forms import (
    AboutOrganisationForm,
    JoinOrganisationForm,
    OurWorkForm,
    PublishForm,
    UnpublishForm,
    saved_version,
)


@bp.route("/supplier/start", methods=["GET", "POST"])
@role_required(SUPPLIER)
def start():
    if current_membership() is not None:
        return redirect(url_for("suppliers.task_list"))
    pending = queries.get_pending_join_request_for_user(current_user.id)
    if pending is not None:
        return render_template("suppliers/join_requested.html", join_request=pending)
    form = AboutOrganisationForm()
    if request.method == "POST":
        form.validate()
        answers = form.valid_answers()
        if answers.name is not KEEP:
            try:
                organisation = services.create_organisation(current_user, answers)
            except services.AlreadyRegistered as existing:
                return render_template(
                    "suppliers/already_registered.html", organisation=existing.organisation, form=JoinOrganisationForm()
                )
            if not form.errors:
                return redirect(url_for("suppliers.work"))
            # Saved so far; the corrections go to the organisation's own page from now on.
            form.version.data = str(organisation.version)
            return render_template("suppliers/about.html", form=form, organisation=organisation, creating=True)
    return render_template("suppliers/about.html", form=form, creating=True)


@bp.post("/supplier/join/<int:organisation_id>")
@role_required(SUPPLIER)
def join(organisation_id: int):
    organisation = queries.get_organisation(organisation_id) or abort(404)
    if current_membership() is None and JoinOrganisationForm().validate_on_submit():
        services.request_to_join(current_user, organisation)
    return redirect(url_for("suppliers.start"))


@bp.get("/supplier/profile")
@organisation_member_required
def task_list(organisation):
    return render_template(
        "suppliers/task_list.html",
        organisation=organisation,
        sections=profile.sections(organisation),
        missing=profile.missing_for_publish(organisation),
        guide_panels=slots.gather(
            "guides.linked",
            places=[f"onboarding:{section.key}" for section in profile.sections(organisation)],
            heading="Help with your profile",
            anchor="profile",
        ),
    )


@bp.route("/supplier/profile/about", methods=["GET", "POST"])
@organisation_member_required
def about(organisation):
    form = AboutOrganisationForm(obj=organisation)
    if request.method == "GET":
        form.declarations.data = AboutOrganisationForm.declarations_of(organisation)
    saved = None
    if request.method == "POST":
        form.validate()
        try:
            services.update_about(
                organisation, current_user, form.valid_answers(), expected_version=saved_version(form.version)
            )
        except services.AlreadyRegistered:
            form.identifier_number.errors = [
                *form.identifier_number.errors,
                "Another organisation on the marketplace has this number. Ask its owners to invite you",
            ]
        except services.EditConflict:
            form.version.errors = [CONFLICT]
            saved = current_answers(_about_form_for(organisation))
        form.version.data = str(organisation.version)  # what the page now shows is the latest
        if not form.errors:
            return redirect(_next_section(organisation, after="about"))
    return render_template(
        "suppliers/about.html", form=form, organisation=organisation, creating=False, current_answers=saved
    )


def _about_form_for(organisation) -> AboutOrganisationForm:
    form = AboutOrganisationForm(formdata=None, obj=organisation)
    form.declarations.data = AboutOrganisationForm.declarations_of(organisation)
    return form


@bp.route("/supplier/profile/work", methods=["GET", "POST"])
@organisation_member_required
def work(organisation):
    if request.method == "GET":
        form = _work_form_for(organisation)
    else:
        form = OurWorkForm(obj=organisation, postcode=organisation.postcode)
    saved = None
    if request.method == "POST":
        form.validate()
        try:
            services.update_work(
                organisation, current_user, form.valid_answers(), expected_version=saved_version(form.version)
            )
        except services.EditConflict:
            saved = current_answers(_work_form_for(organisation))
        form.version.data = str(organisation.version)  # what the page now shows is the latest
        if form.find.data:  # a category search saves what was typed and shows matches, without errors
            for field in form:
                field.errors = []
        if saved is not None:
            form.version.errors = [CONFLICT]
        elif not form.errors and not form.find.data:
            return redirect(_next_section(organisation, after="work"))
    form.show_only_visible_categories()
    return render_template(
        "suppliers/work.html",
        form=form,
        organisation=organisation,
        current_answers=saved,
    )


def _work_form_for(organisation) -> OurWorkForm:
    form = OurWorkForm(formdata=None, obj=organisation, postcode=organisation.postcode)
    form.categories.data = [c.code for c in organisation.categories]
    form.areas.data = _areas_of(organisation)
    form.based_in_borough.data = {True: "yes", False: "no"}.get(organisation.based_in_borough)
    return form


def _areas_of(organisation) -> list[str]:
    flags = [area for area, attribute in services.AREA_FLAGS.items() if getattr(organisation, attribute)]
    return flags + [w.ward for w in organisation.wards]


def _next_section(organisation, after: str) -> str:
    statuses = {section.key: section.status for section in profile.sections(organisation)}
    if after == "about" and (statuses["what"] != profile.COMPLETED or statuses["where"] != profile.COMPLETED):
        return url_for("suppliers.work")
    if not profile.missing_for_publish(organisation) and not organisation.is_published:
        return url_for("suppliers.preview")
    flash("Your changes have been saved", "success")
    return url_for("suppliers.task_list")


@bp.route("/supplier/profile/publish", methods=["GET", "POST"])
@organisation_member_required
def preview(organisation):
    form = PublishForm()
    missing = profile.missing_for_publish(organisation)
    if form.validate_on_submit() and not missing:
        services.publish(organisation, current_user)
        return redirect(url_for("suppliers.published"))
    return render_template(
        "suppliers/preview.html",
        organisation=organisation,
        form=form,
        missing=missing,
        unpublish_form=UnpublishForm(),
        badge_panels=slots.gather("suppliers.profile.badges", organisation=organisation),
    )


@bp.get("/supplier/profile/published")
@organisation_member_required
def published(organisation):
    return render_template("suppliers/published.html", organisation=organisation)


@bp.post("/supplier/profile/unpublish")
@organisation_member_required
def unpublish(organisation):
    if UnpublishForm().validate_on_submit():
        services.unpublish(organisation, current_user)
        flash("Your profile is no longer published. Buyers cannot see it until you publish it again", "success")
    return redirect(url_for("suppliers.task_list"))


@bp.get("/suppliers/<int:organisation_id>")
def public_profile(organisation_id: int):
    organisation = queries.get_published_organisation(organisation_id)
    membership = current_membership() if current_user.is_authenticated else None
    if organisation is None and membership is not None and membership.organisation_id == organisation_id:
        organisation = membership.organisation  # members may look at their own draft
    if organisation is None:
        abort(404)
    documents = document_queries.list_documents(organisation.id)
    return render_template(
        "suppliers/profile.html",
        organisation=organisation,
        documents=documents,
        badge_panels=slots.gather("suppliers.profile.badges", organisation=organisation),
    )
