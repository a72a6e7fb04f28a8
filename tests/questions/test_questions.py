"""Clarification questions: asked privately, answered in public, never showing who asked."""

from __future__ import annotations

import pytest
from flask import render_template_string

from marketplace.extensions import db
from marketplace.questions import queries, services
from tests.factories import create_organisation, owner_of

SUBJECT = ("notice", 7)


def _asked(text: str = "Can two organisations bid together?"):
    organisation = create_organisation(published=True, name="Gospel Oak Gardeners CIC")
    question = services.ask(*SUBJECT, text=text, asked_by_id=owner_of(organisation).id, organisation_id=organisation.id)
    db.session.commit()
    return organisation, question


def test_a_question_asked_is_not_published(app):
    _asked()
    assert queries.list_published(*SUBJECT) == [] and len(queries.list_unanswered(*SUBJECT)) == 1


def test_the_asker_sees_their_own_questions(app):
    organisation, question = _asked()
    assert queries.list_asked_by(*SUBJECT, organisation.id) == [question]
    assert queries.list_asked_by(*SUBJECT, create_organisation().id) == []


def test_answering_publishes_it_with_the_questions_new_wording(app):
    _, question = _asked("Gospel Oak Gardeners want to know: can two organisations bid together?")
    services.answer_and_publish(
        question,
        answer="Yes, as a consortium.",
        public_question="Can two organisations bid together?",
        answered_by_id=None,
    )
    db.session.commit()
    (published,) = queries.list_published(*SUBJECT)
    assert (
        published.shown_question == "Can two organisations bid together?"
        and published.answer == "Yes, as a consortium."
    )
    assert published.question.startswith("Gospel Oak")  # the original is kept for the record


def test_the_published_list_never_shows_who_asked(app):
    _, question = _asked()
    services.answer_and_publish(question, answer="Yes.", public_question=None, answered_by_id=None)
    db.session.commit()
    html = render_template_string(
        '{% include "questions/_published.html" %}', questions=queries.list_published(*SUBJECT)
    )
    assert "Can two organisations bid together?" in html and "Gospel Oak Gardeners" not in html


def test_a_question_nobody_asked_can_be_published(app):
    services.publish_unasked(
        *SUBJECT, question="Is there a site visit?", answer="Yes, on 3 March.", answered_by_id=None
    )
    db.session.commit()
    (published,) = queries.list_published(*SUBJECT)
    assert published.asked_at is None and published.organisation_id is None


def test_an_empty_answer_is_refused(app):
    _, question = _asked()
    with pytest.raises(services.QuestionError):
        services.answer_and_publish(question, answer="  ", public_question=None, answered_by_id=None)


def test_a_question_is_only_found_under_its_own_subject(app):
    _, question = _asked()
    assert queries.get_question(question.id, *SUBJECT) == question
    assert queries.get_question(question.id, "framework", 7) is None


def test_unanswered_questions_are_counted_per_subject(app):
    _asked()
    _asked("Another?")
    assert queries.count_unanswered("notice", [7, 8]) == {7: 2}
