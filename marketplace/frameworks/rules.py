"""What can happen to a framework application and when (used by services, views and templates alike, through
the `framework_rules` global), and the evaluation rules: pure functions from a submitted application to pass,
fail or discretionary.

A question's rule is data (see definition.Rule). Each lot's result combines the outcomes of
the questions that apply to it: any fail fails the lot, else any undecided discretionary
answer leaves it pending, else it passes. An application succeeds if any lot passes.
"""

from __future__ import annotations

from typing import Any

from marketplace.frameworks import status as statuses
from marketplace.frameworks.definition import Definition, Question, Rule
from marketplace.frameworks.models import DRAFT, SUBMITTED, WITHDRAWN, Framework, FrameworkApplication

PASS, FAIL, DISCRETIONARY, PENDING = "pass", "fail", "discretionary", "pending"


# --- frameworks and applications ------------------------------------------------------------------


def not_open_yet(framework: Framework) -> bool:
    return framework.status == statuses.COMING


def is_submitted(application: FrameworkApplication) -> bool:
    """Submitted (perhaps changed since: see has_changes_to_submit)."""
    return application.status == SUBMITTED


def has_been_submitted(application: FrameworkApplication) -> bool:
    """Submitted now or before (a withdrawn application was submitted once)."""
    return application.status != DRAFT


def is_withdrawn(application: FrameworkApplication) -> bool:
    return application.status == WITHDRAWN


def can_withdraw(application: FrameworkApplication) -> bool:
    """While it can still be changed (the services check the deadline too)."""
    return application.status == SUBMITTED


def has_changes_to_submit(application: FrameworkApplication) -> bool:
    return application.status == SUBMITTED and application.has_unsubmitted_changes


OUTCOME_LABELS = {PASS: "Pass", FAIL: "Fail", DISCRETIONARY: "Needs a decision", PENDING: "Awaiting decisions"}


def evaluate_answer(question: Question, value: Any) -> str | None:
    """The automatic outcome for one answer; None when the question has no rule."""
    rule = question.rule
    if rule is None:
        return None
    if rule.discretionary:
        return DISCRETIONARY
    if _meets(question, rule, value):
        return PASS
    return DISCRETIONARY if rule.otherwise == DISCRETIONARY else FAIL


def _meets(question: Question, rule: Rule, value: Any) -> bool:
    if value is None or value == "" or value == []:
        return False
    if question.type == "number":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return False
        return (rule.at_least is None or value >= rule.at_least) and (rule.at_most is None or value <= rule.at_most)
    if question.type == "multiple_choice":
        return isinstance(value, list) and set(rule.must_be) <= set(value)
    return value in rule.must_be


def evaluate_submission(definition: Definition, submission: dict) -> dict[str, str]:
    """Automatic outcomes for the submitted answers to questions that applied and carry a rule."""
    outcomes: dict[str, str] = {}
    for question_id in submission.get("questions", []):
        question = definition.question(question_id)
        if question is None:
            continue
        outcome = evaluate_answer(question, submission.get("answers", {}).get(question_id))
        if outcome is not None:
            outcomes[question_id] = outcome
    return outcomes


def lot_results(definition: Definition, submission: dict, outcomes: dict[str, str]) -> dict[str, str]:
    """Each chosen lot's result from the (effective) outcomes of the questions that apply to it."""
    results: dict[str, str] = {}
    for lot in submission.get("lots", []):
        relevant = [outcome for question_id, outcome in outcomes.items() if _applies(definition, question_id, lot)]
        if FAIL in relevant:
            results[lot] = FAIL
        elif DISCRETIONARY in relevant:
            results[lot] = PENDING
        else:
            results[lot] = PASS
    return results


def _applies(definition: Definition, question_id: str, lot: str) -> bool:
    question = definition.question(question_id)
    return question is not None and question.applies_to_lot(lot)


def overall(results: dict[str, str]) -> str:
    if not results:
        return FAIL
    if PENDING in results.values():
        return PENDING
    return PASS if PASS in results.values() else FAIL


def awarded_lots(results: dict[str, str]) -> list[str]:
    return [lot for lot, result in results.items() if result == PASS]
