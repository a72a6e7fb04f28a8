"""Published opportunities as OCDS 1.1 releases at the tender stage (UK4 tender notice), on the same
`ocid` as the engagement notice they came from, so the two releases join up into one record.

`tender.status` is active while bids are open (and after close until evaluation ends), cancelled,
or complete once awarded; `numberOfTenderers` appears only after the closing instant. Nothing
from any bid is ever exported here.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any

from flask import current_app

from marketplace import clock, slots
from marketplace.links import external_url
from marketplace.notices import ocds as notice_ocds
from marketplace.notices.choices import location_label
from marketplace.opportunities import choices, rules
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.models import AWARDED, CANCELLED, PRICE, Opportunity
from marketplace.suppliers import reference

EXTENSIONS = [
    *notice_ocds.EXTENSIONS,
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_submissionTerms_extension/master/extension.json",
    # Bid statistics (SME and VCSE counts) in awarded releases.
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json",
]
_iso = notice_ocds._iso


def ocid(opportunity: Opportunity) -> str:
    """The engagement notice's ocid when it came from one (one contracting process), its own otherwise."""
    if opportunity.notice_id is not None:
        prefix = current_app.config.get("OCDS_OCID_PREFIX", "ocds-camden-marketplace")
        return f"{prefix}-notice-{opportunity.notice_id}"
    prefix = current_app.config.get("OCDS_OCID_PREFIX", "ocds-camden-marketplace")
    return f"{prefix}-opportunity-{opportunity.id}"


def tender_status(opportunity: Opportunity) -> str:
    if opportunity.status == CANCELLED:
        return "cancelled"
    if opportunity.status == AWARDED:
        return "complete"
    return "active"


def release(opportunity: Opportunity) -> dict[str, Any]:
    buyer = notice_ocds._buyer()
    party: dict[str, Any] = {**buyer, "roles": ["buyer"]}
    contact = {k: v for k, v in (("name", opportunity.contact_name), ("email", opportunity.contact_email)) if v}
    if contact:
        party["contactPoint"] = contact
    changed = bool(opportunity.changes) or opportunity.status == CANCELLED
    release = {
        "ocid": ocid(opportunity),
        "id": f"{ocid(opportunity)}-tender-{opportunity.id}-{opportunity.updated_at.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        "date": _iso(opportunity.updated_at),
        "tag": ["tenderUpdate" if changed else "tender"]
        + (["tenderCancellation"] if opportunity.status == CANCELLED else []),
        "initiationType": "tender",
        "language": "en",
        "parties": [party],
        "buyer": buyer,
        "tender": _tender(opportunity),
    }
    # Evaluation (a higher domain) adds the award, bid statistics and contract on the same ocid.
    for parts in slots.collect("opportunities.release.award", opportunity=opportunity):
        release["tag"] = release["tag"] + parts.get("tag", [])
        release["parties"] = release["parties"] + parts.get("parties", [])
        for key in ("awards", "contracts", "bids"):
            if key in parts:
                release[key] = parts[key]
    return release


def _tender(opportunity: Opportunity) -> dict[str, Any]:
    page = external_url("opportunities.show", opportunity_id=opportunity.id)
    tender: dict[str, Any] = {
        "id": f"opportunity-{opportunity.id}",
        "title": opportunity.title,
        "description": _description(opportunity),
        "status": tender_status(opportunity),
        "procurementMethod": "selective" if opportunity.who_may_bid != "anyone" else "open",
        "procurementMethodDetails": choices.WHO_MAY_BID[opportunity.who_may_bid],
        "items": [_item(opportunity)],
        "suitability": {"sme": opportunity.suitable_sme, "vcse": opportunity.suitable_vcse},
        "submissionMethod": ["electronicSubmission"],
        "submissionMethodDetails": page,
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria_text(opportunity),
        "documents": [_notice_document(opportunity, page)]
        + [_attachment(opportunity, d) for d in opportunity.documents],
        "tenderPeriod": {"startDate": _iso(opportunity.published_at), "endDate": _iso(opportunity.closes_at)},
    }
    if opportunity.questions_close_at:
        tender["enquiryPeriod"] = {
            "startDate": _iso(opportunity.published_at),
            "endDate": _iso(opportunity.questions_close_at),
        }
    category = notice_ocds.main_category(opportunity.category_codes)
    if category:
        tender["mainProcurementCategory"] = category
    if opportunity.value_high is not None or opportunity.value_low is not None:
        high = opportunity.value_high if opportunity.value_high is not None else opportunity.value_low
        tender["value"] = {"amount": float(high), "currency": "GBP"}  # type: ignore[arg-type]
        if opportunity.value_low is not None and opportunity.value_low != high:
            tender["minValue"] = {"amount": float(opportunity.value_low), "currency": "GBP"}
    if opportunity.contract_start_date or opportunity.contract_months:
        period: dict[str, Any] = {}
        if opportunity.contract_start_date:
            period["startDate"] = _iso(opportunity.contract_start_date)
        if opportunity.contract_months:
            period["durationInDays"] = opportunity.contract_months * 30
        tender["contractPeriod"] = period
    if opportunity.reserved:
        tender["otherRequirements"] = notice_ocds._reservation(opportunity.reserved)
    if rules.has_closed(opportunity, clock.now()) or opportunity.status == AWARDED:
        tender["numberOfTenderers"] = sealing.count_submitted(opportunity.id)
    return tender


def _description(opportunity: Opportunity) -> str:
    parts = [opportunity.summary or "", opportunity.description or ""]
    if opportunity.outcomes:
        parts.append("Outcomes sought:\n" + "\n".join(f"- {o.text}" for o in opportunity.outcomes))
    if opportunity.essential:
        parts.append("Essential requirements:\n" + "\n".join(f"- {r.text}" for r in opportunity.essential))
    return "\n\n".join(part for part in parts if part)


def _criteria_text(opportunity: Opportunity) -> str:
    lines = [f"{c.title}: {c.weight}%" for c in opportunity.criteria]
    scale = ", ".join(f"{score} {text.split(':')[0]}" for score, text in choices.scale(opportunity))
    price = opportunity.price_criterion
    if price is not None and price.kind == PRICE:
        lines.append(f"Price is scored as {choices.PRICE_FORMULA}")
    lines.append(f"Quality and social value answers are scored {scale}")
    return "; ".join(lines)


def _item(opportunity: Opportunity) -> dict[str, Any]:
    item: dict[str, Any] = {"id": "1", "description": opportunity.title}
    classifications = [
        {"scheme": "CPV", "id": notice_ocds._cpv(code), "description": reference.category_label(code)}
        for code in opportunity.category_codes
    ]
    if classifications:
        item["classification"], item["additionalClassifications"] = classifications[0], classifications[1:]
    if opportunity.wards:
        borough = notice_ocds._borough()["name"]
        item["deliveryLocations"] = [{"description": f"{location_label(s)}, {borough}"} for s in opportunity.ward_slugs]
    return item


def _notice_document(opportunity: Opportunity, page: str) -> dict[str, Any]:
    return {
        "id": "tender-notice",
        "documentType": "tenderNotice",
        "noticeType": "UK4",
        "title": opportunity.title,
        "url": page,
        "format": "text/html",
        "language": "en",
        "datePublished": _iso(opportunity.published_at),
        "dateModified": _iso(opportunity.updated_at),
    }


def _attachment(opportunity: Opportunity, document) -> dict[str, Any]:
    return {
        "id": f"document-{document.id}",
        "documentType": "biddingDocuments",
        "title": document.title,
        "format": document.content_type,
        "language": "en",
        "url": external_url("opportunities.download_document", opportunity_id=opportunity.id, document_id=document.id),
        "datePublished": _iso(document.created_at),
    }


def package(releases: list[dict], *, uri: str) -> dict[str, Any]:
    return {**notice_ocds.package(releases, uri=uri), "extensions": EXTENSIONS}
