"""Opening the bids after the closing instant: who opened them and when is audited, and each bid's
receipt code is re-computed from its snapshot, and each attachment re-read from storage, to show it
verified. Only then can the owning buyer (and later the evaluation panel) read the opened bids."""

from __future__ import annotations

import hashlib
import logging

from marketplace import clock
from marketplace.audit.services import record
from marketplace.extensions import db
from marketplace.opportunities import rules
from marketplace.opportunities.bids import receipt, sealing
from marketplace.opportunities.bids.models import Bid, BidDocument
from marketplace.opportunities.models import Opportunity
from marketplace.storage import StorageError, get_storage

log = logging.getLogger(__name__)


class OpeningError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def open_bids(opportunity: Opportunity, user) -> int:
    """Open every submitted bid (once, after the closing instant). Returns how many were opened."""
    if not rules.can_open_bids(opportunity, clock.now()):
        if rules.bids_opened(opportunity):
            return 0  # a second click
        raise OpeningError("Bids can be opened only after the closing date and time")
    bids = sealing.submitted_for_opening(opportunity)
    for bid in bids:
        bid.verified = _verify(bid)
    opportunity.opened_at, opportunity.opened_by_id = clock.now(), user.id
    record(
        "opportunity.bids_opened",
        opportunity,
        actor_id=user.id,
        bids=len(bids),
        verified=sum(1 for bid in bids if bid.verified),
    )
    db.session.commit()
    return len(bids)


def _verify(bid: Bid) -> bool:
    if not receipt.matches(bid.submission, bid.receipt_code):
        log.warning("Bid %s: receipt code does not match its stored snapshot", bid.id)
        return False
    stored = {document.id: document for document in bid.documents}
    for attachment in (bid.submission or {}).get("attachments", []):
        document = stored.get(attachment["id"])
        if document is None or not _file_matches(document, attachment["sha256"]):
            log.warning("Bid %s: attachment %s does not match its receipt", bid.id, attachment["id"])
            return False
    return True


def _file_matches(document: BidDocument, sha256: str) -> bool:
    try:
        data = get_storage().read(document.storage_key)
    except StorageError:
        return False
    return hashlib.sha256(data).hexdigest() == sha256 == document.sha256
