"""What a bid says, as one plain structure: built from the working copy at submit, stored as the
submission snapshot, hashed for the receipt code, and read back (only through sealing) when opened."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marketplace.opportunities.bids.models import CONFIRMED, Bid
from marketplace.opportunities.bids.receipt import FORMAT
from marketplace.opportunities.models import DAY_RATE, LUMP_SUM, Opportunity


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def profile_facts(organisation) -> dict[str, Any]:
    """What the profile says about a member when the bid is submitted (never asked again in the bid)."""
    address = ", ".join(
        part for part in (organisation.address_line_1, organisation.address_line_2, organisation.town) if part
    )
    return {
        "id": organisation.id,
        "name": organisation.name,
        "trading_name": organisation.trading_name,
        "address": address or None,
        "postcode": organisation.postcode,
        "size": organisation.size_band,
        "sme": organisation.is_sme,
        "vcse": organisation.is_vcse,
        "categories": sorted(c.code for c in organisation.categories),
        "case_studies": [case.title for case in organisation.case_studies],
    }


def day_rate_total(opportunity: Opportunity, bid: Bid) -> Decimal | None:
    price = opportunity.price_criterion
    roles = (price.day_rate_roles or []) if price else []
    rates = [bid.rate_for(position) for position in range(len(roles))]
    if not roles or any(rate is None for rate in rates):
        return None
    return sum((Decimal(rate or 0) * Decimal(role["days"]) for rate, role in zip(rates, roles)), Decimal(0))


def price_of(opportunity: Opportunity, bid: Bid) -> dict[str, Any]:
    price = opportunity.price_criterion
    if price is not None and price.price_kind == DAY_RATE:
        roles = price.day_rate_roles or []
        return {
            "kind": DAY_RATE,
            "rates": [
                {"role": role["role"], "days": role["days"], "rate": _money(bid.rate_for(i))}
                for i, role in enumerate(roles)
            ],
            "total": _money(day_rate_total(opportunity, bid)),
        }
    return {"kind": LUMP_SUM, "total": _money(bid.price_amount)}


def build(opportunity: Opportunity, bid: Bid) -> dict[str, Any]:
    """The canonical content of the bid as it stands (the receipt code is computed over this)."""
    members = [{"role": "lead", "what": None, **profile_facts(bid.organisation)}]
    members += [
        {"role": "partner", "what": member.role, **profile_facts(member.organisation)}
        for member in bid.members
        if member.status == CONFIRMED
    ]
    return {
        "format": FORMAT,
        "opportunity": opportunity.id,
        "members": members,
        "eligibility": [
            {"requirement": e.requirement_id, "meets": e.meets}
            for e in sorted(bid.eligibility, key=lambda e: e.requirement_id)
        ],
        "answers": [
            {"criterion": c.id, "title": c.title, "text": bid.answer_to(c.id)} for c in opportunity.question_criteria
        ],
        "price": price_of(opportunity, bid),
        "commitments": [
            {
                "theme": c.theme,
                "measure": c.measure,
                "quantity": _money(c.quantity),
                "unit": c.unit,
                "period": c.period,
            }
            for c in bid.commitments
        ],
        "attachments": [
            {"id": d.id, "title": d.title, "filename": d.filename, "sha256": d.sha256, "size": d.size_bytes}
            for d in bid.current_documents
        ],
        "declaration": bid.declaration_agreed,
    }
