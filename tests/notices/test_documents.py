"""Documents on a notice go through the shared storage: stored, listed, downloadable once public."""

from __future__ import annotations

import io

from marketplace.notices import queries
from tests.factories import create_buyer, sign_in
from tests.helpers import PageClient
from tests.notices.factories import create_notice
from tests.storage import files


def _upload(client, notice, *, title="Draft specification", content=None, filename="spec.pdf", expected=302):
    page = client.get("notices.documents", notice_id=notice.id)
    token = page.form_fields(0)[1]["csrf_token"][0]
    data = {
        "csrf_token": token,
        "title": title,
        "file": (io.BytesIO(files.pdf() if content is None else content), filename),
    }
    return client.post("notices.documents", data, notice_id=notice.id, expected=expected)


def test_upload_list_download_and_delete(client, app):
    buyer = create_buyer()
    notice = create_notice(buyer, published=False)
    sign_in(client, buyer)
    _upload(client, notice)
    document = queries.get_notice(notice.id).documents[0]
    public = PageClient(app)
    public.get(
        "notices.download_document", notice_id=notice.id, document_id=document.id, expected=404
    )  # a draft's documents are hidden
    client.submit(client.get("notices.preview", notice_id=notice.id), expected=302)
    response = public.get("notices.download_document", notice_id=notice.id, document_id=document.id)
    assert (
        response.headers["Content-Type"] == "application/pdf" and "spec.pdf" in response.headers["Content-Disposition"]
    )
    assert "Draft specification" in public.get("notices.show", notice_id=notice.id).text
    client.submit(client.get("notices.delete_document", notice_id=notice.id, document_id=document.id), expected=302)
    assert queries.get_notice(notice.id).documents == []
    assert (
        "Removed ‘Draft specification’" in public.get("notices.show", notice_id=notice.id).text
    )  # in the change history


def test_files_are_checked_by_their_content(client):
    buyer = create_buyer()
    notice = create_notice(buyer)
    sign_in(client, buyer)
    page = _upload(client, notice, content=b"MZ\x90\x00 not a document", filename="spec.pdf", expected=200)
    assert page.field_error("file") == "The selected file must be a PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG"
    assert queries.get_notice(notice.id).documents == []


def test_a_document_is_reached_only_through_its_own_notice(client):
    buyer = create_buyer()
    first, second = create_notice(buyer), create_notice(buyer)
    sign_in(client, buyer)
    _upload(client, first)
    document = queries.get_notice(first.id).documents[0]
    client.get("notices.download_document", notice_id=second.id, document_id=document.id, expected=404)
    client.get("notices.delete_document", notice_id=second.id, document_id=document.id, expected=404)
