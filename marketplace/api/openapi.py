"""The OpenAPI 3.1 document. Each domain adds its paths and schemas with `add_paths`."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify

from marketplace.api import bp

_PATHS: dict[str, Any] = {}
_SCHEMAS: dict[str, Any] = {}


def add_paths(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> None:
    _PATHS.update(paths)
    _SCHEMAS.update(schemas or {})


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{current_app.config['COUNCIL_NAME']} Supplier Marketplace API",
            "version": "1.0.0",
            "description": "Open data about published supplier profiles and market engagement notices.",
            "license": {
                "name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            },
        },
        "servers": [{"url": "/api/v1"}],
        "paths": dict(sorted(_PATHS.items())),
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
                **_SCHEMAS,
            }
        },
    }


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(document())
