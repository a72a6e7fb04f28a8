"""Choosing and configuring the backend at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from marketplace.storage import LocalStorage, S3Storage, StorageConfigError, content_disposition, get_storage

from .apps import make_app


def test_local_is_the_default_and_lives_in_the_instance_folder(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    with app.app_context():
        storage = get_storage()
    assert isinstance(storage, LocalStorage)
    assert storage.root == (tmp_path / "instance" / "uploads").resolve()
    assert storage.root.is_dir()


def test_local_path_from_config(tmp_path: Path) -> None:
    app = make_app(tmp_path, STORAGE_LOCAL_PATH=str(tmp_path / "elsewhere"))
    assert app.extensions["storage"].root == (tmp_path / "elsewhere").resolve()


def test_an_unknown_backend_stops_start_up(tmp_path: Path) -> None:
    with pytest.raises(StorageConfigError, match="STORAGE_BACKEND must be 'local' or 's3', not 'ftp'"):
        make_app(tmp_path, STORAGE_BACKEND="ftp")


def test_s3_needs_a_bucket(tmp_path: Path) -> None:
    with pytest.raises(StorageConfigError, match="S3_BUCKET must be set"):
        make_app(tmp_path, STORAGE_BACKEND="s3", S3_BUCKET="")


def test_s3_refuses_an_unknown_encryption(tmp_path: Path) -> None:
    with pytest.raises(StorageConfigError, match="S3_SERVER_SIDE_ENCRYPTION"):
        make_app(tmp_path, STORAGE_BACKEND="s3", S3_BUCKET="b", S3_SERVER_SIDE_ENCRYPTION="rot13")


def test_s3_start_up_makes_no_request(tmp_path: Path) -> None:
    # Nothing listens on port 9; creating the client must not try to connect.
    app = make_app(tmp_path, STORAGE_BACKEND="s3", S3_BUCKET="b", S3_ENDPOINT_URL="http://127.0.0.1:9")
    assert isinstance(app.extensions["storage"], S3Storage)


def test_get_storage_before_init_app_explains_itself() -> None:
    with Flask(__name__).app_context(), pytest.raises(RuntimeError, match="init_app"):
        get_storage()


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("report.pdf", "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf"),
        ('a"b;c.pdf', "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf"),
        ("文件.pdf", "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E6%96%87%E4%BB%B6.pdf"),
        ("report", "attachment; filename=\"report\"; filename*=UTF-8''report"),
        ("文件", "attachment; filename=\"download\"; filename*=UTF-8''%E6%96%87%E4%BB%B6"),
    ],
)
def test_content_disposition(filename: str, expected: str) -> None:
    assert content_disposition(filename) == expected
