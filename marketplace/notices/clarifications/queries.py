"""Reads of a notice's clarification questions (the shared package's model, subject "notice")."""

from __future__ import annotations

from sqlalchemy import case, func, select

from marketplace.extensions import db
from marketplace.questions import queries as question_queries
from marketplace.questions.models import ClarificationQuestion

SUBJECT = "notice"


def get_question(question_id: int, notice_id: int) -> ClarificationQuestion | None:
    return question_queries.get_question(question_id, SUBJECT, notice_id)


def list_published(notice_id: int) -> list[ClarificationQuestion]:
    return question_queries.list_published(SUBJECT, notice_id)


def list_unanswered(notice_id: int) -> list[ClarificationQuestion]:
    return question_queries.list_unanswered(SUBJECT, notice_id)


def list_asked_by(notice_id: int, organisation_id: int) -> list[ClarificationQuestion]:
    return question_queries.list_asked_by(SUBJECT, notice_id, organisation_id)


def question_counts(notice_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Notice → (questions asked or published, of which unanswered), in one grouped query."""
    if not notice_ids:
        return {}
    unanswered = func.sum(case((ClarificationQuestion.published.is_(False), 1), else_=0))
    statement = (
        select(ClarificationQuestion.subject_id, func.count(), unanswered)
        .where(ClarificationQuestion.subject_type == SUBJECT, ClarificationQuestion.subject_id.in_(notice_ids))
        .group_by(ClarificationQuestion.subject_id)
    )
    return {subject_id: (total, int(waiting or 0)) for subject_id, total, waiting in db.session.execute(statement)}


def enquiries(notice) -> list[dict]:
    """Published Q&A as OCDS `tender.enquiries` (never who asked)."""
    from marketplace.notices.ocds import _iso

    return [
        {
            "id": str(item.id),
            "date": _iso(item.asked_at or item.published_at),
            "title": item.shown_question[:200],
            "description": item.shown_question,
            "answer": item.answer,
            "dateAnswered": _iso(item.answered_at),
        }
        for item in list_published(notice.id)
    ]
