"""Questions for all on an opportunity, through the shared Q&A pieces (marketplace.questions):
asked privately while questions are open, answered once for everyone, the asker never named.
Every organisation with a bid in progress (and the asker) is emailed the answer."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.extensions import db
from marketplace.opportunities import bp, emails, rules
from marketplace.opportunities.access import managed, visible_or_404
from marketplace.opportunities.bids import sealing
from marketplace.questions import queries as shared_queries
from marketplace.questions import services as shared
from marketplace.questions.forms import AnswerQuestionForm, AskQuestionForm, PublishQuestionForm
from marketplace.questions.services import QuestionError
from marketplace.suppliers.access import organisation_member_required

SUBJECT = "opportunity"


def for_page(opportunity, viewer) -> dict:
    return {
        "published": shared_queries.list_published(SUBJECT, opportunity.id),
        "own": shared_queries.list_asked_by(SUBJECT, opportunity.id, viewer.organisation_id)
        if viewer.organisation_id
        else [],
        "open": rules.questions_open(opportunity),
    }


def _tell_everyone(opportunity, question, *, also: str | None) -> None:
    emails.send(
        [*sealing.bidder_emails(opportunity.id), *([also] if also else [])],
        f"New answer: {opportunity.title}",
        "answer_published.txt",
        opportunity=opportunity,
        question=question.shown_question,
        answer=question.answer,
        link=emails.link("opportunities.show", opportunity_id=opportunity.id, _anchor="questions"),
    )


@bp.route("/opportunities/<int:opportunity_id>/questions/ask", methods=["GET", "POST"])
@organisation_member_required
def ask_question(opportunity_id: int, organisation):
    opportunity = visible_or_404(opportunity_id)
    if not rules.questions_open(opportunity):
        return render_template("opportunities/questions_closed.html", opportunity=opportunity), (
            409 if request.method == "POST" else 200
        )
    form = AskQuestionForm()
    if form.validate_on_submit():
        question = shared.ask(
            SUBJECT,
            opportunity.id,
            text=form.question.data,
            asked_by_id=current_user.id,
            organisation_id=organisation.id,
        )
        if opportunity.owner is not None:
            emails.send(
                [opportunity.owner.email],
                f"New question: {opportunity.title}",
                "question_asked.txt",
                opportunity=opportunity,
                link=emails.link(
                    "opportunities.answer_question", opportunity_id=opportunity.id, question_id=question.id
                ),
            )
        db.session.commit()
        flash("Your question has been sent. The answer will be published for everyone, without your name", "success")
        return redirect(url_for("opportunities.show", opportunity_id=opportunity.id, _anchor="questions"))
    return render_template("opportunities/ask.html", opportunity=opportunity, form=form)


@bp.route("/buyer/opportunities/<int:opportunity_id>/questions", methods=["GET", "POST"])
@managed
def questions(opportunity):
    if rules.is_draft(opportunity):
        abort(404)
    form = PublishQuestionForm()
    if form.validate_on_submit():
        try:
            item = shared.publish_unasked(
                SUBJECT,
                opportunity.id,
                question=form.question.data,
                answer=form.answer.data,
                answered_by_id=current_user.id,
            )
        except QuestionError as error:
            form.question.errors = [*form.question.errors, error.message]
        else:
            _tell_everyone(opportunity, item, also=None)
            db.session.commit()
            flash("Question and answer published", "success")
            return redirect(url_for("opportunities.questions", opportunity_id=opportunity.id))
    return render_template(
        "opportunities/buyer/questions.html",
        opportunity=opportunity,
        form=form,
        unanswered=shared_queries.list_unanswered(SUBJECT, opportunity.id),
        published=shared_queries.list_published(SUBJECT, opportunity.id),
    )


@bp.route("/buyer/opportunities/<int:opportunity_id>/questions/<int:question_id>", methods=["GET", "POST"])
@managed
def answer_question(opportunity, question_id: int):
    from marketplace.accounts.queries import get_user

    if not 0 < question_id < 2**31:
        abort(404)
    item = shared_queries.get_question(question_id, SUBJECT, opportunity.id) or abort(404)
    form = AnswerQuestionForm()
    if request.method == "GET":
        form.public_question.data, form.answer.data = item.shown_question, item.answer
    if form.validate_on_submit():
        first = not item.published
        shared.answer_and_publish(
            item, answer=form.answer.data, public_question=form.public_question.data, answered_by_id=current_user.id
        )
        asker = get_user(item.asked_by_id) if first and item.asked_by_id else None
        _tell_everyone(opportunity, item, also=asker.email if asker else None)
        db.session.commit()
        flash("Answer published on the opportunity", "success")
        return redirect(url_for("opportunities.questions", opportunity_id=opportunity.id))
    return render_template("opportunities/buyer/answer.html", opportunity=opportunity, item=item, form=form)
