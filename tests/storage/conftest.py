"""A storage app per backend, so every contract test runs against local disk and S3."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from marketplace.storage import Storage

from .apps import make_app, s3_app


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def storage_app(request: pytest.FixtureRequest, tmp_path: Path) -> Flask:
    """Named so as not to shadow the project-wide `app` fixture (which needs a database)."""
    if request.param == "local":
        return make_app(tmp_path, STORAGE_BACKEND="local")
    return s3_app(tmp_path, request.getfixturevalue("s3_bucket"))


@pytest.fixture
def storage(storage_app: Flask) -> Storage:
    return storage_app.extensions["storage"]  # type: ignore[no-any-return]
