"""The OpenAPI 3.1 document: the suppliers API's paths (`api/suppliers.py` adds them with `add_paths`) and the
notices API's (described by the notices domain in `notices/openapi.py`)."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify

from marketplace.api import bp
from marketplace.api_params import openapi
from marketplace.notices import openapi as notices_openapi
from marketplace.opportunities import openapi as opportunities_openapi

_PATHS: dict[str, Any] = {}
_SCHEMAS: dict[str, Any] = {}


def add_paths(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> None:
    _PATHS.update(paths)
    _SCHEMAS.update(schemas or {})


add_paths(notices_openapi.PATHS, notices_openapi.SCHEMAS)
add_paths(opportunities_openapi.PATHS, opportunities_openapi.SCHEMAS)


def _with_supplier_parameters(paths: dict[str, Any]) -> dict[str, Any]:
    """The supplier search's parameters, from the same rules the API checks (lots are in the database)."""
    from marketplace.suppliers.search import params

    if "/suppliers" in paths:
        search = paths["/suppliers"]["get"]
        paths["/suppliers"] = {"get": {**search, "parameters": openapi(params.api_rules(set(params.lot_labels())))}}
    return paths


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{current_app.config['COUNCIL_NAME']} Supplier Marketplace API",
            "version": "1.0.0",
            "description": "Open data about published supplier profiles, market engagement notices and opportunities. "
            "The Open Contracting (OCDS) files are also served from the site root, for example /notices.ocds.json. "
            "Errors are JSON objects with an `error` message.",
            "license": {
                "name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            },
        },
        "servers": [{"url": "/api/v1"}],
        "paths": _with_supplier_parameters(dict(sorted(_PATHS.items()))),
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
