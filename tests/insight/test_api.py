"""GET /api/v1/insight: the public figures as open data, as the OpenAPI document describes them."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from tests.insight.factories import build_market, more_suppliers_based_in


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
    assert {ward["suppliers_based_in"] for ward in body["wards"]} == {None}
    assert "Kentish Clean" not in response.get_data(as_text=True)


def test_the_api_gives_suppliers_based_in_each_ward_from_5(app, client):
    build_market()
    more_suppliers_based_in("gospel-oak", 5)
    body = _json(client, "/api/v1/insight")
    wards = {ward["slug"]: ward for ward in body["wards"]}
    assert wards["gospel-oak"]["suppliers_based_in"] == 6  # S1 and the five
    assert wards["gospel-oak"]["based_in_shares"] == {"sme": None, "vcse": None, "local": None}  # all six: no rest
    assert body["based_in_ward_not_given"]["suppliers_based_in"] is None  # S2 alone
