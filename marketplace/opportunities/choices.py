"""Answer lists and labels for opportunities and bids, in the council's words."""

from __future__ import annotations

from decimal import Decimal

from marketplace.opportunities.models import (
    ANYONE,
    AWARDED,
    CANCELLED,
    DAY_RATE,
    DRAFT,
    INVITED,
    LOT,
    LUMP_SUM,
    PRICE,
    QUALITY,
    SOCIAL_VALUE,
)

WHO_MAY_BID = {
    ANYONE: "Any registered supplier",
    LOT: "Suppliers on a framework lot (a mini-competition)",
    INVITED: "Only suppliers you invite",
}
RESERVATIONS = {
    "": "Not reserved",
    "sme-vcse": "Reserved for small and medium-sized enterprises (SMEs) and VCSEs",
    "local": "Reserved for suppliers based in the borough",
}
# Below-threshold contracts may be reserved (Procurement Act 2023 s.32 and the Regulations): the
# threshold for a council's services contracts, including VAT, from 1 January 2024.
RESERVATION_THRESHOLD_INCLUDING_VAT = Decimal("214904")
VAT = Decimal("1.2")

STATUS_LABELS = {
    "open": "Open",
    "closed": "Closed",
    AWARDED: "Awarded",
    CANCELLED: "Cancelled",
    DRAFT: "Draft",
}
STATUS_TAG_CLASSES = {
    "open": "govuk-tag--green",
    "closed": "govuk-tag--grey",
    AWARDED: "govuk-tag--blue",
    CANCELLED: "govuk-tag--red",
    DRAFT: "govuk-tag--yellow",
}
PUBLIC_FILTER_STATUSES = {"open": "Open", "closed": "Closed", AWARDED: "Awarded", CANCELLED: "Cancelled"}

CRITERION_KINDS = {QUALITY: "Quality", PRICE: "Price", SOCIAL_VALUE: "Social value"}
PRICE_KINDS = {LUMP_SUM: "A fixed price for the whole contract", DAY_RATE: "Day rates for roles you name"}
DEFAULT_WORD_LIMIT = 500
MAX_WORD_LIMIT = 2000

# The scale evaluators score quality and social value answers on, published with the opportunity.
SCORING_SCALES: dict[str, list[tuple[int, str]]] = {
    "0-4": [
        (0, "Unacceptable: the answer is missing or does not meet the requirement"),
        (1, "Poor: the answer meets the requirement only in part, with significant gaps or risks"),
        (2, "Satisfactory: the answer meets the requirement with some gaps or minor risks"),
        (3, "Good: the answer meets the requirement fully, with clear evidence"),
        (4, "Excellent: the answer exceeds the requirement, with strong evidence and added value"),
    ],
    "0-5": [
        (0, "No answer, or the answer is irrelevant"),
        (1, "Very poor: major gaps, little evidence"),
        (2, "Poor: meets some of the requirement, with gaps"),
        (3, "Satisfactory: meets the requirement"),
        (4, "Good: meets the requirement fully with clear evidence"),
        (5, "Excellent: exceeds the requirement with strong evidence"),
    ],
}
SCALE_NAMES = {"0-4": "0 to 4", "0-5": "0 to 5"}
TIE_BREAKS = {
    "quality": "The bid with the higher quality score wins",
    "price": "The bid with the lower price wins",
}
PRICE_FORMULA = "lowest price ÷ this bid’s price × the price weight"

FIELD_LABELS = {
    "title": "title",
    "summary": "summary",
    "description": "description",
    "outcomes": "outcomes sought",
    "mission_id": "mission",
    "categories": "categories",
    "wards": "locations",
    "value_low": "estimated value",
    "value_high": "estimated value",
    "contract_start_date": "contract start",
    "contract_months": "contract length",
    "extension_months": "extensions",
    "suitable_sme": "suitability",
    "suitable_vcse": "suitability",
    "contact_name": "contact",
    "contact_email": "contact",
    "closes_at": "closing date",
    "documents": "documents",
}


def scale(opportunity) -> list[tuple[int, str]]:
    return SCORING_SCALES.get(opportunity.scoring_scale, SCORING_SCALES["0-4"])
