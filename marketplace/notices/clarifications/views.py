"""Suppliers ask privately; the buyer answers in public (anonymously) or publishes an unasked Q&A."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.notices import bp
from marketplace.notices.access import managed_notice, visible_notice_or_404
from marketplace.notices.clarifications import queries, services
from marketplace.questions.forms import AnswerQuestionForm, AskQuestionForm, PublishQuestionForm
from marketplace.suppliers.access import organisation_member_required


@bp.route("/notices/<int:notice_id>/questions/ask", methods=["GET", "POST"])
@organisation_member_required
def ask_question(notice_id: int, organisation):
    notice = visible_notice_or_404(notice_id)
    if not notice.questions_open():
        return render_template("notices/questions/closed.html", notice=notice), 409 if request.method == "POST" else 200
    form = AskQuestionForm()
    if form.validate_on_submit():
        try:
            services.ask(notice, organisation, current_user, form.question.data)
        except services.QuestionError as error:
            form.question.errors = [*form.question.errors, error.message]
        else:
            flash(
                "Your question has been sent. The answer will be published on this page for everyone, without your "
                "name",
                "success",
            )
            return redirect(url_for("notices.show", notice_id=notice.id, _anchor="questions"))
    return render_template("notices/questions/ask.html", notice=notice, form=form)


@bp.route("/buyer/notices/<int:notice_id>/questions", methods=["GET", "POST"])
@managed_notice
def questions(notice):
    form = PublishQuestionForm()
    if notice.is_public and form.validate_on_submit():
        try:
            services.publish_unasked(
                notice, current_user, question_text=form.question.data, answer_text=form.answer.data
            )
        except services.QuestionError as error:
            form.question.errors = [*form.question.errors, error.message]
        else:
            flash("Question and answer published. Interested suppliers have been emailed", "success")
            return redirect(url_for("notices.questions", notice_id=notice.id))
    return render_template(
        "notices/questions/buyer_list.html",
        notice=notice,
        form=form,
        unanswered=queries.list_unanswered(notice.id),
        published=queries.list_published(notice.id),
    )


@bp.route("/buyer/notices/<int:notice_id>/questions/<int:question_id>", methods=["GET", "POST"])
@managed_notice
def answer_question(notice, question_id: int):
    item = queries.get_question(question_id, notice.id) or abort(404)
    form = AnswerQuestionForm()
    if request.method == "GET":
        form.public_question.data, form.answer.data = item.shown_question, item.answer
    if form.validate_on_submit():
        try:
            services.answer(
                notice, item, current_user, public_question=form.public_question.data, answer_text=form.answer.data
            )
        except services.QuestionError as error:
            form.answer.errors = [*form.answer.errors, error.message]
        else:
            flash("Answer published on the notice. Interested suppliers have been emailed", "success")
            return redirect(url_for("notices.questions", notice_id=notice.id))
    return render_template("notices/questions/answer.html", notice=notice, item=item, form=form)
