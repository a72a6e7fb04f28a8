"""File storage for supplier and notice documents, on local disk or in S3.

`init_app(app)` picks the backend from config once, at start-up; code then calls
`get_storage()` and sees only the small `Storage` interface.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask, current_app

from .backends import LocalStorage, S3Storage
from .base import (
    InvalidKey,
    ObjectNotFound,
    Storage,
    StorageConfigError,
    StorageError,
    check_key,
    content_disposition,
    new_key,
)
from .uploads import CheckedUpload, UploadRefused, check_upload, make_document_key

__all__ = [
    "CheckedUpload",
    "InvalidKey",
    "LocalStorage",
    "ObjectNotFound",
    "S3Storage",
    "Storage",
    "StorageConfigError",
    "StorageError",
    "UploadRefused",
    "check_key",
    "check_upload",
    "content_disposition",
    "create_storage",
    "get_storage",
    "init_app",
    "make_document_key",
    "new_key",
]


def init_app(app: Flask) -> Storage:
    storage = create_storage(app.config, instance_path=app.instance_path)
    app.extensions["storage"] = storage
    return storage


def create_storage(config: Mapping[str, Any], *, instance_path: str) -> Storage:
    """The backend the config asks for; `StorageConfigError` if the config is wrong."""
    backend = str(config.get("STORAGE_BACKEND") or "local").strip().lower()
    if backend == "local":
        return LocalStorage(config.get("STORAGE_LOCAL_PATH") or os.path.join(instance_path, "uploads"))
    if backend == "s3":
        # Credentials come from boto3's usual chain (AWS_* variables, instance role …).
        return S3Storage(
            bucket=config.get("S3_BUCKET") or "",
            region=config.get("S3_REGION") or "eu-west-2",
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            server_side_encryption=config.get("S3_SERVER_SIDE_ENCRYPTION") or None,
        )
    raise StorageConfigError(f"STORAGE_BACKEND must be 'local' or 's3', not {backend!r}")


def get_storage() -> Storage:
    try:
        return current_app.extensions["storage"]
    except KeyError:
        raise RuntimeError("Storage is not set up: call marketplace.storage.init_app(app) in create_app()") from None
