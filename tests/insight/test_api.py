"""GET /api/v1/insight: the public figures as open data, as the OpenAPI document describes them."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from tests.insight.factories import build_market


def _json(client, path):
    response = client.raw(path)
    assert response.status_code == 200
    return json.loads(response.get_data(as_text=True))


def test_the_api_matches_its_openapi_description(app, client):
    build_market()
    document = _json(client, "/api/v1/openapi.json")
    assert "/insight" in document["paths"]
    schema = {"$ref": "#/components/schemas/MarketInsight", "components": document["components"]}
    body = _json(client, "/api/v1/insight")
    Draft202012Validator(schema).validate(body)
    described = document["components"]["schemas"]["MarketInsight"]["properties"]
    assert set(described) == set(body)


def test_the_api_is_open_data_with_small_numbers_withheld(app, client):
    build_market()
    response = client.raw("/api/v1/insight")
    body = json.loads(response.get_data(as_text=True))
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    assert body["published_profiles"] == {"total": None, "shares": {"sme": None, "vcse": None, "local": None}}
    assert {ward["suppliers_serving"] for ward in body["wards"]} == {None}
    assert "Kentish Clean" not in response.get_data(as_text=True)
