"""The JSON API lists published notices with the page's filters, as the OpenAPI document says."""

from __future__ import annotations

import json

from tests.notices.factories import create_mission, create_notice


def _json(client, path: str, status: int = 200):
    return json.loads(client.get(path, expected=status).html)


def test_lists_published_notices_with_ids(client):
    published = create_notice(title="Estate repairs")
    create_notice(title="Draft", published=False)
    data = _json(client, "/api/v1/notices")
    assert [n["id"] for n in data["notices"]] == [published.id]
    notice = data["notices"][0]
    assert notice["title"] == "Estate repairs" and notice["status"] == "open" and notice["kind"] == "engagement"
    assert notice["outcomes"] and notice["categories"][0]["code"] == "50" and notice["value"]["high"] == 250000
    assert data["total"] == 1 and data["page"] == 1


def test_filters_as_on_the_page(client):
    mission = create_mission("Estates Mission")
    tagged = create_notice(mission_id=mission.id)
    create_notice()
    assert [n["id"] for n in _json(client, f"/api/v1/notices?mission={mission.id}")["notices"]] == [tagged.id]
    assert _json(client, "/api/v1/notices?q=repairs&status=withdrawn")["total"] == 0


def test_drafts_and_unknown_ids_are_404_in_json(client):
    draft = create_notice(published=False)
    assert _json(client, f"/api/v1/notices/{draft.id}", 404)["error"]
    assert _json(client, "/api/v1/notices/99999", 404)


def test_paging_links(client):
    for _ in range(3):
        create_notice()
    data = _json(client, "/api/v1/notices?page_size=2")
    assert len(data["notices"]) == 2 and data["pages"] == 2 and "next" in data["links"]


def test_openapi_describes_every_parameter(client):
    from marketplace.notices import filters

    document = _json(client, "/api/v1/openapi.json")  # the shared document, served under /api/v1
    operation = document["paths"]["/notices"]["get"]
    described = {parameter["name"] for parameter in operation["parameters"]}
    assert set(filters.PARAMETERS) | {"page_size"} == described
    assert "id" in document["components"]["schemas"]["Notice"]["required"]
    assert document["paths"]["/notices/{id}.ocds.json"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] == {"$ref": "#/components/schemas/OcdsRelease"}


def test_every_described_notice_field_is_in_the_response(client):
    create_notice()
    document = _json(client, "/api/v1/openapi.json")
    notice = _json(client, "/api/v1/notices")["notices"][0]
    assert set(document["components"]["schemas"]["Notice"]["properties"]) == set(notice)
