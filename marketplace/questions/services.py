"""Asking, answering and publishing clarification questions. The caller commits (so it can add its
own audit details and emails to the same transaction) — use `commit()` helpers from the owning domain."""

from __future__ import annotations

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.questions.models import ClarificationQuestion

QUESTION_LIMIT = 2000
ANSWER_LIMIT = 5000


class QuestionError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def ask(
    subject_type: str, subject_id: int, *, text: str, asked_by_id: int, organisation_id: int | None
) -> ClarificationQuestion:
    text = (text or "").strip()
    if not text:
        raise QuestionError("Enter your question")
    question = ClarificationQuestion(
        subject_type=subject_type,
        subject_id=subject_id,
        question=text[:QUESTION_LIMIT],
        asked_by_id=asked_by_id,
        organisation_id=organisation_id,
        asked_at=clock.now(),
        published=False,
    )
    db.session.add(question)
    db.session.flush()
    record("question.asked", question, actor_id=asked_by_id, about=f"{subject_type}:{subject_id}")
    return question


def answer_and_publish(
    question: ClarificationQuestion, *, answer: str, public_question: str | None, answered_by_id: int
) -> ClarificationQuestion:
    """Publish the answer to everyone, with the question worded as given (never who asked)."""
    answer = (answer or "").strip()
    if not answer:
        raise QuestionError("Enter the answer")
    moment = clock.now()
    wording = (public_question or "").strip() or question.question
    question.public_question = wording if wording != question.question else None
    question.answer = answer[:ANSWER_LIMIT]
    question.answered_at = question.answered_at or moment
    question.answered_by_id = answered_by_id
    was_published = question.published
    question.published = True
    question.published_at = question.published_at or moment
    record(
        "question.answer_updated" if was_published else "question.answered",
        question,
        actor_id=answered_by_id,
        reworded=question.public_question is not None,
    )
    return question


def publish_unasked(
    subject_type: str, subject_id: int, *, question: str, answer: str, answered_by_id: int
) -> ClarificationQuestion:
    """A question and answer nobody asked (for example from a briefing), published to everyone."""
    if not (question or "").strip():
        raise QuestionError("Enter the question")
    if not (answer or "").strip():
        raise QuestionError("Enter the answer")
    moment = clock.now()
    item = ClarificationQuestion(
        subject_type=subject_type,
        subject_id=subject_id,
        question=question.strip()[:QUESTION_LIMIT],
        answer=answer.strip()[:ANSWER_LIMIT],
        published=True,
        answered_at=moment,
        published_at=moment,
        answered_by_id=answered_by_id,
    )
    db.session.add(item)
    db.session.flush()
    record("question.published", item, actor_id=answered_by_id, about=f"{subject_type}:{subject_id}")
    return item
