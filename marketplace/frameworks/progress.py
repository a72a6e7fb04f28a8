"""Where an application has got to: task statuses and what still stops it being submitted.

Derived from the answers every time, never stored (like the profile's task list).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marketplace import clock
from marketplace.frameworks import status as statuses
from marketplace.frameworks.definition import PROFILE_FACTS, Definition, Question, Section
from marketplace.frameworks.models import SUBMITTED, WITHDRAWN, FrameworkApplication

NOT_STARTED, IN_PROGRESS, COMPLETED, NOT_NEEDED = "Not started", "In progress", "Completed", "Not needed"
CANNOT_START = "Cannot start yet"


@dataclass(frozen=True)
class Task:
    key: str
    title: str
    status: str
    section: Section | None = None

    @property
    def needed(self) -> bool:
        """False for a section that does not apply to the lots chosen."""
        return self.status != NOT_NEEDED


@dataclass(frozen=True)
class Problem:
    message: str
    task: str  # "lots", a section slug
    anchor: str


def profile_facts(organisation) -> dict[str, Any]:
    return {fact: getattr(organisation, fact, None) for fact in PROFILE_FACTS}


def applicable_questions(
    definition: Definition, application: FrameworkApplication, facts: dict[str, Any], section: Section | None = None
) -> list[Question]:
    questions = section.questions if section is not None else definition.questions
    return [q for q in questions if definition.applicable(q, list(application.lots or []), facts)]


def answered(value: Any) -> bool:
    return value not in (None, "", [])


def editable(application: FrameworkApplication) -> bool:
    """Supplier changes are allowed while applications are open and before any evaluation."""
    return statuses.accepting_applications(application.framework, clock.now()) and application.evaluated_at is None


def _section_status(questions: list[Question], answers: dict) -> str:
    if not questions:
        return NOT_NEEDED
    required = [q for q in questions if q.required]
    any_answered = any(answered(answers.get(q.id)) for q in questions)
    if all(answered(answers.get(q.id)) for q in required) and (required or any_answered):
        return COMPLETED
    return IN_PROGRESS if any_answered else NOT_STARTED


def tasks(definition: Definition, application: FrameworkApplication, facts: dict[str, Any]) -> list[Task]:
    lots_done = not lot_problems(definition, application)
    items = [
        Task("lots", "Choose your lots", COMPLETED if lots_done else (IN_PROGRESS if application.lots else NOT_STARTED))
    ]
    for section in definition.sections:
        status = _section_status(
            applicable_questions(definition, application, facts, section), application.answers or {}
        )
        items.append(Task(section.slug, section.title, status, section))
    return items


def lot_problems(definition: Definition, application: FrameworkApplication) -> list[Problem]:
    lots = [lot for lot in definition.lots if lot.slug in (application.lots or [])]
    if not lots:
        return [Problem("Choose at least one lot", "lots", "lots")]
    return [
        Problem(f"Write your statement for the {lot.name.lower()} lot", "lots", f"statement_{lot.slug}")
        for lot in lots
        if lot.statement_word_limit and not answered((application.statements or {}).get(lot.slug))
    ]


def problems(definition: Definition, application: FrameworkApplication, facts: dict[str, Any]) -> list[Problem]:
    """What must be done before the application can be submitted, in task list order."""
    found = lot_problems(definition, application)
    answers = application.answers or {}
    for section in definition.sections:
        for question in applicable_questions(definition, application, facts, section):
            if question.required and not answered(answers.get(question.id)):
                found.append(Problem(f"Answer ‘{question.label}’", section.slug, question.id))
    return found


def review_status(application: FrameworkApplication, ready: bool) -> str:
    if application.status == SUBMITTED:
        return "Changes not submitted" if application.has_unsubmitted_changes else "Submitted"
    if application.status == WITHDRAWN:
        return "Withdrawn"
    return NOT_STARTED if ready else CANNOT_START


def snapshot(
    definition: Definition, framework_version: int, application: FrameworkApplication, facts: dict[str, Any]
) -> dict:
    """Exactly what is being submitted: the answers that apply, the lots and their statements."""
    questions = [q.id for q in applicable_questions(definition, application, facts)]
    answers = application.answers or {}
    lots = [lot.slug for lot in definition.lots if lot.slug in (application.lots or [])]
    return {
        "version": framework_version,
        "questions": questions,
        "answers": {qid: answers.get(qid) for qid in questions},
        "lots": lots,
        "statements": {lot: (application.statements or {}).get(lot) for lot in lots},
        "profile": dict(facts.items()),
    }
