"""Uploading documents: every accepted type works, bad input is refused beside its field, nothing half-saved."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from marketplace import clock
from marketplace.audit.queries import list_actions
from marketplace.storage import get_storage
from tests.factories import create_organisation, owner_of, sign_in
from tests.storage import files

from .uploads import NEXT_YEAR, date_parts, documents_of, download, stored_objects, upload

ACCEPTED = {
    "pdf": (files.pdf, "certificate.pdf", "application/pdf"),
    "png": (files.png, "scan.png", "image/png"),
    "jpeg": (files.jpeg, "photo.jpg", "image/jpeg"),
    "docx": (files.docx, "policy.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": (files.xlsx, "register.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (lambda: files.opendocument("text"), "policy.odt", "application/vnd.oasis.opendocument.text"),
    "ods": (
        lambda: files.opendocument("spreadsheet"),
        "register.ods",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
}


@pytest.fixture
def organisation(client):
    organisation = create_organisation()
    sign_in(client, owner_of(organisation))
    return organisation


@pytest.fixture
def uploads_root(app) -> Path:
    return Path(app.config["STORAGE_LOCAL_PATH"])


@pytest.mark.parametrize("file_type", ACCEPTED)
def test_each_accepted_type_is_stored_and_listed(client, organisation, file_type):
    make, filename, content_type = ACCEPTED[file_type]
    content = make()
    response = upload(client, content=content, filename=filename, title=f"Our {file_type}", expected=302)

    page = client.follow(response)
    assert f"‘Our {file_type}’ has been uploaded" in page.text
    assert f"Our {file_type}" in page.text and filename in page.text
    [document] = documents_of(organisation)
    assert (document.filename, document.content_type, document.size_bytes) == (filename, content_type, len(content))
    assert document.expires_on == NEXT_YEAR
    assert get_storage().read(document.storage_key) == content
    assert list_actions("document.") == ["document.uploaded"]


def test_policy_needs_no_expiry_date(client, organisation):
    upload(client, kind="policy", title="Safeguarding policy", expires_on=["", "", ""], expected=302)
    page = client.get("suppliers.documents")
    assert "Safeguarding policy" in page.text and "Does not expire" in page.text


def test_owner_downloads_their_own_document(client, organisation):
    upload(client, content=files.png(), filename="Scan 1.png", kind="accreditation", title="ISO 9001", expected=302)
    [document] = documents_of(organisation)
    response = download(client, document.id)
    assert response.status_code == 200 and response.data == files.png()
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="Scan 1.png"')


REFUSALS = {
    "wrong type": (
        {"content": b"MZ\x90\x00 not a document", "filename": "invoice.pdf"},
        "file",
        "The selected file must be a PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG",
    ),
    "renamed file": (
        {"content": files.png(), "filename": "certificate.pdf"},
        "file",
        "The selected file is a PNG but its name does not end in .png",
    ),
    "empty file": ({"content": b"", "filename": "certificate.pdf"}, "file", "The selected file is empty"),
    "no file chosen": ({"content": b"", "filename": ""}, "file", "Select a file"),
    "file left out": ({"content": None, "filename": ""}, "file", "Select a file"),
    "too big": (
        {"content": files.pdf() + b" " * 2048, "filename": "big.pdf"},
        "file",
        "The selected file must be smaller than 1KB",
    ),
    "missing expiry": (
        {"expires_on": ["", "", ""]},
        "expires_on",
        "Enter the expiry date of the insurance certificate",
    ),
    "impossible expiry": (
        {"expires_on": ["31", "2", str(NEXT_YEAR.year)]},
        "expires_on",
        "The expiry date must be a real date",
    ),
    "incomplete expiry": (
        {"expires_on": ["", "3", str(NEXT_YEAR.year)]},
        "expires_on",
        "The expiry date must include a day",
    ),
    "two-digit year": ({"expires_on": ["1", "3", "27"]}, "expires_on", "Year must include 4 numbers"),
    "past expiry": ({"expires_on": ["1", "1", "2020"]}, "expires_on", "The expiry date must be today or in the future"),
    "missing title": ({"title": ""}, "title", "Enter a title for the document"),
    "missing kind": ({"kind": None}, "kind", "Select what kind of document it is"),
}


@pytest.mark.parametrize("case", REFUSALS)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_saved(app, client, organisation, uploads_root, case):
    overrides, field, message = REFUSALS[case]
    app.config["MAX_UPLOAD_BYTES"] = 1024
    page = upload(client, **{"title": "Employers liability", **overrides}, expected=200)

    assert page.field_error(field) == message
    assert message in page.error_summary
    assert page.title.startswith("Error: ")
    assert documents_of(organisation) == [] and stored_objects(uploads_root) == []
    if field != "title":
        assert page.value_of("title") == "Employers liability"


def test_good_file_with_other_errors_asks_for_the_file_again_and_keeps_the_answers(client, organisation):
    page = upload(client, title="", kind="insurance", expires_on=["5", "Mar", str(NEXT_YEAR.year)], expected=200)
    assert page.field_error("title") == "Enter a title for the document"
    assert page.field_error("file") == "Select the file again"
    assert page.field_error("expires_on") is None
    assert [page.value_of(f"expires_on-{part}") for part in ("day", "month", "year")] == [
        "5",
        "Mar",
        str(NEXT_YEAR.year),
    ]
    assert page.soup.find("input", attrs={"name": "kind", "value": "insurance"}).has_attr("checked")


def test_month_names_are_understood(client, organisation):
    upload(client, expires_on=["5", "march", str(NEXT_YEAR.year)], expected=302)
    assert documents_of(organisation)[0].expires_on.month == 3


def test_double_submit_makes_one_document(client, organisation):
    upload(client, title="Public liability insurance", expected=302)
    upload(client, title="Public liability insurance", expected=302)
    assert len(documents_of(organisation)) == 1
    assert list_actions("document.") == ["document.uploaded"]


def test_same_file_under_another_title_or_later_is_a_new_document(client, organisation):
    upload(client, title="Public liability insurance", expected=302)
    upload(client, title="Employers liability insurance", expected=302)
    clock.freeze(datetime.now(UTC) + timedelta(minutes=2))
    upload(client, title="Public liability insurance", expected=302)
    assert len(documents_of(organisation)) == 3


def test_expiry_tags(client, organisation):
    upload(client, title="Soon", expires_on=date_parts(clock.now().date() + timedelta(days=10)), expected=302)
    upload(client, title="Later", expected=302)
    page = client.get("suppliers.documents")
    assert page.text.count("Expires soon") == 1

    clock.freeze(datetime.now(UTC) + timedelta(days=400))
    page = client.get("suppliers.documents")
    assert page.text.count("Expired") == 2
