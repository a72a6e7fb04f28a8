"""Evaluation pages: thin, each checks who may see it (404 for anyone else) and calls services."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from marketplace import clock, fields
from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN, BUYER
from marketplace.accounts.queries import get_user_by_email
from marketplace.evaluation import access, bp, forms, queries, rules, scoring, services
from marketplace.evaluation.models import EVALUATOR, MODERATOR
from marketplace.opportunities import choices
from marketplace.opportunities.access import visible_or_404
from marketplace.opportunities.bids import sealing


def _template_globals(state) -> None:
    state.app.jinja_env.globals.update(evaluation_rules=rules)
    state.app.jinja_env.filters["day"] = lambda value: f"{value:%-d %B %Y}" if value else ""


bp.record_once(_template_globals)


def on_panel(*roles: str):
    """A page about one opportunity for its owner or panel members in `roles` (404 for everyone else)."""

    def decorate(view):
        @wraps(view)
        @role_required(BUYER)
        def wrapped(*args, opportunity_id: int, **kwargs):
            opportunity = queries.get_opportunity(opportunity_id)
            if opportunity is None or access.role_of(opportunity, current_user) not in roles:
                abort(404)
            return view(*args, opportunity=opportunity, **kwargs)

        return wrapped

    return decorate


ANY = (access.OWNER, EVALUATOR, MODERATOR)


def _overview(opportunity):
    return redirect(url_for("evaluation.overview", opportunity_id=opportunity.id))


def _field_error(form, error: services.EvaluationError) -> None:
    target = getattr(form, error.field, None) if error.field else None
    if target is not None:
        target.errors = [*target.errors, error.message]
    else:
        flash(error.message, "info")


@bp.get("/evaluation")
@role_required(BUYER)
def my_panels():
    return render_template("evaluation/my_panels.html", panels=queries.panels_of(current_user))


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation", methods=["GET", "POST"])
@on_panel(*ANY)
def overview(opportunity):
    role = access.role_of(opportunity, current_user)
    award = queries.current_award(opportunity.id)
    form = forms.PanelMemberForm()
    if role == access.OWNER and form.validate_on_submit():
        try:
            services.add_to_panel(
                opportunity, current_user, user=get_user_by_email(form.email.data), role=form.role.data
            )
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            flash(f"{form.email.data} is on the panel", "success")
            return _overview(opportunity)
    member = queries.membership(opportunity.id, current_user)
    return render_template(
        "evaluation/overview.html",
        opportunity=opportunity,
        role=role,
        member=member,
        panel=queries.panel(opportunity.id),
        conflicts=queries.declared_conflicts(opportunity.id) if role in (MODERATOR, access.OWNER) else [],
        form=form,
        award=award,
        contract=queries.contract_for(opportunity.id),
        bids=services.scorable_bids(opportunity, current_user) if member is not None and member.declared_at else [],
        own_scores=queries.own_scores(opportunity.id, current_user.id),
        missing=services.missing_scores(opportunity, current_user) if role == EVALUATOR else [],
        submit_form=forms.SubmitScoresForm(),
        moderation_ready=services.moderation_ready(opportunity),
        evaluating=rules.evaluating(opportunity, award),
        questions=queries.standstill_questions(award.id) if award and role == access.OWNER else [],
        now=clock.now(),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/conflicts", methods=["GET", "POST"])
@on_panel(EVALUATOR)
def declare(opportunity):
    organisations = queries.to_declare(opportunity.id)
    form = forms.declaration_form(organisations, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        answers = {
            organisation_id: (
                form[f"conflict_{organisation_id}"].data == "yes",
                form[f"description_{organisation_id}"].data,
            )
            for organisation_id, _ in organisations
        }
        try:
            services.declare(opportunity, current_user, answers=answers)
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            flash("Your declaration is recorded", "success")
            return _overview(opportunity)
    return render_template(
        "evaluation/declare.html",
        opportunity=opportunity,
        form=form,
        organisations=organisations,
        earlier=queries.declarations(opportunity.id, current_user.id),
    )


@bp.route(
    "/buyer/opportunities/<int:opportunity_id>/evaluation/conflicts/<int:declaration_id>", methods=["GET", "POST"]
)
@on_panel(MODERATOR)
def handle_conflict(opportunity, declaration_id: int):
    declaration = queries.get_declaration(opportunity.id, declaration_id)
    if declaration is None or not declaration.conflict:
        abort(404)
    form = forms.HandlingForm()
    if form.validate_on_submit():
        try:
            services.record_handling(opportunity, current_user, declaration=declaration, handling=form.handling.data)
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            return _overview(opportunity)
    return render_template(
        "evaluation/form.html",
        form=form,
        opportunity=opportunity,
        heading="How the conflict was handled",
        lead=f"{declaration.user.email} declared a conflict with {declaration.organisation_name}: "
        f"{declaration.description}",
        back=url_for("evaluation.overview", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/bids/<int:bid_id>", methods=["GET", "POST"])
@on_panel(EVALUATOR)
def score_sheet(opportunity, bid_id: int):
    member = queries.membership(opportunity.id, current_user)
    if member is None or member.declared_at is None:
        return redirect(url_for("evaluation.declare", opportunity_id=opportunity.id))
    bid = next((b for b in services.scorable_bids(opportunity, current_user) if b.id == bid_id), None)
    if bid is None:
        abort(404)  # a conflict, an exclusion or not on this opportunity: nothing of the bid is shown
    criteria = opportunity.question_criteria
    own = queries.own_scores(opportunity.id, current_user.id)
    data: dict[str, str] = {}
    for c in criteria:
        if (bid.id, c.id) in own:
            data[f"score_{c.id}"] = str(own[(bid.id, c.id)].score)
            data[f"justification_{c.id}"] = own[(bid.id, c.id)].justification
    locked = member.scores_submitted_at is not None or not rules.evaluating(
        opportunity, queries.current_award(opportunity.id)
    )
    form = forms.score_form(
        criteria, choices.scale(opportunity), request.form if request.method == "POST" else None, data
    )
    if request.method == "POST" and not locked and form.validate():
        try:
            for c in criteria:
                services.save_score(
                    opportunity,
                    current_user,
                    bid_id=bid.id,
                    criterion_id=c.id,
                    score=int(form[f"score_{c.id}"].data),
                    justification=form[f"justification_{c.id}"].data,
                )
        except services.EvaluationError as error:
            flash(error.message, "info")
        else:
            flash(f"Scores saved for {bid.lead_name}", "success")
            return _overview(opportunity)
    return render_template(
        "evaluation/score_sheet.html", opportunity=opportunity, bid=bid, form=form, criteria=criteria, locked=locked
    )


@bp.post("/buyer/opportunities/<int:opportunity_id>/evaluation/submit")
@on_panel(EVALUATOR)
def submit_scores(opportunity):
    if forms.SubmitScoresForm().validate_on_submit():
        try:
            services.submit_scores(opportunity, current_user)
        except services.EvaluationError as error:
            flash(error.message, "info")
        else:
            flash("Your scores are submitted. You can now see the other evaluators’ scores", "success")
    return _overview(opportunity)


@bp.get("/buyer/opportunities/<int:opportunity_id>/evaluation/scores")
@on_panel(*ANY)
def scores(opportunity):
    """Every evaluator's scores side by side: for the moderator, the owner, and evaluators who have submitted."""
    visible = queries.visible_scores(opportunity, current_user)
    if visible is None:
        abort(404)
    return render_template("evaluation/scores.html", opportunity=opportunity, **_side_by_side(opportunity, visible))


def _side_by_side(opportunity, visible) -> dict:
    names = {m.user_id: m.user.email for m in queries.evaluators(opportunity.id)}
    by_cell: dict[tuple[int, int], list] = {}
    for score in visible:
        by_cell.setdefault((score.bid_id, score.criterion_id), []).append(score)
    flagged = {cell for cell, found in by_cell.items() if rules.disagree([s.score for s in found])}
    return {"names": names, "by_cell": by_cell, "flagged": flagged}


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/moderation/<int:bid_id>", methods=["GET", "POST"])
@on_panel(MODERATOR)
def moderate(opportunity, bid_id: int):
    bid = queries.bid_for(opportunity, current_user, bid_id) or abort(404)
    criteria = opportunity.question_criteria
    agreed = queries.consensus(opportunity.id)
    data: dict[str, str] = {}
    for c in criteria:
        if (bid.id, c.id) in agreed:
            found = agreed[(bid.id, c.id)]
            data |= {f"score_{c.id}": str(found.score), f"justification_{c.id}": found.justification}
            data[f"note_{c.id}"] = found.note or ""
    form = forms.consensus_form(
        criteria, choices.scale(opportunity), request.form if request.method == "POST" else None, data
    )
    ready = services.moderation_ready(opportunity)
    if request.method == "POST" and ready and form.validate():
        try:
            for c in criteria:
                services.save_consensus(
                    opportunity,
                    current_user,
                    bid_id=bid.id,
                    criterion_id=c.id,
                    score=int(form[f"score_{c.id}"].data),
                    justification=form[f"justification_{c.id}"].data,
                    note=form[f"note_{c.id}"].data,
                )
        except services.EvaluationError as error:
            flash(error.message, "info")
        else:
            flash(f"Consensus scores saved for {bid.lead_name}", "success")
            return _overview(opportunity)
    visible = queries.visible_scores(opportunity, current_user) or []
    return render_template(
        "evaluation/moderate.html",
        opportunity=opportunity,
        bid=bid,
        form=form,
        criteria=criteria,
        ready=ready,
        **_side_by_side(opportunity, [s for s in visible if s.bid_id == bid.id]),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/ranking", methods=["GET", "POST"])
@on_panel(access.OWNER, MODERATOR)
def ranking(opportunity):
    standings = queries.standings(opportunity, current_user)
    award = queries.current_award(opportunity.id)
    owner = access.is_owner(opportunity, current_user)
    form = forms.ProposeForm()
    form.bid.choices = forms._choices((str(s.bid_id), f"{s.rank}. {s.name}") for s in standings if s.compliant)
    if owner and form.validate_on_submit():
        try:
            services.propose_award(opportunity, current_user, bid_id=int(form.bid.data), reason=form.reason.data)
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            flash("The award is proposed. An admin or another buyer must now approve it", "success")
            return _overview(opportunity)
    return render_template(
        "evaluation/ranking.html",
        opportunity=opportunity,
        standings=standings,
        complete=scoring.ranking_complete(standings),
        form=form,
        owner=owner,
        award=award,
        evaluating=rules.evaluating(opportunity, award),
        price=opportunity.price_criterion,
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/bids/<int:bid_id>/exclude", methods=["GET", "POST"])
@on_panel(access.OWNER)
def exclude(opportunity, bid_id: int):
    bid = queries.bid_for(opportunity, current_user, bid_id) or abort(404)
    form = forms.ExcludeForm()
    if form.validate_on_submit():
        try:
            services.exclude(opportunity, current_user, bid_id=bid.id, reason=form.reason.data)
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            return redirect(url_for("evaluation.ranking", opportunity_id=opportunity.id))
    return render_template(
        "evaluation/form.html",
        form=form,
        opportunity=opportunity,
        heading=f"Exclude the bid from {bid.lead_name}",
        back=url_for("evaluation.ranking", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/end", methods=["GET", "POST"])
@on_panel(access.OWNER)
def end(opportunity):
    form = forms.EndForm()
    if form.validate_on_submit():
        try:
            services.end_procurement(opportunity, current_user, outcome=form.outcome.data, reason=form.reason.data)
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            flash("The procurement has ended. Every bidder has been told", "success")
            return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
    return render_template(
        "evaluation/form.html",
        form=form,
        opportunity=opportunity,
        heading="End the procurement without an award",
        back=url_for("evaluation.overview", opportunity_id=opportunity.id),
    )


@bp.get("/evaluation/approvals")
@role_required(BUYER, ADMIN)
def approvals():
    waiting = [(a, o) for a, o in queries.awaiting_approval() if rules.can_approve(a, current_user)]
    return render_template("evaluation/approvals.html", waiting=waiting)


@bp.route("/evaluation/awards/<int:award_id>", methods=["GET", "POST"])
@role_required(BUYER, ADMIN)
def approve(award_id: int):
    award = queries.get_award(award_id)
    if award is None or not rules.can_approve(award, current_user):
        abort(404)
    opportunity = queries.get_opportunity(award.opportunity_id) or abort(404)
    form = forms.ApproveForm()
    if form.validate_on_submit():
        try:
            if form.decision.data == "approve":
                services.approve_award(award, current_user)
                flash("The award is approved and published. Standstill has started", "success")
            else:
                services.reject_award(award, current_user, reason=form.reason.data or "")
                flash("The award is sent back to the buyer", "success")
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            return redirect(url_for("evaluation.approvals"))
    return render_template("evaluation/approve.html", opportunity=opportunity, award=award, form=form)


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/standstill", methods=["GET", "POST"])
@on_panel(access.OWNER)
def extend(opportunity):
    award = queries.public_award(opportunity.id)
    if award is None or not rules.in_standstill(award):
        abort(404)
    form = forms.ExtendForm()
    if request.method == "POST" and form.validate_on_submit():
        if form.new_end.problem or form.new_end.data is None:
            form.new_end.errors = [form.new_end.problem or "Enter the new last day of standstill"]
        else:
            try:
                services.extend_standstill(award, current_user, new_end=form.new_end.data, reason=form.reason.data)
            except services.EvaluationError as error:
                _field_error(form, error)
            else:
                flash("Standstill is extended", "success")
                return _overview(opportunity)
    return render_template(
        "evaluation/form.html",
        form=form,
        opportunity=opportunity,
        heading="Extend standstill",
        lead=f"Standstill now ends at the end of {award.standstill_ends:%-d %B %Y}.",
        back=url_for("evaluation.overview", opportunity_id=opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/evaluation/contract", methods=["GET", "POST"])
@on_panel(access.OWNER)
def contract(opportunity):
    award = queries.public_award(opportunity.id)
    if award is None or queries.contract_for(opportunity.id) is not None:
        abort(404)
    form = forms.ContractForm()
    if request.method == "POST" and form.validate_on_submit():
        value = None
        try:
            value = fields.parse_money(form.value.data)
        except ValueError:
            form.value.errors = ["Enter the contract value as an amount, like 95000"]
        for field in (form.start_date, form.end_date):
            if field.problem or field.data is None:
                field.errors = [field.problem or f"Enter {field.called}"]
        if value is not None and form.start_date.data and form.end_date.data and not form.errors:
            try:
                services.record_contract(
                    opportunity, current_user, value=value, start_date=form.start_date.data, end_date=form.end_date.data
                )
            except services.EvaluationError as error:
                _field_error(form, error)
            else:
                flash("The contract details are recorded and published", "success")
                return redirect(url_for("opportunities.show", opportunity_id=opportunity.id))
    return render_template(
        "evaluation/form.html",
        form=form,
        opportunity=opportunity,
        heading="Contract details",
        lead=f"Awarded to {award.organisation.display_name if award.organisation else ''}. "
        + (
            "Standstill is over."
            if rules.can_enter_contract(award)
            else f"The contract cannot be entered before {rules.earliest_contract_date(award):%-d %B %Y}."
        ),
        back=url_for("evaluation.overview", opportunity_id=opportunity.id),
    )


# --- the bidder ---------------------------------------------------------------------------------------


def _bidder_view(opportunity_id: int):
    opportunity = visible_or_404(opportunity_id)
    view = queries.for_bidder(sealing.viewer_for(current_user), opportunity.id)
    if view is None:
        abort(404)
    return opportunity, view


@bp.get("/opportunities/<int:opportunity_id>/bid/assessment")
@login_required
def summary(opportunity_id: int):
    opportunity, view = _bidder_view(opportunity_id)
    if view.summary is None:
        abort(404)
    award = queries.public_award(opportunity.id)
    printable = request.args.get("print") == "1"
    return render_template(
        "evaluation/summary.html",
        opportunity=opportunity,
        summary=view.summary.content,
        award=award,
        printable=printable,
        can_ask=rules.in_standstill(award),
    )


@bp.route("/opportunities/<int:opportunity_id>/bid/assessment/question", methods=["GET", "POST"])
@login_required
def ask(opportunity_id: int):
    opportunity, view = _bidder_view(opportunity_id)
    award = queries.public_award(opportunity.id)
    if award is None or not rules.in_standstill(award):
        abort(404)
    form = forms.QuestionForm()
    if form.validate_on_submit():
        try:
            services.ask_about_decision(
                award, current_user, organisation_id=view.organisation_id, text=form.question.data
            )
        except services.EvaluationError as error:
            _field_error(form, error)
        else:
            flash("Your question is sent to the buyer", "success")
            return redirect(url_for("evaluation.summary", opportunity_id=opportunity.id))
    return render_template(
        "evaluation/form.html",
        form=form,
        opportunity=opportunity,
        heading="Ask about the award decision",
        back=url_for("evaluation.summary", opportunity_id=opportunity.id),
    )
