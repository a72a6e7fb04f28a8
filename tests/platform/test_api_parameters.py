"""One strict parameter reader for the whole API: what it does not understand is a JSON 400, a missing
object a JSON 404 (open data files too), and a wrong method a 405 that says which methods are allowed."""

from __future__ import annotations

import pytest

BAD = {
    "page=0": "page=0",
    "page=abc": "page=abc",
    "page_size=1000": "page_size=1000",
    "unknown status": "status=pending",
    "q of 201 characters": "q=" + "a" * 201,
    "unknown parameter": "colour=red",
}


@pytest.mark.parametrize("endpoint", ["/api/v1/notices", "/api/v1/opportunities", "/api/v1/suppliers"])
@pytest.mark.parametrize("query", BAD.values(), ids=BAD.keys())
def test_a_parameter_the_api_does_not_accept_is_a_json_400(client, endpoint, query):
    if endpoint.endswith("suppliers") and query.startswith(("page_size", "status", "q=")):
        query = {"page_size": "sort=best", "status": "size_band=huge", "q": "q=" + "a" * 501}[query.split("=")[0]]
    response = client.raw(f"{endpoint}?{query}")
    assert response.status_code == 400 and response.is_json
    assert response.get_json()["error"]


@pytest.mark.parametrize("endpoint", ["/api/v1/notices", "/api/v1/opportunities"])
def test_good_parameters_are_accepted(client, endpoint):
    response = client.raw(f"{endpoint}?page=1&page_size=100&q=repairs&status=open&status=closed")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/notices/12345.ocds.json", "/opportunities/12345.ocds.json", "/api/v1/notices/12345", "/api/v1/nothing-here"],
)
def test_not_found_in_the_api_and_open_data_is_json(client, path):
    response = client.raw(path)
    assert response.status_code == 404 and response.is_json and response.get_json()["error"]


def test_a_wrong_method_is_a_405_that_says_what_is_allowed(client):
    response = client.raw("/api/v1/notices", method="DELETE")
    assert response.status_code == 405 and response.is_json
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
    page = client.raw("/sign-in", method="DELETE")
    assert page.status_code == 405 and "Allow" in page.headers
    assert "Page not found" not in page.get_data(as_text=True)


def test_the_openapi_document_describes_the_limits(client):
    document = client.raw("/api/v1/openapi.json").get_json()
    for path in ("/notices", "/opportunities", "/suppliers"):
        operation = document["paths"][path]["get"]
        assert operation["operationId"] and "400" in operation["responses"]
        parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
        assert parameters["page"]["minimum"] == 1 and "maximum" in parameters["page"]
    notice_parameters = {p["name"]: p["schema"] for p in document["paths"]["/notices"]["get"]["parameters"]}
    assert notice_parameters["status"]["items"]["enum"] == ["open", "closed", "withdrawn"]
    assert notice_parameters["page_size"]["maximum"] == 100 and notice_parameters["q"]["maxLength"] == 200
    assert all(operation["get"].get("operationId") for operation in document["paths"].values())
    assert "highlights" in str(document["components"]["schemas"]["SupplierSearchResult"])
    assert document["components"]["schemas"]["OcdsRelease"]["required"]
