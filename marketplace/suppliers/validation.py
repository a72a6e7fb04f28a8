"""Gentle validation of UK postcodes and organisation identifiers.

The Digital Marketplace rejected numbers with leading zeros and letter prefixes; we accept
every format the registers issue, after normalising spaces and case.
"""

from __future__ import annotations

import re

from marketplace.suppliers import reference

# The full UK postcode grammar (including GIR 0AA and the London sub-districts like WC1N).
_POSTCODE = re.compile(
    r"^(GIR ?0AA|(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY]) ?[0-9][ABD-HJLNP-UW-Z]{2})$"
)

IDENTIFIER_SCHEMES = {
    "GB-COH": (
        "Companies House",
        re.compile(r"^(?:\d{8}|[A-Z]{2}\d{6})$"),
        "8 digits, or 2 letters and 6 digits, like 01234567 or SC123456",
    ),
    "GB-CHC": (
        "Charity Commission for England and Wales",
        re.compile(r"^\d{6,7}(?:-\d{1,2})?$"),
        "6 or 7 digits, like 1123456",
    ),
    "GB-SC": ("Scottish Charity Regulator", re.compile(r"^SC\d{6}$"), "SC and 6 digits, like SC012345"),
    "GB-NIC": (
        "Charity Commission for Northern Ireland",
        re.compile(r"^(?:NIC)?\d{5,6}$"),
        "5 or 6 digits, like 100123",
    ),
    "GB-MPR": (
        "Mutuals Public Register",
        re.compile(r"^(?:RS|IP)?\d{1,6}R?$"),
        "up to 6 digits, like 30123 or RS007654",
    ),
    "VAT": ("VAT registration", re.compile(r"^(?:GB)?(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$"), "9 digits, like 123456789"),
}

# Registers where a matching number means "this organisation is already here".
SHARED_IDENTITY_SCHEMES = {"GB-COH", "GB-CHC", "GB-SC", "GB-NIC", "GB-MPR"}


def normalise_postcode(raw: str) -> str | None:
    """'nw51tl ' → 'NW5 1TL'; None if it is not a UK postcode."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    if not _POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def outward_code(postcode: str) -> str:
    return postcode.split(" ")[0]


def based_in_borough(postcode: str | None) -> bool | None:
    """True/False when the postcode district settles it; None when the district straddles the boundary."""
    if not postcode:
        return None
    wholly, partial = reference.borough_outward_codes()
    district = outward_code(postcode)
    if district in wholly:
        return True
    if district in partial:
        return None
    return False


def normalise_identifier(scheme: str, raw: str) -> str | None:
    """The number in its register's format, or None if it can't be one. Leading zeros are kept."""
    if scheme not in IDENTIFIER_SCHEMES:
        return None
    cleaned = re.sub(r"[\s.]", "", raw or "").upper()
    if scheme == "GB-COH" and cleaned.isdigit() and 1 <= len(cleaned) < 8:
        cleaned = cleaned.zfill(8)  # people often drop Companies House's leading zeros
    return cleaned if IDENTIFIER_SCHEMES[scheme][1].match(cleaned) else None


def identifier_hint(scheme: str) -> str:
    return IDENTIFIER_SCHEMES[scheme][2]
