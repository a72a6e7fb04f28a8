"""The kinds of document a supplier can upload, and how close each is to expiring."""

from __future__ import annotations

from datetime import date, timedelta

from marketplace import clock

INSURANCE, POLICY, ACCREDITATION = "insurance", "policy", "accreditation"
KINDS = {INSURANCE: "Insurance certificate", POLICY: "Policy", ACCREDITATION: "Accreditation"}
# Buyers usually need insurance in place for a whole contract, so a month's notice is the useful warning.
EXPIRES_SOON = timedelta(days=30)
EXPIRED, SOON = "Expired", "Expires soon"


def label(kind: str) -> str:
    return KINDS.get(kind, kind.capitalize())


def today() -> date:
    """Today in London: a certificate expiring "today" must not look expired at 11pm BST."""
    return clock.to_london(clock.now()).date()


def expiry_status(expires_on: date | None, on: date | None = None) -> str | None:
    """ "Expired", "Expires soon" or None (no expiry date, or not yet close)."""
    if expires_on is None:
        return None
    on = on or today()
    if expires_on < on:
        return EXPIRED
    return SOON if expires_on - on <= EXPIRES_SOON else None
