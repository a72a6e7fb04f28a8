"""GET /api/v1/suppliers (search with filters and facets) and /api/v1/suppliers/<id>."""

from __future__ import annotations

from flask import abort, jsonify, request

from marketplace.api import bp
from marketplace.api.openapi import add_paths
from marketplace.links import external_url
from marketplace.notices.openapi import ID
from marketplace.suppliers import queries as supplier_queries
from marketplace.suppliers.search import params
from marketplace.suppliers.search.queries import search_suppliers
from marketplace.suppliers.search_documents import to_document


def public_supplier(organisation, *, full: bool = False) -> dict:
    """The fields anyone may see of a published profile (no contact details beyond the website)."""
    document = to_document(organisation, [])
    summary = {
        "id": organisation.id,
        "name": organisation.display_name,
        "legal_name": organisation.name,
        "summary": organisation.summary,
        "size_band": organisation.size_band,
        "is_sme": bool(organisation.is_sme),
        "declarations": document["declarations"],
        "categories": document["categories"],
        "areas": document["wards"],
        "based_in_borough": bool(organisation.based_in_borough),
        "updated_at": organisation.updated_at.isoformat(),
        "url": external_url("suppliers.public_profile", organisation_id=organisation.id),
    }
    if full:
        summary |= {
            "legal_form": organisation.legal_form,
            "identifier": {"scheme": organisation.identifier_scheme, "id": organisation.identifier_number}
            if organisation.identifier_number
            else None,
            "website": organisation.website,
            "description": organisation.description,
            "services": document["services"],
            "case_studies": [
                {
                    "title": s.title,
                    "client": s.client,
                    "problem": s.problem,
                    "approach": s.approach,
                    "outcome": s.outcome,
                    "resident_engagement": s.resident_engagement,
                }
                for s in organisation.case_studies
            ],
            "social_value_commitments": [
                {
                    "theme": c.theme,
                    "measure": c.measure,
                    "quantity": float(c.quantity),
                    "unit": c.unit,
                    "period": c.period,
                }
                for c in organisation.commitments
            ],
        }
    return summary


@bp.get("/suppliers")
def list_suppliers():
    try:
        search = params.parse(request.args, strict=True, lot_ids=set(params.lot_labels()))
    except params.BadParameter as error:
        return jsonify(error=str(error)), 400
    results = search_suppliers(search, full_rows=True)
    return jsonify(
        total=results.total,
        page=search.page,
        pages=results.pages,
        results=[
            public_supplier(result.organisation) | {"highlights": result.hit.highlights} for result in results.results
        ],
        facets=results.facets,
        suggestion=results.suggestion,
        query_note=results.query_error,
    )


@bp.get("/suppliers/<int:organisation_id>")
def get_supplier(organisation_id: int):
    organisation = supplier_queries.get_published_organisation(organisation_id) or abort(404)
    return jsonify(public_supplier(organisation, full=True))


add_paths(
    {
        "/suppliers": {
            "get": {
                "summary": "Search published supplier profiles",
                "operationId": "searchSuppliers",
                # Filled in when the document is served: the framework lots come from the database.
                "parameters": [],
                "responses": {
                    "200": {
                        "description": "Results, facet counts and the total",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/SupplierSearchResults"}}
                        },
                    },
                    "400": {
                        "description": "A bad parameter",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
        },
        "/suppliers/{id}": {
            "get": {
                "summary": "One published supplier profile",
                "operationId": "getSupplier",
                "parameters": ID,
                "responses": {
                    "200": {
                        "description": "The profile",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Supplier"}}},
                    },
                    "404": {
                        "description": "No published profile with that id",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
        },
    },
    {
        "Supplier": {
            "type": "object",
            "required": ["id", "name", "summary", "is_sme", "url"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "legal_name": {"type": "string"},
                "summary": {"type": ["string", "null"]},
                "size_band": {"type": ["string", "null"]},
                "is_sme": {"type": "boolean"},
                "declarations": {"type": "array", "items": {"type": "string"}},
                "categories": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
                    },
                },
                "areas": {"type": "array", "items": {"type": "string"}},
                "based_in_borough": {"type": "boolean"},
                "updated_at": {"type": "string", "format": "date-time"},
                "url": {"type": "string", "format": "uri"},
            },
        },
        "SupplierSearchResult": {
            "allOf": [
                {"$ref": "#/components/schemas/Supplier"},
                {
                    "type": "object",
                    "required": ["highlights"],
                    "properties": {
                        "highlights": {
                            "type": "object",
                            "description": "Field name → an HTML-safe snippet with the matching words in <mark>",
                            "additionalProperties": {"type": "string"},
                        }
                    },
                },
            ]
        },
        "SupplierSearchResults": {
            "type": "object",
            "required": ["total", "page", "results", "facets"],
            "properties": {
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/SupplierSearchResult"}},
                "facets": {
                    "type": "object",
                    "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer"}},
                },
                "suggestion": {"type": ["string", "null"]},
                "query_note": {"type": ["string", "null"]},
            },
        },
    },
)
