"""Asking, answering and publishing questions on a notice: the shared Q&A services, plus the
notice's rules (question deadline, who may answer) and emails. One commit per action."""

from __future__ import annotations

from marketplace import clock
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.mail.services import queue_email
from marketplace.notices.clarifications.queries import SUBJECT
from marketplace.notices.interest.queries import interested_emails
from marketplace.questions import services as shared
from marketplace.questions.services import QuestionError

__all__ = ["QuestionError", "ask", "answer", "publish_unasked"]


def ask(notice, organisation, user, text: str):
    """A private question to the buyer; only while questions are open (the server's clock decides)."""
    if not notice.questions_open(clock.now()):
        raise QuestionError("The deadline for questions has passed")
    question = shared.ask(SUBJECT, notice.id, text=text, asked_by_id=user.id, organisation_id=organisation.id)
    if notice.owner is not None:
        link = external_url("notices.answer_question", notice_id=notice.id, question_id=question.id)
        queue_email(
            notice.owner.email, f"New question: {notice.title}"[:200], "notice_question_asked", notice=notice, link=link
        )
    db.session.commit()
    return question


def answer(notice, question, user, *, public_question: str | None, answer_text: str):
    """Publish the answer on the notice, without the asker's name, and email everyone interested."""
    first_time = not question.published
    shared.answer_and_publish(question, answer=answer_text, public_question=public_question, answered_by_id=user.id)
    _tell_everyone(notice, question, also=_asker_email(question) if first_time else None, updated=not first_time)
    db.session.commit()
    return question


def publish_unasked(notice, user, *, question_text: str, answer_text: str):
    item = shared.publish_unasked(
        SUBJECT, notice.id, question=question_text, answer=answer_text, answered_by_id=user.id
    )
    _tell_everyone(notice, item, also=None, updated=False)
    db.session.commit()
    return item


def _asker_email(question) -> str | None:
    from marketplace.accounts.queries import get_user

    asker = get_user(question.asked_by_id) if question.asked_by_id else None
    return asker.email if asker else None


def _tell_everyone(notice, question, *, also: str | None, updated: bool) -> None:
    recipients = list(dict.fromkeys([*interested_emails(notice.id), *([also] if also else [])]))
    link = external_url("notices.show", notice_id=notice.id, _anchor="questions")
    subject = ("Updated answer: " if updated else "New answer: ") + notice.title
    for email in recipients:
        queue_email(
            email,
            subject[:200],
            "notice_answer_published",
            notice=notice,
            question=question.shown_question,
            answer=question.answer,
            link=link,
            updated=updated,
        )
