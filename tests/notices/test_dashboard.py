"""The buyer's dashboard lists their notices with counts of interest, questions and event registrations."""

from __future__ import annotations

from sqlalchemy import event as sa_event

from marketplace.extensions import db
from tests.events.factories import create_event, register
from tests.factories import create_buyer, create_organisation, owner_of, sign_in
from tests.notices.factories import create_notice, register_interest


def _row(page, title: str) -> list[str]:
    for row in page.soup.select("tbody tr"):
        if title in row.get_text():
            return [cell.get_text(" ", strip=True) for cell in row.select("td")]
    raise AssertionError(f"{title} not listed")


def test_counts(client):
    from marketplace.notices.clarifications import services as clarifications

    buyer = create_buyer()
    notice = create_notice(buyer, title="Estate repairs")
    create_notice(title="Someone else’s")
    first, second = create_organisation(published=True), create_organisation(published=True)
    register_interest(notice, first)
    register_interest(notice, second)
    register(create_event(notice=notice), first, attendees=2)
    with client.app.test_request_context():
        clarifications.ask(notice, first, owner_of(first), "How many estates?")
    sign_in(client, buyer)
    page = client.get("notices.dashboard")
    status, interested, questions, registrations = _row(page, "Estate repairs")
    assert (
        interested.startswith("2")
        and questions.startswith("1")
        and "1 to answer" in questions
        and registrations.startswith("1")
    )
    assert "Someone else" not in page.text


def test_dashboard_queries_do_not_grow_with_notices(client):
    buyer = create_buyer()
    sign_in(client, buyer)

    def queries_for_page() -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        sa_event.listen(db.engine, "before_cursor_execute", listener)
        try:
            client.get("notices.dashboard")
        finally:
            sa_event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    create_notice(buyer)
    few = queries_for_page()
    for _ in range(8):
        notice = create_notice(buyer)
        register_interest(notice, create_organisation(published=True))
    assert queries_for_page() == few
