"""The supplier's bid: eligibility first, then a task list saved as you go, review and explicit submit
with a receipt, withdraw. After the deadline the bid is read-only and always visible to its organisation."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import clock, fields, slots
from marketplace.opportunities import bp, queries, rules
from marketplace.opportunities.access import visible_or_404
from marketplace.opportunities.bids import content, eligibility, forms, receipt, sealing, services
from marketplace.opportunities.bids import rules as bid_rules
from marketplace.suppliers.access import organisation_member_required


def _opportunity_for_bid(opportunity_id: int):
    opportunity = visible_or_404(opportunity_id, get=queries.get_for_bid)
    if rules.is_draft(opportunity):
        abort(404)
    return opportunity


def bidding(view):
    """A supplier page about one opportunity: passes the opportunity, the organisation and its own bid."""

    @wraps(view)
    @organisation_member_required
    def wrapped(*args, opportunity_id: int, organisation, **kwargs):
        opportunity = _opportunity_for_bid(opportunity_id)
        bid = sealing.own_bid(sealing.member_viewer(current_user, organisation), opportunity.id)
        return view(*args, opportunity=opportunity, organisation=organisation, bid=bid, **kwargs)

    return wrapped


def editing(view):
    """A page that changes the bid: only the lead's own bid, only before the closing instant."""

    @wraps(view)
    @bidding
    def wrapped(*args, opportunity, organisation, bid, **kwargs):
        if bid is None:
            return redirect(url_for("opportunities.eligibility", opportunity_id=opportunity.id))
        if not bid_rules.can_edit(bid):
            return _late(opportunity, bid)
        return view(*args, opportunity=opportunity, organisation=organisation, bid=bid, **kwargs)

    return wrapped


def _content_of(bid) -> dict:
    """What a read-only view shows: what was submitted, or the working copy if nothing was."""
    return bid.submission if bid_rules.is_submitted(bid) and bid.submission else content.build(bid.opportunity, bid)


def _late(opportunity, bid):
    status = 409 if request.method == "POST" else 200
    return render_template(
        "opportunities/bid/late.html", opportunity=opportunity, bid=bid, content=_content_of(bid)
    ), status


def _task_list(opportunity):
    return redirect(url_for("opportunities.bid", opportunity_id=opportunity.id))


@bp.route("/opportunities/<int:opportunity_id>/bid/eligibility", methods=["GET", "POST"], endpoint="eligibility")
@bidding
def eligibility_check(opportunity, organisation, bid):
    if bid is not None:
        return _task_list(opportunity)
    verdict = eligibility.check(opportunity, organisation)
    if not verdict.allowed:
        return render_template("opportunities/bid/not_eligible.html", opportunity=opportunity, verdict=verdict)
    form = forms.eligibility_form(opportunity.essential, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        answers = form.answers()
        unmet = eligibility.unmet(opportunity, answers)
        if unmet:
            return render_template(
                "opportunities/bid/not_eligible.html",
                opportunity=opportunity,
                verdict=eligibility.Eligibility(False, None, eligibility.HELP_PARTNERS),
                unmet=unmet,
            )
        try:
            services.start(opportunity, organisation, current_user, answers)
        except services.BidError as error:
            flash(error.message, "info")
            return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
        return _task_list(opportunity)
    return render_template("opportunities/bid/eligibility.html", opportunity=opportunity, form=form)


@bp.get("/opportunities/<int:opportunity_id>/bid")
@bidding
def bid(opportunity, organisation, bid):
    viewer = sealing.member_viewer(current_user, organisation)
    if bid is None:
        joint = sealing.joint_bid(viewer, opportunity.id)
        if joint is not None:
            return render_template(
                "opportunities/bid/read_only.html",
                opportunity=opportunity,
                bid=joint,
                partner=True,
                content=_content_of(joint),
                evaluation_panels=slots.gather("opportunities.bid.evaluation", opportunity=opportunity, bid=joint),
            )
        if rules.is_open(opportunity):
            return redirect(url_for("opportunities.eligibility", opportunity_id=opportunity.id))
        return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
    if not bid_rules.can_edit(bid):
        return render_template(
            "opportunities/bid/read_only.html",
            opportunity=opportunity,
            bid=bid,
            partner=False,
            content=_content_of(bid),
            evaluation_panels=slots.gather("opportunities.bid.evaluation", opportunity=opportunity, bid=bid),
        )
    problems = bid_rules.task_problems(bid)
    return render_template(
        "opportunities/bid/task_list.html",
        opportunity=opportunity,
        organisation=organisation,
        bid=bid,
        problems=problems,
        changed=bid_rules.has_unsubmitted_changes(bid),
    )


@bp.route("/opportunities/<int:opportunity_id>/bid/questions/<int:criterion_id>", methods=["GET", "POST"])
@editing
def answer(opportunity, organisation, bid, criterion_id: int):
    criterion = next((c for c in opportunity.question_criteria if c.id == criterion_id), None) or abort(404)
    if request.method == "POST":
        form = forms.answer_form(criterion, request.form)
        if form.validate():
            try:
                services.save_answer(bid, current_user, criterion_id=criterion.id, text=form.answer.data or "")
            except services.BidError as error:
                form.answer.errors = [*form.answer.errors, error.message]
            else:
                return _task_list(opportunity)
    else:
        form = forms.answer_form(criterion, data={"answer": bid.answer_to(criterion.id)})
    guide_panels = slots.gather(
        "guides.linked",
        places=[f"opportunity-criterion:{criterion.id}"],
        heading="Help with this question",
        anchor="question",
    )
    return render_template(
        "opportunities/bid/answer.html",
        opportunity=opportunity,
        bid=bid,
        criterion=criterion,
        form=form,
        guide_panels=guide_panels,
    )


@bp.route("/opportunities/<int:opportunity_id>/bid/price", methods=["GET", "POST"])
@editing
def price(opportunity, organisation, bid):
    if rules.price_is_day_rates(opportunity):
        roles = opportunity.price_criterion.day_rate_roles or []
        form = forms.day_rates_form(roles, request.form if request.method == "POST" else None)
        if request.method == "GET":
            for position in range(len(roles)):
                form[f"rate_{position}"].data = _plain(bid.rate_for(position))
        elif form.validate():
            rates = [fields.parse_money(form[f"rate_{i}"].data) for i in range(len(roles))]
            services.save_price(bid, current_user, rates=rates)  # type: ignore[arg-type]
            return _task_list(opportunity)
    else:
        form = forms.LumpSumForm()
        if request.method == "GET":
            form.amount.data = _plain(bid.price_amount)
        elif form.validate():
            services.save_price(bid, current_user, amount=fields.parse_money(form.amount.data))
            return _task_list(opportunity)
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Your price",
        lead="Excluding VAT. Price is scored by a formula published with the opportunity.",
        back=url_for("opportunities.bid", opportunity_id=opportunity.id),
    )


def _plain(amount) -> str:
    if amount is None:
        return ""
    return f"{amount:,.2f}".removesuffix(".00")


@bp.route("/opportunities/<int:opportunity_id>/bid/social-value", methods=["GET", "POST"])
@editing
def commitments(opportunity, organisation, bid):
    form = forms.CommitmentForm()
    if form.validate_on_submit():
        try:
            services.add_commitment(
                bid,
                current_user,
                theme=form.theme.data,
                measure=form.measure.data,
                quantity=fields.parse_money(form.quantity.data),  # type: ignore[arg-type]
                unit=form.unit.data,
                period=form.period.data,
            )
        except services.BidError as error:
            form.measure.errors = [*form.measure.errors, error.message]
        else:
            flash("Commitment added", "success")
            return redirect(url_for("opportunities.commitments", opportunity_id=opportunity.id))
    return render_template(
        "opportunities/bid/commitments.html", opportunity=opportunity, bid=bid, form=form, remove=forms.ConfirmForm()
    )


@bp.post("/opportunities/<int:opportunity_id>/bid/social-value/<int:commitment_id>/remove")
@editing
def remove_commitment(opportunity, organisation, bid, commitment_id: int):
    if forms.ConfirmForm().validate_on_submit():
        services.remove_commitment(bid, current_user, commitment_id)
    return redirect(url_for("opportunities.commitments", opportunity_id=opportunity.id))


@bp.route("/opportunities/<int:opportunity_id>/bid/declaration", methods=["GET", "POST"])
@editing
def declaration(opportunity, organisation, bid):
    form = forms.DeclarationForm()
    if request.method == "GET":
        form.agree.data = ["yes"] if bid.declaration_agreed else []
    elif form.validate():
        services.save_declaration(bid, current_user, agreed="yes" in (form.agree.data or []))
        return _task_list(opportunity)
    return render_template(
        "opportunities/form.html",
        form=form,
        opportunity=opportunity,
        heading="Declaration",
        back=url_for("opportunities.bid", opportunity_id=opportunity.id),
    )


@bp.route("/opportunities/<int:opportunity_id>/bid/review", methods=["GET", "POST"])
@organisation_member_required
def review(opportunity_id: int, organisation):
    """Check and submit. A submit at or after the closing instant gets a clear page; the draft stays."""
    opportunity = _opportunity_for_bid(opportunity_id)
    viewer = sealing.member_viewer(current_user, organisation)
    form = forms.SubmitBidForm()
    if request.method == "POST" and form.validate_on_submit():
        # The submit reads the bid once, under its row lock (`services.submit`), not here first as well.
        try:
            services.submit(opportunity, organisation, current_user)
        except services.NoBid:
            return redirect(url_for("opportunities.eligibility", opportunity_id=opportunity_id))
        except services.TooLate:
            return _late(opportunity, sealing.own_bid(viewer, opportunity_id))
        except services.BidError as error:
            flash(error.message, "info")
            return redirect(url_for("opportunities.review", opportunity_id=opportunity_id))
        # The id, not `opportunity.id`: the commit expired the opportunity (a refresh is a statement).
        return redirect(url_for("opportunities.receipt", opportunity_id=opportunity_id))
    bid = sealing.own_bid(viewer, opportunity.id)
    if bid is None:
        return redirect(url_for("opportunities.eligibility", opportunity_id=opportunity.id))
    if not bid_rules.can_edit(bid):
        return _late(opportunity, bid)
    return render_template(
        "opportunities/bid/review.html",
        opportunity=opportunity,
        bid=bid,
        form=form,
        missing=bid_rules.missing_for_submit(bid),
        changed=bid_rules.has_unsubmitted_changes(bid),
        content=content.build(opportunity, bid),
    )


@bp.get("/opportunities/<int:opportunity_id>/bid/receipt", endpoint="receipt")
@bidding
def receipt_page(opportunity, organisation, bid):
    if bid is None or not bid_rules.is_submitted(bid):
        abort(404)
    return render_template(
        "opportunities/bid/receipt.html",
        opportunity=opportunity,
        bid=bid,
        code=receipt.grouped(bid.receipt_code),
        price=content.price_of(opportunity, bid),
    )


@bp.route("/opportunities/<int:opportunity_id>/bid/withdraw", methods=["GET", "POST"])
@editing
def withdraw(opportunity, organisation, bid):
    if not bid_rules.can_withdraw(bid):
        abort(404)
    form = forms.WithdrawForm()
    if form.validate_on_submit():
        try:
            services.withdraw(bid, current_user)
        except services.TooLate:
            return _late(opportunity, bid)
        flash("Your bid is withdrawn. You can change it and submit it again until the deadline", "success")
        return _task_list(opportunity)
    return render_template(
        "opportunities/bid/withdraw.html", opportunity=opportunity, bid=bid, form=form, now=clock.now()
    )
