"""Admin pages: see and edit frameworks, evaluate applications, answer clarification questions, report."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace.accounts.access import role_required
from marketplace.accounts.models import ADMIN
from marketplace.downloads import csv_download
from marketplace.frameworks import admin_bp, display, evaluation, queries, reports, rules, services
from marketplace.frameworks import status as statuses
from marketplace.frameworks.access import framework_or_404
from marketplace.frameworks.definition import DefinitionError, parse_text
from marketplace.frameworks.forms import DecisionForm, DefinitionForm, EvaluateForm, ReleaseResultsForm
from marketplace.questions import queries as question_queries
from marketplace.questions.forms import AnswerQuestionForm, PublishQuestionForm
from marketplace.questions.services import QuestionError

SUBJECT = services.SUBJECT_TYPE


@admin_bp.before_request
@role_required(ADMIN)
def admins_only():
    return None


@admin_bp.context_processor
def _helpers():
    return display.helpers()


@admin_bp.get("/")
def index():
    frameworks = queries.list_frameworks()
    unanswered = question_queries.count_unanswered(SUBJECT, [f.id for f in frameworks])
    return render_template("frameworks/admin/index.html", frameworks=frameworks, unanswered=unanswered)


@admin_bp.route("/new", methods=["GET", "POST"])
def new():
    return _edit_definition(None)


@admin_bp.route("/<slug>/definition", methods=["GET", "POST"])
def edit(slug: str):
    return _edit_definition(framework_or_404(slug))


def _edit_definition(framework):
    form = DefinitionForm()
    if request.method == "GET" and framework is not None:
        form.definition.data = framework.definition.to_yaml()
    if form.validate_on_submit():
        try:
            definition = parse_text(form.definition.data)
            if framework is not None and definition.slug != framework.slug:
                raise DefinitionError(
                    [f"slug: keep it as {framework.slug} (to add a framework, use ‘Add a framework’)"]
                )
            if framework is None and queries.get_framework(definition.slug) is not None:
                raise DefinitionError([f"slug: a framework called {definition.slug} already exists"])
            saved, outcome = services.load_definition(definition, source="admin", actor_id=current_user.id)
        except DefinitionError as error:
            form.definition.errors.extend(error.errors)
        except services.FrameworkError as error:
            form.definition.errors.append(error.message)
        else:
            flash(
                "No changes to save" if outcome == "unchanged" else f"{saved.name} saved as version {saved.version}",
                "success",
            )
            return redirect(url_for("frameworks_admin.overview", slug=saved.slug))
    return render_template("frameworks/admin/edit.html", framework=framework, form=form)


@admin_bp.get("/<slug>")
def overview(slug: str):
    framework = framework_or_404(slug)
    return render_template(
        "frameworks/admin/overview.html",
        framework=framework,
        definition=framework.definition,
        counts=queries.count_applications_by_status(framework.id),
        undecided=queries.count_undecided(framework.id),
        unanswered=len(question_queries.list_unanswered(SUBJECT, framework.id)),
        closed=statuses.closed_for_applications(framework),
        results_due=statuses.results_due(framework),
        evaluate_form=EvaluateForm(),
        release_form=ReleaseResultsForm(),
    )


@admin_bp.post("/<slug>/evaluate")
def evaluate(slug: str):
    framework = framework_or_404(slug)
    if EvaluateForm().validate_on_submit():
        try:
            count = evaluation.evaluate_framework(framework, current_user.id)
        except services.FrameworkError as error:
            flash(error.message, "error")
        else:
            flash(f"Automatic evaluation finished: {count} application{'s' if count != 1 else ''} evaluated", "success")
    return redirect(url_for("frameworks_admin.overview", slug=slug))


@admin_bp.post("/<slug>/release")
def release(slug: str):
    framework = framework_or_404(slug)
    if ReleaseResultsForm().validate_on_submit():
        try:
            count = evaluation.release_results(framework, current_user.id)
        except services.FrameworkError as error:
            flash(error.message, "error")
        else:
            flash(f"Results published: {count} applicant{'s' if count != 1 else ''} emailed", "success")
    return redirect(url_for("frameworks_admin.overview", slug=slug))


@admin_bp.get("/<slug>/applications")
def applications(slug: str):
    framework = framework_or_404(slug)
    return render_template(
        "frameworks/admin/applications.html",
        framework=framework,
        definition=framework.definition,
        applications=queries.list_applications(framework.id),
    )


@admin_bp.get("/<slug>/applications/<int:application_id>")
def application(slug: str, application_id: int):
    framework = framework_or_404(slug)
    item = queries.get_application_by_id(framework.id, application_id) or abort(404)
    definition = framework.definition
    submission = item.submission or {}
    return render_template(
        "frameworks/admin/application.html",
        framework=framework,
        definition=definition,
        application=item,
        sections=display.sections_with_answers(
            definition, submission.get("answers", {}), submission.get("questions", [])
        )
        if item.submission
        else [],
        evaluations={e.question_id: e for e in item.evaluations},
    )


@admin_bp.get("/<slug>/queue")
def queue(slug: str):
    framework = framework_or_404(slug)
    return render_template(
        "frameworks/admin/queue.html",
        framework=framework,
        definition=framework.definition,
        evaluations=queries.list_discretionary_queue(framework.id),
    )


@admin_bp.route("/<slug>/evaluations/<int:evaluation_id>", methods=["GET", "POST"])
def decide(slug: str, evaluation_id: int):
    framework = framework_or_404(slug)
    item = queries.get_evaluation(framework.id, evaluation_id) or abort(404)
    form = DecisionForm()
    working_the_queue = item.automatic == rules.DISCRETIONARY and item.decision is None
    if form.validate_on_submit():
        try:
            evaluation.decide(item, current_user, decision=form.decision.data, reason=form.reason.data)
        except services.FrameworkError as error:
            form.decision.errors.append(error.message)
        else:
            flash("Decision saved", "success")
            return redirect(_after_deciding(framework, item, working_the_queue))
    question = framework.definition.question(item.question_id)
    value = (item.application.submission or {}).get("answers", {}).get(item.question_id)
    return render_template(
        "frameworks/admin/decide.html", framework=framework, evaluation=item, question=question, value=value, form=form
    )


def _after_deciding(framework, item, working_the_queue: bool) -> str:
    """Working the queue: on to the next answer waiting. Overriding: back to the application."""
    if working_the_queue:
        waiting = queries.list_discretionary_queue(framework.id)
        if waiting:
            return url_for("frameworks_admin.decide", slug=framework.slug, evaluation_id=waiting[0].id)
        return url_for("frameworks_admin.queue", slug=framework.slug)
    return url_for("frameworks_admin.application", slug=framework.slug, application_id=item.application_id)


@admin_bp.route("/<slug>/questions", methods=["GET", "POST"])
def questions(slug: str):
    framework = framework_or_404(slug)
    form = PublishQuestionForm()
    if form.validate_on_submit():
        try:
            services.publish_question(framework, current_user, question=form.question.data, answer=form.answer.data)
        except QuestionError as error:
            form.question.errors.append(error.message)
        else:
            flash("Question and answer published", "success")
            return redirect(url_for("frameworks_admin.questions", slug=slug))
    return render_template(
        "frameworks/admin/questions.html",
        framework=framework,
        form=form,
        unanswered=question_queries.list_unanswered(SUBJECT, framework.id),
        published=question_queries.list_published(SUBJECT, framework.id),
    )


@admin_bp.route("/<slug>/questions/<int:question_id>", methods=["GET", "POST"])
def answer(slug: str, question_id: int):
    framework = framework_or_404(slug)
    item = question_queries.get_question(question_id, SUBJECT, framework.id) or abort(404)
    form = AnswerQuestionForm()
    if request.method == "GET":
        form.public_question.data = item.shown_question
        form.answer.data = item.answer
    if form.validate_on_submit():
        try:
            services.answer_question(
                framework, item, current_user, public_question=form.public_question.data, answer=form.answer.data
            )
        except QuestionError as error:
            form.answer.errors.append(error.message)
        else:
            flash("Answer published to everyone", "success")
            return redirect(url_for("frameworks_admin.questions", slug=slug))
    return render_template("frameworks/admin/answer.html", framework=framework, item=item, form=form)


@admin_bp.get("/<slug>/report")
def report(slug: str):
    framework = framework_or_404(slug)
    return render_template("frameworks/admin/report.html", framework=framework, report=reports.build(framework))


@admin_bp.get("/<slug>/report.csv")
def report_csv(slug: str):
    framework = framework_or_404(slug)
    return csv_download(reports.to_csv(framework), f"{framework.slug}-applications.csv")
