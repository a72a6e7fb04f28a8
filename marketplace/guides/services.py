"""Writes for guides: one commit per action, each with an audit row. Errors are written for the editor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.guides import places, queries, rules
from marketplace.guides.models import (
    ARCHIVED,
    DRAFT,
    IN_REVIEW,
    MAJOR,
    PUBLISHED,
    Guide,
    GuideAttachment,
    GuideEditor,
    GuideFeedback,
    GuidePlacement,
    GuideVersion,
    GuideView,
)
from marketplace.markdown import image_sources
from marketplace.storage import CheckedUpload
from marketplace.storage.records import delete_stored_object, save_upload
from marketplace.working_days import london_date

CONTENT_FIELDS = ("title", "summary", "body", "topics", "audience")


@dataclass
class GuideInvalid(Exception):
    """What is wrong, by form field; nothing was saved."""

    errors: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return next(iter(self.errors.values()), "")


class GuideError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# Who may edit --------------------------------------------------------------------------------


def grant_editor(user, *, granted_by) -> None:
    if not user.is_buyer:
        raise GuideError("Only council buyers can be given the content editor permission")
    if db.session.get(GuideEditor, user.id) is None:
        db.session.add(GuideEditor(user_id=user.id, granted_by_id=granted_by.id))
        record("guides.editor_granted", user, actor_id=granted_by.id)
        db.session.commit()


def revoke_editor(user, *, revoked_by) -> None:
    editor = db.session.get(GuideEditor, user.id)
    if editor is not None:
        db.session.delete(editor)
        record("guides.editor_revoked", user, actor_id=revoked_by.id)
        db.session.commit()


# Content ---------------------------------------------------------------------------------------


def check_content(values: dict[str, Any], *, guide: Guide | None) -> dict[str, str]:
    """Errors in a guide's fields, by field name (the form checks the simple ones too; these are the rules)."""
    errors: dict[str, str] = {}
    slug = values.get("slug")
    if slug is not None:
        if not rules.SLUG.match(slug) or len(slug) > 100 or slug in rules.RESERVED_SLUGS:
            errors["slug"] = "Address must use only lower case letters, numbers and hyphens, like first-bid"
        elif queries.slug_taken(slug, other_than=guide.id if guide else None):
            errors["slug"] = f"Another guide already uses the address ‘{slug}’. Choose a different address"
    if "title" in values and not (values["title"] or "").strip():
        errors["title"] = "Enter a title"
    if "summary" in values and rules.word_count(values["summary"]) > rules.SUMMARY_WORD_LIMIT:
        errors["summary"] = f"Summary must be {rules.SUMMARY_WORD_LIMIT} words or fewer"
    if "audience" in values and values["audience"] not in rules.AUDIENCES:
        errors["audience"] = "Select who the guide is for"
    if "topics" in values and (not values["topics"] or set(values["topics"]) - set(rules.TOPICS)):
        errors["topics"] = "Select at least one topic"
    months = values.get("review_months")
    if "review_months" in values and (
        not isinstance(months, int) or not rules.MIN_REVIEW_MONTHS <= months <= rules.MAX_REVIEW_MONTHS
    ):
        errors["review_months"] = (
            f"Review interval must be between {rules.MIN_REVIEW_MONTHS} and {rules.MAX_REVIEW_MONTHS} months"
        )
    if "body" in values:
        bad = bad_images(values["body"], guide)
        if bad:
            errors["body"] = (
                f"Image ‘{bad[0]}’ is not an image attached to this guide. Upload the image as an attachment, "
                f"then show it with ![what it shows](attachment:file-name.png)"
            )
    if "owner_id" in values:
        owner = next((u for u in queries.list_editors() if u.id == values["owner_id"]), None)
        if owner is None:
            errors["owner_id"] = "Select an owner who is a content editor"
    return errors


def bad_images(body: str | None, guide: Guide | None) -> list[str]:
    """Image sources in the body that are not images attached to the guide."""
    names = {a.filename for a in guide.attachments if a.is_image} if guide else set()
    return [
        source
        for source in image_sources(body)
        if not source.startswith(rules.IMAGE_PREFIX) or source.removeprefix(rules.IMAGE_PREFIX) not in names
    ]


def create_guide(actor, **values: Any) -> Guide:
    """A new draft guide. Values: slug, title, summary, body, topics, audience, owner_id, review_months."""
    errors = check_content(values, guide=None)
    if errors:
        raise GuideInvalid(errors)
    guide = Guide(
        slug=values["slug"],
        title=values["title"].strip(),
        summary=values.get("summary") or "",
        body=values.get("body") or "",
        topics=list(values["topics"]),
        audience=values["audience"],
        owner_id=values["owner_id"],
        review_months=values["review_months"],
        status=DRAFT,
        edited_by_id=actor.id,
    )
    db.session.add(guide)
    db.session.flush()
    record("guide.created", guide, actor_id=actor.id, slug=guide.slug)
    db.session.commit()
    return guide


def update_guide(guide: Guide, actor, **values: Any) -> Guide:
    """Change the working copy (and settings). A guide in review goes back to draft: it must be reviewed again."""
    if not rules.can_edit(guide):
        raise GuideError("An archived guide cannot be changed")
    errors = check_content(values, guide=guide)
    if errors:
        raise GuideInvalid(errors)
    changed = [name for name, value in values.items() if getattr(guide, name) != value]
    for name, value in values.items():
        setattr(guide, name, list(value) if name == "topics" else value)
    if any(name in CONTENT_FIELDS for name in changed):
        guide.edited_by_id = actor.id
        if guide.status in (IN_REVIEW, PUBLISHED):
            guide.status = DRAFT
    guide.updated_at = clock.now()
    record("guide.updated", guide, actor_id=actor.id, fields=changed)
    db.session.commit()
    return guide


def has_unpublished_changes(guide: Guide) -> bool:
    live = guide.live_version
    return live is None or any(getattr(live, name) != getattr(guide, name) for name in CONTENT_FIELDS)


def submit_for_review(guide: Guide, actor, *, kind: str | None, note: str | None) -> None:
    if not rules.can_submit(guide):
        raise GuideError("Only a draft can be sent for review")
    if not has_unpublished_changes(guide):
        raise GuideError("There are no changes to review")
    error = rules.check_change(kind, note, first=guide.live_number is None)
    if error:
        raise GuideInvalid({"kind" if "Select" in error or "first" in error else "note": error})
    guide.status = IN_REVIEW
    guide.change_kind = kind
    guide.change_note = (note or "").strip() or None if kind == MAJOR else None
    guide.submitted_by_id = actor.id
    guide.submitted_at = clock.now()
    record("guide.submitted", guide, actor_id=actor.id, kind=kind)
    db.session.commit()


def return_to_draft(guide: Guide, reviewer) -> None:
    if guide.status != IN_REVIEW:
        raise GuideError("Only a guide in review can be sent back")
    guide.status = DRAFT
    record("guide.returned", guide, actor_id=reviewer.id)
    db.session.commit()


def publish(guide: Guide, reviewer) -> GuideVersion:
    """The second editor publishes the change under review as the next version."""
    try:
        rules.check_publish(guide, reviewer.id)
    except rules.NotAllowed as refused:
        raise GuideError(refused.message) from None
    now = clock.now()
    number = (max((v.number for v in guide.versions), default=0)) + 1
    kind = guide.change_kind or MAJOR
    version = GuideVersion(
        guide=guide,
        number=number,
        kind=kind,
        change_note=guide.change_note if kind == MAJOR else None,
        title=guide.title,
        summary=guide.summary,
        body=guide.body,
        topics=list(guide.topics),
        audience=guide.audience,
        author_id=guide.submitted_by_id,
        published_by_id=reviewer.id,
        published_at=now,
    )
    db.session.add(version)
    if kind == MAJOR or guide.last_updated_at is None:
        guide.last_updated_at = now
    guide.live_number = number
    guide.status = PUBLISHED
    guide.last_reviewed_on = london_date(now)  # a second editor has just read it through
    guide.change_kind = guide.change_note = None
    guide.updated_at = now
    db.session.flush()
    record("guide.published", guide, actor_id=reviewer.id, version=number, kind=kind)
    db.session.commit()
    return version


def mark_reviewed(guide: Guide, actor) -> None:
    """The owner checked the published guide and it needs no change: the next review date moves on."""
    if not guide.is_live:
        raise GuideError("Only a published guide can be marked as reviewed")
    guide.last_reviewed_on = london_date(clock.now())
    record("guide.reviewed", guide, actor_id=actor.id)
    db.session.commit()


def restore(guide: Guide, version: GuideVersion, actor) -> None:
    """Copy an old version into the working copy, as a draft for review (never straight to readers)."""
    if not rules.can_edit(guide):
        raise GuideError("An archived guide cannot be changed")
    for name in CONTENT_FIELDS:
        value = getattr(version, name)
        setattr(guide, name, list(value) if name == "topics" else value)
    guide.status = DRAFT
    guide.edited_by_id = actor.id
    guide.updated_at = clock.now()
    record("guide.restored", guide, actor_id=actor.id, version=version.number)
    db.session.commit()


def archive(guide: Guide, actor, *, replacement: Guide | None = None) -> None:
    """Take a guide down. Where it is linked, the links move to the replacement the editor chose."""
    if guide.status == ARCHIVED:
        return
    if guide.placements and replacement is None:
        raise GuideInvalid({"replacement": "This guide is linked from other pages. Choose a guide to link instead"})
    if replacement is not None and (replacement.id == guide.id or not replacement.is_live):
        raise GuideInvalid({"replacement": "Choose a published guide to replace it"})
    moved = 0
    if replacement is not None:
        taken = {p.place for p in replacement.placements}
        for placement in list(guide.placements):
            if placement.place not in taken:
                db.session.add(GuidePlacement(guide_id=replacement.id, place=placement.place, created_by_id=actor.id))
                moved += 1
            db.session.delete(placement)
        guide.replacement_id = replacement.id
    guide.status = ARCHIVED
    guide.archived_at = clock.now()
    record("guide.archived", guide, actor_id=actor.id, replacement=replacement.id if replacement else None, moved=moved)
    db.session.commit()


# Attachments and placements -------------------------------------------------------------------------


def add_attachment(guide: Guide, actor, *, title: str, checked: CheckedUpload) -> GuideAttachment:
    if any(a.filename == checked.filename for a in guide.attachments):
        raise GuideInvalid({"file": f"This guide already has a file called ‘{checked.filename}’. Rename the file"})
    return save_upload(
        checked,
        GuideAttachment(guide_id=guide.id, title=title),
        uploaded_by_id=actor.id,
        key_in_use=queries.storage_key_in_use,
        audit=lambda attachment: record("guide.attachment_added", guide, actor_id=actor.id, attachment=attachment.id),
    )


def remove_attachment(guide: Guide, attachment: GuideAttachment, actor) -> None:
    referenced = f"{rules.IMAGE_PREFIX}{attachment.filename}"
    live = guide.live_version
    if referenced in image_sources(guide.body) or (live and referenced in image_sources(live.body)):
        raise GuideError(f"The guide shows ‘{attachment.filename}’: take the image out of the guide first")
    key = attachment.storage_key
    db.session.delete(attachment)
    record("guide.attachment_removed", guide, actor_id=actor.id, attachment=attachment.id)
    db.session.commit()
    delete_stored_object(key)


def add_placement(guide: Guide, actor, *, place: str) -> GuidePlacement:
    if places.resolve(place) is None:
        raise GuideInvalid({"reference": "There is nothing with that reference. Check it and try again"})
    if any(p.place == place for p in guide.placements):
        raise GuideInvalid({"reference": "The guide is already linked there"})
    placement = GuidePlacement(guide_id=guide.id, place=place, created_by_id=actor.id)
    db.session.add(placement)
    db.session.flush()
    record("guide.placed", guide, actor_id=actor.id, place=place)
    db.session.commit()
    return placement


def remove_placement(guide: Guide, placement: GuidePlacement, actor) -> None:
    db.session.delete(placement)
    record("guide.unplaced", guide, actor_id=actor.id, place=placement.place)
    db.session.commit()


# Readers ------------------------------------------------------------------------------------------


def record_feedback(guide: Guide, *, useful: bool, comment: str | None, user=None) -> GuideFeedback:
    feedback = GuideFeedback(
        guide_id=guide.id,
        useful=useful,
        comment=(comment or "").strip() or None,
        user_id=user.id if user is not None and getattr(user, "is_authenticated", False) else None,
    )
    db.session.add(feedback)
    db.session.flush()
    record("guide.feedback", guide, feedback=feedback.id, useful=useful)
    db.session.commit()
    return feedback


def record_view(guide: Guide, *, user_id: int | None, organisation_id: int | None) -> None:
    # A reading is a fact, not an action anyone takes: no audit row.
    db.session.add(GuideView(guide_id=guide.id, user_id=user_id, organisation_id=organisation_id))
    db.session.commit()


def import_published(owner, **values: Any) -> Guide:
    """A starter guide from the repository, published as version 1 (reviewed as code, see content.py)."""
    errors = check_content(values, guide=None)
    if errors:
        raise GuideInvalid(errors)
    now = clock.now()
    guide = Guide(
        **{
            name: values[name] for name in ("slug", "title", "summary", "body", "audience", "owner_id", "review_months")
        },
        topics=list(values["topics"]),
        status=PUBLISHED,
        live_number=1,
        last_updated_at=now,
        last_reviewed_on=london_date(now),
        edited_by_id=owner.id,
        updated_at=now,
    )
    db.session.add(guide)
    db.session.flush()
    db.session.add(
        GuideVersion(
            guide_id=guide.id,
            number=1,
            kind=MAJOR,
            title=guide.title,
            summary=guide.summary,
            body=guide.body,
            topics=list(guide.topics),
            audience=guide.audience,
            author_id=owner.id,
            published_at=now,
        )
    )
    record("guide.imported", guide, actor_id=owner.id, slug=guide.slug)
    db.session.commit()
    return guide
