"""Every write to frameworks and applications: one commit per action, each audited.

Deadlines are checked here, on the server, against `clock.now()`: a view can never save or
submit after the close, whatever the page in the browser says.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError

from marketplace import clock
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.frameworks import progress, queries, rules
from marketplace.frameworks import status as statuses
from marketplace.frameworks.definition import Definition
from marketplace.frameworks.models import DRAFT, SUBMITTED, WITHDRAWN, Framework, FrameworkApplication, FrameworkVersion
from marketplace.links import external_url
from marketplace.mail.services import queue_email
from marketplace.questions import services as question_services
from marketplace.questions.models import ClarificationQuestion

SUBJECT_TYPE = "framework"


class FrameworkError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class DeadlinePassed(FrameworkError):
    """Too late (or too early): the framework is not taking applications now."""

    def __init__(self, framework: Framework):
        super().__init__(f"{framework.name} is not open for applications")
        self.framework = framework


class IncompleteApplication(FrameworkError):
    def __init__(self, problems: list[progress.Problem]):
        super().__init__("Complete your application before you submit it")
        self.problems = problems


# Definitions -------------------------------------------------------------------------------------


def load_definition(
    definition: Definition, *, source: str | None = None, actor_id: int | None = None
) -> tuple[Framework, str]:
    """Create the framework, or store a new version of it. Returns (framework, "created" | "updated" | "unchanged").

    Once anyone has started an application, its lots and questions cannot change (dates,
    descriptions, guidance and the agreement still can).
    """
    framework = queries.get_framework(definition.slug)
    if framework is None:
        framework = Framework(slug=definition.slug, version=1)
        _copy_definition(framework, definition)
        db.session.add(framework)
        db.session.flush()
        _add_version(framework, definition, 1, source, actor_id)
        record("framework.created", framework, actor_id=actor_id, version=1, source=source)
        db.session.commit()
        return framework, "created"
    current = framework.current_version
    if current.checksum == definition.checksum:
        return framework, "unchanged"
    applications = queries.count_applications(framework.id)
    if applications and current.questions_checksum != definition.questions_checksum:
        raise FrameworkError(
            f"{framework.name} has {applications} application{'s' if applications != 1 else ''}: "
            "its lots and questions cannot change. "
            "You can still change its dates, descriptions, guidance and agreement."
        )
    number = framework.version + 1
    _add_version(framework, definition, number, source, actor_id)
    framework.version = number
    _copy_definition(framework, definition)
    record("framework.version_loaded", framework, actor_id=actor_id, version=number, source=source)
    db.session.commit()
    db.session.refresh(framework)
    return framework, "updated"


def _copy_definition(framework: Framework, definition: Definition) -> None:
    framework.name = definition.name
    framework.short_name = definition.short_name
    dates = definition.dates  # a typed Dates: every column named, none dropped
    framework.applications_open_at = dates.applications_open_at
    framework.questions_close_at = dates.questions_close_at
    framework.applications_close_at = dates.applications_close_at
    framework.results_at = dates.results_at
    framework.live_from = dates.live_from
    framework.expires_at = dates.expires_at


def _add_version(
    framework: Framework, definition: Definition, number: int, source: str | None, actor_id: int | None
) -> None:
    db.session.add(
        FrameworkVersion(
            framework_id=framework.id,
            number=number,
            definition=definition.data,
            checksum=definition.checksum,
            questions_checksum=definition.questions_checksum,
            source=(source or "")[:200] or None,
            created_by_id=actor_id,
        )
    )


# Applications ------------------------------------------------------------------------------------


def _require_open(framework: Framework) -> None:
    if not statuses.accepting_applications(framework, clock.now()):
        raise DeadlinePassed(framework)


def _require_editable(application: FrameworkApplication) -> None:
    _require_open(application.framework)
    if application.evaluated_at is not None:
        raise DeadlinePassed(application.framework)


def start_application(framework: Framework, organisation, user: User) -> FrameworkApplication:
    existing = queries.get_application(framework.id, organisation.id)
    if existing is not None:
        return existing
    _require_open(framework)
    if not organisation.is_published:
        raise FrameworkError("Publish your organisation’s profile before you apply")
    application = FrameworkApplication(
        framework_id=framework.id,
        organisation_id=organisation.id,
        status=DRAFT,
        answers={},
        lots=[],
        statements={},
        lot_results={},
        created_by_id=user.id,
    )
    db.session.add(application)
    try:
        db.session.flush()
    except IntegrityError:  # a colleague (or a double click) started it a moment ago
        db.session.rollback()
        started = queries.get_application(framework.id, organisation.id)
        if started is None:  # the clash was something else
            raise
        return started
    record(
        "framework_application.started",
        application,
        actor_id=user.id,
        framework=framework.slug,
        organisation=organisation.id,
    )
    db.session.commit()
    return application


def save_answers(application: FrameworkApplication, user: User, answers: dict[str, Any]) -> list[str]:
    """Save valid answers (None clears one). Returns the ids that changed."""
    _require_editable(application)
    definition = application.framework.definition
    current = dict(application.answers or {})
    changed = []
    for question_id, value in answers.items():
        if definition.question(question_id) is None or current.get(question_id) == value:
            continue
        if value in (None, "", []):
            current.pop(question_id, None)
        else:
            current[question_id] = value
        changed.append(question_id)
    if changed:
        application.answers = current
        application.updated_at = clock.now()
        record("framework_application.answers_saved", application, actor_id=user.id, questions=sorted(changed))
        db.session.commit()
    return changed


def save_lots(
    application: FrameworkApplication, user: User, lots: list[str] | None, statements: dict[str, str | None]
) -> list[str]:
    """Save the lot choice (None leaves it) and the valid statements. Returns what changed."""
    _require_editable(application)
    definition = application.framework.definition
    changed = []
    if lots is not None:
        chosen = [lot.slug for lot in definition.lots if lot.slug in lots]
        if chosen != list(application.lots or []):
            application.lots = chosen
            changed.append("lots")
    current = dict(application.statements or {})
    for slug, text in statements.items():
        if definition.lot(slug) is None or current.get(slug) == (text or None):
            continue
        if text:
            current[slug] = text
        else:
            current.pop(slug, None)
        changed.append(f"statement:{slug}")
    if changed:
        application.statements = current
        application.updated_at = clock.now()
        record(
            "framework_application.lots_saved",
            application,
            actor_id=user.id,
            changed=changed,
            lots=list(application.lots),
        )
        db.session.commit()
    return changed


def submit(application: FrameworkApplication, user: User) -> FrameworkApplication:
    _require_editable(application)
    framework = application.framework
    definition = framework.definition
    facts = progress.profile_facts(application.organisation)
    problems = progress.problems(definition, application, facts)
    if problems:
        raise IncompleteApplication(problems)
    moment = clock.now()
    application.submission = progress.snapshot(definition, framework.version, application, facts)
    application.status = SUBMITTED
    application.submitted_at = moment
    application.submitted_by_id = user.id
    application.submission_count = (application.submission_count or 0) + 1
    application.withdrawn_at = None
    record(
        "framework_application.submitted",
        application,
        actor_id=user.id,
        submission=application.submission_count,
        lots=application.submission["lots"],
    )
    queue_email(
        user.email,
        f"Application received: {framework.name}",
        "framework_submitted",
        framework=framework,
        application=application,
        definition=definition,
        submitted_at=moment,
        link=external_url("frameworks.application", slug=framework.slug),
    )
    db.session.commit()
    return application


def withdraw(application: FrameworkApplication, user: User) -> None:
    _require_editable(application)
    if not rules.can_withdraw(application):
        raise FrameworkError("Only a submitted application can be withdrawn")
    framework = application.framework
    application.status = WITHDRAWN
    application.withdrawn_at = clock.now()
    record("framework_application.withdrawn", application, actor_id=user.id)
    queue_email(
        user.email,
        f"Application withdrawn: {framework.name}",
        "framework_withdrawn",
        framework=framework,
        application=application,
        link=external_url("frameworks.application", slug=framework.slug),
    )
    db.session.commit()


def accept_agreement(application: FrameworkApplication, user: User, *, name: str, role: str) -> None:
    if application.result_released_at is None or not application.awarded_lots:
        raise FrameworkError("Only successful applicants can accept the agreement, once results are published")
    if statuses.status_at(application.framework) == statuses.EXPIRED:
        raise FrameworkError("This framework has expired")
    if application.agreement_accepted_at is not None:
        return
    framework = application.framework
    application.agreement_name = name.strip()[:200]
    application.agreement_role = role.strip()[:200]
    application.agreement_accepted_at = clock.now()
    application.agreement_accepted_by_id = user.id
    definition = framework.definition
    record(
        "framework_application.agreement_accepted",
        application,
        actor_id=user.id,
        name=application.agreement_name,
        role=application.agreement_role,
        agreement=definition.agreement.title,
        version=framework.version,
        lots=application.awarded_lots,
    )
    _tell_search(application.organisation_id)
    queue_email(
        user.email,
        f"You are on {framework.name}",
        "framework_agreement_accepted",
        framework=framework,
        application=application,
        lots=[lot.name for slug in application.awarded_lots if (lot := definition.lot(slug)) is not None],
        link=external_url("suppliers.public_profile", organisation_id=application.organisation_id),
    )
    db.session.commit()


def _tell_search(organisation_id: int) -> None:
    """The supplier's search document lists the framework lots it is on: mark it changed in this transaction."""
    try:
        from marketplace.search.tracking import mark_changed
    except ImportError:  # search is optional to frameworks
        return
    mark_changed("supplier", [organisation_id])


# Clarification questions -------------------------------------------------------------------------


def ask_question(framework: Framework, organisation, user: User, text: str) -> ClarificationQuestion:
    if not statuses.accepting_questions(framework, clock.now()):
        raise FrameworkError(f"Clarification questions about {framework.name} have closed")
    question = question_services.ask(
        SUBJECT_TYPE, framework.id, text=text, asked_by_id=user.id, organisation_id=organisation.id
    )
    db.session.commit()
    return question


def answer_question(
    framework: Framework, question: ClarificationQuestion, admin: User, *, public_question: str, answer: str
) -> None:
    first_time = not question.published
    question_services.answer_and_publish(
        question, answer=answer, public_question=public_question, answered_by_id=admin.id
    )
    if first_time and question.asked_by_id is not None:
        asker = db.session.get(User, question.asked_by_id)
        if asker is not None:
            queue_email(
                asker.email,
                f"Your question about {framework.name} has been answered",
                "framework_question_answered",
                framework=framework,
                link=external_url("frameworks.detail", slug=framework.slug, _anchor="questions"),
            )
    db.session.commit()


def publish_question(framework: Framework, admin: User, *, question: str, answer: str) -> None:
    question_services.publish_unasked(
        SUBJECT_TYPE, framework.id, question=question, answer=answer, answered_by_id=admin.id
    )
    db.session.commit()
