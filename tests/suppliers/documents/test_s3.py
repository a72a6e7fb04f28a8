"""The same journey with documents in S3 (moto): download is a redirect to a short-lived presigned URL."""

from __future__ import annotations

import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace import create_app
from marketplace.extensions import db
from marketplace.storage import get_storage
from tests.factories import create_buyer, create_organisation, owner_of
from tests.storage import files

from .uploads import documents_of, download, signed_in, upload


@pytest.mark.s3
def test_upload_and_download_through_s3(database_url, tmp_path, s3_bucket, s3_client):
    endpoint, bucket = s3_bucket
    app = create_app(
        "test",
        SQLALCHEMY_DATABASE_URI=database_url,
        INSTANCE_PATH=str(tmp_path / "instance"),
        STORAGE_BACKEND="s3",
        S3_BUCKET=bucket,
        S3_ENDPOINT_URL=endpoint,
        SEARCH_INDEX_PATH=str(tmp_path / "search-index"),
    )
    with app.app_context():
        try:
            organisation = create_organisation(published=True)
            owner = signed_in(app, owner_of(organisation))
            upload(
                owner, content=files.png(), filename="scan.png", kind="accreditation", title="Living Wage", expected=302
            )
            [document] = documents_of(organisation)
            key = document.storage_key
            stored = s3_client.get_object(Bucket=bucket, Key=document.storage_key)
            assert stored["Body"].read() == files.png() and stored["ContentType"] == "image/png"

            response = download(signed_in(app, create_buyer()), document.id)
            assert response.status_code == 302
            location = urlsplit(response.headers["Location"])
            assert location.hostname == "127.0.0.1" and location.path == f"/{bucket}/{document.storage_key}"
            assert int(parse_qs(location.query)["X-Amz-Expires"][0]) <= 300
            with urllib.request.urlopen(response.headers["Location"]) as presigned:
                assert presigned.read() == files.png()
                assert presigned.headers["Content-Disposition"].startswith('attachment; filename="scan.png"')

            owner.submit(owner.get("suppliers.delete_document", document_id=document.id), expected=302)
            assert not get_storage().exists(key)
        finally:
            db.session.remove()
            db.engine.dispose()
