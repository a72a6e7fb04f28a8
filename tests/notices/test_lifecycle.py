"""Buyers draft, preview and publish notices; edits become a dated change history; close and withdraw."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from marketplace import clock
from marketplace.mail.queries import list_emails_to
from marketplace.notices import queries
from tests.factories import create_admin, create_buyer, create_organisation, create_user, owner_of, sign_in
from tests.notices.factories import create_notice, register_interest

FORM = {
    "kind": "engagement",
    "title": "Safer estates in Gospel Oak",
    "summary": "Early conversations about making estates feel safer.",
    "outcomes": "Residents feel safer on estates\nFewer repeat repairs",
    "categories": ["50", "90"],
    "wards": ["gospel-oak"],
    "value_low": "£100,000",
    "value_high": "250k",
    "engagement_closes_on": ["1", "6", "2031"],
    "engagement_closes_time": "5pm",
    "contact_email": "Estates@Camden.gov.uk",
    "reserved": "no",
}


def _buyer(client):
    buyer = create_buyer()
    sign_in(client, buyer)
    return buyer


def test_buyer_drafts_previews_and_publishes(client):
    _buyer(client)
    page = client.submit(client.get("notices.new_notice"), **FORM, expected=302)
    notice = queries.list_managed_notices(create_admin())[0]
    assert page.location == f"/buyer/notices/{notice.id}/preview"
    assert notice.is_draft and notice.value_high == 250_000 and notice.contact_email == "estates@camden.gov.uk"
    assert notice.engagement_closes_at == datetime(2031, 6, 1, 16, 0, tzinfo=UTC)  # 5pm BST
    assert [o.text for o in notice.outcomes] == ["Residents feel safer on estates", "Fewer repeat repairs"]
    preview = client.get("notices.preview", notice_id=notice.id)
    assert "Residents feel safer on estates" in preview.text
    client.submit(preview, expected=302)
    assert queries.get_notice(notice.id).status == "published"
    assert "Published" in client.get("notices.show", notice_id=notice.id).text


def test_publishing_needs_the_required_answers(client):
    _buyer(client)
    client.submit(client.get("notices.new_notice"), kind="pipeline", title="Parks cafe", expected=302)
    preview = client.follow()
    assert "Enter the expected tender date" in preview.text and "Enter at least one outcome" in preview.text
    assert not preview.soup.select("form button")  # no publish button until complete


def test_typed_values_are_kept_and_each_field_gets_its_error(client):
    _buyer(client)
    bad = {
        **FORM,
        "value_low": "lots",
        "value_high": "10",
        "engagement_closes_on": ["31", "2", "2031"],
        "engagement_closes_time": "teatime",
        "contract_months": "x",
    }
    page = client.submit(client.get("notices.new_notice"), **bad, expected=200)
    assert page.title.startswith("Error:")
    assert page.field_error("value_low") == "Enter the lowest estimate as an amount in pounds, like 250,000"
    assert page.field_error("engagement_closes_on") == "The date engagement closes must be a real date"
    assert page.field_error("contract_months")
    assert page.value_of("value_low") == "lots" and page.value_of("title") == FORM["title"]
    assert queries.list_managed_notices(create_admin()) == []


def test_garbage_never_causes_a_server_error(client):
    _buyer(client)
    for values in (
        {"kind": "nonsense"},
        {"categories": "zz"},
        {"mission": "99"},
        {"engagement_closes_on": ["a", "b"]},
        {"value_high": "1e400"},
        {"value_high": "nan"},
        {"contract_months": "99999999999"},
    ):
        client.submit(client.get("notices.new_notice"), **{**FORM, **values}, expected=200)


def test_drafts_are_invisible_to_everyone_but_their_buyer_and_admins(client, app):
    from tests.helpers import PageClient

    owner = create_buyer()
    draft = create_notice(owner, published=False)
    client.get("notices.show", notice_id=draft.id, expected=404)
    for user in (create_user(), create_buyer()):
        other = PageClient(app)
        sign_in(other, user)
        other.get("notices.show", notice_id=draft.id, expected=404)
        other.get("notices.ocds_release", notice_id=draft.id, expected=404)
    sign_in(client, owner)
    assert "This notice is a draft" in client.get("notices.show", notice_id=draft.id).text
    admin = PageClient(app)
    sign_in(admin, create_admin())
    admin.get("notices.show", notice_id=draft.id)


def test_other_buyers_cannot_edit(client):
    notice = create_notice()
    _buyer(client)
    client.get("notices.edit_notice", notice_id=notice.id, expected=404)
    client.post(
        "notices.close_notice", {"reason": "x", "csrf_token": client.csrf_token()}, notice_id=notice.id, expected=404
    )


def test_edits_to_a_published_notice_are_shown_as_a_dated_history(client):
    buyer = _buyer(client)
    notice = create_notice(buyer)
    clock.freeze(datetime(2030, 3, 4, 10, 0, tzinfo=UTC))
    page = client.get("notices.edit_notice", notice_id=notice.id)
    client.submit(page, value_high="300,000", change_note="The budget went up.", expected=302)
    shown = client.get("notices.show", notice_id=notice.id)
    assert "4 March 2030" in shown.text and "estimated value" in shown.text and "The budget went up." in shown.text
    assert queries.get_notice(notice.id).value_high == 300_000


def test_a_published_notice_cannot_lose_required_answers(client):
    buyer = _buyer(client)
    notice = create_notice(buyer)
    page = client.submit(client.get("notices.edit_notice", notice_id=notice.id), summary="", expected=200)
    assert page.field_error("summary") == "Enter a summary"


def test_withdrawing_shows_the_reason_and_tells_interested_suppliers(client):
    buyer = _buyer(client)
    notice = create_notice(buyer)
    organisation = create_organisation(published=True)
    register_interest(notice, organisation)
    client.submit(
        client.get("notices.withdraw_notice", notice_id=notice.id), reason="The budget was cut.", expected=302
    )
    page = client.get("notices.show", notice_id=notice.id)
    assert "Withdrawn" in page.text and "The budget was cut." in page.text
    assert any("withdrawn" in email.subject for email in list_emails_to(owner_of(organisation).email))


def test_closing_early_ends_engagement(client):
    buyer = _buyer(client)
    notice = create_notice(buyer)
    client.submit(client.get("notices.close_notice", notice_id=notice.id), reason="We have heard enough.", expected=302)
    notice = queries.get_notice(notice.id)
    assert notice.status == "closed" and not notice.engagement_open()


def test_engagement_must_close_in_the_future_to_publish(client):
    buyer = _buyer(client)
    notice = create_notice(buyer, published=False, engagement_closes_at=clock.now() + timedelta(days=1))
    clock.freeze(clock.now() + timedelta(days=2))
    preview = client.get("notices.preview", notice_id=notice.id)
    assert "Change the date engagement closes: it is in the past" in preview.text
    client.post("notices.preview", {"csrf_token": client.csrf_token()}, notice_id=notice.id)
    assert queries.get_notice(notice.id).is_draft
