"""Open data: the notices JSON API (described in the shared /api/v1/openapi.json) and OCDS releases."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request

from marketplace import api_params, slots
from marketplace.links import external_url
from marketplace.notices import bp, choices, filters, ocds, queries
from marketplace.notices.models import Notice
from marketplace.suppliers import reference


def _open_data(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Licence"] = ocds.LICENCE
    return response


def _iso(value):
    return ocds._iso(value)


def notice_json(notice: Notice) -> dict:
    return {
        "id": notice.id,
        "kind": notice.kind,
        "status": notice.public_status(),
        "title": notice.title,
        "summary": notice.summary,
        "description": notice.description,
        "outcomes": [outcome.text for outcome in notice.outcomes],
        "mission": {"id": notice.mission.id, "name": notice.mission.name} if notice.mission else None,
        "categories": [{"code": code, "label": reference.category_label(code)} for code in notice.category_codes],
        "locations": [{"slug": slug, "name": choices.location_label(slug)} for slug in notice.ward_slugs],
        "value": {
            "low": float(notice.value_low) if notice.value_low is not None else None,
            "high": float(notice.value_high) if notice.value_high is not None else None,
            "currency": "GBP",
            "includes_vat": False,
        },
        "engagement_closes_at": _iso(notice.engagement_closes_at),
        "questions_close_at": _iso(notice.questions_close_at),
        "expected_tender_date": notice.expected_tender_date.isoformat() if notice.expected_tender_date else None,
        "contract_start_date": notice.contract_start_date.isoformat() if notice.contract_start_date else None,
        "contract_months": notice.contract_months,
        "suitable_for_sme": notice.suitable_sme,
        "suitable_for_vcse": notice.suitable_vcse,
        "reserved": notice.reserved,
        "status_reason": notice.status_reason if notice.status != "published" else None,
        "contact": {"name": notice.contact_name, "email": notice.contact_email, "telephone": notice.contact_phone},
        "published_at": _iso(notice.published_at),
        "updated_at": _iso(notice.updated_at),
        "url": external_url("notices.show", notice_id=notice.id),
        "ocds_url": external_url("notices.ocds_release", notice_id=notice.id),
    }


@bp.get("/api/v1/notices")
def api_notices():
    api_params.check(request.args, filters.API_RULES)
    criteria = filters.criteria_from_args(request.args, strict=True)
    results = queries.search_notices(criteria)
    # Any: url_for types its own keywords (_anchor, …) as str, and mypy checks every unpacked value against them.
    args: dict[str, Any] = filters.as_args(criteria)
    links = {"self": request.url}
    if results.page < results.pages:
        links["next"] = external_url(
            "notices.api_notices",
            page=results.page + 1,
            page_size=results.page_size,
            **args,
        )
    if results.page > 1:
        links["prev"] = external_url(
            "notices.api_notices",
            page=results.page - 1,
            page_size=results.page_size,
            **args,
        )
    return _open_data(
        jsonify(
            notices=[notice_json(notice) for notice in results.notices],
            total=results.total,
            page=results.page,
            page_size=results.page_size,
            pages=results.pages,
            suggestion=results.suggestion,
            links=links,
        )
    )


@bp.get("/api/v1/notices/<int:notice_id>")
def api_notice(notice_id: int):
    notice = queries.get_public_notice(notice_id) or abort(404)
    return _open_data(jsonify(notice_json(notice)))


@bp.get("/notices/<int:notice_id>.ocds.json")
@bp.get("/api/v1/notices/<int:notice_id>.ocds.json")  # also under the API, where its OpenAPI description is
def ocds_release(notice_id: int):
    notice = queries.get_public_notice(notice_id) or abort(404)
    return _open_data(jsonify(build_release(notice)))


@bp.get("/notices.ocds.json")
@bp.get("/api/v1/notices.ocds.json")
def ocds_package():
    releases = [build_release(notice) for notice in queries.list_public_notices_for_export()]
    return _open_data(jsonify(ocds.package(releases, uri=external_url("notices.ocds_package"))))


def build_release(notice: Notice) -> dict:
    from marketplace.notices.clarifications import queries as clarifications

    return ocds.release(
        notice,
        events=[event for found in slots.collect("notices.release.events", notice=notice) for event in found],
        enquiries=clarifications.enquiries(notice),
    )
