"""Questions for all: asked privately, answered in public without the asker's name, deadlines enforced."""

from __future__ import annotations

from datetime import timedelta

from marketplace import clock
from marketplace.mail.queries import list_emails_to
from marketplace.notices.clarifications import queries
from tests.factories import create_buyer, create_organisation, owner_of, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_notice, register_interest

QUESTION = "Would Kentish Town Cleaning CIC be able to bid for only the Gospel Oak estates?"


def test_question_answer_is_published_without_the_suppliers_name_and_emailed(client, app):
    buyer = create_buyer()
    notice = create_notice(buyer)
    asker = create_organisation(published=True, name="Kentish Town Cleaning CIC")
    watcher = create_organisation(published=True, name="Watcher Ltd")
    register_interest(notice, watcher)
    sign_in(client, owner_of(asker))
    client.submit(client.get("notices.ask_question", notice_id=notice.id), question=QUESTION, expected=302)
    assert (
        "Kentish Town Cleaning CIC" not in PageClient(app).get("notices.show", notice_id=notice.id).text
    )  # not published yet
    assert any(notice.title in email.subject for email in list_emails_to(buyer.email))

    answerer = PageClient(app)
    sign_in(answerer, buyer)
    item = queries.list_unanswered(notice.id)[0]
    page = answerer.get("notices.answer_question", notice_id=notice.id, question_id=item.id)
    answerer.submit(
        page,
        public_question="Can a supplier bid for only some estates?",
        answer="Yes: the work will be split into lots by area.",
        expected=302,
    )

    public = PageClient(app).get("notices.show", notice_id=notice.id)
    assert "Can a supplier bid for only some estates?" in public.text and "split into lots" in public.text
    assert "Kentish Town Cleaning CIC" not in public.text and owner_of(asker).email not in public.html
    watcher_emails = list_emails_to(owner_of(watcher).email)
    assert any("split into lots" in email.body for email in watcher_emails)
    assert all("Kentish Town" not in email.body for email in watcher_emails)
    assert any("split into lots" in email.body for email in list_emails_to(owner_of(asker).email))


def test_the_answer_keeps_the_original_wording_unless_reworded(client, app):
    buyer = create_buyer()
    notice = create_notice(buyer)
    sign_in(client, owner_of(create_organisation(published=True)))
    client.submit(
        client.get("notices.ask_question", notice_id=notice.id), question="Is TUPE likely to apply?", expected=302
    )
    answerer = PageClient(app)
    sign_in(answerer, buyer)
    item = queries.list_unanswered(notice.id)[0]
    answerer.submit(
        answerer.get("notices.answer_question", notice_id=notice.id, question_id=item.id),
        answer="Probably not.",
        expected=302,
    )
    assert queries.list_published(notice.id)[0].shown_question == "Is TUPE likely to apply?"


def test_buyer_publishes_a_question_nobody_asked(client):
    buyer = create_buyer()
    notice = create_notice(buyer)
    interested = create_organisation(published=True)
    register_interest(notice, interested)
    sign_in(client, buyer)
    client.submit(
        client.get("notices.questions", notice_id=notice.id),
        question="Will there be lots?",
        answer="Three, by area.",
        expected=302,
    )
    assert "Three, by area." in PageClient(client.app).get("notices.show", notice_id=notice.id).text
    assert any("Three, by area." in email.body for email in list_emails_to(owner_of(interested).email))


def test_question_deadline_is_enforced_on_the_server(client):
    notice = create_notice(
        questions_close_at=clock.now() + timedelta(days=1), engagement_closes_at=clock.now() + timedelta(days=10)
    )
    sign_in(client, owner_of(create_organisation(published=True)))
    page = client.get("notices.ask_question", notice_id=notice.id)
    clock.freeze(clock.now() + timedelta(days=2))
    client.submit(page, question="Too late?", expected=409)
    assert queries.list_unanswered(notice.id) == []
    assert "The deadline for questions has passed" in client.get("notices.show", notice_id=notice.id).text


def test_only_the_notices_buyer_answers(client, app):
    notice = create_notice()
    sign_in(client, owner_of(create_organisation(published=True)))
    client.submit(client.get("notices.ask_question", notice_id=notice.id), question="Any budget?", expected=302)
    item = queries.list_unanswered(notice.id)[0]
    other = PageClient(app)
    sign_in(other, create_buyer())
    other.get("notices.answer_question", notice_id=notice.id, question_id=item.id, expected=404)
    other.get("notices.questions", notice_id=notice.id, expected=404)


def test_a_question_cannot_be_answered_through_another_notice(client, app):
    buyer = create_buyer()
    mine, other = create_notice(buyer), create_notice()
    sign_in(client, owner_of(create_organisation(published=True)))
    client.submit(client.get("notices.ask_question", notice_id=other.id), question="Hello?", expected=302)
    item = queries.list_unanswered(other.id)[0]
    answerer = PageClient(app)
    sign_in(answerer, buyer)
    answerer.get("notices.answer_question", notice_id=mine.id, question_id=item.id, expected=404)
