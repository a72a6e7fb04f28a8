"""The two storage backends: a folder on local disk, and an S3 bucket."""

from __future__ import annotations

import functools
import io
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import boto3
import botocore.session
from boto3.exceptions import S3UploadFailedError
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from botocore.loaders import Loader, create_loader
from flask import redirect, send_file
from werkzeug.wrappers import Response

from .base import InvalidKey, ObjectNotFound, StorageConfigError, StorageError, check_key, content_disposition

# Downloads may hold personal or commercial data: no shared caches, and no caching of
# a presigned URL after it has expired.
_NO_STORE = "private, no-store"


class LocalStorage:
    """Objects as files under `root`, for development, tests and single-server installs."""

    name = "local"

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageConfigError(f"Cannot create the upload folder {self.root}: {exc}") from exc

    def put(self, key: str, data: BinaryIO | bytes, *, content_type: str) -> None:
        # content_type is not kept: download_response is always told it by the caller.
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # The temporary name starts with "." so no valid key can ever refer to it.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        try:
            with os.fdopen(fd, "wb") as out:
                _copy(data, out)
                out.flush()
                os.fsync(out.fileno())
            # rename is atomic: a crash leaves the old object or the new one, never half.
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(path.parent)

    def open(self, key: str) -> BinaryIO:
        path = self._path(key)
        try:
            return path.open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectNotFound(key) from None

    def read(self, key: str) -> bytes:
        with self.open(key) as file:
            return file.read()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        if path.is_file():
            path.unlink(missing_ok=True)  # missing_ok: a concurrent delete may win the race

    def download_response(self, key: str, *, filename: str, content_type: str) -> Response:
        path = self._path(key)
        if not path.is_file():
            raise ObjectNotFound(key)
        response = send_file(path, mimetype=content_type, as_attachment=True, download_name=filename)
        response.headers["Content-Disposition"] = content_disposition(filename)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = _NO_STORE
        return response

    def healthcheck(self) -> dict[str, object]:
        if self.root.is_dir() and os.access(self.root, os.W_OK | os.X_OK):
            return {"backend": self.name, "ok": True}
        return {"backend": self.name, "ok": False, "error": f"{self.root} is not a writable folder"}

    def _path(self, key: str) -> Path:
        path = (self.root / check_key(key)).resolve()
        # check_key already rules out "..", but a symlink inside the root could point out.
        if not path.is_relative_to(self.root):
            raise InvalidKey(f"Key {key!r} points outside the storage folder")
        return path


class S3Storage:
    """Private objects in one S3 bucket; downloads go straight from S3 by presigned URL."""

    name = "s3"
    _ENCRYPTIONS = {"AES256", "aws:kms", "aws:kms:dsse"}

    def __init__(
        self,
        bucket: str,
        region: str = "eu-west-2",
        endpoint_url: str | None = None,
        *,
        server_side_encryption: str | None = None,
        url_expires: int = 60,
    ) -> None:
        if not bucket:
            raise StorageConfigError("S3_BUCKET must be set when STORAGE_BACKEND is 's3'")
        if server_side_encryption and server_side_encryption not in self._ENCRYPTIONS:
            raise StorageConfigError(
                f"S3_SERVER_SIDE_ENCRYPTION must be one of {sorted(self._ENCRYPTIONS)}, not {server_side_encryption!r}"
            )
        self.bucket = bucket
        self.url_expires = url_expires
        # No ACL is ever sent, so objects stay private to the bucket owner.
        self._put_args = {"ServerSideEncryption": server_side_encryption} if server_side_encryption else {}
        config = Config(
            signature_version="s3v4",
            # S3-compatible servers (moto, MinIO) have no per-bucket DNS names.
            s3={"addressing_style": "path" if endpoint_url else "virtual"},
            connect_timeout=5,
            read_timeout=30,
            retries={"mode": "standard", "max_attempts": 3},
        )
        self._client = _make_client(region_name=region, endpoint_url=endpoint_url, config=config)
        # One thread per upload: documents are small and gunicorn already has the threads.
        self._transfer = TransferConfig(use_threads=False)

    def put(self, key: str, data: BinaryIO | bytes, *, content_type: str) -> None:
        # S3 makes an object visible only once it is complete, so put is atomic.
        body = io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data
        extra = {"ContentType": content_type, **self._put_args}
        with _s3_errors(key):
            self._client.upload_fileobj(body, self.bucket, check_key(key), ExtraArgs=extra, Config=self._transfer)

    def read(self, key: str) -> bytes:
        with _s3_errors(key):
            return self._client.get_object(Bucket=self.bucket, Key=check_key(key))["Body"].read()

    def exists(self, key: str) -> bool:
        # Needs s3:ListBucket: without it S3 answers 403, not 404, for a missing key.
        try:
            with _s3_errors(key):
                self._client.head_object(Bucket=self.bucket, Key=check_key(key))
        except ObjectNotFound:
            return False
        return True

    def delete(self, key: str) -> None:
        with _s3_errors(key):  # S3 deletes are already idempotent
            self._client.delete_object(Bucket=self.bucket, Key=check_key(key))

    def download_response(self, key: str, *, filename: str, content_type: str) -> Response:
        # Check first so a stale key gets our 404 page, not an XML error from S3.
        if not self.exists(key):
            raise ObjectNotFound(key)
        params = {
            "Bucket": self.bucket,
            "Key": key,
            "ResponseContentDisposition": content_disposition(filename),
            "ResponseContentType": content_type,
        }
        url = self._client.generate_presigned_url("get_object", Params=params, ExpiresIn=self.url_expires)
        response = redirect(url, code=302)
        response.headers["Cache-Control"] = _NO_STORE
        return response

    def healthcheck(self) -> dict[str, object]:
        try:
            self._client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as exc:
            return {"backend": self.name, "ok": False, "error": _describe(exc)}
        return {"backend": self.name, "ok": True}


@functools.cache
def _shared_loader() -> Loader:
    return create_loader()


def _make_client(**options: Any) -> Any:
    # A session per client, so credentials are looked up afresh for each app (boto3's
    # default session is also not thread-safe); but one shared loader, so the S3 service
    # description is parsed once rather than for every client (~0.1 s each).
    session = botocore.session.Session()
    session.register_component("data_loader", _shared_loader())
    return boto3.session.Session(botocore_session=session).client("s3", **options)


def _copy(data: BinaryIO | bytes, out: BinaryIO) -> None:
    if isinstance(data, (bytes, bytearray, memoryview)):
        out.write(data)
    else:
        shutil.copyfileobj(data, out)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def _s3_errors(key: str) -> Iterator[None]:
    """Turn boto's exceptions into ours, so callers never import botocore."""
    try:
        yield
    except ClientError as exc:
        if _describe(exc) in {"404", "NoSuchKey", "NotFound"}:
            raise ObjectNotFound(key) from exc
        raise StorageError(f"S3 request for {key!r} failed: {_describe(exc)}") from exc
    except (BotoCoreError, S3UploadFailedError) as exc:
        raise StorageError(f"S3 request for {key!r} failed: {_describe(exc)}") from exc


def _describe(exc: Exception) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", "unknown"))
    return type(exc).__name__
