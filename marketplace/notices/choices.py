"""Answer lists and labels for notices, in the council's words."""

from __future__ import annotations

from decimal import Decimal

from marketplace.notices.models import CLOSED, DRAFT, ENGAGEMENT, PIPELINE, WITHDRAWN
from marketplace.suppliers import reference

KINDS = {
    ENGAGEMENT: "Preliminary market engagement",
    PIPELINE: "Pipeline notice (a planned procurement)",
}
KIND_HINTS = {
    ENGAGEMENT: "You want to talk to suppliers before you write the tender: events, questions and expressions of "
    "interest",
    PIPELINE: "You are telling the market about a procurement you plan to run",
}
RESERVATIONS = {
    "": "Not reserved",
    "sme-vcse": "May be reserved for small and medium-sized enterprises (SMEs) and VCSEs",
    "local": "May be reserved for suppliers based in the borough",
}
STATUS_LABELS = {"open": "Open", CLOSED: "Closed", WITHDRAWN: "Withdrawn", DRAFT: "Draft"}
STATUS_TAG_CLASSES = {
    "open": "govuk-tag--green",
    CLOSED: "govuk-tag--grey",
    WITHDRAWN: "govuk-tag--red",
    DRAFT: "govuk-tag--yellow",
}
SUITABILITY = {"sme": "Suitable for SMEs", "vcse": "Suitable for VCSEs"}

# (low, high) in pounds excluding VAT; a notice is in every band its estimated range overlaps.
VALUE_BANDS: dict[str, tuple[str, Decimal, Decimal | None]] = {
    "under-30k": ("Under £30,000", Decimal(0), Decimal(30_000)),
    "30k-100k": ("£30,000 to £100,000", Decimal(30_000), Decimal(100_000)),
    "100k-500k": ("£100,000 to £500,000", Decimal(100_000), Decimal(500_000)),
    "500k-2m": ("£500,000 to £2 million", Decimal(500_000), Decimal(2_000_000)),
    "over-2m": ("Over £2 million", Decimal(2_000_000), None),
}
WHOLE_BOROUGH = "whole-borough"

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
    "engagement_closes_at": "when engagement closes",
    "questions_close_at": "deadline for questions",
    "expected_tender_date": "expected tender date",
    "contract_start_date": "expected contract start",
    "contract_months": "expected contract length",
    "suitable_sme": "suitability",
    "suitable_vcse": "suitability",
    "reserved": "reservation",
    "contact_name": "contact",
    "contact_email": "contact",
    "contact_phone": "contact",
    "documents": "documents",
}


def locations() -> dict[str, str]:
    return {WHOLE_BOROUGH: "The whole borough", **reference.wards()}


def location_label(slug: str) -> str:
    return locations().get(slug, slug)


def value_bands() -> dict[str, str]:
    return {key: label for key, (label, _, _) in VALUE_BANDS.items()}


def money(amount: Decimal | None) -> str:
    if amount is None:
        return ""
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def value_range(notice) -> str:
    low, high = notice.value_low, notice.value_high
    if low is None and high is None:
        return "Not given"
    if low is not None and high is not None and low != high:
        return f"{money(low)} to {money(high)} (excluding VAT)"
    return f"{money(high if high is not None else low)} (excluding VAT)"


def contract_length(months: int | None) -> str:
    if not months:
        return "Not given"
    years, rest = divmod(months, 12)
    if rest == 0:
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} months"


def categories(notice) -> list[str]:
    return [f"{reference.category_label(code)} ({code})" for code in notice.category_codes]


def wards(notice) -> list[str]:
    return [location_label(slug) for slug in notice.ward_slugs]


def suitability(notice) -> str:
    parts = [label for key, label in SUITABILITY.items() if getattr(notice, f"suitable_{key}")]
    return ", ".join(parts) or "Not stated"
