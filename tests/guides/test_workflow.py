"""The editorial workflow: a second editor publishes, versions and change notes, restore, archive, bad input."""

from __future__ import annotations

import pytest

from marketplace.guides import queries, services
from marketplace.guides.models import ARCHIVED, DRAFT, IN_REVIEW, PUBLISHED
from tests.factories import create_admin, create_buyer
from tests.guides.factories import create_editor, create_guide, guide_values, publish_guide


def test_the_author_cannot_publish_their_own_change(app):
    author = create_editor()
    guide = create_guide(author)
    services.submit_for_review(guide, author, kind="major", note=None)
    with pytest.raises(services.GuideError, match="cannot publish your own"):
        services.publish(guide, author)
    assert guide.status == IN_REVIEW and guide.live_number is None


def test_a_second_editor_publishes_version_one(app):
    guide = publish_guide()
    assert guide.status == PUBLISHED and guide.is_live
    assert [v.number for v in guide.versions] == [1]
    assert guide.last_updated_at is not None and guide.last_reviewed_on is not None


def test_an_editor_who_changed_the_draft_cannot_publish_it(app):
    author, helper = create_editor(), create_editor()
    guide = create_guide(author)
    services.update_guide(guide, helper, body=guide.body + "\nMore.\n")
    services.submit_for_review(guide, author, kind="major", note=None)
    with pytest.raises(services.GuideError):
        services.publish(guide, helper)


def test_a_major_change_needs_a_note_and_updates_last_updated(app):
    author = create_editor()
    guide = publish_guide(author=author)
    first_updated = guide.last_updated_at
    services.update_guide(guide, author, body=guide.body + "\n## Safeguarding\n\nNew.\n")
    with pytest.raises(services.GuideInvalid) as refused:
        services.submit_for_review(guide, author, kind="major", note="")
    assert "change note" in refused.value.message
    publish_guide(guide, author=author, note="Added a section on safeguarding")
    latest = guide.versions[0]
    assert (latest.number, latest.kind, latest.change_note) == (2, "major", "Added a section on safeguarding")
    assert guide.last_updated_at >= first_updated


def test_a_minor_change_keeps_last_updated_and_has_no_note(app):
    author = create_editor()
    guide = publish_guide(author=author)
    first_updated = guide.last_updated_at
    services.update_guide(guide, author, body=guide.body.replace("On time.", "On time!"))
    publish_guide(guide, author=author, kind="minor", note="ignored")
    assert guide.versions[0].kind == "minor" and guide.versions[0].change_note is None
    assert guide.last_updated_at == first_updated


def test_readers_see_the_published_version_while_a_change_is_drafted(app):
    author = create_editor()
    guide = publish_guide(author=author, title="Original title")
    services.update_guide(guide, author, title="Draft title")
    assert guide.status == DRAFT and guide.is_live
    assert guide.live_version.title == "Original title"


def test_restore_copies_an_old_version_into_a_draft_for_review(app):
    author = create_editor()
    guide = publish_guide(author=author, body="## One\n\nFirst text.\n")
    services.update_guide(guide, author, body="## One\n\nSecond text.\n")
    publish_guide(guide, author=author, note="Rewrote it")
    services.restore(guide, queries.get_version(guide.id, 1), author)
    assert guide.status == DRAFT and guide.body == "## One\n\nFirst text.\n"
    assert guide.live_version.body == "## One\n\nSecond text.\n"  # readers unaffected until reviewed


def test_archiving_a_linked_guide_needs_a_replacement_and_moves_the_links(app):
    author = create_editor()
    guide, other = publish_guide(author=author), publish_guide(author=author)
    services.add_placement(guide, author, place="onboarding:social_value")
    with pytest.raises(services.GuideInvalid, match="linked"):
        services.archive(guide, author)
    assert guide.status == PUBLISHED
    services.archive(guide, author, replacement=other)
    assert guide.status == ARCHIVED and not guide.placements
    assert [p.place for p in other.placements] == ["onboarding:social_value"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"review_months": 2}, "review_months", "between 3 and 12"),
        ({"review_months": 13}, "review_months", "between 3 and 12"),
        ({"body": "![map](images/map.png)"}, "body", "not an image attached"),
        ({"body": "![map](attachment:map.png)"}, "body", "not an image attached"),
        ({"summary": "word " * 61}, "summary", "60 words"),
        ({"slug": "Not A Slug"}, "slug", "lower case"),
        ({"slug": "manage"}, "slug", "lower case"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(app, overrides, field, message):
    editor = create_editor()
    with pytest.raises(services.GuideInvalid) as refused:
        services.create_guide(editor, **guide_values(owner_id=editor.id, **overrides))
    assert message in refused.value.errors[field]
    assert queries.list_all() == []


def test_a_slug_already_taken_is_refused(app):
    guide = create_guide(slug="first-bid")
    editor = create_editor()
    with pytest.raises(services.GuideInvalid) as refused:
        services.create_guide(editor, **guide_values(slug="first-bid", owner_id=editor.id))
    assert "already uses the address ‘first-bid’" in refused.value.errors["slug"]
    assert [g.id for g in queries.list_all()] == [guide.id]


def test_only_admins_and_content_editors_can_edit(app):
    buyer, admin = create_buyer(), create_admin()
    assert not queries.is_editor(buyer) and queries.is_editor(admin)
    services.grant_editor(buyer, granted_by=admin)
    assert queries.is_editor(buyer)
    services.revoke_editor(buyer, revoked_by=admin)
    assert not queries.is_editor(buyer)


def test_an_attached_image_can_be_shown_in_the_guide(client):
    from marketplace.guides import display
    from marketplace.storage import check_upload
    from tests.storage.files import png

    editor = create_editor()
    guide = create_guide(editor)
    checked = check_upload(png(), filename="estate-map.png", max_bytes=1_000_000)
    services.add_attachment(guide, editor, title="Map of the estate", checked=checked)
    services.update_guide(guide, editor, body="## Map\n\n![Map of the estate](attachment:estate-map.png)\n")
    with client.app.test_request_context():
        html = str(display.render_body(guide, guide.body))
    assert f"/guides/{guide.slug}/files/{guide.attachments[0].id}" in html and 'alt="Map of the estate"' in html
    with pytest.raises(services.GuideError, match="take the image out"):
        services.remove_attachment(guide, guide.attachments[0], editor)
