"""The notices part of the API description (PATHS, SCHEMAS): the shared OpenAPI 3.1 document
(/api/v1/openapi.json, `marketplace.api.openapi`) includes them."""

from __future__ import annotations

from marketplace import api_params
from marketplace.converters import MAX_ID
from marketplace.notices import choices, filters


def _list_parameter(name: str, description: str, values: list[str] | None = None) -> dict:
    items: dict = {"type": "string"}
    if values:
        items["enum"] = values
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": items},
    }


def parameters() -> list[dict]:
    return api_params.openapi(filters.API_RULES)


NOTICE_SCHEMA = {
    "type": "object",
    "required": ["id", "kind", "status", "title", "url"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": list(choices.KINDS)},
        "status": {"type": "string", "enum": list(filters.STATUSES)},
        "title": {"type": "string"},
        "summary": {"type": ["string", "null"]},
        "description": {"type": ["string", "null"], "description": "Markdown"},
        "outcomes": {"type": "array", "items": {"type": "string"}},
        "mission": {"type": ["object", "null"], "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
        "categories": {
            "type": "array",
            "items": {"type": "object", "properties": {"code": {"type": "string"}, "label": {"type": "string"}}},
        },
        "locations": {
            "type": "array",
            "items": {"type": "object", "properties": {"slug": {"type": "string"}, "name": {"type": "string"}}},
        },
        "value": {
            "type": "object",
            "properties": {
                "low": {"type": ["number", "null"]},
                "high": {"type": ["number", "null"]},
                "currency": {"type": "string"},
                "includes_vat": {"type": "boolean"},
            },
        },
        "engagement_closes_at": {"type": ["string", "null"], "format": "date-time"},
        "questions_close_at": {"type": ["string", "null"], "format": "date-time"},
        "expected_tender_date": {"type": ["string", "null"], "format": "date"},
        "contract_start_date": {"type": ["string", "null"], "format": "date"},
        "contract_months": {"type": ["integer", "null"]},
        "suitable_for_sme": {"type": "boolean"},
        "suitable_for_vcse": {"type": "boolean"},
        "reserved": {"type": ["string", "null"], "enum": ["sme-vcse", "local", None]},
        "status_reason": {"type": ["string", "null"]},
        "contact": {
            "type": "object",
            "properties": {
                "name": {"type": ["string", "null"]},
                "email": {"type": ["string", "null"]},
                "telephone": {"type": ["string", "null"]},
            },
        },
        "published_at": {"type": ["string", "null"], "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri"},
        "ocds_url": {"type": "string", "format": "uri"},
    },
}


OCDS_RELEASE_SCHEMA = {
    "type": "object",
    "description": "An OCDS 1.1 release: https://standard.open-contracting.org/1.1/en/schema/release/",
    "required": ["ocid", "id", "date", "tag", "initiationType"],
    "properties": {
        "ocid": {"type": "string"},
        "id": {"type": "string"},
        "date": {"type": "string", "format": "date-time"},
        "tag": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "initiationType": {"type": "string", "enum": ["tender"]},
        "language": {"type": "string"},
        "parties": {"type": "array", "items": {"type": "object"}},
        "buyer": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}},
        "planning": {"type": "object"},
        "tender": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
    },
}
OCDS_PACKAGE_SCHEMA = {
    "type": "object",
    "description": "An OCDS 1.1 release package: https://standard.open-contracting.org/1.1/en/schema/release_package/",
    "required": ["uri", "publishedDate", "publisher", "releases", "version"],
    "properties": {
        "uri": {"type": "string", "format": "uri"},
        "version": {"type": "string", "enum": ["1.1"]},
        "extensions": {"type": "array", "items": {"type": "string", "format": "uri"}},
        "publishedDate": {"type": "string", "format": "date-time"},
        "publisher": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
        "license": {"type": "string"},
        "releases": {"type": "array", "items": {"$ref": "#/components/schemas/OcdsRelease"}},
    },
}
OCDS_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/OcdsRelease"}}}
OCDS_PACKAGE_JSON = {"application/json": {"schema": {"$ref": "#/components/schemas/OcdsReleasePackage"}}}
ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
BAD_PARAMETER = {"description": "A parameter the API does not accept (the message says which)", "content": ERROR}
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}]

PATHS = {
    "/notices": {
        "get": {
            "summary": "Published notices (pipeline and preliminary market engagement), best match or newest first",
            "operationId": "listNotices",
            "parameters": parameters(),
            "responses": {
                "200": {
                    "description": "A page of notices",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoticeList"}}},
                },
                "400": BAD_PARAMETER,
            },
        }
    },
    "/notices/{id}": {
        "get": {
            "summary": "One published notice",
            "operationId": "getNotice",
            "parameters": ID,
            "responses": {
                "200": {
                    "description": "The notice",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}},
                },
                "404": {"description": "No published notice has this id", "content": ERROR},
            },
        }
    },
    "/notices/{id}.ocds.json": {
        "get": {
            "summary": "One published notice as an OCDS 1.1 release",
            "operationId": "getNoticeRelease",
            "parameters": ID,
            "responses": {
                "200": {"description": "An OCDS release", "content": OCDS_JSON},
                "404": {"description": "No published notice has this id", "content": ERROR},
            },
        },
    },
    "/notices.ocds.json": {
        "get": {
            "summary": "Every published notice as an OCDS 1.1 release package",
            "operationId": "getNoticeReleasePackage",
            "responses": {"200": {"description": "An OCDS release package", "content": OCDS_PACKAGE_JSON}},
        },
    },
}
SCHEMAS = {
    "Notice": NOTICE_SCHEMA,
    "OcdsRelease": OCDS_RELEASE_SCHEMA,
    "OcdsReleasePackage": OCDS_PACKAGE_SCHEMA,
    "NoticeList": {
        "type": "object",
        "required": ["notices", "total", "page", "page_size", "pages"],
        "properties": {
            "notices": {"type": "array", "items": {"$ref": "#/components/schemas/Notice"}},
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "pages": {"type": "integer"},
            "suggestion": {"type": ["string", "null"], "description": "A spelling correction that finds results"},
            "links": {
                "type": "object",
                "properties": {"self": {"type": "string"}, "next": {"type": "string"}, "prev": {"type": "string"}},
            },
        },
    },
}
