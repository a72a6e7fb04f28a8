"""Buyer pages: your opportunities, start one (from scratch or a notice), the task list and its
tasks, preview and publish. Corrections after publishing reuse the same task pages where allowed."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import fields
from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.notices import queries as notice_queries
from marketplace.notices.access import can_manage as can_manage_notice
from marketplace.opportunities import bp, queries, rules, services
from marketplace.opportunities.access import managed, managed_draft
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.buyer import forms
from marketplace.opportunities.commands import ContactAnswers, RequirementsAnswers, TaskAnswers, WhereAnswers


def _task_list(opportunity):
    return redirect(url_for("opportunities.task_list", opportunity_id=opportunity.id))


def _after_save(opportunity):
    if rules.is_draft(opportunity):
        return _task_list(opportunity)
    flash("Your correction has been published in the change history", "success")
    return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))


def _correctable(opportunity) -> None:
    if not (rules.is_draft(opportunity) or rules.can_correct(opportunity)):
        abort(404)


@bp.get("/buyer/opportunities")
@role_required(BUYER, ADMIN)
def dashboard():
    opportunities = queries.list_managed(current_user)
    counts = sealing.submitted_counts([o.id for o in opportunities])
    return render_template("opportunities/buyer/dashboard.html", opportunities=opportunities, counts=counts)


@bp.route("/buyer/opportunities/new", methods=["GET", "POST"])
@role_required(BUYER, ADMIN)
def new():
    form = forms.TitleForm()
    if form.validate_on_submit():
        opportunity = services.create(current_user, title=form.title.data)
        return _task_list(opportunity)
    return render_template(
        "opportunities/form.html", form=form, heading="Create an opportunity", back=url_for("opportunities.dashboard")
    )


@bp.route("/buyer/notices/<int:notice_id>/opportunity", methods=["GET", "POST"])
@role_required(BUYER, ADMIN)
def from_notice(notice_id: int):
    notice = notice_queries.get_notice(notice_id)
    if notice is None or not notice.is_public or not can_manage_notice(notice):
        abort(404)
    form = forms.FromNoticeForm()
    if form.validate_on_submit():
        opportunity = services.create(current_user, title=notice.title, notice=notice)
        flash("We copied the title, outcomes, categories, locations, mission and contact from the notice", "success")
        return _task_list(opportunity)
    return render_template(
        "opportunities/buyer/from_notice.html", form=form, notice=notice, existing=queries.for_notice(notice.id)
    )


@bp.get("/buyer/opportunities/<int:opportunity_id>")
@managed
def task_list(opportunity):
    if not rules.is_draft(opportunity):
        return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
    problems = rules.task_problems(opportunity)
    tasks = [
        {"key": key, "title": title, "status": rules.task_status(opportunity, key, problems), "problems": problems[key]}
        for key, title in rules.TASKS
    ]
    return render_template("opportunities/buyer/task_list.html", opportunity=opportunity, tasks=tasks)


@bp.route("/buyer/opportunities/<int:opportunity_id>/about", methods=["GET", "POST"])
@managed
def about(opportunity):
    _correctable(opportunity)
    missions = [m for m in notice_queries.list_missions() if m.active or m.id == opportunity.mission_id]
    form = forms.AboutForm(obj=opportunity, missions=missions)
    if request.method == "GET":
        form.outcomes.data = "\n".join(o.text for o in opportunity.outcomes)
        form.mission.data = str(opportunity.mission_id or "")
    elif form.validate():
        return _save(opportunity, form.answers(), form.change_note.data)
    return _page(opportunity, form, "Title, summary and outcomes", "opportunities/buyer/about.html")


@bp.route("/buyer/opportunities/<int:opportunity_id>/requirements", methods=["GET", "POST"])
@managed_draft
def requirements(opportunity):
    form = forms.RequirementsForm()
    if request.method == "GET":
        form.essential.data = "\n".join(r.text for r in opportunity.essential)
        form.nice.data = "\n".join(r.text for r in opportunity.nice_to_have)
    elif form.validate():
        answers = RequirementsAnswers(essential=fields.lines(form.essential.data), nice=fields.lines(form.nice.data))
        return _save(opportunity, answers)
    return _page(opportunity, form, "Requirements")


@bp.route("/buyer/opportunities/<int:opportunity_id>/value", methods=["GET", "POST"])
@managed
def value(opportunity):
    _correctable(opportunity)
    form = forms.ValueForm()
    if request.method == "GET":
        form.value_low.data = _plain(opportunity.value_low)
        form.value_high.data = _plain(opportunity.value_high)
        form.contract_start_date.data = opportunity.contract_start_date
        form.contract_months.data = str(opportunity.contract_months or "")
        form.extension_months.data = str(opportunity.extension_months or "")
    else:
        answers = form.answers()
        if answers is not None:
            return _save(opportunity, answers, form.change_note.data)
    return _page(opportunity, form, "Value and contract")


@bp.route("/buyer/opportunities/<int:opportunity_id>/where", methods=["GET", "POST"])
@managed
def where(opportunity):
    _correctable(opportunity)
    form = forms.WhereForm()
    if request.method == "GET":
        form.categories.data, form.wards.data = opportunity.category_codes, opportunity.ward_slugs
    elif form.find.data:
        form.validate()
        for field in form:
            field.errors = []
    elif form.validate():
        answers = WhereAnswers(categories=form.categories.data or [], wards=form.wards.data or [])
        return _save(opportunity, answers, form.change_note.data)
    form.show_only_visible_categories()
    return _page(opportunity, form, "Categories and location", "opportunities/buyer/where.html")


@bp.route("/buyer/opportunities/<int:opportunity_id>/contact", methods=["GET", "POST"])
@managed
def contact(opportunity):
    _correctable(opportunity)
    form = forms.ContactForm(obj=opportunity)
    if request.method == "POST" and form.validate():
        answers = ContactAnswers(
            contact_name=form.contact_name.data or None, contact_email=form.contact_email.data.lower()
        )
        return _save(opportunity, answers, form.change_note.data)
    return _page(opportunity, form, "Contact")


@bp.route("/buyer/opportunities/<int:opportunity_id>/timetable", methods=["GET", "POST"])
@managed_draft
def timetable(opportunity):
    from marketplace import clock

    form = forms.TimetableForm()
    if request.method == "GET":
        form.fill_from(opportunity)
    else:
        answers = form.answers(published_at=clock.now())
        if answers is not None:
            return _save(opportunity, answers)
    return _page(opportunity, form, "Timetable", "opportunities/buyer/timetable.html")


def _save(opportunity, answers: TaskAnswers, note: str | None = None):
    try:
        services.save(opportunity, current_user, answers, note=note or None)
    except services.OpportunityError as error:
        flash(error.message, "info")
        return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
    return _after_save(opportunity)


def _page(opportunity, form, heading: str, template: str = "opportunities/form.html"):
    back = (
        url_for("opportunities.task_list", opportunity_id=opportunity.id)
        if rules.is_draft(opportunity)
        else url_for("opportunities.show", opportunity_id=opportunity.id)
    )
    if not rules.is_draft(opportunity) and "change_note" not in form:
        abort(404)
    if rules.is_draft(opportunity) and "change_note" in form:
        del form.change_note
    return render_template(template, form=form, heading=heading, opportunity=opportunity, back=back)


def _plain(amount) -> str:
    if amount is None:
        return ""
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


@bp.route("/buyer/opportunities/<int:opportunity_id>/preview", methods=["GET", "POST"])
@managed_draft
def preview(opportunity):
    form = forms.PublishForm()
    missing = rules.missing_for_publish(opportunity)
    if form.validate_on_submit() and not missing:
        try:
            services.publish(opportunity, current_user)
        except services.OpportunityError as error:
            flash(error.message, "info")
            return redirect(url_for("opportunities.preview", opportunity_id=opportunity.id))
        flash("Your opportunity is published. Suppliers can now find it and bid", "success")
        return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
    return render_template("opportunities/buyer/preview.html", opportunity=opportunity, form=form, missing=missing)


@bp.route("/buyer/opportunities/<int:opportunity_id>/delete", methods=["GET", "POST"])
@managed_draft
def delete(opportunity):
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        services.delete_draft(opportunity, current_user)
        flash("The draft has been deleted", "success")
        return redirect(url_for("opportunities.dashboard"))
    return render_template(
        "opportunities/buyer/confirm.html",
        form=form,
        opportunity=opportunity,
        heading="Delete this draft?",
        text="The draft and its documents will be deleted. This cannot be undone.",
    )
