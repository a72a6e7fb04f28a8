"""Reads of clarification questions for one subject."""

from __future__ import annotations

from sqlalchemy import func, select

from marketplace.extensions import db
from marketplace.questions.models import ClarificationQuestion


def get_question(question_id: int, subject_type: str, subject_id: int) -> ClarificationQuestion | None:
    """The question, only if it belongs to this subject (so a URL cannot reach another subject's)."""
    question = db.session.get(ClarificationQuestion, question_id)
    if question is None or question.subject_type != subject_type or question.subject_id != subject_id:
        return None
    return question


def list_published(subject_type: str, subject_id: int) -> list[ClarificationQuestion]:
    statement = (
        select(ClarificationQuestion)
        .where(
            ClarificationQuestion.subject_type == subject_type,
            ClarificationQuestion.subject_id == subject_id,
            ClarificationQuestion.published.is_(True),
        )
        .order_by(ClarificationQuestion.published_at, ClarificationQuestion.id)
    )
    return list(db.session.scalars(statement))


def list_unanswered(subject_type: str, subject_id: int) -> list[ClarificationQuestion]:
    statement = (
        select(ClarificationQuestion)
        .where(
            ClarificationQuestion.subject_type == subject_type,
            ClarificationQuestion.subject_id == subject_id,
            ClarificationQuestion.published.is_(False),
        )
        .order_by(ClarificationQuestion.asked_at, ClarificationQuestion.id)
    )
    return list(db.session.scalars(statement))


def list_asked_by(subject_type: str, subject_id: int, organisation_id: int) -> list[ClarificationQuestion]:
    """What this organisation asked (only they, and the answerer, see unanswered questions)."""
    statement = (
        select(ClarificationQuestion)
        .where(
            ClarificationQuestion.subject_type == subject_type,
            ClarificationQuestion.subject_id == subject_id,
            ClarificationQuestion.organisation_id == organisation_id,
        )
        .order_by(ClarificationQuestion.asked_at, ClarificationQuestion.id)
    )
    return list(db.session.scalars(statement))


def count_unanswered(subject_type: str, subject_ids: list[int]) -> dict[int, int]:
    if not subject_ids:
        return {}
    statement = (
        select(ClarificationQuestion.subject_id, func.count())
        .where(
            ClarificationQuestion.subject_type == subject_type,
            ClarificationQuestion.subject_id.in_(subject_ids),
            ClarificationQuestion.published.is_(False),
        )
        .group_by(ClarificationQuestion.subject_id)
    )
    return dict(db.session.execute(statement).all())
