"""The database is the source of truth; every node's index catches up from it."""

from __future__ import annotations

import json

from marketplace import create_app
from marketplace.extensions import db
from marketplace.search import services as search_services
from marketplace.suppliers import services as supplier_services
from tests.factories import create_organisation, owner_of, sign_in
from tests.helpers import PageClient


def _names(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.soup.select(".app-result h2 a")]


def test_a_published_profile_is_found_straight_away(client):
    create_organisation(published=True, name="Gospel Oak Window Cleaners")
    assert "Gospel Oak Window Cleaners" in _names(client.get("/suppliers?q=window"))


def test_a_change_saved_through_the_site_is_searchable_at_once(client):
    organisation = create_organisation(published=True, name="Agar Grove Services")
    sign_in(client, owner_of(organisation))
    page = client.get("suppliers.work")
    client.submit(page, summary="We restore Victorian sash windows on housing estates.", expected=302)
    assert "Agar Grove Services" in _names(client.get("/suppliers?q=sash"))


def test_unpublishing_removes_the_profile_from_results(client):
    organisation = create_organisation(published=True, name="Malden Road Plumbing")
    client.get("/suppliers?q=plumbing")
    supplier_services.unpublish(organisation, owner_of(organisation))
    assert "Malden Road Plumbing" not in _names(client.get("/suppliers?q=malden"))


def test_drafts_are_never_searchable(client):
    create_organisation(complete=True, name="Hidden Draft Ltd")
    assert "Hidden Draft Ltd" not in _names(client.get("/suppliers?q=hidden"))


def test_a_failed_index_update_is_caught_up_on_the_next_search(client, monkeypatch, app):
    create_organisation(published=True, name="First Kilburn Carpentry")
    client.get("/suppliers")

    def index_down(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(search_services, "catch_up", index_down)
    create_organisation(published=True, name="Second Kilburn Carpentry")  # committed; the index missed it
    monkeypatch.undo()
    assert "Second Kilburn Carpentry" in _names(client.get("/suppliers?q=carpentry"))


def test_another_node_catches_up_from_the_database(app, database_url, tmp_path):
    create_organisation(published=True, name="Swiss Cottage Tutors")
    other_node = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path / "node2"),
        SEARCH_INDEX_PATH=str(tmp_path / "node2-index"),
    )
    page = PageClient(other_node).get("/suppliers?q=tutors")
    assert "Swiss Cottage Tutors" in _names(page)


def test_reindex_rebuilds_everything_from_the_database(app):
    for number in range(3):
        create_organisation(published=True, name=f"Reindexed Supplier {number}")
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "supplier: 3 documents indexed." in result.output
    assert search_services.get_index().doc_count("supplier") == 3


def test_healthz_reports_the_index_and_its_lag(client):
    create_organisation(published=True)
    client.get("/suppliers")
    body = json.loads(client.raw("/healthz").data)
    assert body["search"]["supplier"] == {
        "documents": 1,
        "applied_sequence": body["search"]["supplier"]["applied_sequence"],
        "lag": 0,
    }


def test_changes_are_recorded_in_the_same_transaction(app):
    from sqlalchemy import select

    from marketplace.search.models import SearchChange

    organisation = create_organisation(published=True)
    rows = db.session.scalars(select(SearchChange).where(SearchChange.doc_id == str(organisation.id))).all()
    assert rows and all(row.doctype == "supplier" for row in rows)


def test_an_index_ahead_of_a_restored_database_rebuilds_itself(client, app):
    from sqlalchemy import delete

    from marketplace.search.models import SearchChange
    from marketplace.suppliers.models import Organisation

    create_organisation(published=True, name="Before The Restore Ltd")
    client.get("/suppliers")
    db.session.execute(delete(SearchChange))
    db.session.execute(delete(Organisation))  # as if an older backup were restored
    db.session.commit()
    create_organisation(published=True, name="After The Restore Ltd")
    names = _names(client.get("/suppliers"))
    assert names == ["After The Restore Ltd"]
