"""Award criteria pages (drafts only): the overview, each question, price, weights, scale."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.opportunities import bp, choices, criteria, rules
from marketplace.opportunities.access import managed_draft
from marketplace.opportunities.buyer import forms
from marketplace.opportunities.formkit import whole_number
from marketplace.opportunities.models import PRICE, QUALITY, SOCIAL_VALUE


def _overview(opportunity):
    return redirect(url_for("opportunities.criteria", opportunity_id=opportunity.id))


@bp.route("/buyer/opportunities/<int:opportunity_id>/criteria", methods=["GET", "POST"], endpoint="criteria")
@managed_draft
def criteria_overview(opportunity):
    form = forms.ScaleForm(data={"scale": opportunity.scoring_scale, "tie_break": opportunity.tie_break})
    if form.validate_on_submit():
        criteria.save_scale(opportunity, current_user, scale=form.scale.data, tie_break=form.tie_break.data)
        return redirect(url_for("opportunities.task_list", opportunity_id=opportunity.id))
    return render_template(
        "opportunities/buyer/criteria.html",
        opportunity=opportunity,
        form=form,
        problems=rules.criteria_problems(opportunity),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/criteria/new", methods=["GET", "POST"])
@managed_draft
def new_question(opportunity):
    kind = request.args.get("kind", QUALITY)
    form = forms.QuestionForm()
    if request.method == "GET":
        form.kind.data = kind if kind in (QUALITY, SOCIAL_VALUE) else QUALITY
        form.word_limit.data = "500"
        if form.kind.data == SOCIAL_VALUE:
            form.title.data = "Social value"
            form.themes.data = []
    return _question(opportunity, form, None)


@bp.route("/buyer/opportunities/<int:opportunity_id>/criteria/<int:criterion_id>", methods=["GET", "POST"])
@managed_draft
def edit_question(opportunity, criterion_id: int):
    criterion = next((c for c in opportunity.criteria if c.id == criterion_id and c.kind != PRICE), None) or abort(404)
    form = forms.QuestionForm(obj=criterion)
    if request.method == "GET":
        form.weight.data = str(criterion.weight or "")
        form.word_limit.data = str(criterion.word_limit or "")
        form.themes.data = criterion.themes or []
    return _question(opportunity, form, criterion)


def _question(opportunity, form, criterion):
    if request.method == "POST" and form.validate():
        themes = form.themes.data or []
        guidance = form.guidance.data or None
        if form.kind.data == SOCIAL_VALUE and not guidance:
            guidance = criteria.social_value_guidance(themes or None)
        criteria.save_question(
            opportunity,
            current_user,
            criterion=criterion,
            kind=form.kind.data,
            title=form.title.data,
            guidance=guidance,
            weight=whole_number(form.weight.data) or 0,
            word_limit=whole_number(form.word_limit.data) or 500,
            themes=themes,
        )
        return _overview(opportunity)
    heading = "Edit a question" if criterion else "Add a question"
    return render_template(
        "opportunities/buyer/question.html",
        form=form,
        opportunity=opportunity,
        heading=heading,
        criterion=criterion,
        back=url_for("opportunities.criteria", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/criteria/<int:criterion_id>/delete", methods=["GET", "POST"])
@managed_draft
def delete_question(opportunity, criterion_id: int):
    criterion = next((c for c in opportunity.criteria if c.id == criterion_id and c.kind != PRICE), None) or abort(404)
    form = forms.ConfirmForm()
    if form.validate_on_submit():
        criteria.delete_question(opportunity, current_user, criterion)
        flash(f"‘{criterion.title}’ has been removed. Check the weights still add up to 100", "success")
        return _overview(opportunity)
    return render_template(
        "opportunities/buyer/confirm.html",
        form=form,
        opportunity=opportunity,
        heading=f"Remove ‘{criterion.title}’?",
        text="Bidders will not be asked this question.",
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/criteria/price", methods=["GET", "POST"])
@managed_draft
def criteria_price(opportunity):
    current = opportunity.price_criterion
    form = forms.PriceForm()
    if request.method == "GET" and current is not None:
        form.price_kind.data = current.price_kind
        form.weight.data = str(current.weight or "")
        form.roles.data = "\n".join(f"{r['role']}, {r['days']}" for r in current.day_rate_roles or [])
    if request.method == "POST" and form.validate():
        roles = form.parsed_roles()
        if roles is not None:
            weight = whole_number(form.weight.data) or 0
            criteria.save_price(opportunity, current_user, price_kind=form.price_kind.data, weight=weight, roles=roles)
            return _overview(opportunity)
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Price",
        lead=f"Price is scored by a formula shown to bidders: {choices.PRICE_FORMULA}.",
        back=url_for("opportunities.criteria", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/criteria/weights", methods=["GET", "POST"])
@managed_draft
def weights(opportunity):
    items = list(opportunity.criteria)
    form = forms.weights_form(items, request.form if request.method == "POST" else None)
    if request.method == "GET":
        for criterion in items:
            form[f"weight_{criterion.id}"].data = str(criterion.weight or "")
    else:
        values = form.weights()
        if values is not None:
            try:
                criteria.save_weights(opportunity, current_user, values)
            except criteria.CriteriaError as error:
                flash(error.message, "info")
            return _overview(opportunity)
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Weights",
        lead="Give each criterion a weight: whole numbers, each more than 0, adding up to 100.",
        back=url_for("opportunities.criteria", opportunity_id=opportunity.id),
    )
