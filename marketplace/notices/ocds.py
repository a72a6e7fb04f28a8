"""Notices as OCDS 1.1 releases (planning stage) and release packages.

UK1 pipeline and UK2 preliminary market engagement notices both describe a procurement that is
being planned, so `tender.status` is "planning" (or "withdrawn"). Engagement is a milestone of
type "engagement" whose due date is when engagement closes; each event is another. Fields from
extensions (communication, suitability, otherRequirements, enquiries, location and the Cabinet
Office UK extension) are named in the package's `extensions`. Interested suppliers are not
exported: who registered interest is shared only with other interested suppliers who opted in.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import Any

from flask import current_app

from marketplace import clock
from marketplace.links import external_url
from marketplace.notices import choices
from marketplace.notices.models import CLOSED, ENGAGEMENT, PIPELINE, WITHDRAWN
from marketplace.suppliers import reference

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
EXTENSIONS = [
    "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_communication_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_suitability_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_otherRequirements_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/master/extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_location_extension/master/extension.json",
]
NOTICE_DOCUMENT = {ENGAGEMENT: ("marketEngagementNotice", "UK2"), PIPELINE: ("plannedProcurementNotice", "UK1")}


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0, 0), tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ocid(notice) -> str:
    prefix = current_app.config.get("OCDS_OCID_PREFIX", "ocds-camden-marketplace")
    return f"{prefix}-notice-{notice.id}"


def _buyer() -> dict:
    return {"id": current_app.config.get("OCDS_BUYER_ID", "GB-LAE-CMD"), "name": current_app.config["COUNCIL_NAME"]}


def main_category(codes: list[str]) -> str | None:
    """CPV divisions 45 are works, 50 and above services, the rest goods."""
    divisions = {int(code[:2]) for code in codes if code[:2].isdigit()}
    if not divisions:
        return None
    if divisions & {45}:
        return "works"
    return "services" if min(divisions) >= 50 else "goods"


def release(notice, *, events=(), enquiries=()) -> dict:
    at = clock.now()
    buyer = _buyer()
    page = external_url("notices.show", notice_id=notice.id)
    party = {**buyer, "roles": ["buyer"]}
    contact = {
        key: value
        for key, value in (
            ("name", notice.contact_name),
            ("email", notice.contact_email),
            ("telephone", notice.contact_phone),
        )
        if value
    }
    if contact:
        party["contactPoint"] = contact
    planning: dict[str, Any] = {
        "milestones": _milestones(notice, events, at),
        "documents": _planning_documents(notice, page),
    }
    if notice.summary:
        planning["rationale"] = notice.summary
    data = {
        "ocid": ocid(notice),
        "id": f"{ocid(notice)}-{notice.updated_at.astimezone(UTC):%Y%m%dT%H%M%SZ}",
        "date": _iso(notice.updated_at),
        "tag": ["planningUpdate"] if notice.changes or notice.status in (CLOSED, WITHDRAWN) else ["planning"],
        "initiationType": "tender",
        "language": "en",
        "parties": [party],
        "buyer": buyer,
        "planning": planning,
        "tender": _tender(notice, page, enquiries),
    }
    return data


def _tender(notice, page: str, enquiries) -> dict:
    tender = {
        "id": f"notice-{notice.id}",
        "title": notice.title,
        "description": _description(notice),
        "status": "withdrawn" if notice.status == WITHDRAWN else "planning",
        "items": [_item(notice)],
        "suitability": {"sme": notice.suitable_sme, "vcse": notice.suitable_vcse},
        "documents": [_attachment(notice, document) for document in notice.documents],
    }
    category = main_category(notice.category_codes)
    if category:
        tender["mainProcurementCategory"] = category
    if notice.value_high is not None or notice.value_low is not None:
        tender["value"] = {
            "amount": float(notice.value_high if notice.value_high is not None else notice.value_low),
            "currency": "GBP",
        }
    if notice.value_low is not None and notice.value_high is not None and notice.value_low != notice.value_high:
        tender["minValue"] = {"amount": float(notice.value_low), "currency": "GBP"}
    if notice.expected_tender_date:
        tender["communication"] = {"futureNoticeDate": _iso(notice.expected_tender_date)}
    if notice.contract_start_date or notice.contract_months:
        period = {"startDate": _iso(notice.contract_start_date)} if notice.contract_start_date else {}
        if notice.contract_months:
            period["durationInMonths"] = notice.contract_months  # UK extension
        tender["contractPeriod"] = period
    if notice.questions_close_at or notice.engagement_closes_at:
        tender["enquiryPeriod"] = {"endDate": _iso(notice.questions_close_at or notice.engagement_closes_at)}
    if notice.reserved:
        tender["otherRequirements"] = _reservation(notice.reserved)
    if enquiries:
        tender["enquiries"] = list(enquiries)
    return tender


def _description(notice) -> str:
    parts = [notice.summary or "", notice.description or ""]
    if notice.outcomes:
        parts.append("Outcomes sought:\n" + "\n".join(f"- {o.text}" for o in notice.outcomes))
    if notice.mission:
        parts.append(f"Council mission: {notice.mission.name}")
    return "\n\n".join(part for part in parts if part)


def _item(notice) -> dict:
    item = {"id": "1", "description": notice.title}
    classifications = [
        {"scheme": "CPV", "id": _cpv(code), "description": reference.category_label(code)}
        for code in notice.category_codes
    ]
    if classifications:
        item["classification"], item["additionalClassifications"] = classifications[0], classifications[1:]
    if notice.wards:
        item["deliveryLocations"] = [
            {"description": f"{choices.location_label(slug)}, {_borough()['name']}"} for slug in notice.ward_slugs
        ]
    return item


@lru_cache(maxsize=1)
def _cpv_codes() -> dict[str, str]:
    with (reference.DATA / "cpv_divisions_groups.csv").open(newline="") as handle:
        return {row["code"]: row["cpv"] for row in csv.DictReader(handle) if row.get("cpv")}


def _cpv(code: str) -> str:
    """The full CPV code with its check digit (the list ships it), like 50000000-5."""
    return _cpv_codes().get(code) or code.ljust(8, "0")


@lru_cache(maxsize=1)
def _borough() -> dict:
    return json.loads((reference.DATA / "wards.json").read_text())["borough"]


def _reservation(reserved: str) -> dict:
    if reserved == "sme-vcse":
        return {"reservedParticipation": ["smeVcse"]}
    area = _borough()
    return {
        "reservedParticipationLocation": {
            "description": area["name"],
            "gazetteer": {"scheme": "GSS", "identifiers": [area["gss_code"]]},
        }
    }


def _milestones(notice, events, at: datetime) -> list[dict]:
    milestones = []
    if notice.engagement_closes_at:
        milestones.append(
            {
                "id": "engagement",
                "title": "Market engagement closes",
                "type": "engagement",
                "dueDate": _iso(notice.engagement_closes_at),
                "description": _how_to_engage(notice, events),
                "status": "met" if notice.engagement_closes_at <= at or notice.status == CLOSED else "scheduled",
            }
        )
    for event in events:
        milestones.append(
            {
                "id": f"event-{event.id}",
                "title": event.title,
                "type": "engagement",
                "dueDate": _iso(event.starts_at),
                "description": _event_text(event),
                "status": "met" if event.ends_at <= at else "scheduled",
            }
        )
    return milestones


def _how_to_engage(notice, events) -> str:
    text = "Register interest and ask clarification questions on the council's supplier marketplace: " + external_url(
        "notices.show", notice_id=notice.id
    )
    if events:
        text += ". Events: " + "; ".join(_event_text(event) for event in events)
    return text


def _event_text(event) -> str:
    from marketplace.template_helpers import london_datetime

    where = {"online": "online"}.get(event.format) or (event.venue_name or "in person")
    link = external_url("events.show", event_id=event.id)
    return (
        f"{event.title}, {london_datetime(event.starts_at)} (London time), {where}. "
        f"Register by {london_datetime(event.registration_closes_at)}: {link}"
    )


def _planning_documents(notice, page: str) -> list[dict]:
    document_type, notice_type = NOTICE_DOCUMENT[notice.kind]
    return [
        {
            "id": "notice",
            "documentType": document_type,
            "noticeType": notice_type,
            "title": notice.title,
            "url": page,
            "format": "text/html",
            "language": "en",
            "datePublished": _iso(notice.published_at),
            "dateModified": _iso(notice.updated_at),
        }
    ]


def _attachment(notice, document) -> dict:
    return {
        "id": f"document-{document.id}",
        "title": document.title,
        "format": document.content_type,
        "language": "en",
        "url": external_url("notices.download_document", notice_id=notice.id, document_id=document.id),
        "datePublished": _iso(document.created_at),
    }


def package(releases: list[dict], *, uri: str) -> dict:
    return {
        "uri": uri,
        "version": "1.1",
        "extensions": EXTENSIONS,
        "publishedDate": _iso(clock.now()),
        "publisher": {"name": current_app.config["COUNCIL_NAME"]},
        "license": LICENCE,
        "releases": releases,
    }
