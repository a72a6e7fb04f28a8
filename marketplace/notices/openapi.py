"""The notices part of the API description (PATHS, SCHEMAS): the shared OpenAPI 3.1 document
(/api/v1/openapi.json, `marketplace.api.openapi`) includes them."""

from __future__ import annotations

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
    return [
        {
            "name": "q",
            "in": "query",
            "required": False,
            "description": "Words to search for in the title, summary, outcomes, categories and description",
            "schema": {"type": "string", "maxLength": 200},
        },
        _list_parameter("mission", "Council mission id (repeat for any of several)"),
        _list_parameter(
            "category", "CPV division or group code, for example 45 or 451; a division includes its groups"
        ),
        _list_parameter("ward", "Ward slug; notices for the whole borough match every ward"),
        _list_parameter(
            "value",
            "Estimated value band (excluding VAT); a notice matches every band its range overlaps",
            list(choices.VALUE_BANDS),
        ),
        _list_parameter("status", "open, closed or withdrawn", list(filters.STATUSES)),
        _list_parameter("suitable", "Suitable for SMEs and/or VCSEs (all given must hold)", list(choices.SUITABILITY)),
        _list_parameter("kind", "Kind of notice", list(choices.KINDS)),
        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {
            "name": "page_size",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
        },
    ]


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


OCDS_JSON = {
    "application/json": {
        "schema": {"type": "object", "description": "See https://standard.open-contracting.org/1.1/en/schema/"}
    }
}
ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
SITE_ROOT = [{"url": "/", "description": "Open Contracting files are served from the site root, not /api/v1"}]
ID = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]

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
                }
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
        "servers": SITE_ROOT,
        "get": {
            "summary": "One published notice as an OCDS 1.1 release",
            "operationId": "getNoticeRelease",
            "parameters": ID,
            "responses": {
                "200": {"description": "An OCDS release", "content": OCDS_JSON},
                "404": {"description": "No published notice has this id"},
            },
        },
    },
    "/notices.ocds.json": {
        "servers": SITE_ROOT,
        "get": {
            "summary": "Every published notice as an OCDS 1.1 release package",
            "operationId": "getNoticeReleasePackage",
            "responses": {"200": {"description": "An OCDS release package", "content": OCDS_JSON}},
        },
    },
}
SCHEMAS = {
    "Notice": NOTICE_SCHEMA,
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
