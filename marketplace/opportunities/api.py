"""Open data: `/api/v1/opportunities` (filters as on the page, plus status) and OCDS releases.
Never any bid content: the number of tenderers appears once bids have closed."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify, request

from marketplace import api_params
from marketplace.links import external_url
from marketplace.notices import choices as notice_choices
from marketplace.notices.ocds import LICENCE
from marketplace.opportunities import bp, choices, filters, ocds, queries, rules
from marketplace.opportunities.bids import sealing
from marketplace.opportunities.models import Opportunity
from marketplace.suppliers import reference

_iso = ocds._iso


def _open_data(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Licence"] = LICENCE
    return response


def opportunity_json(opportunity: Opportunity) -> dict:
    closed = rules.has_closed(opportunity)
    return {
        "id": opportunity.id,
        "status": rules.public_status(opportunity),
        "title": opportunity.title,
        "summary": opportunity.summary,
        "description": opportunity.description,
        "outcomes": [o.text for o in opportunity.outcomes],
        "essential_requirements": [r.text for r in opportunity.essential],
        "nice_to_have_requirements": [r.text for r in opportunity.nice_to_have],
        "mission": {"id": opportunity.mission.id, "name": opportunity.mission.name} if opportunity.mission else None,
        "categories": [{"code": c, "label": reference.category_label(c)} for c in opportunity.category_codes],
        "locations": [{"slug": s, "name": notice_choices.location_label(s)} for s in opportunity.ward_slugs],
        "value": {
            "low": float(opportunity.value_low) if opportunity.value_low is not None else None,
            "high": float(opportunity.value_high) if opportunity.value_high is not None else None,
            "currency": "GBP",
            "includes_vat": False,
        },
        "who_may_bid": opportunity.who_may_bid,
        "framework_lot": opportunity.lot_id,
        "suitable_for_sme": opportunity.suitable_sme,
        "suitable_for_vcse": opportunity.suitable_vcse,
        "reserved": opportunity.reserved,
        "award_criteria": [
            {"kind": c.kind, "title": c.title, "weight": c.weight, "word_limit": c.word_limit}
            for c in opportunity.criteria
        ],
        "scoring_scale": [{"score": s, "descriptor": d} for s, d in choices.scale(opportunity)],
        "questions_close_at": _iso(opportunity.questions_close_at),
        "answers_by_at": _iso(opportunity.answers_by_at),
        "closes_at": _iso(opportunity.closes_at),
        "expected_award_date": opportunity.expected_award_date.isoformat() if opportunity.expected_award_date else None,
        "contract_start_date": opportunity.contract_start_date.isoformat() if opportunity.contract_start_date else None,
        "contract_months": opportunity.contract_months,
        "extension_months": opportunity.extension_months,
        "number_of_bids": sealing.count_submitted(opportunity.id) if closed else None,
        "cancel_reason": opportunity.cancel_reason,
        "notice_url": external_url("notices.show", notice_id=opportunity.notice_id) if opportunity.notice_id else None,
        "published_at": _iso(opportunity.published_at),
        "updated_at": _iso(opportunity.updated_at),
        "url": external_url("opportunities.show", opportunity_id=opportunity.id),
        "ocds_url": external_url("opportunities.ocds_release", opportunity_id=opportunity.id),
    }


@bp.get("/api/v1/opportunities")
def api_list():
    api_params.check(request.args, filters.API_RULES)
    criteria = filters.criteria_from_args(request.args, strict=True)
    criteria.open_to_me = False  # the API is anonymous open data
    results = queries.search(criteria)
    links = {"self": request.url}
    # Any: url_for types its own keywords (_anchor, …) as str, and mypy checks every unpacked value against them.
    paging: dict[str, Any] = {"page_size": results.page_size, **filters.as_args(criteria)}
    if results.page < results.pages:
        links["next"] = external_url("opportunities.api_list", page=results.page + 1, **paging)
    if results.page > 1:
        links["prev"] = external_url("opportunities.api_list", page=results.page - 1, **paging)
    return _open_data(
        jsonify(
            opportunities=[opportunity_json(o) for o in results.opportunities],
            total=results.total,
            page=results.page,
            page_size=results.page_size,
            pages=results.pages,
            suggestion=results.suggestion,
            links=links,
        )
    )


@bp.get("/api/v1/opportunities/<int:opportunity_id>")
def api_one(opportunity_id: int):
    opportunity = queries.get_public_opportunity(opportunity_id) or abort(404)
    return _open_data(jsonify(opportunity_json(opportunity)))


@bp.get("/opportunities/<int:opportunity_id>.ocds.json")
@bp.get("/api/v1/opportunities/<int:opportunity_id>.ocds.json")  # also under the API, where it is described
def ocds_release(opportunity_id: int):
    opportunity = queries.get_public_opportunity(opportunity_id) or abort(404)
    return _open_data(jsonify(ocds.release(opportunity)))


@bp.get("/opportunities.ocds.json")
@bp.get("/api/v1/opportunities.ocds.json")
def ocds_package():
    releases = [ocds.release(o) for o in queries.list_public_for_export()]
    return _open_data(jsonify(ocds.package(releases, uri=external_url("opportunities.ocds_package"))))
