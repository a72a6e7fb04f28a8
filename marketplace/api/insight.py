"""GET /api/v1/insight: the public market insight figures as open data (Open Government Licence)."""

from __future__ import annotations

from flask import jsonify

from marketplace.api import bp
from marketplace.api.openapi import add_paths
from marketplace.insight import definitions, open_data, snapshots
from marketplace.links import external_url


@bp.get("/insight")
def insight():
    figures, series = snapshots.public_figures()
    response = jsonify(open_data.document(figures, series, page_url=external_url("insight.public")))
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["X-Licence"] = definitions.LICENCE_URL
    return response


_COUNT = {"type": ["integer", "null"], "minimum": 5, "description": "null when fewer than 5 (suppressed)"}
_SHARES = {
    "type": "object",
    "description": "Percentages of the total (one decimal place); null when the group or the rest is below 5",
    "properties": {group: {"type": ["number", "null"]} for group in ("sme", "vcse", "local")},
}

add_paths(
    {
        "/insight": {
            "get": {
                "summary": "Market insight: the supply base by size, VCSE status, location, ward and category",
                "operationId": "getMarketInsight",
                "description": "The figures of the public Market insight page for the current month (counted "
                "live) with the monthly series of the last 24 months (past months from their snapshots). "
                "Counts below 5, and shares resting on fewer than 5 suppliers, are null. "
                "Open Government Licence v3.0.",
                "responses": {
                    "200": {
                        "description": "The figures",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MarketInsight"}}},
                    }
                },
            }
        }
    },
    {
        "MarketInsight": {
            "type": "object",
            "required": ["licence", "month", "published_profiles", "windows", "wards", "categories", "series"],
            "properties": {
                "licence": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
                },
                "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                "as_at": {"type": "string", "format": "date-time"},
                "suppressed_below": {"type": "integer"},
                "suppression": {"type": "string"},
                "definitions": {"type": "object", "additionalProperties": {"type": "string"}},
                "published_profiles": {
                    "type": "object",
                    "properties": {"total": _COUNT, "shares": _SHARES},
                },
                "windows": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "key": {"type": "string", "enum": ["month", "financial-year", "since-launch"]},
                            "label": {"type": "string"},
                            "start": {"type": ["string", "null"], "format": "date-time"},
                            "end": {"type": "string", "format": "date-time"},
                            "figures": {"type": "object", "additionalProperties": _COUNT},
                        },
                    },
                },
                "wards": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "slug": {"type": "string"},
                            "name": {"type": "string"},
                            "suppliers_based_in": {
                                **_COUNT,
                                "description": "Published suppliers whose main base is in the ward; "
                                "null when fewer than 5 (suppressed)",
                            },
                            "based_in_shares": _SHARES,
                            "suppliers_serving": {
                                **_COUNT,
                                "description": "Published suppliers who named the ward among the places they "
                                "work; null when fewer than 5 (suppressed)",
                            },
                            "shares": {**_SHARES, "description": "Shares of the suppliers serving the ward"},
                        },
                    },
                },
                "whole_borough": {
                    "type": "object",
                    "properties": {"suppliers_serving": _COUNT, "shares": _SHARES},
                },
                "based_in_ward_not_given": {
                    "type": "object",
                    "description": "Published suppliers based in the borough who have not said in which ward",
                    "properties": {"suppliers_based_in": _COUNT, "based_in_shares": _SHARES},
                },
                "categories": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "string"},
                            "label": {"type": "string"},
                            "suppliers": _COUNT,
                            "shares": _SHARES,
                            "notices": _COUNT,
                            "interest": _COUNT,
                            "opportunities": _COUNT,
                            "bids": _COUNT,
                            "bids_per_opportunity": {"type": ["number", "null"]},
                            "contracts": _COUNT,
                            "contract_shares": _SHARES,
                        },
                    },
                },
                "series": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "month": {"type": "string"},
                            "published_profiles": _COUNT,
                            "shares": _SHARES,
                        },
                    },
                },
                "url": {"type": "string", "format": "uri"},
            },
        }
    },
)
