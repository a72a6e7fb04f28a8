"""What people type is shown safely: Markdown sanitised, reasons and answers escaped, and the
dashboards show each supplier only their own engagement."""

from __future__ import annotations

from marketplace.notices import services
from tests.events.factories import create_event, register
from tests.factories import create_buyer, create_organisation, owner_of, sign_in
from tests.notices.factories import create_notice, register_interest

SCRIPT = "<script>alert(1)</script>"


def test_description_markdown_is_sanitised(client):
    notice = create_notice(description=f"**Bold** {SCRIPT} [click](javascript:alert(1)) [ok](https://example.org)")
    page = client.get("notices.show", notice_id=notice.id)
    assert "<strong>Bold</strong>" in page.html and "<script>alert" not in page.html
    assert 'href="javascript:' not in page.html and 'href="https://example.org"' in page.html


def test_reasons_titles_and_outcomes_are_escaped(client):
    buyer = create_buyer()
    notice = create_notice(buyer, title=f"Repairs {SCRIPT}", outcomes=[SCRIPT])
    with client.app.test_request_context():
        services.withdraw(notice, buyer, f"Because {SCRIPT}")
    page = client.get("notices.show", notice_id=notice.id)
    assert "<script>alert" not in page.html and "&lt;script&gt;" in page.html
    assert "<strong>Withdrawn:</strong>" in page.html
    assert "<script>alert" not in client.get("notices.index").html
    assert "<script>alert" not in client.get("/notices?q=repairs").html


def test_event_details_are_escaped(client):
    event = create_event(title=f"Event {SCRIPT}", description=SCRIPT, accessibility=SCRIPT)
    assert "<script>alert" not in client.get("events.show", event_id=event.id).html


def test_supplier_dashboard_shows_their_own_engagement(client):
    mine, theirs = create_organisation(published=True), create_organisation(published=True)
    interesting, other = create_notice(title="Estate lighting"), create_notice(title="Parks cafe")
    register_interest(interesting, mine)
    register_interest(other, theirs)
    register(create_event(title="Lighting briefing", notice=interesting), mine)
    sign_in(client, owner_of(mine))
    page = client.get("suppliers.dashboard")
    assert "Estate lighting" in page.text and "Lighting briefing" in page.text and "Parks cafe" not in page.text
    assert "Get email alerts for new notices" in page.text


def test_buyer_dashboard_summary(client):
    buyer = create_buyer()
    create_notice(buyer)
    sign_in(client, buyer)
    assert "You have 1 notice" in client.get("pages.dashboard").text
