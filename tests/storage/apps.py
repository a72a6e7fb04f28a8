"""Tiny Flask apps with only storage set up: no database, no blueprints."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, request

from marketplace.storage import get_storage, init_app


def make_app(tmp_path: Path, **config: Any) -> Flask:
    app = Flask(__name__, instance_path=str(tmp_path / "instance"))
    app.config.update(TESTING=True, **config)
    init_app(app)

    @app.get("/download/<path:key>")
    def download(key: str) -> Any:
        return get_storage().download_response(
            key, filename=request.args["filename"], content_type=request.args["type"]
        )

    return app


def s3_app(tmp_path: Path, s3_bucket: Any, **config: Any) -> Flask:
    return make_app(
        tmp_path,
        STORAGE_BACKEND="s3",
        S3_BUCKET=s3_bucket.bucket,
        S3_ENDPOINT_URL=s3_bucket.endpoint_url,
        **config,
    )
