"""Every write to a bid by its own organisation: start (after eligibility), answers, price, social
value commitments, attachments, declaration, submit (with a receipt code) and withdraw.
One commit per action, audited without any of the bid's content. Partners are in `joint.py`."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy.exc import IntegrityError

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import emails
from marketplace.opportunities import rules as opportunity_rules
from marketplace.opportunities.bids import content, eligibility, receipt, rules, sealing
from marketplace.opportunities.bids.models import (
    DRAFT,
    SUBMITTED,
    WITHDRAWN,
    Bid,
    BidAnswer,
    BidCommitment,
    BidDocument,
    BidEligibility,
    BidRate,
)
from marketplace.opportunities.models import Opportunity
from marketplace.opportunities.queries import member_emails  # also used by joint bids, reminders and evaluation
from marketplace.storage import CheckedUpload
from marketplace.storage.records import save_upload

DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)


class BidError(Exception):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message, self.field = message, field


class NoBid(BidError):
    """The organisation has not started a bid on this opportunity."""

    def __init__(self) -> None:
        super().__init__("Start your bid first")


class TooLate(BidError):
    """The closing instant has passed: the server's clock decides."""

    def __init__(self) -> None:
        super().__init__("The deadline for bids has passed")


def _editable(bid: Bid) -> None:
    if not rules.can_edit(bid):
        raise TooLate() if not opportunity_rules.is_open(bid.opportunity) else BidError("This bid cannot be changed")


def _touched(bid: Bid) -> None:
    bid.updated_at = clock.now()
    if bid.status == WITHDRAWN:
        bid.status = DRAFT  # changing a withdrawn bid starts it again


def start(opportunity: Opportunity, organisation, user, answers: dict[int, bool]) -> Bid:
    """Create the organisation's bid once eligibility and every essential requirement is a yes.
    A second click (or a colleague at the same moment) gets the same bid."""
    viewer = sealing.member_viewer(user, organisation)
    existing = sealing.own_bid(viewer, opportunity.id)
    if existing is not None:
        return existing
    verdict = eligibility.check(opportunity, organisation)
    if not verdict.allowed:
        raise BidError(verdict.reason or "You cannot bid for this opportunity")
    if eligibility.unmet(opportunity, answers):
        raise BidError("You must meet every essential requirement to bid")
    bid = Bid(opportunity_id=opportunity.id, organisation_id=organisation.id, status=DRAFT, created_by_id=user.id)
    bid.eligibility = [BidEligibility(requirement_id=r.id, meets=True) for r in opportunity.essential]
    bid.commitments = [
        BidCommitment(theme=c.theme, measure=c.measure, quantity=c.quantity, unit=c.unit, period=c.period)
        for c in organisation.commitments
    ]
    db.session.add(bid)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        found = sealing.own_bid(viewer, opportunity.id)
        if found is None:
            raise
        return found
    record("bid.started", bid, actor_id=user.id, opportunity=opportunity.id, organisation=organisation.id)
    db.session.commit()
    return bid


def save_answer(bid: Bid, user, *, criterion_id: int, text: str) -> None:
    """Over-long answers are refused (the page keeps what was typed), never cut short."""
    _editable(bid)
    criterion = next((c for c in bid.opportunity.question_criteria if c.id == criterion_id), None)
    if criterion is None:
        raise BidError("That question is not on this opportunity")
    problem = rules.answer_problem(text, criterion.word_limit)
    if problem:
        raise BidError(problem, field="answer")
    row = next((a for a in bid.answers if a.criterion_id == criterion_id), None)
    if row is None:
        bid.answers.append(BidAnswer(criterion_id=criterion_id, text=text, updated_by_id=user.id))
    elif row.text != text:
        row.text, row.updated_at, row.updated_by_id = text, clock.now(), user.id
    _touched(bid)
    record("bid.answer_saved", bid, actor_id=user.id, criterion=criterion_id)
    db.session.commit()


def save_price(bid: Bid, user, *, amount: Decimal | None = None, rates: list[Decimal] | None = None) -> None:
    _editable(bid)
    if opportunity_rules.price_is_day_rates(bid.opportunity):
        bid.rates = [BidRate(position=i, rate=rate) for i, rate in enumerate(rates or [])]
    else:
        bid.price_amount = amount
    _touched(bid)
    record("bid.price_saved", bid, actor_id=user.id)
    db.session.commit()


def add_commitment(bid: Bid, user, *, theme: str, measure: str, quantity: Decimal, unit: str, period: str) -> None:
    _editable(bid)
    if len(bid.commitments) >= rules.MAX_COMMITMENTS:
        raise BidError(f"You can make up to {rules.MAX_COMMITMENTS} commitments")
    bid.commitments.append(BidCommitment(theme=theme, measure=measure, quantity=quantity, unit=unit, period=period))
    _touched(bid)
    record("bid.commitment_added", bid, actor_id=user.id)
    db.session.commit()


def remove_commitment(bid: Bid, user, commitment_id: int) -> None:
    _editable(bid)
    commitment = next((c for c in bid.commitments if c.id == commitment_id), None)
    if commitment is not None:
        bid.commitments.remove(commitment)
        _touched(bid)
        record("bid.commitment_removed", bid, actor_id=user.id)
    db.session.commit()


def add_document(bid: Bid, user, *, title: str, checked: CheckedUpload) -> BidDocument:
    _editable(bid)
    since = clock.now() - DOUBLE_SUBMIT_WINDOW
    for existing in bid.current_documents:
        if existing.sha256 == checked.sha256 and existing.title == title and existing.created_at >= since:
            return existing  # a double click
    if len(bid.current_documents) >= rules.MAX_ATTACHMENTS:
        raise BidError(f"You can attach up to {rules.MAX_ATTACHMENTS} files", field="file")
    return save_upload(
        checked,
        BidDocument(bid_id=bid.id, title=title),
        uploaded_by_id=user.id,
        key_in_use=sealing.attachment_key_in_use,
        audit=lambda document: _document_added(bid, user, document),
    )


def _document_added(bid: Bid, user, document: BidDocument) -> None:
    _touched(bid)
    record("bid.attachment_added", bid, actor_id=user.id, document=document.id)


def remove_document(bid: Bid, user, document_id: int) -> None:
    """Hidden from the working copy; the stored file stays, as a submitted snapshot may name it."""
    _editable(bid)
    document = next((d for d in bid.current_documents if d.id == document_id), None)
    if document is not None:
        document.removed_at = clock.now()
        _touched(bid)
        record("bid.attachment_removed", bid, actor_id=user.id, document=document.id)
    db.session.commit()


def save_declaration(bid: Bid, user, *, agreed: bool) -> None:
    _editable(bid)
    bid.declaration_agreed, bid.declared_by_id = agreed, user.id if agreed else None
    _touched(bid)
    record("bid.declaration_saved", bid, actor_id=user.id, agreed=agreed)
    db.session.commit()


def submit(opportunity: Opportunity, organisation, user) -> Bid:
    """Submit (or resubmit) the working copy. Idempotent: a double click creates one submission.
    Refused from the closing instant on (`TooLate`), leaving the draft as it was."""
    viewer = sealing.member_viewer(user, organisation)
    # A second click waits here for the first. Day rates are read with the bid only when the price is by day rate.
    bid = sealing.lock_own_bid(viewer, opportunity.id, rates=opportunity_rules.price_is_day_rates(opportunity))
    if bid is None:
        raise NoBid()
    if not opportunity_rules.is_open(opportunity, clock.now()):
        db.session.rollback()
        raise TooLate()
    missing = rules.missing_for_submit(bid)
    if missing:
        db.session.rollback()
        raise BidError("Complete these before you submit: " + "; ".join(missing))
    submitted = content.build(opportunity, bid)
    if bid.status == SUBMITTED and bid.submission == submitted:
        db.session.rollback()
        return bid  # the same content again: nothing new to record
    bid.status, bid.submission, bid.receipt_code = SUBMITTED, submitted, receipt.code_for(submitted)
    bid.submitted_at, bid.submitted_by_id, bid.withdrawn_at = clock.now(), user.id, None
    bid.submission_count += 1
    bid.updated_at = clock.now()
    record("bid.submitted", bid, actor_id=user.id, opportunity=opportunity.id, submission=bid.submission_count)
    emails.send(
        member_emails(organisation.id),
        f"Bid received: {opportunity.title}",
        "receipt.txt",
        opportunity=opportunity,
        organisation=organisation,
        bid=bid,
        code=receipt.grouped(bid.receipt_code),
        resubmitted=bid.submission_count > 1,
        link=emails.link("opportunities.receipt", opportunity_id=opportunity.id),
    )
    db.session.commit()
    return bid


def withdraw(bid: Bid, user) -> None:
    if not rules.can_withdraw(bid):
        raise TooLate() if not opportunity_rules.is_open(bid.opportunity) else BidError("This bid is not submitted")
    bid.status, bid.withdrawn_at, bid.updated_at = WITHDRAWN, clock.now(), clock.now()
    record("bid.withdrawn", bid, actor_id=user.id, opportunity=bid.opportunity_id)
    emails.send(
        member_emails(bid.organisation_id),
        f"Bid withdrawn: {bid.opportunity.title}",
        "withdrawn.txt",
        opportunity=bid.opportunity,
        link=emails.link("opportunities.bid", opportunity_id=bid.opportunity_id),
    )
    db.session.commit()
