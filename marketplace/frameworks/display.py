"""Answers and outcomes in words, for pages and emails (shared by supplier and admin views)."""

from __future__ import annotations

from datetime import date
from typing import Any

from marketplace.frameworks import rules
from marketplace.frameworks.definition import Definition, Question

APPLICATION_STATUS = {"draft": "Not submitted", "submitted": "Submitted", "withdrawn": "Withdrawn"}
RESULT_LABELS = {rules.PASS: "Successful", rules.FAIL: "Unsuccessful", rules.PENDING: "Awaiting decisions"}
RESULT_TAGS = {rules.PASS: "govuk-tag--green", rules.FAIL: "govuk-tag--red", rules.PENDING: "govuk-tag--yellow"}


def answer_text(question: Question, value: Any) -> str:
    if value in (None, "", []):
        return "Not answered"
    if question.type in {"yes_no", "single_choice"}:
        return question.option_label(value)
    if question.type == "multiple_choice":
        return ", ".join(question.option_label(v) for v in value)
    if question.type == "number":
        text = f"{value:,}" if isinstance(value, int) else str(value)
        return f"{text} {question.suffix}" if question.suffix else text
    if question.type == "date":
        try:
            return date.fromisoformat(value).strftime("%-d %B %Y")
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def sections_with_answers(definition: Definition, answers: dict, question_ids: list[str] | None) -> list[dict]:
    """Each section with its questions that apply (all when `question_ids` is None) and their answers."""
    shown = None if question_ids is None else set(question_ids)
    result = []
    for section in definition.sections:
        rows = [
            {"question": q, "answer": answer_text(q, answers.get(q.id)), "value": answers.get(q.id)}
            for q in section.questions
            if shown is None or q.id in shown
        ]
        if rows:
            result.append({"section": section, "rows": rows})
    return result


def lot_names(definition: Definition, slugs: list[str]) -> list[str]:
    return [lot.name for lot in definition.lots if lot.slug in (slugs or [])]


def outcome_label(outcome: str | None) -> str:
    return rules.OUTCOME_LABELS.get(outcome or "", "")


def result_label(result: str | None) -> str:
    return RESULT_LABELS.get(result or "", "Not evaluated")


def helpers() -> dict:
    """Template context for framework pages."""
    return {
        "answer_text": answer_text,
        "outcome_label": outcome_label,
        "result_label": result_label,
        "result_tags": RESULT_TAGS,
        "application_status_label": lambda status: APPLICATION_STATUS.get(status, status),
        "lot_names": lot_names,
    }
