"""The open data API: public fields only, JSON errors for bad parameters."""

from __future__ import annotations

import json

from tests.factories import create_organisation


def _get(client, path):
    response = client.raw(path)
    return response.status_code, json.loads(response.data)


def test_supplier_search_returns_results_facets_and_total(client):
    create_organisation(published=True, name="Camden Square Caterers", summary="Community catering for events.")
    status, body = _get(client, "/api/v1/suppliers?q=catering")
    assert status == 200 and body["total"] == 1
    assert body["results"][0]["name"] == "Camden Square Caterers"
    assert body["facets"]["size_band"] == {"micro": 1}


def test_one_supplier_has_only_public_fields(client):
    organisation = create_organisation(
        published=True, contact_email="private@example.org", contact_phone="020 7974 4444"
    )
    status, body = _get(client, f"/api/v1/suppliers/{organisation.id}")
    assert status == 200
    assert "private@example.org" not in json.dumps(body) and "7974" not in json.dumps(body)


def test_unpublished_supplier_is_not_found(client):
    organisation = create_organisation(complete=True)
    status, body = _get(client, f"/api/v1/suppliers/{organisation.id}")
    assert status == 404 and "error" in body


def test_bad_parameters_give_a_400_json_error(client):
    for query in ("page=abc", "page=0", "size_band=gigantic", "sort=random", "colour=blue", "q=" + "x" * 600):
        status, body = _get(client, f"/api/v1/suppliers?{query}")
        assert status == 400 and body["error"], query


def test_openapi_document_describes_the_supplier_api(client):
    status, body = _get(client, "/api/v1/openapi.json")
    assert status == 200 and body["openapi"].startswith("3.")
    assert {"/suppliers", "/suppliers/{id}"} <= set(body["paths"])
