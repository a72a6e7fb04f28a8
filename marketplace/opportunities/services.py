"""Every write to an opportunity by its buyer: draft (from scratch or from a notice), save each task,
publish, correct with a dated change note, extend, cancel, documents. One commit per action, audited.
Award criteria are in `criteria.py`, who may bid in `audience.py`, opening bids in `bids/opening.py`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import choices, emails, queries, rules
from marketplace.opportunities.commands import CORRECTABLE, TaskAnswers
from marketplace.opportunities.criteria import add_default_criteria
from marketplace.opportunities.models import (
    CANCELLED,
    DRAFT,
    ESSENTIAL,
    NICE,
    PUBLISHED,
    Opportunity,
    OpportunityCategory,
    OpportunityChange,
    OpportunityDocument,
    OpportunityOutcome,
    OpportunityWard,
    Requirement,
)
from marketplace.storage import CheckedUpload
from marketplace.storage.records import delete_stored_object, save_upload

LISTS = ("outcomes", "categories", "wards", ESSENTIAL, NICE)  # the answers kept in rows of their own
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)


class OpportunityError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


def create(owner, *, title: str, notice=None) -> Opportunity:
    """A new draft; from a notice, its title, outcomes, categories, wards, mission and contact are copied."""
    opportunity = Opportunity(owner_id=owner.id, status=DRAFT, title=title)
    if notice is not None:
        _copy_notice(opportunity, notice)
    db.session.add(opportunity)
    db.session.flush()
    add_default_criteria(opportunity)
    record("opportunity.created", opportunity, actor_id=owner.id, notice=notice.id if notice is not None else None)
    db.session.commit()
    return opportunity


def _copy_notice(opportunity: Opportunity, notice) -> None:
    opportunity.notice_id = notice.id
    opportunity.summary = notice.summary if rules.word_count(notice.summary) <= rules.SUMMARY_WORDS else None
    opportunity.description = notice.description
    opportunity.mission_id = notice.mission_id
    opportunity.value_low, opportunity.value_high = notice.value_low, notice.value_high
    opportunity.contract_start_date, opportunity.contract_months = notice.contract_start_date, notice.contract_months
    opportunity.suitable_sme, opportunity.suitable_vcse = notice.suitable_sme, notice.suitable_vcse
    opportunity.contact_name, opportunity.contact_email = notice.contact_name, notice.contact_email
    opportunity.outcomes = [OpportunityOutcome(text=o.text, position=i) for i, o in enumerate(notice.outcomes)]
    opportunity.categories = [OpportunityCategory(code=code) for code in notice.category_codes]
    opportunity.wards = [OpportunityWard(ward=ward) for ward in notice.ward_slugs]


def save(opportunity: Opportunity, actor, *tasks: TaskAnswers, note: str | None = None) -> list[str]:
    """Save tasks' answers (a task page saves its one task). A draft changes freely; a published one only
    while open, only the correctable tasks, with a dated public change note, and suppliers with a bid in
    progress told."""
    if rules.is_draft(opportunity):
        changed = _apply(opportunity, tasks)
        if changed:
            opportunity.updated_at = clock.now()
            record("opportunity.updated", opportunity, actor_id=actor.id, fields=sorted(changed))
        db.session.commit()
        return changed
    if not rules.can_correct(opportunity):
        raise OpportunityError("This opportunity can no longer be changed")
    if not all(isinstance(task, CORRECTABLE) for task in tasks):
        raise OpportunityError("Only the details can be corrected once the opportunity is published")
    changed = _apply(opportunity, tasks)
    if changed:
        _publish_change(opportunity, actor, [choices.FIELD_LABELS.get(name, name) for name in changed], note)
        record("opportunity.corrected", opportunity, actor_id=actor.id, fields=sorted(changed))
    db.session.commit()
    return changed


def _apply(opportunity: Opportunity, tasks: tuple[TaskAnswers, ...]) -> list[str]:
    values: dict[str, Any] = {name: value for task in tasks for name, value in vars(task).items()}
    changed = [name for name, value in values.items() if name not in LISTS and getattr(opportunity, name) != value]
    for name in changed:
        setattr(opportunity, name, values[name])
    if "outcomes" in values and values["outcomes"] != [o.text for o in opportunity.outcomes]:
        opportunity.outcomes = [OpportunityOutcome(text=t, position=i) for i, t in enumerate(values["outcomes"])]
        changed.append("outcomes")
    if "categories" in values and sorted(values["categories"]) != sorted(opportunity.category_codes):
        opportunity.categories = [OpportunityCategory(code=c) for c in dict.fromkeys(values["categories"])]
        changed.append("categories")
    if "wards" in values and sorted(values["wards"]) != sorted(opportunity.ward_slugs):
        opportunity.wards = [OpportunityWard(ward=w) for w in dict.fromkeys(values["wards"])]
        changed.append("wards")
    for kind in (ESSENTIAL, NICE):
        if kind in values and values[kind] != [r.text for r in opportunity.requirements if r.kind == kind]:
            kept = [r for r in opportunity.requirements if r.kind != kind]
            opportunity.requirements = kept + [
                Requirement(kind=kind, text=text, position=i) for i, text in enumerate(values[kind])
            ]
            changed.append(kind)
    return changed


def _publish_change(opportunity: Opportunity, actor, labels: list[str], note: str | None) -> None:
    """A dated public change note, and an email to every organisation with a bid in progress."""
    from marketplace.opportunities.bids import sealing

    moment = clock.now()
    opportunity.updated_at = moment
    labels = list(dict.fromkeys(labels))
    db.session.add(
        OpportunityChange(opportunity_id=opportunity.id, actor_id=actor.id, fields=labels, note=note, changed_at=moment)
    )
    emails.send(
        sealing.bidder_emails(opportunity.id),
        f"Opportunity changed: {opportunity.title}",
        "changed.txt",
        opportunity=opportunity,
        fields=labels,
        note=note,
        link=emails.link("opportunities.show", opportunity_id=opportunity.id),
    )


def publish(opportunity: Opportunity, actor) -> None:
    if not rules.is_draft(opportunity):
        return  # a second click on "Publish"
    missing = rules.missing_for_publish(opportunity)
    if missing:
        raise OpportunityError("Complete these before you publish: " + "; ".join(missing))
    moment = clock.now()
    opportunity.status, opportunity.published_at, opportunity.updated_at = PUBLISHED, moment, moment
    closes_at = opportunity.closes_at.isoformat() if opportunity.closes_at else None
    record("opportunity.published", opportunity, actor_id=actor.id, closes_at=closes_at)
    if opportunity.notice_id is not None:
        _tell_interested(opportunity, opportunity.notice_id)
    db.session.commit()


def _tell_interested(opportunity: Opportunity, notice_id: int) -> None:
    """Everyone who registered interest in the engagement notice hears that the tender is out."""
    from marketplace.notices.interest import queries as interest_queries

    emails.send(
        interest_queries.interested_emails(notice_id),
        f"Now open for bids: {opportunity.title}",
        "published_from_notice.txt",
        opportunity=opportunity,
        link=emails.link("opportunities.show", opportunity_id=opportunity.id),
    )


def extend(opportunity: Opportunity, actor, *, closes_at: datetime, note: str | None) -> None:
    """Move the deadline later (never earlier), with a change note; bidders in progress are told."""
    previous = opportunity.closes_at
    if not rules.can_correct(opportunity) or previous is None:
        raise OpportunityError("The deadline can only be extended while bids are open")
    if closes_at <= previous:
        raise OpportunityError("The new closing date must be later than the current one", field="closes_on")
    opportunity.closes_at = closes_at
    _publish_change(opportunity, actor, ["closing date"], note)
    record(
        "opportunity.extended",
        opportunity,
        actor_id=actor.id,
        previous=previous.isoformat(),
        closes_at=closes_at.isoformat(),
    )
    db.session.commit()


def cancel(opportunity: Opportunity, actor, *, reason: str) -> None:
    if not rules.can_cancel(opportunity):
        raise OpportunityError("This opportunity cannot be cancelled now")
    from marketplace.opportunities.bids import sealing

    moment = clock.now()
    opportunity.status, opportunity.cancelled_at, opportunity.cancel_reason = CANCELLED, moment, reason
    opportunity.updated_at = moment
    db.session.add(
        OpportunityChange(
            opportunity_id=opportunity.id, actor_id=actor.id, fields=["cancelled"], note=reason, changed_at=moment
        )
    )
    emails.send(
        sealing.bidder_emails(opportunity.id, include_submitted=True),
        f"Opportunity cancelled: {opportunity.title}",
        "cancelled.txt",
        opportunity=opportunity,
        reason=reason,
        link=emails.link("opportunities.show", opportunity_id=opportunity.id),
    )
    record("opportunity.cancelled", opportunity, actor_id=actor.id, reason=reason)
    db.session.commit()


def delete_draft(opportunity: Opportunity, actor) -> None:
    if not rules.is_draft(opportunity):
        raise OpportunityError("Only a draft can be deleted")
    keys = [document.storage_key for document in opportunity.documents]
    record("opportunity.deleted", opportunity, actor_id=actor.id, title=opportunity.title)
    db.session.delete(opportunity)
    db.session.commit()
    for key in keys:
        delete_stored_object(key)


# --- documents ------------------------------------------------------------------------------------


def add_document(opportunity: Opportunity, actor, *, title: str, checked: CheckedUpload) -> OpportunityDocument:
    if not (rules.is_draft(opportunity) or rules.can_correct(opportunity)):
        raise OpportunityError("Documents can no longer be added")
    since = clock.now() - DOUBLE_SUBMIT_WINDOW
    for existing in opportunity.documents:
        if existing.sha256 == checked.sha256 and existing.title == title and existing.created_at >= since:
            return existing  # a double click, not a second document
    return save_upload(
        checked,
        OpportunityDocument(opportunity_id=opportunity.id, title=title),
        uploaded_by_id=actor.id,
        key_in_use=queries.storage_key_in_use,
        audit=lambda document: _document_added(opportunity, actor, document),
    )


def _document_added(opportunity: Opportunity, actor, document: OpportunityDocument) -> None:
    if rules.is_draft(opportunity):
        opportunity.updated_at = clock.now()
    else:
        _publish_change(opportunity, actor, ["documents"], f"Added ‘{document.title}’")
    record("opportunity.document_added", opportunity, actor_id=actor.id, document=document.id)


def delete_document(opportunity: Opportunity, document: OpportunityDocument, actor) -> None:
    """Only from a draft: once published, bidders may rely on a document (correct it with a new one)."""
    if not rules.is_draft(opportunity) or document.opportunity_id != opportunity.id:
        raise OpportunityError("Documents on a published opportunity cannot be deleted")
    key = document.storage_key
    record("opportunity.document_deleted", opportunity, actor_id=actor.id, document=document.id)
    db.session.delete(document)
    db.session.commit()
    delete_stored_object(key)
