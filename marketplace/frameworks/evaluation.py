"""Evaluation and award: rules at close, people decide the rest, results released on the results date.

Every decision is audited with who, what the rule said, what they decided and why.
"""

from __future__ import annotations

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.frameworks import queries, rules
from marketplace.frameworks import status as statuses
from marketplace.frameworks.definition import Question
from marketplace.frameworks.models import AnswerEvaluation, Framework, FrameworkApplication
from marketplace.frameworks.services import FrameworkError
from marketplace.links import external_url
from marketplace.mail.services import queue_email

DECISIONS = {rules.PASS: "Pass", rules.FAIL: "Fail"}


def evaluate_framework(framework: Framework, actor_id: int | None = None) -> int:
    """Apply the rules to every submitted application not yet evaluated. Returns how many were evaluated."""
    if not statuses.closed_for_applications(framework, clock.now()):
        raise FrameworkError(f"Applications to {framework.name} are still open: evaluate them after they close")
    definition = framework.definition
    moment = clock.now()
    evaluated = 0
    for application in queries.list_applications(framework.id, submitted_only=True):
        if application.evaluated_at is not None:
            continue
        outcomes = rules.evaluate_submission(definition, application.submission or {})
        application.evaluations = [
            AnswerEvaluation(question_id=qid, automatic=outcome) for qid, outcome in outcomes.items()
        ]
        _refresh_result(application, outcomes)
        application.evaluated_at = moment
        record(
            "framework_application.evaluated",
            application,
            actor_id=actor_id,
            result=application.result,
            outcomes=outcomes,
            lots=application.lot_results,
        )
        evaluated += 1
    framework.evaluated_at = framework.evaluated_at or moment
    record("framework.evaluated", framework, actor_id=actor_id, applications=evaluated)
    db.session.commit()
    return evaluated


def _refresh_result(application: FrameworkApplication, outcomes: dict[str, str] | None = None) -> None:
    definition = application.framework.definition
    effective = outcomes if outcomes is not None else {e.question_id: e.effective for e in application.evaluations}
    results = rules.lot_results(definition, application.submission or {}, effective)
    application.lot_results = results
    application.result = rules.overall(results)


def decide(evaluation: AnswerEvaluation, admin: User, *, decision: str, reason: str) -> None:
    """A person's decision on one answer: a discretionary one, or an override of the rule's outcome."""
    application = evaluation.application
    if application.result_released_at is not None:
        raise FrameworkError("Results for this application have been published: decisions cannot change")
    if decision not in DECISIONS:
        raise FrameworkError("Select pass or fail")
    if not (reason or "").strip():
        raise FrameworkError("Enter the reason for your decision")
    previous = evaluation.effective
    evaluation.decision = decision
    evaluation.reason = reason.strip()
    evaluation.decided_by_id = admin.id
    evaluation.decided_at = clock.now()
    _refresh_result(application)
    record(
        "framework_evaluation.decided",
        evaluation,
        actor_id=admin.id,
        application=application.id,
        question=evaluation.question_id,
        automatic=evaluation.automatic,
        previous=previous,
        decision=decision,
        reason=evaluation.reason,
        override=evaluation.automatic != rules.DISCRETIONARY,
        result=application.result,
    )
    db.session.commit()


def release_results(framework: Framework, actor_id: int | None = None) -> int:
    """On or after the results date, with every decision made: tell each applicant their outcome."""
    if not statuses.results_due(framework, clock.now()):
        raise FrameworkError(f"Results can be published from {_london(framework.results_at)}")
    if framework.evaluated_at is None:
        raise FrameworkError("Run the automatic evaluation first")
    waiting = queries.count_undecided(framework.id)
    if waiting:
        raise FrameworkError(f"{waiting} answer{' still needs' if waiting == 1 else 's still need'} a decision")
    moment = clock.now()
    applications = [
        a
        for a in queries.list_applications(framework.id, submitted_only=True)
        if a.evaluated_at and not a.result_released_at
    ]
    emails = queries.member_emails([a.organisation_id for a in applications])
    for application in applications:
        application.result_released_at = moment
        record(
            "framework_application.result_released",
            application,
            actor_id=actor_id,
            result=application.result,
            lots=application.lot_results,
        )
        link = external_url("frameworks.result", slug=framework.slug)
        for email in emails.get(application.organisation_id, []):
            queue_email(
                email,
                f"Your application to {framework.name}: the outcome",
                "framework_result",
                framework=framework,
                application=application,
                link=link,
            )
    framework.results_released_at = framework.results_released_at or moment
    record("framework.results_released", framework, actor_id=actor_id, applications=len(applications))
    db.session.commit()
    return len(applications)


def failure_reasons(application: FrameworkApplication, lot: str) -> list[str]:
    """Why a lot failed, in words the supplier can act on (the person's reason, or the rule's)."""
    definition = application.framework.definition
    reasons = []
    for evaluation in application.evaluations:
        question = definition.question(evaluation.question_id)
        if question is None or evaluation.effective != rules.FAIL or not question.applies_to_lot(lot):
            continue
        if evaluation.decision == rules.FAIL and evaluation.reason:
            reasons.append(f"{question.label}: {evaluation.reason}")
        else:
            reasons.append(f"{question.label}: {_fail_reason(question)}")
    return reasons


def tick(actor_id: int | None = None) -> list[str]:
    """For a scheduler: evaluate frameworks that have closed, release results that are due."""
    messages = []
    for framework in queries.list_frameworks():
        if framework.evaluated_at is None and statuses.closed_for_applications(framework, clock.now()):
            count = evaluate_framework(framework, actor_id)
            messages.append(f"{framework.slug}: evaluated {count} application(s)")
        if (
            framework.evaluated_at is not None
            and statuses.results_due(framework, clock.now())
            and framework.results_released_at is None
        ):
            try:
                count = release_results(framework, actor_id)
            except FrameworkError as error:
                messages.append(f"{framework.slug}: results not released: {error.message}")
            else:
                messages.append(f"{framework.slug}: released {count} result(s)")
    return messages


def _london(moment) -> str:
    from marketplace.template_helpers import london_datetime

    return london_datetime(moment)


def _fail_reason(question: Question) -> str:
    given = question.rule.fail_reason if question.rule is not None else None
    return given or "your answer did not meet the requirement"
