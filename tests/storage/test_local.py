"""What only the local-disk backend does: stream downloads, atomic writes, stay in its folder."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from marketplace.storage import InvalidKey, LocalStorage, new_key

from .apps import make_app


class BreaksHalfway(io.RawIOBase):
    """A client upload that dies after some bytes, as when a connection drops."""

    def __init__(self, good_bytes: int) -> None:
        self._left = good_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if self._left <= 0:
            raise ConnectionResetError("client went away")
        size = min(len(buffer), self._left, 4096)
        buffer[:size] = b"n" * size
        self._left -= size
        return size


@pytest.fixture
def local(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "uploads")


def test_download_streams_the_file_as_an_attachment(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    storage = app.extensions["storage"]
    key = new_key("documents")
    storage.put(key, b"%PDF-1.4 hello", content_type="application/pdf")

    with app.test_client().get(
        f"/download/{key}", query_string={"filename": "Café menu.pdf", "type": "application/pdf"}
    ) as response:  # closes the file send_file opened
        assert response.data == b"%PDF-1.4 hello"

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        "attachment; filename=\"Cafe menu.pdf\"; filename*=UTF-8''Caf%C3%A9%20menu.pdf"
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response.headers["Cache-Control"]


def test_a_failed_put_leaves_the_old_object_and_no_partial_file(local: LocalStorage) -> None:
    key = new_key("documents")
    local.put(key, b"version one", content_type="text/plain")

    with pytest.raises(ConnectionResetError):
        local.put(key, BreaksHalfway(10_000), content_type="text/plain")  # type: ignore[arg-type]

    assert local.read(key) == b"version one"
    assert os.listdir(local.root / "documents") == [key.split("/")[1]]


def test_a_failed_first_put_leaves_nothing(local: LocalStorage) -> None:
    key = new_key("documents")
    with pytest.raises(ConnectionResetError):
        local.put(key, BreaksHalfway(10_000), content_type="text/plain")  # type: ignore[arg-type]
    assert not local.exists(key)
    assert os.listdir(local.root / "documents") == []


def test_files_are_readable_only_by_the_app(local: LocalStorage) -> None:
    key = new_key("documents")
    local.put(key, b"private", content_type="text/plain")
    assert (local.root / key).stat().st_mode & 0o077 == 0


def test_open_returns_a_binary_file(local: LocalStorage) -> None:
    key = new_key("documents")
    local.put(key, b"contents", content_type="text/plain")
    with local.open(key) as file:
        assert file.read() == b"contents"


def test_a_symlink_cannot_lead_out_of_the_root(local: LocalStorage, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret").write_bytes(b"secret")
    (local.root / "documents").symlink_to(outside)

    with pytest.raises(InvalidKey):
        local.read("documents/secret")
    with pytest.raises(InvalidKey):
        local.put("documents/new", b"x", content_type="text/plain")
    assert sorted(os.listdir(outside)) == ["secret"]


def test_a_folder_is_not_an_object(local: LocalStorage) -> None:
    local.put(new_key("documents"), b"x", content_type="text/plain")
    assert not local.exists("documents")
    local.delete("documents")  # a no-op, not an error
    assert (local.root / "documents").is_dir()


def test_healthcheck_reports_a_missing_folder(local: LocalStorage) -> None:
    local.root.rmdir()
    assert local.healthcheck() == {
        "backend": "local",
        "ok": False,
        "error": f"{local.root} is not a writable folder",
    }
