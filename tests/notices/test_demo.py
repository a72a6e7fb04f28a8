"""`flask demo load` fills the portal with believable notices, events, interest and Q&A, once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from marketplace.demo.services import load_demo_data
from marketplace.events.models import REGISTERED, WAITLISTED, Event, Registration
from marketplace.extensions import db
from marketplace.notices.models import Mission, Notice
from tests.helpers import PageClient

pytestmark = pytest.mark.slow  # started first, so the slowest tests do not finish the run alone


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_notices_and_events(demo_app):
    client = PageClient(demo_app)
    with demo_app.test_request_context():
        load_demo_data()  # a second time: idempotent
    estates = db.session.scalar(select(Mission).where(Mission.name == "Estates Mission"))
    assert _count(Mission) == 4
    assert _count(Notice, Notice.mission_id == estates.id) >= 3
    assert {kind for (kind,) in db.session.execute(select(Notice.kind))} == {"pipeline", "engagement"}
    assert _count(Registration, Registration.status == WAITLISTED) >= 1
    for event in db.session.scalars(select(Event)):
        taken = sum(
            r.attendees
            for r in db.session.scalars(
                select(Registration).where(Registration.event_id == event.id, Registration.status == REGISTERED)
            )
        )
        assert taken == event.places_taken <= event.capacity
    page = client.get(f"/notices?mission={estates.id}")
    assert "Safer estates" in page.text
    assert "Safer estates" in client.get("/notices?q=lighting").text  # indexed for search
    notice = db.session.scalar(select(Notice).where(Notice.title.startswith("Safer estates")))
    shown = client.get("notices.show", notice_id=notice.id)
    assert "Will the work be split into lots?" in shown.text and "Change history" in shown.text
    assert "Summer activities" in client.get("events.index").text


def test_demo_notices_and_events_are_made_by_the_services_with_their_audit_rows(app):
    from datetime import UTC, datetime, timedelta

    from marketplace import clock
    from marketplace.audit.models import AuditEvent
    from marketplace.events import demo as event_demo
    from marketplace.notices import demo as notice_demo
    from marketplace.notices.models import Interest, NoticeChange
    from marketplace.questions.models import ClarificationQuestion
    from tests.factories import create_admin, create_buyer, create_organisation

    create_buyer(), create_admin()
    for _ in range(6):
        create_organisation(published=True)
    with app.test_request_context():
        assert notice_demo.load_demo_notices() and event_demo.load_demo_events()
        assert not notice_demo.load_demo_notices() and not event_demo.load_demo_events()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(minutes=1)  # the moved clock is released

    def audited(*actions: str) -> int:
        return _count(AuditEvent, AuditEvent.action.in_(actions))

    assert audited("notice.created") == audited("notice.published") == _count(Notice) == len(notice_demo.NOTICES)
    assert audited("notice.interest_registered") == _count(Interest) > 0
    assert audited("question.asked") == _count(ClarificationQuestion) > audited("question.answered") > 0
    assert audited("event.created") == audited("event.published") == _count(Event) == len(event_demo.EVENTS)
    assert audited("event.registered", "event.waitlisted") == _count(Registration) > 0
    assert _count(Registration, Registration.status == WAITLISTED) >= 1
    assert audited("event.attendance_marked") == audited("event.follow_up_published") == 1
    assert {tuple(change.fields) for change in db.session.scalars(select(NoticeChange))} == {
        ("estimated value", "when engagement closes"),
        ("notice withdrawn",),
    }
