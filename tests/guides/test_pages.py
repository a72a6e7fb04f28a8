"""Readers' and editors' pages: the guide page, feedback, search, links at the point of need, reminders."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from marketplace import clock
from marketplace.guides import content, places, queries, services
from marketplace.guides.reminders import remind_owners
from marketplace.mail.queries import list_emails_to
from tests.factories import create_organisation, owner_of, sign_in
from tests.guides.factories import create_editor, create_guide, publish_guide, resident_engagement_opportunity
from tests.opportunities.factories import start_bid


def test_a_published_guide_shows_contents_dates_and_history(client):
    guide = publish_guide(body="## One\n\nA.\n\n## Two\n\nB [GOV.UK](https://www.gov.uk).\n\n## Three\n\nC.\n")
    page = client.get("guides.show", slug=guide.slug)
    contents = [a.get_text() for a in page.soup.select(".app-contents a")]
    assert contents == ["One", "Two", "Three"]
    assert "Last reviewed" in page.text and "next review due" in page.text
    assert "Change history" in page.text
    assert page.soup.select_one('link[media="print"]') is not None
    assert not page.soup.select("[style]")  # the CSP refuses inline styles


def test_a_draft_guide_is_not_found(client):
    guide = create_guide()
    client.get("guides.show", slug=guide.slug, expected=404)
    client.get("guides.show", slug="no-such-guide", expected=404)


def test_feedback_is_recorded_and_its_owner_sees_it(client):
    author = create_editor()
    guide = publish_guide(author=author)
    page = client.get("guides.show", slug=guide.slug)
    client.submit(page, useful="yes", comment="Clear and short", expected=302)
    assert client.follow().heading == "Thank you for your feedback"
    sign_in(client, author)
    manage = client.get("guides.manage", guide_id=guide.id)
    assert "Clear and short" in manage.text and "1 yes, 0 no" in manage.text


def test_feedback_without_an_answer_keeps_the_comment(client):
    guide = publish_guide()
    page = client.get("guides.show", slug=guide.slug)
    page = client.submit(page, comment="Typed this", expected=400)
    assert page.error_summary == ["Select yes if the guide was useful"]
    assert page.value_of("comment") == "Typed this"


def test_search_finds_published_guides_with_facets(client):
    publish_guide(title="Working with residents", topics=["resident-engagement"], body="## Walkabouts\n\nEstate.\n")
    publish_guide(title="Pricing a bid", topics=["how-to-bid"])
    create_guide(title="Residents draft")  # not published: never found
    page = client.get("/guides?q=residents")
    titles = [a.get_text() for a in page.soup.select(".app-guide-list h3 a")]
    assert titles == ["Working with residents"]
    assert "Resident engagement (1)" in page.text


def test_the_index_groups_guides_by_topic(client):
    publish_guide(title="Working with residents", topics=["resident-engagement"])
    page = client.get("guides.index")
    assert [h.get_text() for h in page.soup.select("main h2")] == ["Resident engagement"]


def test_the_editor_form_keeps_everything_typed_on_error(client):
    create_guide(slug="taken")
    sign_in(client, create_editor())
    page = client.get("guides.new")
    page = client.submit(
        page,
        title="My guide",
        slug="taken",
        summary="Short.",
        body="Text",
        topics="how-to-bid",
        review_months="20",
        expected=200,
    )
    assert "Another guide already uses the address ‘taken’. Choose a different address" in page.error_summary
    assert "Review interval must be between 3 and 12 months" in page.error_summary
    assert page.value_of("title") == "My guide" and page.value_of("body") == "Text"


def test_editor_pages_are_for_editors_only(client):
    guide = create_guide()
    client.get("guides.manage", guide_id=guide.id, expected=302)  # to sign in
    supplier = owner_of(create_organisation())
    sign_in(client, supplier)
    client.get("guides.manage", guide_id=guide.id, expected=403)


def test_compare_shows_a_readable_diff(client):
    author = create_editor()
    guide = publish_guide(author=author, body="## One\n\nOld line.\n")
    services.update_guide(guide, author, body="## One\n\nNew line.\n")
    publish_guide(guide, author=author, note="Changed a line")
    sign_in(client, author)
    page = client.get("guides.compare", guide_id=guide.id)
    assert "Removed Old line." in page.text and "Added New line." in page.text


def test_a_guide_linked_from_a_bid_question_is_shown_there(client):
    editor = create_editor()
    guide = publish_guide(author=editor, title="Engaging residents")
    opportunity = resident_engagement_opportunity()
    criterion = opportunity.question_criteria[0]
    services.add_placement(guide, editor, place=f"opportunity-criterion:{criterion.id}")
    organisation = create_organisation()
    start_bid(opportunity, organisation)
    sign_in(client, owner_of(organisation))
    page = client.get("opportunities.answer", opportunity_id=opportunity.id, criterion_id=criterion.id)
    assert [a.get_text() for a in page.soup.select(".app-guide-links a")] == ["Engaging residents"]


def test_every_link_points_to_a_published_guide(app):
    """Link integrity: the demo's links and any made since name places that exist and live guides."""
    from tests.factories import create_admin

    create_admin()
    content.load_starter_guides()
    editor = create_editor()
    services.add_placement(queries.get_by_slug("social-value"), editor, place="onboarding:social_value")
    for placement in queries.list_placements():
        guide = queries.get_guide(placement.guide_id)
        assert guide.is_live, placement.place
        assert places.resolve(placement.place) is not None, placement.place


def test_a_placement_must_name_something_that_exists(app):
    editor = create_editor()
    guide = publish_guide(author=editor)
    for place in ("notice:999", "event:99999999999999999999", "onboarding:nowhere", "opportunity-criterion:a", "x:1"):
        with pytest.raises(services.GuideInvalid):
            services.add_placement(guide, editor, place=place)


def test_starter_guides_load_once(app):
    from tests.factories import create_admin

    create_admin()
    assert content.load_starter_guides() >= 5
    assert content.load_starter_guides() == 0
    assert {"engaging-residents", "social-value", "first-bid"} <= {g.slug for g in queries.list_live()}


@pytest.mark.parametrize(
    ("reviewed_days_ago", "reminded"),
    [(0, False), (170, True), (200, True)],  # due at 6 months (~182 days): not yet, within 14 days, overdue
)
def test_owners_are_reminded_of_reviews_due_within_14_days_or_overdue(app, reviewed_days_ago, reminded):
    # 23:30 UTC on 31 March is already 1 April in London (BST): dates are London dates.
    clock.freeze(datetime(2027, 3, 31, 23, 30, tzinfo=UTC) - timedelta(days=reviewed_days_ago))
    author = create_editor()
    guide = publish_guide(author=author, review_months=6)
    clock.freeze(datetime(2027, 3, 31, 23, 30, tzinfo=UTC))
    with app.test_request_context():
        assert remind_owners() == (1 if reminded else 0)
        assert remind_owners() == 0  # once per due date
    emails = list_emails_to(author.email)
    assert bool([e for e in emails if guide.title in e.subject]) is reminded
    if reminded:
        assert app.config["SERVICE_URL"] in emails[-1].body


def test_the_commands_load_starter_guides_and_send_reminders(app):
    from tests.factories import create_admin

    create_admin()
    runner = app.test_cli_runner()
    assert "Loaded 5 guide(s)." in runner.invoke(args=["guides", "load"]).output
    assert "Loaded 0 guide(s)." in runner.invoke(args=["guides", "load"]).output
    assert "Reminded the owners of 0 guide(s)." in runner.invoke(args=["guides", "remind"]).output
