"""Every write to a notice: draft, edit (with a dated change history once published), publish,
close and withdraw, documents, missions. One commit per action, each audited. The search index
hears of every change through the rows it tracks (see search_documents.py)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from decimal import Decimal

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.links import external_url
from marketplace.notices import choices, queries, rules
from marketplace.notices.models import (
    CLOSED,
    DRAFT,
    PUBLISHED,
    WITHDRAWN,
    Mission,
    Notice,
    NoticeCategory,
    NoticeChange,
    NoticeDocument,
    NoticeOutcome,
    NoticeWard,
)
from marketplace.storage import CheckedUpload
from marketplace.storage.records import delete_stored_object, save_upload

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NoticeDetails:
    """Everything the buyer says about a notice, for creating it or saving the whole form again: each field is
    a Notice column (or its outcomes, categories and wards), so a misspelt or missing one fails where the
    command is built instead of being dropped on the way. To change a few answers, start from
    `NoticeDetails.of(notice)` and `dataclasses.replace` the ones that change."""

    kind: str
    title: str
    summary: str | None = None
    description: str | None = None
    outcomes: Sequence[str] = ()  # in the buyer's order
    categories: Sequence[str] = ()  # CPV codes
    wards: Sequence[str] = ()  # ward slugs or "whole-borough"
    mission_id: int | None = None
    value_low: Decimal | None = None
    value_high: Decimal | None = None
    engagement_closes_at: datetime | None = None
    questions_close_at: datetime | None = None
    expected_tender_date: date | None = None
    contract_start_date: date | None = None
    contract_months: int | None = None
    suitable_sme: bool = False
    suitable_vcse: bool = False
    reserved: str | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None

    def __post_init__(self) -> None:
        for name in ("outcomes", "categories", "wards"):  # kept as tuples, so the command stays as it was built
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @classmethod
    def of(cls, notice: Notice) -> NoticeDetails:
        """The notice's answers as they stand."""
        return cls(
            **{name: getattr(notice, name) for name in SIMPLE_FIELDS},
            outcomes=[outcome.text for outcome in notice.outcomes],
            categories=notice.category_codes,
            wards=notice.ward_slugs,
        )


SIMPLE_FIELDS = tuple(
    field.name for field in fields(NoticeDetails) if field.name not in ("outcomes", "categories", "wards")
)
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)


class NoticeError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def create_notice(owner, details: NoticeDetails) -> Notice:
    """A new draft owned by `owner` (a buyer)."""
    notice = Notice(owner_id=owner.id, status=DRAFT, kind=details.kind, title=details.title)
    db.session.add(notice)
    _apply(notice, details)
    db.session.flush()
    record("notice.created", notice, actor_id=owner.id, kind=notice.kind)
    db.session.commit()
    return notice


def update_notice(notice: Notice, actor, details: NoticeDetails, *, note: str | None = None) -> list[str]:
    """Save the answers (all of them: start from `NoticeDetails.of(notice)` to change a few); for a published
    notice, add a dated entry to its change history."""
    changed = _apply(notice, details)
    if changed:
        notice.updated_at = clock.now()
        labels = list(dict.fromkeys(choices.FIELD_LABELS.get(name, name) for name in changed))
        if notice.is_public:
            db.session.add(
                NoticeChange(notice_id=notice.id, actor_id=actor.id, fields=labels, note=note, changed_at=clock.now())
            )
        record("notice.updated", notice, actor_id=actor.id, fields=sorted(changed))
    db.session.commit()
    return changed


def _apply(notice: Notice, details: NoticeDetails) -> list[str]:
    changed = [name for name in SIMPLE_FIELDS if getattr(notice, name) != getattr(details, name)]
    for name in changed:
        setattr(notice, name, getattr(details, name))
    if list(details.outcomes) != [o.text for o in notice.outcomes]:
        notice.outcomes = [NoticeOutcome(text=text, position=i) for i, text in enumerate(details.outcomes)]
        changed.append("outcomes")
    if sorted(details.categories) != sorted(notice.category_codes):
        notice.categories = [NoticeCategory(code=code) for code in dict.fromkeys(details.categories)]
        changed.append("categories")
    if sorted(details.wards) != sorted(notice.ward_slugs):
        notice.wards = [NoticeWard(ward=ward) for ward in dict.fromkeys(details.wards)]
        changed.append("wards")
    return changed


def publish(notice: Notice, actor) -> None:
    if not rules.can_publish(notice):
        return
    missing = rules.missing_for_publish(notice)
    if missing:
        raise NoticeError("Complete these before you publish: " + ", ".join(missing.values()))
    now = clock.now()
    for deadline, name in (
        (notice.engagement_closes_at, "engagement_closes_on"),
        (notice.questions_close_at, "questions_close_on"),
    ):
        if deadline is not None and deadline <= now:
            raise NoticeError(
                "The date engagement closes and the deadline for questions must be in the future", field=name
            )
    notice.status, notice.published_at, notice.updated_at = PUBLISHED, now, now
    record("notice.published", notice, actor_id=actor.id)
    db.session.commit()


def close(notice: Notice, actor, reason: str) -> None:
    _end(notice, actor, CLOSED, reason)


def withdraw(notice: Notice, actor, reason: str) -> None:
    _end(notice, actor, WITHDRAWN, reason)


def _end(notice: Notice, actor, status: str, reason: str) -> None:
    """Close early or withdraw, with the reason shown on the notice; interested suppliers are told."""
    allowed = rules.can_close(notice) if status == CLOSED else rules.can_withdraw(notice)
    if not allowed:
        raise NoticeError("This notice cannot be changed like that now")
    now = clock.now()
    notice.status, notice.status_reason, notice.updated_at = status, reason, now
    if status == CLOSED:
        notice.closed_at = now
    else:
        notice.withdrawn_at = now
    db.session.add(
        NoticeChange(notice_id=notice.id, actor_id=actor.id, fields=[f"notice {status}"], note=reason, changed_at=now)
    )
    record(f"notice.{status}", notice, actor_id=actor.id, reason=reason)
    _tell_interested(notice, status, reason)
    db.session.commit()


def _tell_interested(notice: Notice, status: str, reason: str) -> None:

    from marketplace.mail.services import queue_email
    from marketplace.notices.interest import queries as interest_queries

    link = external_url("notices.show", notice_id=notice.id)
    subject = f"Notice {status}: {notice.title}"
    for email in interest_queries.interested_emails(notice.id):
        queue_email(email, subject[:200], "notice_ended", notice=notice, status=status, reason=reason, link=link)


# --- documents: the object is stored before the row commits; removed if the commit fails ------


def add_document(notice: Notice, actor, *, title: str, checked: CheckedUpload) -> NoticeDocument:
    since = clock.now() - DOUBLE_SUBMIT_WINDOW
    for existing in notice.documents:
        if existing.sha256 == checked.sha256 and existing.title == title and existing.created_at >= since:
            return existing  # a double click, not a second document

    def audit(document: NoticeDocument) -> None:
        _document_changed(notice, actor, f"Added ‘{title}’")
        record("notice.document_added", notice, actor_id=actor.id, document=document.id, filename=checked.filename)

    return save_upload(
        checked,
        NoticeDocument(notice_id=notice.id, title=title),
        uploaded_by_id=actor.id,
        key_in_use=queries.storage_key_in_use,
        audit=audit,
    )


def delete_document(notice: Notice, document: NoticeDocument, actor) -> None:
    if document.notice_id != notice.id:
        raise NoticeError("That document is not on this notice")
    key, title = document.storage_key, document.title
    record("notice.document_deleted", notice, actor_id=actor.id, document=document.id, title=title)
    db.session.delete(document)
    _document_changed(notice, actor, f"Removed ‘{title}’")
    db.session.commit()
    delete_stored_object(key)


def _document_changed(notice: Notice, actor, note: str) -> None:
    notice.updated_at = clock.now()
    if notice.is_public:
        db.session.add(
            NoticeChange(
                notice_id=notice.id, actor_id=actor.id, fields=["documents"], note=note, changed_at=clock.now()
            )
        )


# --- missions (admins) ---------------------------------------------------------------------


def add_mission(actor, *, name: str, description: str | None) -> Mission:
    if queries.find_mission_by_name(name) is not None:
        raise NoticeError("A mission with this name already exists", field="name")
    mission = Mission(name=name, description=description, active=True)
    db.session.add(mission)
    db.session.flush()
    record("mission.added", mission, actor_id=actor.id, name=name)
    db.session.commit()
    return mission


def update_mission(mission: Mission, actor, *, name: str, description: str | None, active: bool) -> None:
    existing = queries.find_mission_by_name(name)
    if existing is not None and existing.id != mission.id:
        raise NoticeError("A mission with this name already exists", field="name")
    changed = [
        key
        for key, value in (("name", name), ("description", description), ("active", active))
        if getattr(mission, key) != value
    ]
    if not changed:
        return
    mission.name, mission.description, mission.active = name, description, active
    record("mission.updated", mission, actor_id=actor.id, fields=changed)
    if "name" in changed:  # the name is searchable text on every notice tagged with it
        from marketplace.search.tracking import mark_changed

        mark_changed("notice", queries.notice_ids_for_mission(mission.id))
    db.session.commit()
