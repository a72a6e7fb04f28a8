"""Buyers shortlist suppliers with notes and download them; nobody sees another buyer's lists."""

from __future__ import annotations

import csv
import io

from marketplace.shortlists import queries
from tests.factories import create_buyer, create_organisation, create_user, sign_in


def _shortlist_with(client, organisation, note="Strong resident engagement"):
    page = client.get("shortlists.add_to_shortlist", organisation_id=organisation.id)
    return client.submit(page, shortlist="new", new_name="Estate cleaning 2027", note=note, expected=302)


def test_buyer_adds_a_supplier_to_a_new_shortlist_with_a_note(client):
    buyer = create_buyer()
    organisation = create_organisation(published=True, name="Kentish Town Cleaning CIC")
    sign_in(client, buyer)
    page = client.follow(_shortlist_with(client, organisation))
    assert page.heading == "Estate cleaning 2027"
    assert "Kentish Town Cleaning CIC" in page.text and "Strong resident engagement" in page.text


def test_shortlist_downloads_as_csv(client):
    buyer = create_buyer()
    organisation = create_organisation(published=True, name="Kentish Town Cleaning CIC")
    sign_in(client, buyer)
    _shortlist_with(client, organisation, note='=HYPERLINK("http://evil")')
    ((shortlist, _),) = queries.list_shortlists(buyer.id)
    response = client.raw(f"/buyer/shortlists/{shortlist.id}.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert response.mimetype == "text/csv"
    assert rows[1][0] == "Kentish Town Cleaning CIC"
    assert rows[1][-1].startswith("'=")  # a formula is written as text


def test_a_supplier_name_starting_with_equals_downloads_as_text(client):
    buyer = create_buyer()
    organisation = create_organisation(published=True, name='=HYPERLINK("http://evil","Click")')
    sign_in(client, buyer)
    _shortlist_with(client, organisation)
    ((shortlist, _),) = queries.list_shortlists(buyer.id)
    response = client.raw(f"/buyer/shortlists/{shortlist.id}.csv")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[1][0] == rows[1][1] == '\'=HYPERLINK("http://evil","Click")'


def test_another_buyer_cannot_see_or_download_the_shortlist(app, client):
    owner = create_buyer()
    organisation = create_organisation(published=True)
    sign_in(client, owner)
    _shortlist_with(client, organisation)
    ((shortlist, _),) = queries.list_shortlists(owner.id)
    from tests.helpers import PageClient

    other = PageClient(app)
    sign_in(other, create_buyer())
    other.get("shortlists.shortlist", shortlist_id=shortlist.id, expected=404)
    assert other.raw(f"/buyer/shortlists/{shortlist.id}.csv").status_code == 404


def test_suppliers_cannot_use_shortlists(client):
    sign_in(client, create_user())
    client.get("shortlists.shortlists", expected=403)


def test_unpublished_suppliers_cannot_be_shortlisted(client):
    sign_in(client, create_buyer())
    client.get("shortlists.add_to_shortlist", organisation_id=create_organisation(complete=True).id, expected=404)


def test_new_shortlist_needs_a_name(client):
    organisation = create_organisation(published=True)
    sign_in(client, create_buyer())
    page = client.submit(
        client.get("shortlists.add_to_shortlist", organisation_id=organisation.id),
        shortlist="new",
        new_name="",
        expected=200,
    )
    assert page.field_error("new_name") == "Enter a name for the new shortlist"


def test_buyer_saves_a_search_and_runs_it_again(client):
    buyer = create_buyer()
    sign_in(client, buyer)
    client.post(
        "shortlists.save_search",
        data={
            "csrf_token": client.csrf_token(),
            "name": "Cleaning",
            "query_string": "q=cleaning&size_band=micro&evil=1",
        },
        expected=302,
    )
    (saved,) = queries.list_saved_searches(buyer.id)
    assert saved.query_string == "q=cleaning&size_band=micro"
    assert client.get("shortlists.run_saved_search", saved_id=saved.id, expected=302).location.endswith(
        "/suppliers?q=cleaning&size_band=micro"
    )


def test_a_shortlist_with_a_polish_name_downloads_for_a_spreadsheet(client):
    buyer = create_buyer()
    sign_in(client, buyer)
    page = client.get(
        "shortlists.add_to_shortlist", organisation_id=create_organisation(published=True, name="Café £5 – ok").id
    )
    client.submit(page, shortlist="new", new_name="Łódź list", note="", expected=302)
    ((shortlist, _),) = queries.list_shortlists(buyer.id)
    response = client.raw(f"/buyer/shortlists/{shortlist.id}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"Lodz list.csv\"; filename*=UTF-8''%C5%81%C3%B3d%C5%BA%20list.csv"
    )
    body = response.get_data()
    assert body.startswith("\ufeff".encode()) and "Café £5 – ok".encode() in body
