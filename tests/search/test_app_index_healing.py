"""An index that heals itself (issue 9.4): a node notices its index is missing or unreadable,
rebuilds it aside from the database, says so on the pages that search (never a 500) and in
/healthz. The rebuild runs in the background, so these tests poll rather than time it."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from marketplace import create_app
from marketplace.extensions import db
from tests.factories import create_organisation
from tests.helpers import PageClient
from tests.notices.factories import create_notice

REBUILDING = "Search is being rebuilt"


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select(".app-result h2 a")]


def _eventually(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


@pytest.fixture
def serving(app, client):
    """A node that has served a search, whose rebuilds are not waited for by requests."""
    create_organisation(published=True, name="Queen's Crescent Upholsterers")
    assert _names(client.get("/suppliers?q=upholsterers")) == ["Queen's Crescent Upholsterers"]
    app.config["SEARCH_HEAL_WAIT"] = 0
    yield app
    _eventually(lambda: json.loads(client.raw("/healthz").data)["status"] == "ok")


def _found_again(client) -> bool:
    response = client.raw("/suppliers?q=upholsterers")
    assert response.status_code in (200, 503), response.status_code
    return response.status_code == 200 and "Queen&#39;s Crescent Upholsterers" in response.get_data(as_text=True)


def test_deleting_the_index_folder_while_serving_says_search_is_being_rebuilt(serving, client):
    shutil.rmtree(serving.config["SEARCH_INDEX_PATH"])
    response = client.raw("/suppliers?q=upholsterers")
    assert response.status_code in (200, 503)
    if response.status_code == 503:
        assert REBUILDING in response.get_data(as_text=True)
        assert response.headers["Retry-After"]


def test_a_deleted_index_folder_is_rebuilt_from_the_database(serving, client):
    shutil.rmtree(serving.config["SEARCH_INDEX_PATH"])
    client.raw("/suppliers?q=upholsterers")
    assert _eventually(lambda: _found_again(client))


def test_healthz_reports_a_missing_index_until_it_is_rebuilt(serving, client):
    shutil.rmtree(serving.config["SEARCH_INDEX_PATH"])
    body = json.loads(client.raw("/healthz").data)
    assert body["status"] == "degraded"
    assert body["search"]["supplier"]["state"] in ("missing", "rebuilding")
    healthy = _eventually(lambda: json.loads(client.raw("/healthz").data)["status"] == "ok")
    assert healthy
    assert json.loads(client.raw("/healthz").data)["search"]["supplier"]["documents"] == 1


def test_the_api_answers_503_while_the_index_is_rebuilt(serving, client):
    shutil.rmtree(serving.config["SEARCH_INDEX_PATH"])
    response = client.raw("/api/v1/suppliers?q=upholsterers")
    assert response.status_code in (200, 503)
    if response.status_code == 503:
        assert REBUILDING in response.get_json()["error"]


def _corrupt_tocs(index_path: str) -> int:
    tocs = list(Path(index_path).rglob("_MAIN_*.toc"))
    for toc in tocs:
        toc.write_bytes(b"\x00garbage" * 8)
    return len(tocs)


def test_a_corrupted_table_of_contents_after_a_restart_is_rebuilt(serving, client, database_url):
    index_path = serving.config["SEARCH_INDEX_PATH"]
    from marketplace.search.services import get_index

    get_index().close()
    assert _corrupt_tocs(index_path)
    restarted = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=serving.instance_path,
        SEARCH_INDEX_PATH=index_path,
        SEARCH_HEAL_WAIT=0,
    )
    node = PageClient(restarted)
    response = node.raw("/suppliers?q=upholsterers")
    assert response.status_code in (200, 503)
    if response.status_code == 503:
        assert REBUILDING in response.get_data(as_text=True)
    assert _eventually(lambda: _found_again(node))
    with restarted.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_notices_page_still_works_while_the_index_is_rebuilt(serving, client):
    create_notice(title="Estate window cleaning contract")
    shutil.rmtree(serving.config["SEARCH_INDEX_PATH"])
    response = client.raw("/notices?q=window")
    assert response.status_code == 200
    _eventually(lambda: _found_again(client))


def test_an_index_built_by_an_older_engine_is_rebuilt(serving, client):
    for state in Path(serving.config["SEARCH_INDEX_PATH"]).rglob("state.json"):
        state.write_text(json.dumps({**json.loads(state.read_text()), "fingerprint": "an-older-format"}))
    response = client.raw("/suppliers?q=upholsterers")
    assert response.status_code in (200, 503)
    assert _eventually(lambda: _found_again(client))
