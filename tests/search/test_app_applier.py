"""Edits off the request path (issue 14): a background applier on each node applies index
changes, so a request that edits a profile never writes the index, and every node finds the
change shortly after (polled here, not timed)."""

from __future__ import annotations

import threading
import time

import pytest

from marketplace import create_app
from marketplace.extensions import db
from marketplace.search import applier
from marketplace.search.collection import Collection
from tests.factories import create_organisation, owner_of, sign_in
from tests.helpers import PageClient


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select(".app-result h2 a")]


def _eventually(check, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture
def nodes(app, database_url, tmp_path):
    """This node and a second one (its own index folder), both applying in the background."""
    app.config.update(SEARCH_APPLIER=True, SEARCH_APPLY_INTERVAL=0.1)
    other = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path / "node2"),
        SEARCH_INDEX_PATH=str(tmp_path / "node2-index"),
        SEARCH_APPLIER=True,
        SEARCH_APPLY_INTERVAL=0.1,
    )
    yield app, other
    for node in (app, other):
        running = applier.running_applier(node)
        if running:
            running.stop()
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_an_edit_is_searchable_on_another_node_without_the_request_writing_the_index(nodes, monkeypatch):
    this, other = nodes
    organisation = create_organisation(published=True, name="Chalk Farm Bicycle Repairs")
    owner = owner_of(organisation)
    second = PageClient(other)
    assert _eventually(lambda: "Chalk Farm Bicycle Repairs" in _names(second.get("/suppliers?q=bicycle")))

    writers: list[str] = []
    original = Collection.write

    def recording_write(self, op):
        writers.append(threading.current_thread().name)
        return original(self, op)

    monkeypatch.setattr(Collection, "write", recording_write)
    client = PageClient(this)
    sign_in(client, owner)
    page = client.get("suppliers.work")
    request_thread = threading.current_thread().name
    client.submit(page, summary="We service cargo tricycles for nurseries and care homes.", expected=302)
    assert request_thread not in writers, "the edit request wrote the index itself"

    assert _eventually(lambda: "Chalk Farm Bicycle Repairs" in _names(second.get("/suppliers?q=tricycles")))
    assert _eventually(lambda: "Chalk Farm Bicycle Repairs" in _names(client.get("/suppliers?q=tricycles")))
    assert all(name == "search-applier" for name in writers)


def test_the_applier_is_a_plain_function_a_scheduler_can_call(app):
    create_organisation(published=True, name="Primrose Hill Piano Tuners")
    assert applier.apply_pending() >= 1
    assert "Primrose Hill Piano Tuners" in _names(PageClient(app).get("/suppliers?q=piano"))
