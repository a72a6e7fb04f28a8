"""What only the S3 backend does: presigned downloads, private objects, encryption."""

from __future__ import annotations

import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace.storage import S3Storage, content_disposition, new_key

from .apps import s3_app

pytestmark = pytest.mark.s3

# No proxy handler: the presigned URL points at moto on 127.0.0.1 and must be fetched directly.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def test_download_redirects_to_a_short_lived_presigned_url(tmp_path: Path, s3_bucket: Any) -> None:
    app = s3_app(tmp_path, s3_bucket)
    key = new_key("documents")
    app.extensions["storage"].put(key, b"%PDF-1.4 hello", content_type="application/pdf")

    response = app.test_client().get(
        f"/download/{key}", query_string={"filename": "Café menu.pdf", "type": "application/pdf"}
    )

    assert response.status_code == 302
    assert "no-store" in response.headers["Cache-Control"]
    url = response.headers["Location"]
    assert url.startswith(f"{s3_bucket.endpoint_url}/{s3_bucket.bucket}/{key}?")  # path-style
    query = parse_qs(urlsplit(url).query)
    assert query["X-Amz-Expires"] == ["60"]
    assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    with _DIRECT.open(url, timeout=5) as fetched:
        assert fetched.read() == b"%PDF-1.4 hello"
        assert fetched.headers["Content-Type"] == "application/pdf"
        assert fetched.headers["Content-Disposition"] == content_disposition("Café menu.pdf")


def test_objects_are_private_and_keep_their_content_type(s3_bucket: Any, s3_client: Any) -> None:
    storage = S3Storage(s3_bucket.bucket, endpoint_url=s3_bucket.endpoint_url)
    key = new_key("documents")
    storage.put(key, b"data", content_type="image/png")

    grants = s3_client.get_object_acl(Bucket=s3_bucket.bucket, Key=key)["Grants"]
    assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"]
    assert grants[0]["Grantee"]["Type"] == "CanonicalUser"  # the owner, not AllUsers
    head = s3_client.head_object(Bucket=s3_bucket.bucket, Key=key)
    assert head["ContentType"] == "image/png"
    assert "ServerSideEncryption" not in head


def test_server_side_encryption_when_configured(tmp_path: Path, s3_bucket: Any, s3_client: Any) -> None:
    app = s3_app(tmp_path, s3_bucket, S3_SERVER_SIDE_ENCRYPTION="AES256")
    key = new_key("documents")
    app.extensions["storage"].put(key, b"data", content_type="text/plain")

    head = s3_client.head_object(Bucket=s3_bucket.bucket, Key=key)
    assert head["ServerSideEncryption"] == "AES256"


def test_healthcheck_reports_a_missing_bucket(s3_server: str) -> None:
    storage = S3Storage("no-such-bucket", endpoint_url=s3_server)
    health = storage.healthcheck()
    assert health["backend"] == "s3"
    assert health["ok"] is False
    assert health["error"] in {"404", "NoSuchBucket"}
