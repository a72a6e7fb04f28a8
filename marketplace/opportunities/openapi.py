"""The opportunities part of the API description (PATHS, SCHEMAS): the shared OpenAPI 3.1 document
(/api/v1/openapi.json, `marketplace.api.openapi`) includes them."""

from __future__ import annotations

from marketplace import api_params
from marketplace.notices.openapi import BAD_PARAMETER, ERROR, ID, OCDS_JSON, OCDS_PACKAGE_JSON
from marketplace.opportunities import choices, filters

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}


def parameters() -> list[dict]:
    return api_params.openapi(filters.API_RULES)


OPPORTUNITY_SCHEMA = {
    "type": "object",
    "required": ["id", "status", "title", "url", "closes_at"],
    "properties": {
        "id": {"type": "integer"},
        "status": {"type": "string", "enum": list(choices.PUBLIC_FILTER_STATUSES)},
        "title": {"type": "string"},
        "summary": NULLABLE_STRING,
        "description": {"type": ["string", "null"], "description": "Markdown"},
        "outcomes": {"type": "array", "items": {"type": "string"}},
        "essential_requirements": {"type": "array", "items": {"type": "string"}},
        "nice_to_have_requirements": {"type": "array", "items": {"type": "string"}},
        "mission": {"type": ["object", "null"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
        "categories": {"type": "array", "items": {"type": "object"}},
        "locations": {"type": "array", "items": {"type": "object"}},
        "value": {"type": "object"},
        "who_may_bid": {"type": "string", "enum": list(choices.WHO_MAY_BID)},
        "framework_lot": NULLABLE_STRING,
        "suitable_for_sme": {"type": "boolean"},
        "suitable_for_vcse": {"type": "boolean"},
        "reserved": {"type": ["string", "null"], "enum": ["sme-vcse", "local", None]},
        "award_criteria": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": list(choices.CRITERION_KINDS)},
                    "title": {"type": "string"},
                    "weight": {"type": ["integer", "null"]},
                    "word_limit": {"type": ["integer", "null"]},
                },
            },
        },
        "scoring_scale": {"type": "array", "items": {"type": "object"}},
        "questions_close_at": NULLABLE_TIME,
        "answers_by_at": NULLABLE_TIME,
        "closes_at": NULLABLE_TIME,
        "expected_award_date": NULLABLE_DATE,
        "contract_start_date": NULLABLE_DATE,
        "contract_months": {"type": ["integer", "null"]},
        "extension_months": {"type": ["integer", "null"]},
        "number_of_bids": {"type": ["integer", "null"], "description": "Only once bids have closed"},
        "cancel_reason": NULLABLE_STRING,
        "notice_url": {"type": ["string", "null"], "format": "uri"},
        "published_at": NULLABLE_TIME,
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri"},
        "ocds_url": {"type": "string", "format": "uri"},
    },
}

PATHS = {
    "/opportunities": {
        "get": {
            "summary": "Published opportunities (tenders), best match or newest first",
            "operationId": "listOpportunities",
            "parameters": parameters(),
            "responses": {
                "200": {
                    "description": "A page of opportunities",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OpportunityList"}}},
                },
                "400": BAD_PARAMETER,
            },
        }
    },
    "/opportunities/{id}": {
        "get": {
            "summary": "One published opportunity",
            "operationId": "getOpportunity",
            "parameters": ID,
            "responses": {
                "200": {
                    "description": "The opportunity",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Opportunity"}}},
                },
                "404": {"description": "No published opportunity has this id", "content": ERROR},
            },
        }
    },
    "/opportunities/{id}.ocds.json": {
        "get": {
            "summary": "One published opportunity as an OCDS 1.1 release (tender stage)",
            "operationId": "getOpportunityRelease",
            "parameters": ID,
            "responses": {
                "200": {"description": "An OCDS release", "content": OCDS_JSON},
                "404": {"description": "No published opportunity has this id", "content": ERROR},
            },
        },
    },
    "/opportunities.ocds.json": {
        "get": {
            "summary": "Every published opportunity as an OCDS 1.1 release package",
            "operationId": "getOpportunityReleasePackage",
            "responses": {"200": {"description": "An OCDS release package", "content": OCDS_PACKAGE_JSON}},
        },
    },
}
SCHEMAS = {
    "Opportunity": OPPORTUNITY_SCHEMA,
    "OpportunityList": {
        "type": "object",
        "required": ["opportunities", "total", "page", "page_size", "pages"],
        "properties": {
            "opportunities": {"type": "array", "items": {"$ref": "#/components/schemas/Opportunity"}},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "pages": {"type": "integer"},
            "suggestion": NULLABLE_STRING,
            "links": {"type": "object"},
        },
    },
}
