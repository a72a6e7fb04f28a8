"""Supplier pages: see a framework, apply in one sitting, submit, withdraw, see the outcome, accept the agreement."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from marketplace import slots
from marketplace.frameworks import bp, display, evaluation, progress, queries, rules, services
from marketplace.frameworks import status as statuses
from marketplace.frameworks.access import framework_or_404, own_application_required
from marketplace.frameworks.forms import (
    AcceptAgreementForm,
    StartApplicationForm,
    SubmitApplicationForm,
    WithdrawApplicationForm,
    lots_form,
    section_form,
    statement_field,
)
from marketplace.questions import queries as question_queries
from marketplace.questions.forms import AskQuestionForm
from marketplace.suppliers.access import current_membership, organisation_member_required


@bp.context_processor
def _helpers():
    return display.helpers()


# A global, not the context above: the supplier dashboard's framework panel renders on other domains' pages.
bp.record_once(lambda state: state.app.jinja_env.globals.update(framework_rules=rules))


@bp.errorhandler(services.DeadlinePassed)
def deadline_passed(error: services.DeadlinePassed):
    return render_template("frameworks/closed.html", framework=error.framework), 403


@bp.get("/frameworks")
def index():
    return render_template("frameworks/index.html", frameworks=queries.list_current_frameworks())


@bp.get("/frameworks/<slug>")
def detail(slug: str):
    framework = framework_or_404(slug)
    membership = current_membership() if current_user.is_authenticated and current_user.is_supplier else None
    organisation = membership.organisation if membership else None
    return render_template(
        "frameworks/detail.html",
        framework=framework,
        definition=framework.definition,
        organisation=organisation,
        application=queries.get_application(framework.id, organisation.id) if organisation else None,
        own_questions=[
            q
            for q in question_queries.list_asked_by(services.SUBJECT_TYPE, framework.id, organisation.id)
            if not q.published
        ]
        if organisation
        else [],
        published_questions=question_queries.list_published(services.SUBJECT_TYPE, framework.id),
        accepting_questions=statuses.accepting_questions(framework),
        start_form=StartApplicationForm(),
    )


@bp.post("/frameworks/<slug>/apply")
@organisation_member_required
def start(slug: str, organisation):
    framework = framework_or_404(slug)
    if StartApplicationForm().validate_on_submit():
        try:
            services.start_application(framework, organisation, current_user)
        except services.DeadlinePassed:
            raise
        except services.FrameworkError as error:
            flash(error.message, "error")
            return redirect(url_for("frameworks.detail", slug=slug))
    return redirect(url_for("frameworks.application", slug=slug))


@bp.get("/frameworks/<slug>/application")
@own_application_required
def application(framework, application, organisation):
    definition = framework.definition
    facts = progress.profile_facts(organisation)
    problems = progress.problems(definition, application, facts)
    return render_template(
        "frameworks/application.html",
        framework=framework,
        application=application,
        definition=definition,
        tasks=progress.tasks(definition, application, facts),
        problems=problems,
        editable=progress.editable(application),
        review_status=progress.review_status(application, not problems),
    )


@bp.route("/frameworks/<slug>/application/lots", methods=["GET", "POST"])
@own_application_required
def lots(framework, application, organisation):
    if not progress.editable(application):
        return _read_only(framework)
    definition = framework.definition
    form = lots_form(
        definition,
        application.lots,
        application.statements,
        formdata=request.form if request.method == "POST" else None,
    )
    if request.method == "POST":
        form.validate()
        form.check_statements()
        services.save_lots(application, current_user, *form.valid_choice())
        if not form.errors:
            return redirect(_next_task(framework, application, organisation, after="lots"))
    return render_template(
        "frameworks/lots.html", framework=framework, definition=definition, form=form, statement_field=statement_field
    )


@bp.route("/frameworks/<slug>/application/sections/<section_slug>", methods=["GET", "POST"])
@own_application_required
def section(framework, application, organisation, section_slug: str):
    definition = framework.definition
    section = definition.section(section_slug) or abort(404)
    if not progress.editable(application):
        return _read_only(framework)
    questions = progress.applicable_questions(definition, application, progress.profile_facts(organisation), section)
    form = section_form(questions, application.answers, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        form.validate()
        services.save_answers(application, current_user, form.valid_answers())
        if not form.errors:
            return redirect(_next_task(framework, application, organisation, after=section.slug))
    guide_panels = slots.gather(
        "guides.linked",
        places=[f"framework-question:{framework.slug}:{question.id}" for question in questions],
        heading="Help with these questions",
        anchor="section",
    )
    return render_template(
        "frameworks/section.html", framework=framework, section=section, form=form, guide_panels=guide_panels
    )


def _read_only(framework):
    if request.method == "POST":
        raise services.DeadlinePassed(framework)
    return redirect(url_for("frameworks.review", slug=framework.slug))


def _next_task(framework, application, organisation, after: str) -> str:
    """The next task still to do, after the one just saved; the review page when all are done."""
    tasks = progress.tasks(framework.definition, application, progress.profile_facts(organisation))
    keys = [task.key for task in tasks]
    following = tasks[keys.index(after) + 1 :] + tasks[: keys.index(after)]
    for task in following:
        if task.status not in (progress.COMPLETED, progress.NOT_NEEDED):
            if task.key == "lots":
                return url_for("frameworks.lots", slug=framework.slug)
            return url_for("frameworks.section", slug=framework.slug, section_slug=task.key)
    return url_for("frameworks.review", slug=framework.slug)


@bp.get("/frameworks/<slug>/application/review")
@own_application_required
def review(framework, application, organisation):
    definition = framework.definition
    editable = progress.editable(application)
    facts = progress.profile_facts(organisation)
    shown = application.submission if not editable and application.submission else None
    if shown is not None:
        answers, question_ids, lots, statements = (
            shown["answers"],
            shown["questions"],
            shown["lots"],
            shown["statements"],
        )
    else:
        answers, lots, statements = application.answers or {}, application.lots or [], application.statements or {}
        question_ids = [q.id for q in progress.applicable_questions(definition, application, facts)]
    return render_template(
        "frameworks/review.html",
        framework=framework,
        application=application,
        definition=definition,
        editable=editable,
        showing_submission=shown is not None,
        sections=display.sections_with_answers(definition, answers, question_ids),
        lots=[lot for lot in definition.lots if lot.slug in lots],
        statements=statements,
        problems=progress.problems(definition, application, facts) if editable else [],
        form=SubmitApplicationForm(),
    )


@bp.post("/frameworks/<slug>/application/submit")
@own_application_required
def submit(framework, application, organisation):
    if not SubmitApplicationForm().validate_on_submit():
        return redirect(url_for("frameworks.review", slug=framework.slug))
    try:
        services.submit(application, current_user)
    except services.IncompleteApplication:
        flash("Complete your application before you submit it", "error")
        return redirect(url_for("frameworks.review", slug=framework.slug))
    return redirect(url_for("frameworks.submitted", slug=framework.slug))


@bp.get("/frameworks/<slug>/application/submitted")
@own_application_required
def submitted(framework, application, organisation):
    if not rules.is_submitted(application):
        return redirect(url_for("frameworks.application", slug=framework.slug))
    return render_template(
        "frameworks/submitted.html", framework=framework, application=application, definition=framework.definition
    )


@bp.route("/frameworks/<slug>/application/withdraw", methods=["GET", "POST"])
@own_application_required
def withdraw(framework, application, organisation):
    form = WithdrawApplicationForm()
    if not rules.can_withdraw(application):
        return redirect(url_for("frameworks.application", slug=framework.slug))
    if form.validate_on_submit():
        services.withdraw(application, current_user)
        flash(
            "Your application has been withdrawn. You can change it and submit it again before the closing date",
            "success",
        )
        return redirect(url_for("frameworks.application", slug=framework.slug))
    if not progress.editable(application):
        return redirect(url_for("frameworks.application", slug=framework.slug))
    return render_template("frameworks/withdraw.html", framework=framework, application=application, form=form)


@bp.get("/frameworks/<slug>/application/result")
@own_application_required
def result(framework, application, organisation):
    if application.result_released_at is None:
        return redirect(url_for("frameworks.application", slug=framework.slug))
    definition = framework.definition
    lots = [
        {
            "lot": lot,
            "result": application.lot_results.get(lot.slug),
            "reasons": evaluation.failure_reasons(application, lot.slug),
        }
        for lot in definition.lots
        if lot.slug in application.lot_results
    ]
    return render_template(
        "frameworks/result.html", framework=framework, application=application, definition=definition, lots=lots
    )


@bp.route("/frameworks/<slug>/application/agreement", methods=["GET", "POST"])
@own_application_required
def agreement(framework, application, organisation):
    if application.result_released_at is None or not application.awarded_lots:
        abort(404)
    form = AcceptAgreementForm()
    if request.method == "GET" and not form.full_name.data:
        form.full_name.data = current_user.full_name
    if application.agreement_accepted_at is None and form.validate_on_submit():
        try:
            services.accept_agreement(application, current_user, name=form.full_name.data, role=form.role.data)
        except services.FrameworkError as error:
            flash(error.message, "error")
        else:
            flash(f"You have accepted the agreement. {organisation.display_name} is now on {framework.name}", "success")
            return redirect(url_for("frameworks.agreement", slug=framework.slug))
    return render_template(
        "frameworks/agreement.html",
        framework=framework,
        application=application,
        definition=framework.definition,
        form=form,
    )


@bp.route("/frameworks/<slug>/ask", methods=["GET", "POST"])
@organisation_member_required
def ask(slug: str, organisation):
    framework = framework_or_404(slug)
    form = AskQuestionForm()
    accepting = statuses.accepting_questions(framework)
    if accepting and form.validate_on_submit():
        try:
            services.ask_question(framework, organisation, current_user, form.question.data)
        except services.FrameworkError as error:
            form.question.errors.append(error.message)
        else:
            flash(
                "Your question has been sent. When it is answered, the answer is published here for everyone, "
                "without your name",
                "success",
            )
            return redirect(url_for("frameworks.detail", slug=slug, _anchor="questions"))
    return render_template("frameworks/ask.html", framework=framework, form=form, accepting=accepting)
