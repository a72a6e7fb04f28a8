"""Who may download and delete: checked on the server; everyone refused gets a 404."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import render_template
from flask_login import login_user

from marketplace.audit.queries import list_actions
from marketplace.storage import get_storage
from marketplace.suppliers import services as supplier_services
from tests.factories import create_admin, create_buyer, create_organisation, create_user, owner_of, sign_in
from tests.storage import files

from .uploads import documents_of, download, signed_in, stored_objects, upload


def organisation_with_document(app, *, published: bool):
    """An organisation with one document, uploaded by its owner in their own browser."""
    organisation = create_organisation(published=published)
    upload(signed_in(app, owner_of(organisation)), expected=302)
    return organisation, documents_of(organisation)[0]


@pytest.mark.parametrize("make_viewer", [create_buyer, create_admin], ids=["buyer", "admin"])
def test_buyers_and_admins_download_from_published_profiles_only(app, client, make_viewer):
    published, published_document = organisation_with_document(app, published=True)
    draft, draft_document = organisation_with_document(app, published=False)
    sign_in(client, make_viewer())

    response = download(client, published_document.id)
    assert response.status_code == 200 and response.data == files.pdf()
    assert response.headers["Cache-Control"] == "private, no-store"
    assert download(client, draft_document.id).status_code == 404


def test_buyer_loses_access_when_the_profile_is_unpublished(app, client):
    organisation, document = organisation_with_document(app, published=True)
    supplier_services.unpublish(organisation, owner_of(organisation))
    sign_in(client, create_buyer())
    assert download(client, document.id).status_code == 404


def test_anonymous_people_cannot_download(app, client):
    _, document = organisation_with_document(app, published=True)
    assert download(client, document.id).status_code == 404


def test_unverified_buyer_cannot_download(app, client):
    _, document = organisation_with_document(app, published=True)
    sign_in(client, create_buyer(verified=False))
    assert download(client, document.id).status_code == 404


def test_member_of_another_organisation_can_neither_download_nor_delete(app, client):
    organisation, document = organisation_with_document(app, published=True)
    other = create_organisation()
    sign_in(client, owner_of(other))

    assert download(client, document.id).status_code == 404
    client.get("suppliers.delete_document", document_id=document.id, expected=404)
    _, fields = client.get("suppliers.documents").form_fields(0)  # any page's CSRF token will do
    client.post(
        "suppliers.delete_document", data={"csrf_token": fields["csrf_token"][0]}, document_id=document.id, expected=404
    )
    assert documents_of(organisation) == [document]
    assert get_storage().exists(document.storage_key)


def test_unknown_document_is_a_404(app, client):
    sign_in(client, create_user())
    assert download(client, 999_999).status_code == 404


def test_member_deletes_a_document_and_its_file(app, client):
    organisation, document = organisation_with_document(app, published=False)
    key = document.storage_key
    sign_in(client, owner_of(organisation))
    page = client.get("suppliers.delete_document", document_id=document.id)
    assert page.heading == "Are you sure you want to delete ‘Public liability insurance’?"

    response = client.submit(page, expected=302)
    assert "‘Public liability insurance’ has been deleted" in client.follow(response).text
    assert documents_of(organisation) == []
    assert not get_storage().exists(key)
    assert stored_objects(Path(app.config["STORAGE_LOCAL_PATH"])) == []
    assert list_actions("document.") == ["document.uploaded", "document.deleted"]


def test_public_list_links_only_for_people_who_may_download(app, client):
    organisation, document = organisation_with_document(app, published=True)
    buyer = create_buyer()

    def render(user=None) -> str:
        # A fresh app context too: the signed-in user and membership are cached on `g`.
        with app.app_context(), app.test_request_context():
            if user is not None:
                login_user(user)
            return render_template(
                "suppliers/documents/_public_list.html", organisation=organisation, documents=[document]
            )

    link = f'href="/supplier/documents/{document.id}/download"'
    as_buyer, as_anonymous = render(buyer), render()
    assert link in as_buyer and "Insurance certificate" in as_buyer
    assert link not in as_anonymous and "Sign in as a council buyer" in as_anonymous
